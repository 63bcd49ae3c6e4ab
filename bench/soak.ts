/**
 * `npm run soak`: the load test's mix of good and hostile requests (tests/support/load-mix.ts), run for
 * SOAK_SECONDS (default 60) against `node dist/src/bin/serve.js` as a child process on 127.0.0.1, with a few
 * slow-loris connections opened every round. Prints requests, refusals per kind, good requests lost, and the
 * server's heap and RSS (after a full GC) at the start, every ~10 s and at the end; then stops the server with
 * SIGTERM. Exits 1 if a good request was lost, a hostile one was not refused with its status, a staller was
 * not cut off, or the server did not exit 0. Not part of `npm test`.
 */
import { HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../src/http/server.js';
import { newKeys, startServe } from '../tests/support/http.js';
import { usageOrBuild } from './args.js';
import {
  HOSTILE_KINDS,
  addFigures,
  emptyFigures,
  goodLost,
  heldoutQuestions,
  hostileMisrefused,
  mb,
  openStallers,
  runMix,
  summaryLine,
  type MixOptions,
  type StallOutcome,
} from '../tests/support/load-mix.js';

usageOrBuild(
  'soak',
  `Usage: npm run soak [-- --help]

Builds, then runs the load test's mix of good and hostile requests against serve.js as a process for
SOAK_SECONDS (default 60), with slow-loris connections, and prints what was answered, refused and lost and
the server's heap. Exit 1 if anything was lost or misrefused.`,
);

const seconds = Number(process.env.SOAK_SECONDS ?? 60);
if (!Number.isFinite(seconds) || seconds <= 0) {
  process.stderr.write('soak: SOAK_SECONDS must be a positive number of seconds\n');
  process.exit(2);
}
const CONCURRENCY = 16;
const ROUND_JOBS = 1000;

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const keys = newKeys();
const questions = heldoutQuestions();
const serve = await startServe({ publicHex: keys.publicHex, logLevel: 'info', gc: true });
log(
  `soak: serve.js pid ${serve.child.pid} on 127.0.0.1:${serve.port}, ${seconds} s, ${CONCURRENCY} connections, ` +
    `one request in 3 hostile (${HOSTILE_KINDS.length} kinds)`,
);

const mix = (jobs: number, deadlineMs: number): MixOptions => ({
  port: serve.port,
  privateKey: keys.privateKey,
  questions,
  jobs,
  concurrency: CONCURRENCY,
  hostileEvery: 3,
  deadlineMs,
});

const warm = await runMix(mix(300, 10_000));
const start = await serve.memory();
log(`start (after ${warm.requests} warm-up requests): heap ${mb(start.heapUsed)}, rss ${mb(start.rss)}`);

const total = addFigures(emptyFigures(), warm);
const stalling: Array<Promise<StallOutcome[]>> = [];
const began = performance.now();
let peakHeap = start.heapUsed;
let nextReport = 10_000;
while (performance.now() - began < seconds * 1000) {
  // Two connections of each stalling kind per round, held open while the round runs.
  stalling.push(openStallers(serve.port, 2, REQUEST_TIMEOUT_MS + 5000));
  const round = await runMix(mix(ROUND_JOBS, seconds * 1000 - (performance.now() - began)));
  addFigures(total, round);
  const elapsed = performance.now() - began;
  if (elapsed >= nextReport) {
    nextReport += 10_000;
    const m = await serve.memory();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    log(
      `${(elapsed / 1000).toFixed(0)} s: ${total.requests} requests, good lost ${goodLost(total)}, ` +
        `hostile not refused ${hostileMisrefused(total)}; heap ${mb(m.heapUsed)}, rss ${mb(m.rss)}`,
    );
  }
}
const ranMs = performance.now() - began;
const stalled = (await Promise.all(stalling)).flat();
const end = await serve.memory();
peakHeap = Math.max(peakHeap, end.heapUsed);

serve.child.kill('SIGTERM');
const exit = await serve.exited;
const errors = serve
  .stderr()
  .split('\n')
  .filter((l) => l.startsWith('{') && (JSON.parse(l) as { level: number }).level >= 50);

const cutOff = stalled.filter(
  (s) =>
    s.closedAfterMs !== null &&
    s.closedAfterMs < (s.kind === 'body-stalled' ? REQUEST_TIMEOUT_MS : HEADERS_TIMEOUT_MS) + 2000 &&
    !s.answered2xx,
).length;
log('');
log(`soak: ${(ranMs / 1000).toFixed(1)} s, ${total.requests} requests (${Math.round(total.requests / ((ranMs + warm.ms) / 1000))}/s)`);
log(`  ${summaryLine(total)}`);
log(`  slow-loris connections cut off by the server's deadlines: ${cutOff}/${stalled.length}`);
log(
  `  heap: ${mb(start.heapUsed)} at start → ${mb(end.heapUsed)} at end (peak of the samples ${mb(peakHeap)}); ` +
    `rss: ${mb(start.rss)} → ${mb(end.rss)}; all after a full GC`,
);
log(`  server: exit ${exit.code ?? exit.signal} after SIGTERM, ${errors.length} error log lines`);
for (const p of total.problems) log(`  problem: ${p}`);

const failed = goodLost(total) > 0 || hostileMisrefused(total) > 0 || cutOff < stalled.length || exit.code !== 0 || errors.length > 0;
process.exit(failed ? 1 : 0);
