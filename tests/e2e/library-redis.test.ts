/**
 * One library for every instance (issue 23): two processes on one real redis-server. An operator adds an article
 * with `talks library add` (one process); a running HTTP endpoint (another) answers from it within 2 s; an
 * endpoint started later loads it; Redis restarting mid-way (with its append-only file, as production must run
 * it) loses nothing, and the endpoint follows the next change.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interaction, newKeys, searchData, send, signed, startServe, type ServeProcess } from '../support/http.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';
import { ROOT, tempDir } from '../support/seeds.js';

const TALKS = join(ROOT, 'dist', 'src', 'bin', 'talks.js');
const keys = newKeys();
let redis: RedisServer;
const serves: ServeProcess[] = [];

function article(word: string): string {
  return [
    `Talks on the ${word} corridor resume (invented article for testing)`,
    '',
    'By Ida Brenner',
    '',
    'Published 3 March 2026',
    '',
    `GENEVA, 3 March 2026 (Invented Wire) — Negotiators agreed on the ${word} corridor for grain ships, the mediators said, ` +
      `after two days of talks.`,
    '',
    `On 1 March, the delegations first met in Geneva to discuss the ${word} corridor and its inspections.`,
  ].join('\n');
}

function add(word: string, env: Record<string, string>): { code: number | null; out: string; err: string } {
  const file = join(tempDir('library-redis'), `${word}.txt`);
  writeFileSync(file, article(word));
  const r = spawnSync(process.execPath, [TALKS, 'library', 'add', file, '--json'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Seconds until `serve`'s search for `word` cites an added article (or fails past `limitMs`). */
async function untilAnswered(serve: ServeProcess, word: string, limitMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const body = JSON.stringify(
      interaction(2, searchData(`${word} corridor`), `14000000000000${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`),
    );
    const answer = await send(serve.port, { body, headers: { 'content-type': 'application/json', ...signed(body, keys.privateKey) } });
    if (answer.text.includes(`${word}-corridor`)) return Date.now() - started;
    if (Date.now() - started > limitMs)
      throw new Error(`no answer citing the ${word} article within ${limitMs} ms: ${answer.text.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  redis = await startRedisServer({ persist: true });
}, 20_000);

afterAll(async () => {
  for (const s of serves) s.child.kill('SIGTERM');
  await Promise.all(serves.map((s) => s.exited));
  await redis?.stop();
});

describe('a library shared through Redis', () => {
  it('reaches a running instance within 2 s, one started later, and survives Redis restarting', async () => {
    const env = { REDIS_URL: redis.url, TALKS_NO_CACHE: '1', DATA_DIR: tempDir('unused-data') };
    const first = await startServe({ publicHex: keys.publicHex, env: { ...env, LOG_LEVEL: 'info' } });
    serves.push(first);
    const added = add('amberline', env);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({
      added: true,
      revision: 1,
      store: expect.stringMatching(/^Redis at 127\.0\.0\.1:/) as unknown,
    });
    expect(await untilAnswered(first, 'amberline', 2000)).toBeLessThan(2000);

    const later = await startServe({ publicHex: keys.publicHex, env });
    serves.push(later);
    expect(await untilAnswered(later, 'amberline', 500)).toBeLessThan(500);

    // Killed and started again: its append-only file keeps the library; the instances reconnect and follow.
    await redis.restart();
    expect(add('amberline', env).code).toBe(2);
    expect(add('cobaltine', env).code).toBe(0);
    for (const s of [first, later]) expect(await untilAnswered(s, 'cobaltine', 5000)).toBeLessThan(5000);
    expect(await untilAnswered(first, 'amberline', 500)).toBeLessThan(500);
  }, 90_000);
});
