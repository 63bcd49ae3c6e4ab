/**
 * Issue 23's figures: an operator adds a 5,000-word article (`talks library add`, one process) while the HTTP
 * endpoint (another) answers searches; how long until the endpoint answers from it, at today's size and at about
 * 10,000 passages; the searches' p99 while it rebuilds, against idle; what the article adds to the endpoint's heap.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../src/runtime/paths.js';

const SERVE = join(PROJECT_ROOT, 'dist', 'src', 'bin', 'serve.js');
const TALKS = join(PROJECT_ROOT, 'dist', 'src', 'bin', 'talks.js');
const GC = join(PROJECT_ROOT, 'tests', 'support', 'gc-on-signal.mjs');
const SEEDS = join(PROJECT_ROOT, 'seeds');

export interface LibraryFigure {
  passages: number;
  /** From the operator's add returning to the endpoint answering from the article. */
  answerableMs: number;
  idleP99: number;
  rebuildP99: number;
  /** What an add kept (the fourth, after one more with no searches meanwhile): the article's memory, not the searches'. */
  heapGrowthMB: number;
  /**
   * What the measured add grew the heap by with searches coming meanwhile: that counts their state too (each one's
   * signature kept until it expires, the answers cached), however the article does.
   */
  loadedHeapGrowthMB: number;
  /** What the first add (another article of the same size) grew the heap by: the article and the swap's code compiled once. */
  firstAddGrowthMB: number;
  /** The article's share of the library's heap before: its passages over all, times the heap. */
  articleShareMB: number;
  articlePassages: number;
}

/** A 5,000-word invented article whose one rare word (`marker`) only it holds. */
function article(marker: string): string {
  const words = ['envoys', 'ministers', 'delegations', 'mediators', 'inspectors', 'observers'];
  const places = ['Geneva', 'Vienna', 'Doha', 'Ankara', 'Oslo', 'Valletta'];
  const out = [
    `The ${marker} inspection talks (invented article for the benchmark)`,
    '',
    'By Bench Writer',
    '',
    'Published 2 March 2026',
    '',
  ];
  let count = 0;
  for (let p = 0; count < 5000; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 5; s++) {
      const who = words[(p + s) % words.length];
      const where = places[(p * 3 + s) % places.length];
      const sentence =
        `On ${1 + ((p + s) % 28)} February the ${who} met in ${where} to discuss paragraph ${p} of the ${marker} protocol ` +
        'and its inspections of grain ships.';
      sentences.push(sentence);
      count += sentence.split(' ').length;
    }
    out.push(sentences.join(' '), '');
  }
  return out.join('\n');
}

/** A seeds folder of about `passages` passages: the seed articles copied under new names. */
function bigSeeds(dir: string, copies: number): void {
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(SEEDS, 'sources.json'), 'utf8')) as { sources: Array<{ id: string; file: string }> };
  const sources = [];
  for (let c = 0; c < copies; c++) {
    for (const s of manifest.sources) {
      const file = `c${c}-${s.file}`;
      copyFileSync(join(SEEDS, s.file), join(dir, file));
      sources.push({ ...s, id: `${s.id}-c${c}`, file });
    }
  }
  writeFileSync(join(dir, 'sources.json'), JSON.stringify({ sources }));
}

function post(port: number, body: string, key: KeyObject): Promise<{ ms: number; text: string }> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), key).toString('hex');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/interactions',
        headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString('utf8')));
        res.on('end', () => resolve({ ms: performance.now() - started, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let nextId = 1_000_000_000_000_000_000n;
function search(query: string): string {
  nextId += 1n;
  return JSON.stringify({
    id: String(nextId),
    application_id: '1300000000000000001',
    type: 2,
    token: `t${nextId}`,
    version: 1,
    guild_id: '1300000000000000100',
    channel_id: '1300000000000000200',
    member: { user: { id: String(1400000000000000000n + (nextId % 100000n)), username: 'bench' }, permissions: '0' },
    data: {
      id: '1000000000000000001',
      name: 'talks',
      type: 1,
      options: [{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: query }] }],
    },
  });
}

/** A child process run to its end without blocking this one: its status and output. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

async function health(port: number, child: ChildProcess): Promise<{ heapUsed: number; passages: number }> {
  // A full collection first (the GC preload), so the figure is live memory.
  const collected = new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  child.kill('SIGUSR2');
  await collected;
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/health' }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => {
        const h = JSON.parse(text) as { passages: number; memory: { heapUsed: number } };
        resolve({ heapUsed: h.memory.heapUsed, passages: h.passages });
      });
    })
      .on('error', reject)
      .end();
  });
}

/**
 * One figure: an endpoint on `seedsDir`, idle searches, then two adds while searches go on (the second measured),
 * then two with none, the second measured for the memory an add keeps.
 */
export async function libraryFigure(tmp: string, copies: number, questions: readonly string[]): Promise<LibraryFigure> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicHex = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex');
  const root = join(tmp, `library-${copies}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const seedsDir = copies > 0 ? join(root, 'seeds') : SEEDS;
  if (copies > 0) bigSeeds(seedsDir, copies);
  const env = { PATH: process.env.PATH ?? '', DATA_DIR: join(root, 'data'), TALKS_SEEDS_DIR: seedsDir, LOG_LEVEL: 'warn' };
  // The corpus cached first, as `npm run build` leaves it: the endpoint then starts from its snapshot.
  spawnSync(process.execPath, [TALKS, 'sources', '--json'], { env, stdio: 'ignore' });
  const serve = spawn(process.execPath, ['--expose-gc', '--import', GC, SERVE], {
    env: { ...env, DISCORD_PUBLIC_KEY: publicHex, PORT: '0', HOST: '127.0.0.1', HEALTH_DETAIL: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString('utf8');
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        serve.stdout?.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    serve.stdout?.on('data', onData);
    serve.once('exit', (code) => reject(new Error(`serve exited (${code})`)));
  });
  try {
    // Idle: distinct questions (none answered from the cache), after a warm-up round, one at a time.
    const asked = (i: number): string => `${questions[i % questions.length] ?? 'talks'} ${i}`;
    for (let i = 0; i < questions.length; i++) await post(port, search(asked(10_000 + i)), privateKey);
    const idle: number[] = [];
    for (let i = 0; i < questions.length; i++) idle.push((await post(port, search(asked(20_000 + i)), privateKey)).ms);
    // Let the worker warm (it builds the library once at start), then the heap before.
    await new Promise((r) => setTimeout(r, copies > 0 ? 15_000 : 3000));
    /** One add from another process, searches coming meanwhile; resolves a moment after the endpoint answers from it. */
    const addArticle = async (marker: string, offset: number) => {
      const file = join(root, `${marker}.txt`);
      writeFileSync(file, article(marker));
      const busy: number[] = [];
      let answered = false;
      const load = (async () => {
        for (let i = 0; !answered; i++) busy.push((await post(port, search(asked(offset + i)), privateKey)).ms);
      })();
      // Run beside the searches, not in their way: a synchronous spawn would stall this process's own clock and
      // count its stall as the endpoint's latency.
      const added = await run(process.execPath, [TALKS, 'library', 'add', file, '--json'], env);
      if (added.status !== 0) throw new Error(`talks library add failed: ${added.stderr}`);
      const acknowledged = performance.now();
      const answerableMs = await (async (): Promise<number> => {
        for (;;) {
          const r = await post(port, search(`${marker} protocol`), privateKey);
          if (r.text.includes(`${marker}-inspection`)) return performance.now() - acknowledged;
          if (performance.now() - acknowledged > 120_000) throw new Error('the added article was not answered within 2 minutes');
          await new Promise((r2) => setTimeout(r2, 20));
        }
      })();
      answered = true;
      await load;
      // Memory kept, not memory in passing: the rebuilt library's snapshot text is let go within a moment of the swap.
      await new Promise((r) => setTimeout(r, 1000));
      const { preview } = JSON.parse(added.stdout) as { preview: { passages: number } };
      return { answerableMs, busy, passages: preview.passages };
    };
    // A first add, unmeasured but for its memory: the endpoint's first rebuild compiles the swap's code once.
    const first = await health(port, serve);
    await addArticle(`quillwort${copies}a`, 40_000);
    const before = await health(port, serve);
    const { answerableMs, busy, passages: articlePassages } = await addArticle(`quillwort${copies}`, 30_000);
    const after = await health(port, serve);
    // Then adds with no searches meanwhile, waited for through /health (which keeps nothing), for the article's memory
    // alone: the first lets the searches' state go (their cached answers go with the library they were asked of), the
    // second is measured.
    const quietAdd = async (marker: string): Promise<{ before: number; after: number; passages: number }> => {
      const file = join(root, `${marker}.txt`);
      writeFileSync(file, article(marker));
      const was = await health(port, serve);
      const added = await run(process.execPath, [TALKS, 'library', 'add', file, '--json'], env);
      if (added.status !== 0) throw new Error(`talks library add failed: ${added.stderr}`);
      const acknowledged = performance.now();
      while ((await health(port, serve)).passages <= was.passages) {
        if (performance.now() - acknowledged > 120_000) throw new Error('a quiet add was not answered within 2 minutes');
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 1000));
      return { before: was.heapUsed, after: (await health(port, serve)).heapUsed, passages: was.passages };
    };
    await quietAdd(`quillwort${copies}p`);
    const quiet = await quietAdd(`quillwort${copies}q`);
    return {
      passages: before.passages,
      answerableMs,
      idleP99: pct(idle, 0.99),
      rebuildP99: pct(busy, 0.99),
      heapGrowthMB: (quiet.after - quiet.before) / 1e6,
      loadedHeapGrowthMB: (after.heapUsed - before.heapUsed) / 1e6,
      firstAddGrowthMB: (before.heapUsed - first.heapUsed) / 1e6,
      articleShareMB: (quiet.before * articlePassages) / quiet.passages / 1e6,
      articlePassages,
    };
  } finally {
    serve.kill('SIGTERM');
    await new Promise((r) => serve.once('exit', r));
    if (copies > 0) rmSync(root, { recursive: true, force: true });
    for (const f of readdirSync(tmp)) if (f.startsWith('library-')) rmSync(join(tmp, f), { recursive: true, force: true });
  }
}
