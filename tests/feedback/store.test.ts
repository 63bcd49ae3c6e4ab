/** The feedback store on both homes (src/feedback/): answers and votes kept, one vote per member, pruning, the salt. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisFeedbackStore } from '../../src/feedback/redis-store.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-store.js';
import type { FeedbackStore, RecordedAnswer } from '../../src/feedback/store.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';
import { suiteDir } from '../support/seeds.js';

const T0 = 1_800_000_000_000;

function answer(id: string, at: number, over: Partial<RecordedAnswer> = {}): RecordedAnswer {
  return {
    id,
    question: `question ${id}`,
    at,
    guildId: '1300000000000000100',
    channelId: '1300000000000000200',
    member: 'a'.repeat(64),
    passages: ['jacobin-2022#p3', 'jacobin-2022#p4'],
    confidence: 'high',
    ...over,
  };
}

let redis: RedisServer;
const folders = suiteDir('feedback-store');
let n = 0;
const homes: Array<[string, () => Promise<FeedbackStore>]> = [
  ['SQLite', () => Promise.resolve(new SqliteFeedbackStore(`${folders.dir}/${n++}`))],
  ['Redis', async () => RedisFeedbackStore.connect(redis.url)],
];

beforeAll(async () => {
  redis = await startRedisServer();
}, 20_000);

afterAll(async () => {
  await redis?.stop();
  folders.remove();
});

describe.each(homes)('the feedback store in %s', (_home, open) => {
  it('keeps an answer as recorded, and knows none it never recorded', async () => {
    const store = await open();
    const a = answer('abcdefghij1', T0, { confidence: 'low', guildId: null, passages: [] });
    await store.record(a);
    expect(await store.answer('abcdefghij1')).toEqual(a);
    expect(await store.answer('nope')).toBeNull();
    await store.close();
  });

  it('one vote per member per answer: a second is a change, the same again changes nothing, an unknown answer is gone', async () => {
    const store = await open();
    await store.record(answer('vote0000001', T0));
    expect(await store.vote('vote0000001', 'm1', 'helpful', T0)).toBe('recorded');
    expect(await store.vote('vote0000001', 'm1', 'helpful', T0)).toBe('same');
    expect(await store.vote('vote0000001', 'm1', 'not-asked', T0)).toBe('changed');
    expect(await store.vote('vote0000001', 'm2', 'not-asked', T0)).toBe('recorded');
    expect(await store.vote('missing0001', 'm1', 'helpful', T0)).toBe('gone');
    const [row] = (await store.since(T0)).filter((r) => r.id === 'vote0000001');
    expect(row).toMatchObject({ helpful: 0, notAsked: 2 });
    await store.close();
  });

  it('lists answers from a time on, oldest first, and prunes those before a time with their votes', async () => {
    const store = await open();
    const base = T0 + 10_000_000;
    await store.record(answer('old00000001', base));
    await store.record(answer('new00000001', base + 2000));
    await store.vote('old00000001', 'm1', 'helpful', base);
    expect((await store.since(base)).map((r) => r.id)).toEqual(['old00000001', 'new00000001']);
    expect((await store.since(base + 1)).map((r) => r.id)).toEqual(['new00000001']);
    // Before, not at: the answer made at the cut-off stays.
    expect(await store.prune(base + 2000)).toBeGreaterThanOrEqual(1);
    expect(await store.answer('old00000001')).toBeNull();
    expect(await store.answer('new00000001')).not.toBeNull();
    expect(await store.vote('old00000001', 'm1', 'helpful', base)).toBe('gone');
    // Its votes went with it: the same id recorded again starts with none.
    await store.record(answer('old00000001', base + 3000));
    expect((await store.since(base + 3000))[0]).toMatchObject({ id: 'old00000001', helpful: 0, notAsked: 0 });
    await store.close();
  });

  it('makes its salt once and keeps it', async () => {
    const store = await open();
    const salt = await store.salt();
    expect(salt.length).toBe(32);
    expect((await store.salt()).equals(salt)).toBe(true);
    await store.close();
  });
});
