/** How a bot process opens feedback (src/feedback/feedback.ts): off opens nothing; no file before the first answer; pruned at open. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ANSWER_ID, DAY_MS, Feedback, openFeedback, PRUNE_EVERY_MS } from '../../src/feedback/feedback.js';
import type { FeedbackStore } from '../../src/feedback/store.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-store.js';
import { createLogger } from '../../src/runtime/logger.js';
import { seedIndex, tempDir } from '../support/seeds.js';
import { search } from '../../src/core/search.js';

const logger = createLogger({ level: 'silent' });
const asker = { userId: '1400000000000000501', guildId: null, channelId: null };

describe('opening feedback', () => {
  it('FEEDBACK=off opens nothing and makes no file', async () => {
    const dir = tempDir('feedback-off');
    expect(await openFeedback({ dataDir: dir, enabled: false, retentionDays: 90, logger })).toBeNull();
    expect(existsSync(join(dir, 'feedback.sqlite'))).toBe(false);
  });

  it('makes its file with the first answer recorded, not before', async () => {
    const dir = tempDir('feedback-lazy');
    const feedback = await openFeedback({ dataDir: dir, enabled: true, retentionDays: 90, logger });
    expect((await feedback?.report(7, Date.now()))?.answers).toBe(0);
    expect(existsSync(join(dir, 'feedback.sqlite'))).toBe(false);
    await feedback?.record('grain deal', asker, search(seedIndex(), 'grain deal'), Date.now());
    expect(existsSync(join(dir, 'feedback.sqlite'))).toBe(true);
    await feedback?.close();
  });

  it('deletes what is past the retention when it opens', async () => {
    const dir = tempDir('feedback-prune');
    const store = new SqliteFeedbackStore(dir);
    const base = { question: 'q', guildId: null, channelId: null, member: 'm', passages: [], confidence: 'none' as const };
    await store.record({ ...base, id: 'old00000001', at: Date.now() - 31 * DAY_MS });
    await store.record({ ...base, id: 'new00000001', at: Date.now() - 29 * DAY_MS });
    await store.close();
    const feedback = await openFeedback({ dataDir: dir, enabled: true, retentionDays: 30, logger });
    expect(await feedback?.store.answer('old00000001')).toBeNull();
    expect(await feedback?.store.answer('new00000001')).not.toBeNull();
    await feedback?.close();
  });

  it('deletes what passes the retention every hour while it runs, counting from the clock of that moment', async () => {
    vi.useFakeTimers();
    try {
      const cuts: number[] = [];
      const store = { where: 'memory', prune: (before: number) => (cuts.push(before), Promise.resolve(0)), close: () => Promise.resolve() };
      let clock = 1_800_000_000_000;
      const feedback = new Feedback({ store: store as unknown as FeedbackStore, retentionDays: 30, logger, now: () => clock });
      clock += PRUNE_EVERY_MS;
      await vi.advanceTimersByTimeAsync(PRUNE_EVERY_MS);
      clock += PRUNE_EVERY_MS;
      await vi.advanceTimersByTimeAsync(PRUNE_EVERY_MS);
      expect(cuts).toEqual([clock - PRUNE_EVERY_MS - 30 * DAY_MS, clock - 30 * DAY_MS]);
      await feedback.close();
      await vi.advanceTimersByTimeAsync(PRUNE_EVERY_MS);
      expect(cuts).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('answers recorded', () => {
  it('each get an id of their own, in the buttons’ format, however many are given at the same instant', async () => {
    const store = { where: 'memory', salt: () => Promise.resolve(Buffer.alloc(32)), record: () => Promise.resolve() };
    const feedback = new Feedback({ store: store as unknown as FeedbackStore, retentionDays: 30, logger, prunePeriodically: false });
    const answer = search(seedIndex(), 'grain deal');
    const at = 1_800_000_000_000;
    const ids = await Promise.all(Array.from({ length: 5000 }, () => feedback.record('grain deal', asker, answer, at)));
    expect(new Set(ids).size).toBe(5000);
    expect(ids.filter((id) => !ANSWER_ID.test(id))).toEqual([]);
    // Given later, an id differs in its first characters (when), given at once only in its last (the counter).
    const later = await feedback.record('grain deal', asker, answer, at + 60_000);
    expect(later.slice(0, 5)).not.toBe(ids[0]?.slice(0, 5));
    expect(new Set(ids.map((id) => id.slice(0, 6))).size).toBe(1);
  });
});
