/**
 * Questions moderators confirmed a passage answers (`Passage.askedAs`): how much of a new question one of them
 * holds, counted as an excerpt's `held` is — each of the question's words once, as typed or mistyped, never
 * through a related word. A question worded like a confirmed one finds its passage even when the passage's own
 * words are others ("just for show" confirmed for a passage that says "performative").
 */
import { analyze } from './analyze.js';
import type { TermGroup } from './excerpt.js';
import type { SearchIndex } from './search-index.js';
import type { Passage } from './types.js';

export interface AskedMatch {
  /** The confirmed question most like the new one. */
  question: string;
  /** The weight (IDF) of the new question's words it holds. */
  held: number;
  /**
   * How alike the two questions are, 0–1: the weight they share over their mean weight (Dice's coefficient over
   * weighted words). 1 when asked the same way; low when one only shares a word or two of the other.
   */
  likeness: number;
}

const termsOf = new WeakMap<Passage, ReadonlyArray<ReadonlySet<string>>>();

function confirmedTerms(passage: Passage): ReadonlyArray<ReadonlySet<string>> {
  let terms = termsOf.get(passage);
  if (!terms) {
    terms = (passage.askedAs ?? []).map((q) => new Set(analyze(q).map((t) => t.term)));
    termsOf.set(passage, terms);
  }
  return terms;
}

/**
 * The confirmed question of `passage` most like the question asked (its `groups`, of weight `total`), each
 * confirmed word weighed by `weigh`; null when it has none or shares nothing.
 */
export function askedMatch(
  passage: Passage,
  groups: readonly TermGroup[],
  total: number,
  weigh: (term: string) => number,
): AskedMatch | null {
  const questions = passage.askedAs;
  if (!questions || questions.length === 0 || total <= 0) return null;
  let best: AskedMatch | null = null;
  for (const [i, terms] of confirmedTerms(passage).entries()) {
    let held = 0;
    const shared = new Set<string>();
    for (const g of groups) {
      const own = [...g.own].filter((t) => terms.has(t));
      if (own.length === 0) continue;
      held += g.idf;
      for (const t of own) shared.add(t);
    }
    if (held === 0) continue;
    // The confirmed question's words the new one does not hold weigh against the likeness, as the new one's do.
    let unshared = 0;
    for (const t of terms) if (!shared.has(t)) unshared += weigh(t);
    const likeness = Math.min(1, (2 * held) / (total + held + unshared));
    if (!best || likeness > best.likeness) best = { question: questions[i] ?? '', held, likeness };
  }
  return best;
}

const askedWords = new WeakMap<SearchIndex, ReadonlySet<string>>();
/**
 * Every word of the questions confirmed in this library. The vocabulary counts only what the articles say, so a
 * confirmation never re-weighs the words of other questions, nor makes a member's slip ("wat") a word the library
 * is about; a question's word found only here is still matched, in the confirmed questions.
 */
export function confirmedWords(index: SearchIndex): ReadonlySet<string> {
  let words = askedWords.get(index);
  if (!words) {
    const all = new Set<string>();
    for (const p of index.passages.values()) for (const terms of p.askedAs ? confirmedTerms(p) : []) for (const t of terms) all.add(t);
    words = all;
    askedWords.set(index, words);
  }
  return words;
}
