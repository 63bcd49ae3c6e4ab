/**
 * Summaries a moderator shapes (src/core/summary/shape.ts), on the seeds (shape.test.ts pins each rule on invented
 * candidates): composed from chosen quotes by their place among the topic's candidates, one path for the first
 * proposal and every change: footnotes renumbered 1..n, the budget kept, a drop taking what leans on the dropped
 * quote, an add refused when it is no candidate, present, or has no room.
 */
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src/core/corpus.js';
import {
  addable,
  composeSummary,
  firstChoice,
  summarize,
  summaryPool,
  withoutQuote,
  withQuote,
  type ComposedSummary,
  type SummaryBudget,
  type SummaryPool,
} from '../../../src/core/summary/index.js';
import { wordNetLexicon } from '../../../src/library/lexicon-cache.js';
import { summaryEmbedBudget } from '../../../src/render/discord.js';
import { seedCorpus, seedLibrary } from '../../support/seeds.js';

const corpus = seedCorpus();
const budget = summaryEmbedBudget();
const TOPICS = ['US Congress support for Ukraine', 'mediation', 'ceasefire', 'Zelensky', 'the role of Turkey in the talks'];

function poolOf(topic: string): SummaryPool {
  const pool = summaryPool(corpus, topic);
  if (!('candidates' in pool)) throw new Error(`no candidates for ${topic}`);
  return pool;
}

/** Every rule a composed summary keeps: footnotes 1..n in order of first use, each source used, quotes verbatim, the budget. */
function expectWellFormed(s: ComposedSummary, within: SummaryBudget = budget): void {
  const { answer } = s;
  const firsts = answer.sentences.map((x) => x.footnote).filter((n, i, all) => all.indexOf(n) === i);
  expect(firsts).toEqual(answer.sources.map((_, i) => i + 1));
  expect(answer.sentences.length).toBeGreaterThan(0);
  for (const sentence of answer.sentences) {
    const cited = answer.sources[sentence.footnote - 1];
    expect(corpus.index.passages.get(cited?.passageId ?? '')?.text.replace(/\s+/g, ' ')).toContain(sentence.text);
  }
  expect(s.quotes).toHaveLength(answer.sentences.length);
  // Every quote held is named by the sentence it is in (quotes that meet read as one sentence).
  expect([...new Set(s.quotes.flat())].toSorted((a, b) => a - b)).toEqual(s.chosen.toSorted((a, b) => a - b));
  if (answer.sentences.length >= 3) expect(within.measure(answer)).toBeLessThanOrEqual(within.chars);
}

describe('a summary composed from chosen quotes', () => {
  it.each(TOPICS)('%s: is what summarize proposes when given its first choice, and recomposes to itself', (topic) => {
    const pool = poolOf(topic);
    const first = composeSummary(pool, firstChoice(pool), budget);
    expect(first.answer).toEqual(summarize(corpus, topic, budget));
    expectWellFormed(first);
    // What a preview carries (the quotes it holds) composes the same summary again: the state a menu's custom id holds.
    expect(composeSummary(pool, first.chosen, budget)).toEqual(first);
    expect(composeSummary(pool, firstChoice(pool), budget)).toEqual(first);
  });

  it('leaves the pool as it was: lead-ins chosen while composing are remembered on copies', () => {
    const pool = poolOf('mediation');
    const leads = pool.candidates.map((c) => c.lead);
    // Each quote before the one it leans on, so composing must bring a lead-in from the pool for it.
    composeSummary(
      pool,
      pool.candidates.map((_, i) => pool.candidates.length - 1 - i),
      budget,
    );
    expect(pool.candidates.map((c, i) => c.lead === leads[i])).not.toContain(false);
  });

  it('renumbers footnotes 1..n in reading order whatever is chosen, and ignores places outside the pool', () => {
    const pool = poolOf('mediation');
    const few = composeSummary(pool, [5, 3, 9, 999, -1], budget);
    expectWellFormed(few);
    expect(few.chosen.every((i) => i >= 0 && i < pool.candidates.length)).toBe(true);
    expect(few.chosen).not.toContain(999);
    expect(few.answer.sources.length).toBeGreaterThan(0);
  });

  it('changes with the library under it: a library without one source marks its pool differently', () => {
    const pool = poolOf('mediation');
    expect(poolOf('mediation').fingerprint).toBe(pool.fingerprint);
    const cited = new Set(pool.candidates.map((c) => c.citation.sourceId));
    const [gone] = cited;
    const smaller = buildCorpus(
      seedLibrary().sources.filter((s) => s.meta.id !== gone),
      wordNetLexicon(),
    );
    const other = summaryPool(smaller, 'mediation');
    expect('candidates' in other && other.fingerprint).not.toBe(pool.fingerprint);
  });
});

describe('dropping a quote', () => {
  it.each(TOPICS)('%s: each sentence can be dropped; the rest read as before, renumbered', (topic) => {
    const pool = poolOf(topic);
    const first = composeSummary(pool, firstChoice(pool), budget);
    expect(first.answer.sentences.length).toBeGreaterThan(1);
    for (const [k, sentence] of first.answer.sentences.entries()) {
      const next = withoutQuote(pool, first, k, budget);
      if (!next) throw new Error(`sentence ${k} of ${topic} could not be dropped`);
      expectWellFormed(next);
      expect(next.answer.sentences.map((s) => s.text)).not.toContain(sentence.text);
      expect(next.chosen.some((i) => first.quotes[k]?.includes(i))).toBe(false);
    }
  });

  it('takes along a quote that leans on the one dropped (a lead-in and the quote it leads into go together)', () => {
    // In 'mediation' a quote leans on the last sentence of the passage before: the two sentences name one quote.
    const pool = poolOf('mediation');
    const first = composeSummary(pool, firstChoice(pool), budget);
    const shared = first.quotes.findIndex((q, i) => first.quotes.some((r, j) => j !== i && r.some((x) => q.includes(x))));
    expect(shared).toBeGreaterThanOrEqual(0);
    const next = withoutQuote(pool, first, shared, budget);
    expect(next?.answer.sentences.length).toBe(first.answer.sentences.length - 2);
  });

  it('refuses to leave nothing, and a sentence the summary does not have', () => {
    const pool = poolOf('mediation');
    const one = composeSummary(pool, [firstChoice(pool)[0] ?? 0], budget);
    expect(one.answer.sentences).toHaveLength(1);
    expect(withoutQuote(pool, one, 0, budget)).toBeNull();
    const first = composeSummary(pool, firstChoice(pool), budget);
    expect(withoutQuote(pool, first, first.answer.sentences.length, budget)).toBeNull();
    expect(withoutQuote(pool, first, -1, budget)).toBeNull();
  });
});

describe('adding a quote', () => {
  it.each(TOPICS)('%s: after a drop, the best candidate offered is added, last in importance, and shown', (topic) => {
    const pool = poolOf(topic);
    const first = composeSummary(pool, firstChoice(pool), budget);
    const dropped = withoutQuote(pool, first, 0, budget);
    if (!dropped) throw new Error('no drop');
    const offered = addable(pool, dropped, 25);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.some((i) => dropped.chosen.includes(i))).toBe(false);
    const place = offered[0] ?? -1;
    const next = withQuote(pool, dropped, place, budget);
    if (typeof next === 'string') throw new Error(`refused: ${next}`);
    expectWellFormed(next);
    expect(next.chosen.at(-1)).toBe(place);
    expect(next.answer.sentences.map((s) => s.text).join(' ')).toContain(pool.candidates[place]?.text);
  });

  it('offers at most the limit, best first, never a quote a sentence already holds', () => {
    const pool = poolOf('mediation');
    const first = composeSummary(pool, firstChoice(pool), budget);
    const offered = addable(pool, first, 25);
    expect(addable(pool, first, 3)).toEqual(offered.slice(0, 3));
    expect(offered.length).toBeGreaterThan(3);
    const relevance = offered.map((i) => pool.candidates[i]?.relevance ?? 0);
    expect(relevance).toEqual(relevance.toSorted((a, b) => b - a));
    for (const i of offered) expect(first.quotes.flat()).not.toContain(i);
  });

  it('refuses a quote not among the candidates, one already there, one past the most quotes, and one with no room', () => {
    const pool = poolOf('mediation');
    const first = composeSummary(pool, firstChoice(pool), budget);
    for (const forged of [pool.candidates.length, -1, 1.5, Number.NaN]) expect(withQuote(pool, first, forged, budget)).toBe('unknown');
    expect(withQuote(pool, first, first.chosen[0] ?? -1, budget)).toBe('present');
    const candidate = addable(pool, first, 1)[0] ?? -1;
    expect(withQuote(pool, first, candidate, budget, { maxSentences: first.chosen.length })).toBe('full');
    // The room the summary takes now, and not a character more.
    const tight: SummaryBudget = { chars: budget.measure(first.answer), measure: budget.measure };
    expect(withQuote(pool, first, candidate, tight)).toBe('no-room');
  });
});
