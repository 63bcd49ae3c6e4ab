/** The feedback store on both homes (src/feedback/): answers and votes kept, one vote per member, pruning, the salt. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildReport, DAY_MS, windowParts, type ReportWindow } from '../../src/feedback/report.js';
import { RedisFeedbackStore } from '../../src/feedback/redis-store.js';
import { FLUSH_MS, MAX_BATCH, SqliteFeedbackStore, type SqliteFeedbackOptions } from '../../src/feedback/sqlite-store.js';
import { ThreadedSqliteFeedbackStore } from '../../src/feedback/sqlite-thread.js';
import type { FeedbackStore, RecordedAnswer } from '../../src/feedback/store.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';
import { ROOT, suiteDir } from '../support/seeds.js';

const T0 = 1_800_000_000_000;
const HOUR_MS = DAY_MS / 24;

/** mulberry32: the same answers and votes every run. */
function random(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % 2 ** 32) % n;
  };
}

const WORDINGS = [
  'grain deal',
  'Grain  deal',
  'GRAIN DEAL',
  'minsk talks',
  'Minsk talks',
  'who mediated?',
  'the Istanbul draft',
  'Крым?',
  'the "plan"\nin\tIstanbul \\ @here',
];
const CONFIDENCES = ['high', 'low', 'none'] as const;

/**
 * Answers over ten days from `start` (a day's start), some on the very first or last millisecond of an hour or a
 * day, some sharing a time; their ids, oldest first.
 */
async function recordDays(
  store: FeedbackStore,
  start: number,
  prefix: string,
  next: (n: number) => number,
  atOnce = false,
): Promise<string[]> {
  const ids: string[] = [];
  const pending: Array<Promise<void>> = [];
  // At once: every record asked before any is awaited, as answers given side by side are.
  const record = async (a: RecordedAnswer): Promise<void> => {
    if (atOnce) pending.push(store.record(a));
    else await store.record(a);
  };
  for (let i = 0; i < 160; i++) {
    const id = `${prefix}${String(i).padStart(11 - prefix.length, '0')}`;
    const edge = [0, HOUR_MS - 1, DAY_MS - 1, DAY_MS][next(4)] as number;
    // A quarter on a few times at the ends of hours and days (so that some share a time), the rest anywhere.
    const at = i % 4 === 0 ? start + next(3) * DAY_MS + edge : start + next(10 * DAY_MS);
    const passages = Array.from({ length: next(5) }, () => `${['a-2022', 'b-2023', 'c-2024'][next(3)]}#p${next(9)}`);
    await record(answer(id, at, { question: WORDINGS[next(WORDINGS.length)], passages, confidence: CONFIDENCES[next(3)] }));
    ids.push(id);
  }
  // One question asked twice at one time, the greater id first: the latest is told apart by id, byte by byte.
  for (const id of [`${prefix}zzzzzzzz`, `${prefix}ZZZZZZZZ`]) {
    await record(answer(id, start + 5 * DAY_MS + 1000, { question: 'tied', confidence: 'low' }));
    ids.push(id);
  }
  await Promise.all(pending);
  return ids;
}

async function voteAtRandom(store: FeedbackStore, ids: readonly string[], next: (n: number) => number, votes: number): Promise<void> {
  for (let i = 0; i < votes; i++) await store.vote(ids[next(ids.length)] as string, `m${next(4)}`, next(2) ? 'helpful' : 'not-asked', T0);
}

/** Windows with ragged ends (parts of hours, whole hours, whole days), on whole days, within an hour, and all of it. */
function windows(start: number): ReportWindow[] {
  const w = (from: number, to: number): ReportWindow => ({ days: Math.ceil((to - from) / DAY_MS), from, to });
  return [
    w(start + 2 * DAY_MS + 5 * HOUR_MS + 1234, start + 8 * DAY_MS + 17 * HOUR_MS + 999),
    w(start + DAY_MS, start + 7 * DAY_MS - 1),
    w(start + 3 * DAY_MS + HOUR_MS, start + 3 * DAY_MS + 9 * HOUR_MS - 1),
    w(start + 4 * DAY_MS + 100, start + 4 * DAY_MS + HOUR_MS / 2),
    // Leaving out, by one millisecond, the answers on the first millisecond of a day and the last of an hour.
    w(start + DAY_MS + 1, start + 2 * DAY_MS + HOUR_MS - 2),
    w(start - DAY_MS, start + 11 * DAY_MS),
  ];
}

/** Every window's counted report equals the one built from the answers in it; how many rows the reports held. */
async function expectReportsAsBuilt(store: FeedbackStore, start: number): Promise<number> {
  let rows = 0;
  for (const window of windows(start)) {
    const counted = await store.report(window);
    expect(counted).toEqual(buildReport(await store.since(window.from), window));
    rows += counted.mostAsked.length + counted.unsure.length + counted.notAskedRows.length + counted.sources.length;
  }
  return rows;
}

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
  ['SQLite in a thread of its own', () => Promise.resolve(new ThreadedSqliteFeedbackStore(`${folders.dir}/${n++}`))],
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

  it('tells a thousand questions apart: a row each', async () => {
    const store = await open();
    const base = T0 + 90_000_000;
    for (let i = 0; i < 1000; i++) await store.record(answer(`many${String(i).padStart(7, '0')}`, base + i, { question: `question ${i}` }));
    const report = await store.report({ days: 1, from: base, to: base + 1000 });
    expect(report.mostAsked.map((r) => r.count)).toEqual(Array.from({ length: 1000 }, () => 1));
    expect(new Set(report.mostAsked.map((r) => r.question)).size).toBe(1000);
    await store.close();
  });

  it('counts answers recorded all at once as it counts them one by one, before and after pruning', async () => {
    const store = await open();
    const start = Math.ceil((T0 + 300 * DAY_MS) / DAY_MS) * DAY_MS;
    const next = random(23);
    const ids = await recordDays(store, start, 'once', next, true);
    expect((await store.since(start - DAY_MS)).length).toBe(ids.length);
    await voteAtRandom(store, ids, next, 100);
    expect(await expectReportsAsBuilt(store, start)).toBeGreaterThan(0);
    expect(await store.prune(start + 4 * DAY_MS + HOUR_MS / 2)).toBeGreaterThan(0);
    expect(await expectReportsAsBuilt(store, start)).toBeGreaterThan(0);
    await store.close();
  });

  it('sums its counts of hours and days into the report the answers give, after votes change and after pruning', async () => {
    const store = await open();
    const start = Math.ceil((T0 + 200 * DAY_MS) / DAY_MS) * DAY_MS;
    const next = random(11);
    const ids = await recordDays(store, start, 'sum', next);
    const all = windows(start).at(-1) as ReportWindow;
    // Buckets and answers both feed the first window: whole days and hours between parts of an hour.
    const parts = windowParts(windows(start)[0] as ReportWindow);
    expect([parts.raw.length, parts.slots.some((s) => s.startsWith('d')), parts.slots.some((s) => s.startsWith('h'))]).toEqual([
      2,
      true,
      true,
    ]);
    await voteAtRandom(store, ids, next, 150);
    expect(await expectReportsAsBuilt(store, start)).toBeGreaterThan(0);
    // Votes changed both ways, some answers losing their last Not what I asked.
    for (const id of ids.slice(0, 40)) {
      for (const member of ['m0', 'm1', 'm2', 'm3']) await store.vote(id, member, 'helpful', T0);
    }
    await voteAtRandom(store, ids, next, 60);
    const afterVotes = await store.report(all);
    expect(afterVotes.notAskedRows.length).toBeGreaterThan(0);
    await expectReportsAsBuilt(store, start);
    // Pruned in the middle of an hour, then at the start of a day: what is left is reported as the answers say.
    expect(await store.prune(start + 3 * DAY_MS + 7 * HOUR_MS + 4321)).toBeGreaterThan(0);
    expect(await expectReportsAsBuilt(store, start)).toBeGreaterThan(0);
    expect(await store.prune(start + 6 * DAY_MS)).toBeGreaterThan(0);
    await voteAtRandom(store, ids, next, 40);
    expect(await expectReportsAsBuilt(store, start)).toBeGreaterThan(0);
    // Everything pruned: nothing is left to count.
    await store.prune(start + 20 * DAY_MS);
    expect(await store.report(all)).toEqual(buildReport([], all));
    await store.close();
  });
});

describe('a SQLite file made before the report was counted in SQL', () => {
  it('is filled in when opened: its answers are reported as before', async () => {
    const dir = `${folders.dir}/old`;
    const store = new SqliteFeedbackStore(dir);
    await store.close();
    const db = new Database(`${dir}/feedback.sqlite`);
    db.exec('DROP TABLE IF EXISTS cited; DROP TABLE votes; DROP TABLE answers;');
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

describe('a store made before the report was counted in buckets', () => {
  const start = Math.ceil((T0 + 400 * DAY_MS) / DAY_MS) * DAY_MS;

  it('SQLite: a file of the last format (its votes apart, no buckets) is counted when opened, votes included', async () => {
    const dir = `${folders.dir}/unbucketed`;
    const store = new SqliteFeedbackStore(dir);
    const next = random(5);
    const ids = await recordDays(store, start, 'old', next);
    await voteAtRandom(store, ids, next, 120);
    const expected = await Promise.all(windows(start).map(async (w) => buildReport(await store.since(w.from), w)));
    await store.close();
    // What df9b6a5 left: no counts kept on the answers, no bucket tables.
    const db = new Database(`${dir}/feedback.sqlite`);
    db.exec(
      'DROP INDEX answers_not_asked; ALTER TABLE answers DROP COLUMN helpful; ALTER TABLE answers DROP COLUMN not_asked; ' +
        'DROP TABLE report_totals; DROP TABLE report_asked; DROP TABLE report_unsure; DROP TABLE report_sources;',
    );
    db.close();
    const reopened = new SqliteFeedbackStore(dir);
    expect(await Promise.all(windows(start).map((w) => reopened.report(w)))).toEqual(expected);
    expect(expected.some((r) => r.notAskedRows.length > 0 && r.helpful > 0)).toBe(true);
    await voteAtRandom(reopened, ids, next, 40);
    expect(await expectReportsAsBuilt(reopened, start)).toBeGreaterThan(0);
    await reopened.close();
  });

  it('Redis: answers and votes kept before are counted at the first report, once however many instances open it', async () => {
    const raw = createClient({ url: redis.url });
    await raw.connect();
    const next = random(9);
    const answers: RecordedAnswer[] = [];
    for (let i = 0; i < 60; i++) {
      const at = start + next(10 * DAY_MS);
      const passages = Array.from({ length: next(4) }, () => `${['a-2022', 'b-2023'][next(2)]}#p${next(9)}`);
      answers.push(
        answer(`red${String(i).padStart(8, '0')}`, at, {
          question: WORDINGS[next(WORDINGS.length)],
          passages,
          confidence: CONFIDENCES[next(3)],
        }),
      );
    }
    // As the store kept them before: the answer, its time, its votes, and nothing counted.
    for (const a of answers) {
      await raw.hSet('talks:feedback:answers', a.id, JSON.stringify(a));
      await raw.zAdd('talks:feedback:times', { score: a.at, value: a.id });
      for (const member of ['m0', 'm1', 'm2'])
        if (next(3) === 0) await raw.hSet(`talks:feedback:votes:${a.id}`, member, next(2) ? 'helpful' : 'not-asked');
    }
    await raw.close();
    const first = await RedisFeedbackStore.connect(redis.url);
    const second = await RedisFeedbackStore.connect(redis.url);
    const reports = await Promise.all([first.report(windows(start)[0] as ReportWindow), second.report(windows(start)[0] as ReportWindow)]);
    expect(reports[1]).toEqual(reports[0]);
    expect(await expectReportsAsBuilt(first, start)).toBeGreaterThan(0);
    expect((await first.report(windows(start).at(-1) as ReportWindow)).notAskedRows.length).toBeGreaterThan(0);
    await voteAtRandom(
      second,
      answers.map((a) => a.id),
      next,
      40,
    );
    await second.prune(start + 4 * DAY_MS + 1);
    expect(await expectReportsAsBuilt(first, start)).toBeGreaterThan(0);
    await Promise.all([first.close(), second.close()]);
  });
});

describe('answers recorded on SQLite', () => {
  // A built process (npm test builds first), killed as a crash would: every answer it committed is on disk. The store
  // does not sync to disk at each commit (a power cut may lose the last), but the process dying loses nothing committed.
  it('are kept through kill -9 of the process that recorded them, once committed', async () => {
    const dir = `${folders.dir}/killed`;
    const script = `import { SqliteFeedbackStore } from '${join(ROOT, 'dist', 'src', 'feedback', 'sqlite-store.js')}';
       const store = new SqliteFeedbackStore(${JSON.stringify(dir)});
       for (let i = 0; i < 20; i++)
         await store.record({ id: 'killed' + String(i).padStart(4, '0'), question: 'grain deal ' + i, at: ${T0} + i, guildId: null,
           channelId: null, member: 'm', passages: ['a-2022#p1'], confidence: 'high' });
       setTimeout(() => process.stdout.write('committed\\n'), ${FLUSH_MS} * 5);
       setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('committed') && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const store = new SqliteFeedbackStore(dir);
    const kept = await Promise.all(Array.from({ length: 20 }, (_, i) => store.answer(`killed${String(i).padStart(4, '0')}`)));
    expect(kept.map((a) => a?.question)).toEqual(Array.from({ length: 20 }, (_, i) => `grain deal ${i}`));
    await store.close();
  }, 60_000);

  // A reply never waits for a commit: the answer is taken, then committed with the others of the next FLUSH_MS.
  it('are taken before they are committed, read back at once by their store, and committed without a read', async () => {
    const dir = `${folders.dir}/later`;
    const store = new SqliteFeedbackStore(dir);
    const other = new SqliteFeedbackStore(dir);
    const a = {
      id: 'later000001',
      question: 'grain deal',
      at: T0,
      guildId: null,
      channelId: null,
      member: 'm',
      passages: [],
      confidence: 'none' as const,
    };
    await store.record(a);
    expect(await other.answer(a.id)).toBeNull();
    await vi.waitFor(async () => expect((await other.answer(a.id))?.question).toBe('grain deal'), { timeout: 10_000, interval: FLUSH_MS });
    const b = { ...a, id: 'later000002', question: 'ceasefire' };
    await store.record(b);
    expect((await store.answer(b.id))?.question).toBe('ceasefire');
    expect((await other.answer(b.id))?.question).toBe('ceasefire');
    // As many as may wait are committed at once; one more waits again.
    const many = Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({ ...a, id: `many${String(i).padStart(7, '0')}` }));
    await Promise.all(many.map((m) => store.record(m)));
    expect((await other.answer(many[MAX_BATCH - 1]?.id ?? ''))?.id).toBe(many[MAX_BATCH - 1]?.id);
    expect(await other.answer(many[MAX_BATCH]?.id ?? '')).toBeNull();
    // Closing commits what waits.
    await store.close();
    expect((await other.answer(many[MAX_BATCH]?.id ?? ''))?.id).toBe(many[MAX_BATCH]?.id);
    await other.close();
  });
});

describe('answers recorded on SQLite in a thread of its own', () => {
  it('reach the file with no call after them, and the thread ends with close', async () => {
    const dir = `${folders.dir}/threaded`;
    const store = new ThreadedSqliteFeedbackStore(dir);
    const other = new SqliteFeedbackStore(dir);
    await store.record(answer('thread00001', T0));
    expect(await other.answer('thread00001')).toBeNull();
    await vi.waitFor(async () => expect((await other.answer('thread00001'))?.id).toBe('thread00001'), {
      timeout: 10_000,
      interval: FLUSH_MS,
    });
    await store.record(answer('thread00002', T0));
    await store.close();
    expect((await other.answer('thread00002'))?.id).toBe('thread00002');
    await other.close();
  });
});

describe('answers recorded on SQLite at once', () => {
  const answer = (id: string): RecordedAnswer => ({
    id,
    question: `question ${id}`,
    at: T0,
    guildId: null,
    channelId: null,
    member: 'm',
    passages: ['a-2022#p1'],
    confidence: 'low',
  });

  const kinds: Array<[string, (dir: string, options: SqliteFeedbackOptions) => FeedbackStore]> = [
    ['in the thread answering', (dir, options) => new SqliteFeedbackStore(dir, options)],
    ['in a thread of its own', (dir, options) => new ThreadedSqliteFeedbackStore(dir, options)],
  ];
  it.each(kinds)(
    '%s: are each kept, and one that cannot be stored is lost alone; the next is stored before it is taken',
    async (kind, make) => {
      const lost: string[] = [];
      const store = make(`${folders.dir}/at-once-${kind.replaceAll(' ', '-')}`, { onLost: (a) => lost.push(a.id) });
      await store.record(answer('taken000000'));
      const ids = Array.from({ length: 50 }, (_, i) => `batch${String(i).padStart(6, '0')}`);
      // Waiting for the same commit: one of them reuses an id already kept.
      await Promise.all([...ids.slice(0, 25), 'taken000000', ...ids.slice(25)].map((id) => store.record(answer(id))));
      const kept = await Promise.all(ids.map((id) => store.answer(id)));
      expect(kept.map((a) => a?.question)).toEqual(ids.map((id) => `question ${id}`));
      expect((await store.answer('taken000000'))?.question).toBe('question taken000000');
      expect(lost).toEqual(['taken000000']);
      // After a loss the next answer is committed before it is taken: one that fails is refused (and reported lost).
      await expect(store.record(answer('taken000000'))).rejects.toThrow(/UNIQUE/);
      expect(lost).toEqual(['taken000000', 'taken000000']);
      await store.record(answer('after000000'));
      expect((await store.answer('after000000'))?.question).toBe('question after000000');
      await store.close();
    },
  );
});

describe('feedback on SQLite in a thread of its own, where no file can be made', () => {
  it('refuses each call with the reason, in one line, and takes no answer', async () => {
    const store = new ThreadedSqliteFeedbackStore('/dev/null/feedback');
    await expect(store.salt()).rejects.toThrow(/^the feedback store's thread stopped: .*\S$/);
    await expect(store.record(answer('nowhere0001', T0))).rejects.toThrow(/thread stopped/);
    await store.close().catch(() => {});
  });
});
