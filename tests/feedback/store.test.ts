/** The feedback store on both homes (src/feedback/): answers and votes kept, one vote per member, pruning, the salt. */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/feedback/report.js';
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

  it('counts the report as the answers themselves would: grouped questions, latest wording, votes, sources', async () => {
    const store = await open();
    const base = T0 + 50_000_000;
    const wordings = ['grain deal', 'Grain  deal', 'GRAIN DEAL', 'minsk talks', 'Minsk talks', 'who mediated?', 'the Istanbul draft'];
    const confidences = ['high', 'low', 'none'] as const;
    // mulberry32: the same answers and votes every run.
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) % 2 ** 32) % n;
    };
    const ids: string[] = [];
    for (let i = 0; i < 80; i++) {
      const id = `rep${String(i).padStart(8, '0')}`;
      ids.push(id);
      const passages = Array.from({ length: next(5) }, () => `${['a-2022', 'b-2023', 'c-2024'][next(3)]}#p${next(9)}`);
      // Some share a time, so the latest is told apart by id, as buildReport reads them.
      await store.record(
        answer(id, base + Math.floor(i / 3), { question: wordings[next(wordings.length)], passages, confidence: confidences[next(3)] }),
      );
    }
    for (let i = 0; i < 120; i++) await store.vote(ids[next(ids.length)] as string, `m${next(6)}`, next(2) ? 'helpful' : 'not-asked', base);
    const window = { days: 7, from: base + 3, to: base + 20 };
    const counted = await store.report(window);
    expect(counted).toEqual(buildReport(await store.since(base), window));
    expect(counted.answers).toBe(54);
    // What the counting must tell apart is there: answers rated only helpful, and questions rated not what I asked.
    expect((await store.since(base + 3)).some((a) => a.at <= base + 20 && a.helpful > 0 && a.notAsked === 0)).toBe(true);
    expect(counted.notAskedRows.length).toBeGreaterThan(0);
    expect(counted.sources.length).toBe(3);
    await store.close();
  });
});

describe('a SQLite file made before the report was counted in SQL', () => {
  it('is filled in when opened: its answers are reported as before', async () => {
    const dir = `${folders.dir}/old`;
    const store = new SqliteFeedbackStore(dir);
    await store.close();
    const db = new Database(`${dir}/feedback.sqlite`);
    db.exec('DROP TABLE cited; DROP TABLE votes; DROP TABLE answers;');
    db.exec(
      'CREATE TABLE answers (id TEXT PRIMARY KEY, question TEXT NOT NULL, at INTEGER NOT NULL, guild_id TEXT, channel_id TEXT, ' +
        'member TEXT NOT NULL, passages TEXT NOT NULL, confidence TEXT NOT NULL)',
    );
    db.prepare('INSERT INTO answers VALUES (?, ?, ?, NULL, NULL, ?, ?, ?)').run(
      'old00000009',
      'Grain Deal',
      T0,
      'm',
      '["a-2022#p1","a-2022#p2"]',
      'low',
    );
    db.close();
    const reopened = new SqliteFeedbackStore(dir);
    const report = await reopened.report({ days: 7, from: T0, to: T0 });
    expect(report.mostAsked).toEqual([{ question: 'Grain Deal', count: 1, answerId: 'old00000009' }]);
    expect(report.sources).toEqual([{ sourceId: 'a-2022', citations: 2 }]);
    await reopened.record(answer('new00000009', T0, { question: 'grain deal' }));
    expect((await reopened.report({ days: 7, from: T0, to: T0 })).mostAsked[0]?.count).toBe(2);
    await reopened.close();
  });
});
