/** Lead-ins (src/core/summary/lead-ins.ts): a quote leaning on a sentence it does not hold stands after a quote of it. */
import { describe, expect, it } from 'vitest';
import { place, placeable, quotes, ready } from '../../../src/core/summary/lead-ins.js';
import { DEFAULT_SUMMARY_OPTIONS } from '../../../src/core/summary/options.js';
import type { Candidate } from '../../../src/core/summary/types.js';
import { passageOf } from '../../support/passages.js';

const p1 = passageOf('x#p1', ['One.', 'Two.', 'Three.', 'Four.']);
const p2 = passageOf('x#p2', ['This must include five.', 'Six.']);

/** A quote of sentences [from, to] of `passage`: only what lead-ins read. */
function quote(passage: typeof p1, from: number, to: number, extra: Partial<Candidate> = {}): Candidate {
  return { text: `${passage.id} ${from}-${to}`, relevance: 0, at: { passage, from, to }, ...extra } as Candidate;
}

describe('lead-ins', () => {
  it('a quote holds the sentences from its first to its last, of its own passage only', () => {
    const q = quote(p1, 1, 2);
    expect([0, 1, 2, 3].map((sentence) => quotes(q, { passage: p1, sentence }))).toEqual([false, true, true, false]);
    expect(quotes(q, { passage: p2, sentence: 1 })).toBe(false);
  });

  it('a quote that leans on a sentence stands only where another quote holds it', () => {
    const leaning = quote(p2, 0, 0, { needs: { passage: p1, sentence: 3 } });
    expect(ready(quote(p1, 0, 0), [])).toBe(true);
    expect(ready(leaning, [quote(p1, 0, 2)])).toBe(false);
    expect(ready(leaning, [quote(p1, 0, 2), quote(p1, 3, 3)])).toBe(true);
  });

  it('is placeable when ready, or when it and its lead-in fit within maxSentences', () => {
    const max = DEFAULT_SUMMARY_OPTIONS.maxSentences;
    const full = Array.from({ length: max - 2 }, (_, i) => quote(p1, 0, 0, { text: String(i) }));
    const needs = { passage: p1, sentence: 3 };
    const lead = quote(p1, 3, 3);
    expect(placeable(quote(p2, 0, 0, { needs, lead }), full, DEFAULT_SUMMARY_OPTIONS)).toBe(true);
    expect(placeable(quote(p2, 0, 0, { needs, lead }), [...full, quote(p1, 1, 1)], DEFAULT_SUMMARY_OPTIONS)).toBe(false);
    expect(placeable(quote(p2, 0, 0, { needs }), [], DEFAULT_SUMMARY_OPTIONS)).toBe(false);
    expect(placeable(quote(p2, 0, 0, { needs }), [lead], DEFAULT_SUMMARY_OPTIONS)).toBe(true);
  });

  it('places a leaning quote after the best quote of the pool that holds what it leans on, not one already placed', () => {
    const needs = { passage: p1, sentence: 3 };
    const fallback = quote(p1, 3, 3, { text: 'fallback' });
    const weak = quote(p1, 2, 3, { relevance: 0.2 });
    const best = quote(p1, 3, 3, { relevance: 0.9 });
    const placed = quote(p1, 1, 1, { relevance: 1 });
    const c = quote(p2, 0, 0, { needs, lead: fallback });
    const list = [placed];
    place(c, list, [weak, placed, best, quote(p1, 0, 1, { relevance: 2 })]);
    expect(list).toEqual([placed, best, c]);
    expect(c.lead).toBe(best);
    // Nothing in the pool holds it: the lead-in it came with.
    const alone = quote(p2, 0, 0, { needs, lead: fallback });
    const list2: Candidate[] = [];
    place(alone, list2, []);
    expect(list2).toEqual([fallback, alone]);
  });

  it('places a quote alone when it is ready, or has no lead-in to bring', () => {
    const needs = { passage: p1, sentence: 3 };
    const held = quote(p1, 3, 3);
    const ready1 = quote(p2, 0, 0, { needs, lead: quote(p1, 2, 3) });
    const list = [held];
    place(ready1, list, [quote(p1, 2, 3)]);
    expect(list).toEqual([held, ready1]);
    for (const c of [quote(p2, 0, 0, { needs }), quote(p2, 0, 0, { lead: held })]) {
      const own: Candidate[] = [];
      place(c, own, [held]);
      expect(own).toEqual([c]);
    }
  });
});
