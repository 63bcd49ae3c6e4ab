/** Where two sources take opposite sides on one matter: opposing words, and what each is said about. */
import { analyze, terms } from '../analyze.js';
import type { SummaryOptions } from './options.js';
import type { Candidate } from './types.js';

/** Opposing words: a sentence using one side and another using the other, on the same matter, disagree. */
const OPPOSITES: ReadonlyArray<[string, string]> = [
  ['strong strengthen growing increase increased rising', 'waning weak weaken dwindle dwindling declining drying decrease'],
  ['success successful succeeded worked', 'failed failure collapse collapsed unsuccessful'],
  ['possible plausible likely', 'impossible unlikely implausible'],
  ['optimism optimistic hope hopeful encouraging', 'pessimism pessimistic bleak hopeless'],
  ['willing ready eager', 'unwilling reluctant refuses rejects'],
  ['united unity intact', 'divided split'],
];
const SIDES = OPPOSITES.map(([a, b]) => [new Set(terms(a)), new Set(terms(b))] as const);

/** For each opposing pair and side the sentence uses: the terms near that word. Keys are `pair:side`. */
export function polarContexts(text: string, reach: number): Map<string, Set<string>> {
  const tokens = analyze(text);
  const out = new Map<string, Set<string>>();
  for (const [i, t] of tokens.entries()) {
    for (const [k, sides] of SIDES.entries()) {
      for (const [side, words] of sides.entries()) {
        if (!words.has(t.term)) continue;
        const key = `${k}:${side}`;
        const near = out.get(key) ?? new Set<string>();
        for (const u of tokens.slice(Math.max(0, i - reach), i + reach + 1)) if (u !== t) near.add(u.term);
        out.set(key, near);
      }
    }
  }
  return out;
}

/**
 * How strongly two sentences from different sources take opposite sides on the same matter: the number of
 * words both say near their opposing words ("support for Ukraine in Congress remains strong" against
 * "support for funding Ukraine is waning in Congress" → support, Ukraine, Congress). 0 when they do not.
 */
export function disagreement(a: Candidate, b: Candidate, options: SummaryOptions): number {
  if (a.citation.sourceId === b.citation.sourceId) return 0;
  let best = 0;
  for (const pa of a.polar) {
    for (const pb of b.polar) {
      for (const [key, nearA] of pa) {
        const [k, side] = key.split(':');
        const nearB = pb.get(`${k}:${side === '0' ? 1 : 0}`);
        if (!nearB || pb.has(key) || pa.has(`${k}:${side === '0' ? 1 : 0}`)) continue;
        let shared = 0;
        for (const t of nearA) if (nearB.has(t)) shared++;
        best = Math.max(best, shared);
      }
    }
  }
  return best >= options.minDisagreement ? best : 0;
}
