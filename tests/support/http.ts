/**
 * Helpers for talking to the HTTP interactions endpoint on 127.0.0.1: Ed25519 request signing, interaction
 * payloads, plain node:http requests, a socket that stalls, and `dist/src/bin/serve.js` as a child process.
 * Shared by tests/http/server.test.ts, tests/e2e/http-load.test.ts and bench/soak.ts (no vitest imports here).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { request as httpRequest, type Agent } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/runtime/paths.js';

export interface TestKeys {
  publicKey: KeyObject;
  privateKey: KeyObject;
  /** The public key as the developer portal shows it: 64 hex characters. */
  publicHex: string;
}

export function newKeys(): TestKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicHex = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex');
  return { publicKey, privateKey, publicHex };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Discord's signature headers for `body`: Ed25519 over timestamp + body. */
export function signed(body: string, key: KeyObject, timestamp = String(nowSeconds())): Record<string, string> {
  const signature = sign(null, Buffer.from(timestamp + body), key).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}

export const APPLICATION = '1300000000000000001';
export const GUILD = '1300000000000000100';
export const CHANNEL = '1300000000000000200';

let nextId = 1_000_000_000_000_000_000n;

/** A fresh interaction (new id and token) of `type`, as Discord would POST it. */
export function interaction(
  type: number,
  data: unknown,
  userId: string,
  extra: Record<string, unknown> = {},
  permissions = '0',
): Record<string, unknown> {
  nextId += 1n;
  return {
    id: String(nextId),
    application_id: APPLICATION,
    type,
    token: `token-${nextId}`,
    version: 1,
    guild_id: GUILD,
    channel_id: CHANNEL,
    channel: { id: CHANNEL, type: 0 },
    member: { user: { id: userId, username: 'alice' }, permissions },
    data,
    ...extra,
  };
}

/** `/talks search query:<query>` as command data. */
export const searchData = (query: string): Record<string, unknown> => ({
  id: '1000000000000000001',
  name: 'talks',
  type: 1,
  options: [{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: query }] }],
});

export interface HttpAnswer {
  status: number;
  text: string;
}

/** One request with node:http; resolves with the status and body, rejects on a socket error. */
export function send(
  port: number,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    agent?: Agent | false;
    timeoutMs?: number;
  },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/interactions',
        headers: options.headers,
        agent: options.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 15_000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Open a raw socket, write `opening` (then `trickle` bytes every `trickleMs`, if given) and never finish the
 * request. Resolves with how long the server took to close the connection, or null if it was still open after
 * `giveUpMs` (then we close it ourselves). Whatever the server wrote back is returned too.
 */
export function stall(
  port: number,
  opening: string,
  giveUpMs: number,
  trickle?: { text: string; everyMs: number },
): Promise<{ closedAfterMs: number | null; received: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    let received = '';
    let ticker: NodeJS.Timeout | undefined;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(opening);
      if (trickle) {
        ticker = setInterval(() => {
          if (socket.writable) socket.write(trickle.text);
        }, trickle.everyMs);
      }
    });
    const timer = setTimeout(() => {
      clearInterval(ticker);
      socket.destroy();
      resolve({ closedAfterMs: null, received });
    }, giveUpMs);
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      clearInterval(ticker);
      resolve({ closedAfterMs: performance.now() - started, received });
    });
    socket.on('error', () => undefined);
  });
}

/**
 * Write `raw` on a socket of its own and collect what comes back: until the server closes the connection
 * (`closedByServer`), or until we hang up ourselves after `hangUpAfterMs`, once `until(received)` holds, or
 * when we give up after `giveUpMs`.
 */
export function exchange(
  port: number,
  raw: string | Buffer,
  options: { hangUpAfterMs?: number; giveUpMs?: number; until?: (received: string) => boolean } = {},
): Promise<{ received: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    let received = '';
    let hungUp = false;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(raw);
      if (options.hangUpAfterMs !== undefined) {
        setTimeout(() => {
          hungUp = true;
          socket.destroy();
        }, options.hangUpAfterMs);
      }
    });
    const timer = setTimeout(() => {
      hungUp = true;
      socket.destroy();
    }, options.giveUpMs ?? 15_000);
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1');
      if (options.until?.(received)) {
        hungUp = true;
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ received, closedByServer: !hungUp });
    });
  });
}

/** The status of every response in `received` (several when requests were pipelined), in order. */
export function statusesOf(received: string): number[] {
  return [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
}

const SERVE_JS = join(PROJECT_ROOT, 'dist', 'src', 'bin', 'serve.js');
/** Preload for the served child: SIGUSR2 runs a full GC, so the next /health reports live memory. */
const GC_PRELOAD = join(PROJECT_ROOT, 'tests', 'support', 'gc-on-signal.mjs');

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** Everything the child wrote so far (stderr holds the JSON log lines). */
  stdout: () => string;
  stderr: () => string;
  /** Resolves when `pattern` appears in the child's stdout or stderr. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  /** Resolves with the exit code (or signal) once the child has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Full GC in the child (needs `gc: true`), then its /health memory figures. */
  memory: () => Promise<{ heapUsed: number; rss: number }>;
}

/**
 * Start `node dist/src/bin/serve.js` on 127.0.0.1, port 0, and wait for its "listening on" line.
 * With `gc: true` the child runs with --expose-gc and the GC preload (see {@link GC_PRELOAD}), and HEALTH_DETAIL=1.
 */
export async function startServe(options: {
  publicHex: string;
  logLevel?: string;
  gc?: boolean;
  startTimeoutMs?: number;
  env?: Record<string, string>;
}): Promise<ServeProcess> {
  const args = options.gc ? ['--expose-gc', '--import', GC_PRELOAD, SERVE_JS] : [SERVE_JS];
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_PUBLIC_KEY: options.publicHex,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: options.logLevel ?? 'info',
      // memory() reads /health's memory figures, which only HEALTH_DETAIL=1 reports.
      ...(options.gc ? { HEALTH_DETAIL: '1' } : {}),
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = (): void => {
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    poke();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString('utf8');
    poke();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal });
      poke();
    });
  });
  const waitFor = (pattern: RegExp, timeoutMs = 10_000, from = 0): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (pattern.test(out.slice(from)) || pattern.test(err.slice(from))) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`serve exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}; stderr: ${err.slice(-2000)}`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${pattern} from serve within ${timeoutMs} ms; stderr: ${err.slice(-2000)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  await waitFor(/listening on http:\/\/127\.0\.0\.1:\d+\/interactions/, options.startTimeoutMs ?? 15_000);
  const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)?.[1]);
  let gcs = 0;
  const memory = async (): Promise<{ heapUsed: number; rss: number }> => {
    if (!options.gc) throw new Error('startServe: memory() needs gc: true');
    gcs += 1;
    const mark = out.length;
    child.kill('SIGUSR2');
    await waitFor(new RegExp(`^gc ${gcs}$`, 'm'), 5000, mark);
    const health = await send(port, { method: 'GET', path: '/health', agent: false });
    const body = JSON.parse(health.text) as { memory: { heapUsed: number; rss: number } };
    return body.memory;
  };
  return { child, port, stdout: () => out, stderr: () => err, waitFor: (p, t) => waitFor(p, t), exited, memory };
}
