/**
 * Two HTTP endpoint processes (`node dist/src/bin/serve.js`, as `npm run serve` runs) sharing one real
 * redis-server through REDIS_URL, behind one test client on 127.0.0.1, as a load balancer would spread
 * Discord's requests: a replay sent to the other instance is refused, a cooldown holds across them; Redis
 * killed mid-run, both keep answering and log it once; Redis back, they share again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  interaction,
  newKeys,
  searchData,
  send,
  signed,
  startServe,
  type HttpAnswer,
  type ServeProcess,
  type TestKeys,
} from '../support/http.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';

let keys: TestKeys;
let redis: RedisServer;
let a: ServeProcess;
let b: ServeProcess;
let users = 0;
const someone = (): string => `16000000000000${String(1000 + users++)}`;

interface Signed {
  body: string;
  headers: Record<string, string>;
}

function search(query: string, user = someone()): Signed {
  const body = JSON.stringify(interaction(2, searchData(query), user));
  return { body, headers: signed(body, keys.privateKey) };
}

const post = (to: ServeProcess, request: Signed): Promise<HttpAnswer> => send(to.port, { ...request, agent: false });

/** What the user sees: `'answer'` (a search answer, embeds), `'slow down'` (the cooldown's notice), or else the status and body. */
function seen(answer: HttpAnswer): string {
  if (answer.status !== 200) return `${answer.status} ${answer.text}`;
  const data = (JSON.parse(answer.text) as { data: { content?: string; embeds?: Array<{ description?: string }> } }).data;
  const text = `${data.content ?? ''} ${(data.embeds ?? []).map((e) => e.description ?? '').join(' ')}`;
  return /Slow down/.test(text) ? 'slow down' : 'answer';
}

const STOPPED = /Redis \(REDIS_URL\) stopped answering/g;
const BACK = /Redis \(REDIS_URL\) answers again/g;
const count = (p: ServeProcess, pattern: RegExp): number => (p.stderr().match(pattern) ?? []).length;

beforeAll(async () => {
  keys = newKeys();
  redis = await startRedisServer();
  const env = { REDIS_URL: redis.url };
  [a, b] = await Promise.all([startServe({ publicHex: keys.publicHex, env }), startServe({ publicHex: keys.publicHex, env })]);
  await Promise.all([a.waitFor(/Redis \(REDIS_URL\) connected/), b.waitFor(/Redis \(REDIS_URL\) connected/)]);
}, 30_000);

afterAll(async () => {
  for (const p of [a, b]) p?.child.kill('SIGTERM');
  await Promise.all([a?.exited, b?.exited]);
  await redis?.stop();
});

describe('two endpoint instances sharing Redis', () => {
  it('a replay sent to the other instance is refused, whichever it reached first, in any hex case', async () => {
    const first = search('grain deal');
    expect(seen(await post(a, first))).toBe('answer');
    expect(await post(b, first)).toEqual({ status: 401, text: '{"error":"signature-replayed"}' });
    const second = search('Minsk agreements');
    expect(seen(await post(b, second))).toBe('answer');
    expect(await post(a, second)).toEqual({ status: 401, text: '{"error":"signature-replayed"}' });
    const upper = {
      ...second,
      headers: { ...second.headers, 'x-signature-ed25519': (second.headers['x-signature-ed25519'] as string).toUpperCase() },
    };
    expect((await post(a, upper)).status).toBe(401);
  });

  it('a cooldown holds across them: a burst of 4, wherever the commands land', async () => {
    const user = someone();
    const seenByUser: string[] = [];
    for (let i = 0; i < 6; i++) seenByUser.push(seen(await post(i % 2 ? b : a, search(`negotiations ${i}`, user))));
    expect(seenByUser).toEqual(['answer', 'answer', 'answer', 'answer', 'slow down', 'slow down']);
  });

  it('Redis killed mid-run: both keep answering and log it once each; restarted: shared again', async () => {
    const before = search('ceasefire');
    expect(seen(await post(a, before))).toBe('answer');
    await redis.kill();
    const answers: string[] = [];
    for (let i = 0; i < 12; i++) answers.push(seen(await post(i % 2 ? b : a, search(`talks in Istanbul ${i}`))));
    expect(answers).toEqual(Array(12).fill('answer'));
    // An instance still refuses a repeat of what it saw itself.
    expect((await post(a, before)).status).toBe(401);
    // Reconnection attempts go on meanwhile, and stay quiet.
    await new Promise((r) => setTimeout(r, 1000));
    expect([count(a, STOPPED), count(b, STOPPED)]).toEqual([1, 1]);

    await redis.restart();
    await Promise.all([a.waitFor(BACK), b.waitFor(BACK)]);
    const after = search('prisoner exchange');
    expect(seen(await post(b, after))).toBe('answer');
    expect(await post(a, after)).toEqual({ status: 401, text: '{"error":"signature-replayed"}' });
    const user = someone();
    const seenByUser: string[] = [];
    for (let i = 0; i < 5; i++) seenByUser.push(seen(await post(i % 2 ? a : b, search(`grain ${i}`, user))));
    expect(seenByUser).toEqual(['answer', 'answer', 'answer', 'answer', 'slow down']);
    expect([count(a, STOPPED), count(b, STOPPED), count(a, BACK), count(b, BACK)]).toEqual([1, 1, 1, 1]);
    // Nothing at error level on either side.
    for (const p of [a, b])
      expect(
        p
          .stderr()
          .split('\n')
          .filter((l) => l.includes('"level":50')),
      ).toEqual([]);
  });
});
