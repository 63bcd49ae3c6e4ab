/**
 * The HTTP interactions endpoint as its own process (`node dist/src/bin/serve.js`, what `npm run serve` runs),
 * on 127.0.0.1 only: a bounded load of good and hostile requests with memory measured in the server, and
 * shutdown with a request in flight. `npm test` builds dist/ first.
 */
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../../src/http/server.js';
import { interaction, newKeys, searchData, send, signed, startServe, type ServeProcess } from '../support/http.js';
import {
  HOSTILE_KINDS,
  addFigures,
  emptyFigures,
  goodLost,
  heldoutQuestions,
  hostileMisrefused,
  hostileSent,
  mb,
  openStallers,
  runMix,
  summaryLine,
  type MixOptions,
} from '../support/load-mix.js';

const keys = newKeys();
const questions = heldoutQuestions();

/** pino's JSON lines from the child's stderr. */
function logLines(stderr: string): Array<{ level: number; msg: string; [k: string]: unknown }> {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string });
}

describe('HTTP endpoint under a bounded load of good and hostile requests', () => {
  let serve: ServeProcess;

  beforeAll(async () => {
    serve = await startServe({ publicHex: keys.publicHex, logLevel: 'info', gc: true });
  });

  afterAll(async () => {
    if (serve.child.exitCode === null) {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });

  it('answers every good request, refuses every hostile one with its status, cuts off stallers, and memory stays flat', async () => {
    const { port } = serve;
    const mix = (jobs: number): MixOptions => ({
      port,
      privateKey: keys.privateKey,
      questions,
      jobs,
      concurrency: 16,
      hostileEvery: 3,
      deadlineMs: 8000,
    });

    // Connections that never finish, held open alongside the whole load (5 of each kind). We give up on them
    // only long after the server's deadlines, so a loaded machine that closes them late still passes.
    const stalling = openStallers(port, 5, REQUEST_TIMEOUT_MS + 10_000);

    // Warm-up: JIT, the index's lazy structures, the first entries of the replay and cooldown maps.
    const warm = await runMix(mix(300));
    const heapBefore = await serve.memory();
    const first = await runMix(mix(1200));
    const heapFirst = await serve.memory();
    const second = await runMix(mix(1200));
    const heapSecond = await serve.memory();
    const stalled = await stalling;

    // Still answering afterwards.
    const after = JSON.stringify(interaction(2, searchData('grain deal'), '1900000000000000001'));
    const answer = await send(port, { body: after, headers: signed(after, keys.privateKey), agent: false });
    const health = await send(port, { method: 'GET', path: '/health', agent: false });

    const total = addFigures(addFigures(addFigures(emptyFigures(), warm), first), second);
    const closedBy = (kind: string): string =>
      stalled
        .filter((s) => s.kind === kind)
        .map((s) => (s.closedAfterMs === null ? 'open' : `${(s.closedAfterMs / 1000).toFixed(1)}s`))
        .join(' ');
    console.log(
      `[http-load] ${summaryLine(total)}; stallers closed by the server: headers-stalled ${closedBy('headers-stalled')}, ` +
        `headers-trickled ${closedBy('headers-trickled')}, body-stalled ${closedBy('body-stalled')}; ` +
        `heap after warm-up ${mb(heapBefore.heapUsed)}, after round 1 ${mb(heapFirst.heapUsed)}, ` +
        `after round 2 ${mb(heapSecond.heapUsed)} (rss ${mb(heapBefore.rss)} → ${mb(heapSecond.rss)}); ` +
        `rounds ${(first.ms / 1000).toFixed(1)} s and ${(second.ms / 1000).toFixed(1)} s`,
    );

    // Every job ran (none cut short by the deadline), and nothing went wrong on any of them.
    expect(total.problems).toEqual([]);
    expect(first.good.sent + hostileSent(first)).toBeGreaterThanOrEqual(1200);
    expect(second.good.sent + hostileSent(second)).toBeGreaterThanOrEqual(1200);
    expect(total.good.sent).toBeGreaterThan(1500);
    expect(goodLost(total)).toBe(0);
    // Most held-out questions find passages; the rest get a (content-only) notice, still an answer.
    expect(total.good.withEmbeds).toBeGreaterThan(total.good.sent / 2);
    expect(hostileMisrefused(total)).toBe(0);
    for (const kind of HOSTILE_KINDS) expect(total.hostile[kind].sent, kind).toBeGreaterThanOrEqual(10);

    // Each staller closed by the server (not by us giving up), not before its deadline, never answered with a 2xx.
    expect(stalled).toHaveLength(15);
    const deadline = (kind: string): number => (kind === 'body-stalled' ? REQUEST_TIMEOUT_MS : HEADERS_TIMEOUT_MS);
    expect(stalled.filter((s) => s.closedAfterMs === null || s.closedAfterMs < deadline(s.kind) - 100 || s.answered2xx)).toEqual([]);

    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.text) as { type: number }).type).toBe(4);
    const healthBody = JSON.parse(health.text) as { ok: boolean; handled: number; refused: Record<string, number> };
    expect(health.status).toBe(200);
    expect(healthBody.ok).toBe(true);
    // The server counted what the clients saw.
    expect(healthBody.handled).toBe(total.good.answered + 1);
    expect(healthBody.refused['signature-replayed']).toBe(total.hostile.replayed.sent);
    expect(healthBody.refused['body-too-large']).toBe(total.hostile.oversized.sent + total.hostile['oversized-chunked'].sent);

    // Memory is flat. Each figure is taken after a full GC in the server. Between round 1 and round 2 (1,200
    // jobs each) the heap may still grow legitimately: the replay map (up to 10,000 signatures) and the
    // cooldown buckets (up to 10,000 users, one per good search here) are bounded but not yet full at this
    // size, about 0.3 KB a request; measured growth is 0.6–0.9 MB a round in all. The 2 MB bound leaves room
    // for that and for V8's own bookkeeping, and still fails any leak over ~1 KB a request: keeping every
    // response body, for one, was measured at +4.3 MB a round. Smaller leaks are for `npm run soak`, where the
    // heap must level off once those maps are full.
    expect(heapSecond.heapUsed - heapFirst.heapUsed).toBeLessThan(2 * 1024 * 1024);

    // Nothing logged an error (a handler throwing would log "interactions endpoint failed").
    expect(logLines(serve.stderr()).filter((l) => l.level >= 50)).toEqual([]);
  }, 60_000);
});

describe('HTTP endpoint shutdown as a process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s stops accepting, finishes the request in flight with 200, logs and exits 0',
    async (sig) => {
      const serve = await startServe({ publicHex: keys.publicHex, logLevel: 'info' });
      const { port } = serve;
      try {
        // A few ordinary requests over a kept-alive connection, which then sits idle.
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        for (const q of questions.slice(0, 3)) {
          const body = JSON.stringify(interaction(2, searchData(q), '1900000000000000002'));
          const r = await send(port, { body, headers: signed(body, keys.privateKey), agent });
          expect(r.status).toBe(200);
        }
        const idle = Object.values(agent.freeSockets).flat();
        expect(idle).toHaveLength(1);
        const events: string[] = [];
        idle[0]?.once('close', () => events.push('idle connection closed'));

        // The request in flight, on a connection of its own that asks to be kept alive: headers and half the
        // body now, the rest after the signal.
        const inFlightAgent = new Agent({ keepAlive: true, maxSockets: 1 });
        const body = JSON.stringify(interaction(2, searchData('grain deal'), '1900000000000000003'));
        let responseHeaders: Record<string, string | string[] | undefined> = {};
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/interactions',
          agent: inFlightAgent,
          headers: { ...signed(body, keys.privateKey), 'content-length': String(Buffer.byteLength(body)) },
        });
        const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
          req.on('response', (res) => {
            responseHeaders = res.headers;
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          });
          req.on('error', reject);
        });
        req.flushHeaders();
        req.write(body.slice(0, 40));
        await new Promise((r) => setTimeout(r, 300));

        const signalled = performance.now();
        serve.child.kill(sig);
        await serve.waitFor(/shutting down/);
        // No longer accepting: a new connection is refused (reset, if it reached the backlog just before close).
        await expect(send(port, { method: 'GET', path: '/health', agent: false })).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);

        await new Promise((r) => setTimeout(r, 200));
        req.end(body.slice(40));
        const done = await inFlight;
        events.push('request in flight answered');
        expect(done.status).toBe(200);
        const reply = JSON.parse(done.text) as { type: number; data: { embeds: unknown[] } };
        expect(reply.type).toBe(4);
        expect(reply.data.embeds.length).toBeGreaterThan(0);
        // Though it asked for keep-alive, it is told to go elsewhere for the next request.
        expect(responseHeaders.connection).toBe('close');

        const exit = await serve.exited;
        const exitMs = performance.now() - signalled;
        agent.destroy();
        inFlightAgent.destroy();
        console.log(
          `[http-shutdown] request in flight at ${sig} answered ${done.status} (connection: ${String(responseHeaders.connection)}); ` +
            `exit ${exit.code} ${Math.round(exitMs)} ms after ${sig}`,
        );
        expect(exit).toEqual({ code: 0, signal: null });
        // Promptly, by the order of events rather than a time: the server closed the idle connection at the signal,
        // before the request in flight was answered (waiting for its keep-alive timeout it would close it after),
        // and that one was answered with `connection: close`: neither holds the process for its keep-alive.
        expect(events).toEqual(['idle connection closed', 'request in flight answered']);
        const lines = logLines(serve.stderr());
        expect(lines.find((l) => l.msg === 'shutting down: finishing requests in flight')).toMatchObject({ signal: sig });
        expect(lines.at(-1)?.msg).toBe('closed');
        expect(lines.filter((l) => l.level >= 50)).toEqual([]);
      } finally {
        if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
      }
    },
  );
});
