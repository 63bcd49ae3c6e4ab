/**
 * Listening on a port that cannot be had (`npm run serve` with PORT taken): one line naming the port and what to
 * change, exit 1; never Node's unhandled 'error' stack trace.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { createInteractionsServer, ListenError, listenProblem } from '../../src/http/server.js';
import { publicKeyFromHex } from '../../src/http/signature.js';
import { createLogger } from '../../src/runtime/logger.js';
import { ROOT, seedCorpus } from '../support/seeds.js';

/** A port held by another server for the whole file. */
let taken: Server;
let port: number;

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => taken.close(resolve));
});

describe('listening on a port in use', () => {
  it('rejects with one line naming the port, and the endpoint can still close', async () => {
    const endpoint = createInteractionsServer({
      commands: COMMANDS,
      publicKey: publicKeyFromHex('ab'.repeat(32)),
      corpus: seedCorpus(),
      logger: createLogger({ level: 'silent' }),
    });
    const failed = await endpoint.listen(port, '127.0.0.1').catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(ListenError);
    expect(failed).toMatchObject({ code: 'EADDRINUSE', message: `port ${port} is already in use (set PORT to another)` });
    // A free port still works through the same call.
    const free = createInteractionsServer({
      commands: COMMANDS,
      publicKey: publicKeyFromHex('ab'.repeat(32)),
      corpus: seedCorpus(),
      logger: createLogger({ level: 'silent' }),
    });
    expect(await free.listen(0, '127.0.0.1')).toBeGreaterThan(0);
    await free.close();
  });

  it('says the other usual reasons plainly too', () => {
    const err = (code: string): Error & { code: string } => Object.assign(new Error(`listen ${code}`), { code });
    expect(listenProblem(err('EACCES'), 80, '0.0.0.0').message).toBe(
      'port 80 needs privileges this process lacks (set PORT to 1024 or above)',
    );
    expect(listenProblem(err('EADDRNOTAVAIL'), 8080, '10.9.9.9').message).toBe(
      'HOST 10.9.9.9 is not an address of this machine (set HOST, e.g. 0.0.0.0)',
    );
    expect(listenProblem(err('EWHATEVER'), 8080, '::').message).toBe('cannot listen on :::8080: listen EWHATEVER');
  });

  it('npm run serve prints that line alone and exits 1', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'bin', 'serve.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ status, stdout, stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: `serve: port ${port} is already in use (set PORT to another)\n`,
    });
  }, 30_000);
});
