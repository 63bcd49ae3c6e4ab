/**
 * Moderator summaries: quotes taken word for word from the sources (at least `minSentences`, as many as the
 * budget holds), chosen for relevance and coverage with maximal marginal relevance (no two saying the same
 * thing), each footnoted to its citation, ordered by when their sources speak from. Where two sources say
 * opposite things about the same matter, both sides are kept, side by side, and marked as a disagreement.
 *
 * Its parts: the candidate quotes (`quotes.ts`, with `aboutness.ts`), lead-ins (`lead-ins.ts`), opposing sides
 * (`polarity.ts`), the choice (here), reading order and budget (`budget.ts`), and its tuning (`options.ts`).
 */
import type { Corpus } from '../corpus.js';
import { place, placeable, ready } from './lead-ins.js';
import { DEFAULT_SUMMARY_OPTIONS, type SummaryOptions } from './options.js';
import { disagreement } from './polarity.js';
import { composeSummary, summaryPool, type SummaryPool } from './shape.js';
import type { Candidate, SummaryAnswer, SummaryBudget } from './types.js';

export { DEFAULT_SUMMARY_OPTIONS, MAX_SUMMARY_SENTENCES, MIN_SUMMARY_SENTENCES, type SummaryOptions } from './options.js';
export type { SummaryAnswer, SummaryBudget } from './types.js';
export { addable, composeSummary, summaryPool, withoutQuote, withQuote, type ComposedSummary, type SummaryPool } from './shape.js';

/** Shared words over all words of two quotes. */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(1, a.size + b.size - shared);
}

/** A summary of `topic`; without a budget, only `maxSentences` bounds its length. */
export function summarize(corpus: Corpus, topic: string, budget?: SummaryBudget, tuning: Partial<SummaryOptions> = {}): SummaryAnswer {
  const pool = summaryPool(corpus, topic, tuning);
  if (!('candidates' in pool)) return pool;
  return composeSummary(pool, firstChoice(pool, tuning), budget, tuning).answer;
}

/** The quotes a summary first proposes, by their place in the pool, most important first. */
export function firstChoice(shared: SummaryPool, tuning: Partial<SummaryOptions> = {}): number[] {
  const options: SummaryOptions = { ...DEFAULT_SUMMARY_OPTIONS, ...tuning };
  // Copies: placing a quote remembers its lead-in on it.
  const pool = shared.candidates.map((c) => ({ ...c }));
  // Every source with something to say gets its best quote first, then MMR: each step takes the candidate
  // most relevant and least like what is already chosen.
  const chosen: Candidate[] = [];
  const bySource = new Map<string, Candidate>();
  for (const c of [...pool].sort((a, b) => b.relevance - a.relevance))
    if (!bySource.has(c.citation.sourceId)) bySource.set(c.citation.sourceId, c);
  const best = Math.max(...pool.map((c) => c.relevance));
  for (const c of bySource.values())
    if (c.relevance >= options.sourceFloor * best && chosen.length < options.maxSentences && placeable(c, chosen, options))
      place(c, chosen, pool);
  const rest = pool.filter((c) => !chosen.includes(c));
  while (chosen.length < options.maxSentences && rest.length > 0) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    for (const [i, c] of rest.entries()) {
      if (!placeable(c, chosen, options)) continue;
      const redundancy = Math.max(0, ...chosen.map((x) => jaccard(x.terms, c.terms)));
      const value = options.mmrLambda * c.relevance - (1 - options.mmrLambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    if (bestValue === -Infinity) break;
    const [next] = rest.splice(bestIndex, 1);
    if (!next) break;
    // Past the minimum, stop adding sentences that mostly repeat what is there.
    if (chosen.length >= options.minSentences && Math.max(...chosen.map((x) => jaccard(x.terms, next.terms))) > options.repeatShare)
      continue;
    place(next, chosen, pool);
    if (next.lead) rest.splice(0, rest.length, ...rest.filter((x) => x !== next.lead));
  }
  // Disagreements: a chosen sentence and any candidate from another source on the other side.
  const pairs: Array<[Candidate, Candidate]> = [];
  for (const a of [...chosen]) {
    const b = pool
      .map((c) => ({ c, strength: disagreement(a, c, options) }))
      .filter((x) => x.strength > 0 && ready(x.c, chosen))
      .sort((x, y) => y.strength - x.strength)[0]?.c;
    if (!b || pairs.some(([x, y]) => x === b || y === b)) continue;
    if (!chosen.includes(b)) {
      if (chosen.length >= options.maxSentences) {
        // Room is made by leaving out the last quote in no pair; with none, the other side is not added.
        const out = chosen.findLastIndex((c) => !pairs.some(([x]) => x === c) && c !== a);
        if (out < 0) continue;
        chosen.splice(out, 1);
      }
      chosen.push(b);
    }
    pairs.push([a, b]);
  }
  return chosen.map((c) => pool.indexOf(c)).filter((i) => i >= 0);
}
