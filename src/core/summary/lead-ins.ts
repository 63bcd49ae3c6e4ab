/**
 * Lead-ins: a quote that leans on a sentence it does not hold ("This must include…") stands only after a quote of
 * that sentence, brought along when nothing chosen holds it.
 */
import type { Passage } from '../types.js';
import type { SummaryOptions } from './options.js';
import type { Candidate } from './types.js';

/** Whether a quote may stand among `list`: one that leans on a sentence it does not hold needs a quote of that sentence there. */
export function ready(c: Candidate, list: readonly Candidate[]): boolean {
  const needs = c.needs;
  return !needs || list.some((x) => quotes(x, needs));
}

/** Whether a quote holds one sentence of a passage. */
export function quotes(c: Candidate, at: { passage: Passage; sentence: number }): boolean {
  return c.at.passage === at.passage && c.at.from <= at.sentence && at.sentence <= c.at.to;
}

/** Whether a quote can be added to `list`: ready, or able to bring its lead-in along within `maxSentences`. */
export function placeable(c: Candidate, list: readonly Candidate[], options: SummaryOptions): boolean {
  return ready(c, list) || (c.lead !== undefined && list.length + 2 <= options.maxSentences);
}

/**
 * Add a quote to `list`, with a lead-in first when the quote leans on what nothing in `list` ends: the best
 * quote of `pool` that ends the passage leaned on, else that passage's last sentence.
 */
export function place(c: Candidate, list: Candidate[], pool: readonly Candidate[]): void {
  const needs = c.needs;
  if (needs && c.lead && !ready(c, list)) {
    const ending = pool.filter((x) => quotes(x, needs) && !list.includes(x)).sort((a, b) => b.relevance - a.relevance);
    // Remembered on the quote: the budget keeps the two together.
    c.lead = ending[0] ?? c.lead;
    list.push(c.lead);
  }
  list.push(c);
}
