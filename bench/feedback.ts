/**
 * Issue 24's figures: what members' feedback adds to an interaction, on each store — recording an answer (a
 * search or Find sources reply), a vote (looking the answer up, then the vote), a report query (`/library
 * report` over a week of answers) and a moderator's confirmation — each against the bound of 2 ms.
 * Measured in this process, on the calls the handlers make, so the figure is the cost added, not the search's. On
 * SQLite that is the store a bot uses, in its own thread: an answer is taken, not committed, before the reply.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { search, type SearchAnswer } from '../src/core/search.js';
import type { Corpus } from '../src/core/corpus.js';
import { confirmPassage } from '../src/library/confirmations.js';
import { RedisLibraryStore } from '../src/library/redis-library.js';
import { SqliteLibraryStore } from '../src/library/sqlite-store.js';
import type { LibraryStore } from '../src/library/store.js';
import { DAY_MS, Feedback } from '../src/feedback/feedback.js';
import { RedisFeedbackStore } from '../src/feedback/redis-store.js';
import { ThreadedSqliteFeedbackStore } from '../src/feedback/sqlite-thread.js';
import type { FeedbackStore } from '../src/feedback/store.js';
import { createLogger } from '../src/runtime/logger.js';
import { startRedisServer } from '../tests/support/redis.js';

export interface FeedbackFigure {
  store: 'SQLite' | 'Redis';
  /** Medians, in ms. */
  recordMs: number;
  voteMs: number;
  reportMs: number;
  /** A moderator's confirmation, stored in the library's store of the same kind (its rebuild runs off the answer path). */
  confirmMs: number;
  /** Answers the report read. */
  reported: number;
}

/** Answers recorded before the report is timed: a busy week (a thousand questions). */
const WEEK_OF_ANSWERS = 1000;

const MOD = { id: '1400000000000000001', name: 'bench moderator' };

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function measure(
  store: FeedbackStore,
  library: LibraryStore,
  name: FeedbackFigure['store'],
  answers: SearchAnswer[],
  corpus: Corpus,
): Promise<FeedbackFigure> {
  const feedback = new Feedback({ store, retentionDays: 90, logger: createLogger({ level: 'silent' }), prunePeriodically: false });
  const now = Date.now();
  const asker = (i: number) => ({
    userId: String(1_400_000_000_000_000_000n + BigInt(i % 50)),
    guildId: '1300000000000000100',
    channelId: null,
  });
  const ids: string[] = [];
  const record: number[] = [];
  for (let i = 0; i < WEEK_OF_ANSWERS; i++) {
    const answer = answers[i % answers.length] as SearchAnswer;
    const at = now - Math.floor((i / WEEK_OF_ANSWERS) * 6 * DAY_MS);
    const t = performance.now();
    ids.push(await feedback.record(answer.query, asker(i), answer, at));
    record.push(performance.now() - t);
  }
  const vote: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    const found = await feedback.answer(ids[i % ids.length] as string, now);
    if (found) await feedback.vote(found, asker(i + 7).userId, i % 3 === 0 ? 'not-asked' : 'helpful', now);
    vote.push(performance.now() - t);
  }
  const report: number[] = [];
  let reported = 0;
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    reported = (await feedback.report(7, now)).answers;
    report.push(performance.now() - t);
  }
  await feedback.close();
  const confirm: number[] = [];
  const passages = corpus.index.order;
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await confirmPassage(
      library,
      corpus,
      `${answers[i % answers.length]?.query ?? 'talks'} ${i}`,
      passages[i % passages.length] ?? '',
      MOD,
      now,
    );
    confirm.push(performance.now() - t);
  }
  await library.close();
  return { store: name, recordMs: median(record), voteMs: median(vote), reportMs: median(report), confirmMs: median(confirm), reported };
}

/** The figures on SQLite (a temporary DATA_DIR) and on a redis-server of its own, started on loopback. */
export async function feedbackFigures(corpus: Corpus, questions: readonly string[]): Promise<FeedbackFigure[]> {
  const answers = questions.slice(0, 200).map((q) => search(corpus.index, q, { limit: 12 }));
  const dir = mkdtempSync(join(tmpdir(), 'talks-bench-feedback-'));
  const redis = await startRedisServer();
  try {
    return [
      await measure(new ThreadedSqliteFeedbackStore(dir), new SqliteLibraryStore(dir), 'SQLite', answers, corpus),
      await measure(await RedisFeedbackStore.connect(redis.url), await RedisLibraryStore.connect(redis.url), 'Redis', answers, corpus),
    ];
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
