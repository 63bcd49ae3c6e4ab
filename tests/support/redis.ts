/**
 * A real `redis-server` (Debian's `redis-server` package; `.ci/run` installs it) for the tests that share
 * replays and cooldowns through Redis: started on a free loopback port with a temporary folder, never as a
 * system service, and stopped by the test. Where it is not installed, starting it fails with a message that
 * says so: these tests never skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  port: number;
  /** redis://127.0.0.1:<port> */
  url: string;
  /** Kill it at once (SIGKILL: a crash, nothing saved), and wait until it is gone. */
  kill: () => Promise<void>;
  /** Freeze it (SIGSTOP): connections stay open, nothing is answered. `resume` (SIGCONT) thaws it. */
  pause: () => void;
  resume: () => void;
  /** Kill it and start it again on the same port: empty, unless started with `persist`. */
  restart: () => Promise<void>;
  /** Stop it for good and remove its folder. */
  stop: () => Promise<void>;
}

/** The binary: REDIS_SERVER if set, else `redis-server` on the PATH. Throws with the install command if absent. */
function redisServerPath(): string {
  const path = process.env.REDIS_SERVER || 'redis-server';
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `redis-server is not installed (needed by the Redis tests; they never skip): ` +
        `apt-get install -y redis-server (.ci/run does it), or set REDIS_SERVER to its path`,
    );
  }
  return path;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function launch(binary: string, port: number, dir: string, persist: boolean): Promise<ChildProcess> {
  // appendfsync always: what Redis acknowledged is on disk before a SIGKILL, as an operator's `appendonly yes` keeps it.
  const durability = persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...durability, '--daemonize', 'no', '--logfile', ''],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on 127.0.0.1:${port} within 5 s: ${output.slice(-1000)}`));
    }, 5000);
    const onData = (d: Buffer): void => {
      output += d.toString('utf8');
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) before it was ready: ${output.slice(-1000)}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A redis-server of its own; `persist`: with an append-only file, so a restart keeps what it held (as production must). */
export async function startRedisServer(options: { persist?: boolean } = {}): Promise<RedisServer> {
  const binary = redisServerPath();
  const dir = mkdtempSync(join(tmpdir(), 'talks-redis-'));
  const port = await freePort();
  const persist = options.persist === true;
  let child: ChildProcess | null = await launch(binary, port, dir, persist);
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (!child) return;
    const done = exited(child);
    child.kill(signal);
    await done;
    child = null;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => end('SIGKILL'),
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    restart: async () => {
      await end('SIGKILL');
      child = await launch(binary, port, dir, persist);
    },
    stop: async () => {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
