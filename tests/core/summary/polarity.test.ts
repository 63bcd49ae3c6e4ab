/** Where two sources take opposite sides (src/core/summary/polarity.ts): opposing words, and what each is said about. */
import { describe, expect, it } from 'vitest';
import { terms } from '../../../src/core/analyze.js';
import { DEFAULT_SUMMARY_OPTIONS } from '../../../src/core/summary/options.js';
import { disagreement, polarContexts } from '../../../src/core/summary/polarity.js';
import type { Candidate } from '../../../src/core/summary/types.js';
import type { Citation } from '../../../src/core/types.js';

const REACH = DEFAULT_SUMMARY_OPTIONS.polarReach;

/** A quote of these sentences from `sourceId`: only what disagreement reads. */
function quote(sourceId: string, ...sentences: string[]): Candidate {
  return { citation: { sourceId } as Citation, polar: sentences.map((s) => polarContexts(s, REACH)) } as Candidate;
}

describe('opposing words', () => {
  it.each([
    [0, 'Support remains strong.', 'Support is waning.'],
    [1, 'The talks were successful.', 'The talks failed.'],
    [2, 'A deal is possible.', 'A deal is impossible.'],
    [3, 'Diplomats were hopeful.', 'Diplomats were pessimistic.'],
    [4, 'Kyiv was willing.', 'Kyiv was reluctant.'],
    [5, 'The coalition is united.', 'The coalition is divided.'],
  ])('pair %i: each side is its own key', (pair, one, other) => {
    expect([...polarContexts(one, REACH).keys()]).toEqual([`${pair}:0`]);
    expect([...polarContexts(other, REACH).keys()]).toEqual([`${pair}:1`]);
  });

  it('hold the words within reach on either side, never the opposing word itself', () => {
    const near = polarContexts('alpha bravo strong charlie delta', 1).get('0:0');
    expect(near).toEqual(new Set(terms('bravo charlie')));
    expect(polarContexts('strong alpha', 1).get('0:0')).toEqual(new Set(terms('alpha')));
    expect(polarContexts('Nothing opposes here.', REACH).size).toBe(0);
  });
});

describe('two sources disagreeing', () => {
  const strong = quote('a', 'Support for Ukraine in Congress remains strong.');
  const waning = quote('b', 'Support for funding Ukraine is waning in Congress.');
  const shared = terms('support ukraine congress').length;

  it('counts the words both say near opposing words, either way round', () => {
    expect(disagreement(strong, waning, DEFAULT_SUMMARY_OPTIONS)).toBe(shared);
    expect(disagreement(waning, strong, DEFAULT_SUMMARY_OPTIONS)).toBe(shared);
    expect(disagreement(quote('a', 'Lunch was fine.'), strong, DEFAULT_SUMMARY_OPTIONS)).toBe(0);
  });

  it('is none within one source, nor when a sentence takes both sides or both take the same', () => {
    expect(disagreement(strong, quote('a', 'Support for funding Ukraine is waning in Congress.'), DEFAULT_SUMMARY_OPTIONS)).toBe(0);
    const both = quote('b', 'Support for Ukraine in Congress is waning, but still strong.');
    expect(disagreement(strong, both, DEFAULT_SUMMARY_OPTIONS)).toBe(0);
    expect(disagreement(both, strong, DEFAULT_SUMMARY_OPTIONS)).toBe(0);
  });

  it('is counted from `minDisagreement` shared words on, and none below', () => {
    expect(disagreement(strong, waning, { ...DEFAULT_SUMMARY_OPTIONS, minDisagreement: shared })).toBe(shared);
    expect(disagreement(strong, waning, { ...DEFAULT_SUMMARY_OPTIONS, minDisagreement: shared + 1 })).toBe(0);
  });
});
