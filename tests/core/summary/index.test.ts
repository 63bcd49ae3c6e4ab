/** The quotes a summary first proposes (src/core/summary/index.ts, `firstChoice`): on candidates made for the rule. */
import { describe, expect, it } from 'vitest';
import { firstChoice, type SummaryPool } from '../../../src/core/summary/index.js';
import type { SummaryOptions } from '../../../src/core/summary/options.js';
import type { Candidate } from '../../../src/core/summary/types.js';
import { quote, side } from '../../support/candidates.js';
import { passageOf } from '../../support/passages.js';

function chosen(candidates: Candidate[], tuning: Partial<SummaryOptions> = {}): Candidate[] {
  const pool: SummaryPool = { topic: 't', unmatched: [], candidates, fingerprint: 'f' };
  return firstChoice(pool, tuning).map((i) => candidates[i] as Candidate);
}

describe('the quotes a summary first proposes', () => {
  it('takes each source’s best quote first, the most relevant source first, then the rest by relevance', () => {
    const a1 = quote('a', 1, 'grain deal signed');
    const a2 = quote('a', 0.9, 'ships left odesa');
    const b1 = quote('b', 0.5, 'talks in istanbul');
    const b2 = quote('b', 0.4, 'prisoners exchanged');
    // At the floor (a fifth of the best) a source still has its say first; below it, it waits its turn.
    const d1 = quote('d', 0.2, 'turkey mediated');
    const c1 = quote('c', 0.19, 'vatican envoy');
    expect(chosen([c1, b2, a2, d1, b1, a1])).toEqual([a1, b1, d1, a2, b2, c1]);
    // The floor is a share of the best, whatever the scale.
    for (const q of [a1, a2, b1, b2, d1, c1]) q.relevance *= 2;
    expect(chosen([c1, b2, a2, d1, b1, a1])).toEqual([a1, b1, d1, a2, b2, c1]);
  });

  it('takes the first of two quotes of equal worth', () => {
    const a1 = quote('a', 1, 'grain deal signed');
    const e1 = quote('a', 0.5, 'ships left odesa');
    const e2 = quote('a', 0.5, 'talks in istanbul');
    expect(chosen([a1, e1, e2])).toEqual([a1, e1, e2]);
    expect(chosen([a1, e2, e1])).toEqual([a1, e2, e1]);
  });

  it('stops at the most sentences it may hold', () => {
    const a1 = quote('a', 1, 'grain deal signed');
    const a2 = quote('a', 0.9, 'ships left odesa');
    const b1 = quote('b', 0.5, 'talks in istanbul');
    expect(chosen([a1, a2, b1], { maxSentences: 2 })).toEqual([a1, b1]);
    expect(chosen([a1, a2, b1], { maxSentences: 1 })).toEqual([a1]);
  });

  it('prefers a less relevant quote unlike those chosen to a more relevant one that repeats them', () => {
    const a1 = quote('a', 1, 'grain deal signed istanbul');
    // Shares four of its five words with a1: 0.7 × 0.9 − 0.3 × 0.8 = 0.39 against 0.7 × 0.7 = 0.49.
    const repeats = quote('a', 0.9, 'grain deal signed istanbul july');
    const other = quote('a', 0.7, 'ships left odesa');
    expect(chosen([a1, repeats, other])).toEqual([a1, other, repeats]);
  });

  it('past the fewest sentences, leaves out a quote that mostly repeats one chosen', () => {
    const a1 = quote('a', 1, 'grain deal signed istanbul');
    const repeats = quote('a', 0.9, 'grain deal signed istanbul july');
    const other = quote('a', 0.7, 'ships left odesa');
    expect(chosen([a1, repeats, other], { minSentences: 2 })).toEqual([a1, other]);
    expect(chosen([a1, repeats, other], { minSentences: 3 })).toEqual([a1, other, repeats]);
    // Sharing exactly half its words is not mostly.
    const half = quote('a', 0.9, 'grain deal ports mines');
    expect(chosen([quote('a', 1, 'grain deal'), half, other], { minSentences: 1 })).toHaveLength(3);
  });

  it('brings a quote’s lead-in with it, once', () => {
    const best = quote('b', 1, 'talks in istanbul');
    const own = quote('a', 0.9, 'grain deal signed');
    const lead = quote('a', 0.3, 'the ports were blockaded');
    // "This…": it leans on the lead's sentence, which it does not hold.
    const leaning = quote('a', 0.8, 'this opened the ports', { needs: { passage: lead.at.passage, sentence: 0 }, lead });
    expect(chosen([best, own, leaning, lead])).toEqual([best, own, lead, leaning]);
    // Not again on its own, even where nothing is left out for repeating what is there.
    expect(chosen([best, own, leaning, lead], { minSentences: 10 })).toEqual([best, own, lead, leaning]);
    // A lead-in that is no candidate of the pool is brought along, but is not one of the pool's quotes chosen.
    const alone = quote('a', 0.8, 'this opened the ports', { needs: { passage: lead.at.passage, sentence: 0 }, lead });
    expect(chosen([best, own, alone])).toEqual([best, own, alone]);
  });

  it('keeps both sides of a disagreement, making room for the other side when it is full', () => {
    const war = quote('a', 1, 'russia wants war', { polar: side(0, 'russia moscow') });
    const other = quote('c', 0.9, 'ships left odesa');
    // Too weak to be chosen for itself (below the floor, and no room), but the other side of `war`.
    const peace = quote('b', 0.01, 'russia wants peace', { polar: side(1, 'russia moscow') });
    expect(chosen([war, other, peace], { maxSentences: 2 })).toEqual([war, peace]);
    expect(chosen([war, other, peace])).toEqual([war, other, peace]);
    // A side of one source only is no disagreement, nor are two quotes on the same side.
    const same = quote('a', 0.01, 'russia wants peace', { polar: side(1, 'russia moscow') });
    const agrees = quote('b', 0.01, 'russia wants war too', { polar: side(0, 'russia moscow') });
    expect(chosen([war, other, same, agrees], { maxSentences: 2 })).toEqual([war, other]);
  });

  it('answers a quote with the strongest other side that can stand alone', () => {
    const war = quote('a', 1, 'russia wants war', { polar: side(0, 'russia moscow kyiv') });
    const other = quote('d', 0.9, 'ships left odesa');
    const weak = quote('b', 0.01, 'russia wants peace', { polar: side(1, 'russia moscow') });
    const p = passageOf('c#p0', ['Before.']);
    const leaning = quote('c', 0.02, 'it wants peace', { polar: side(1, 'russia moscow kyiv'), needs: { passage: p, sentence: 0 } });
    const strong = quote('e', 0.015, 'moscow wants peace', { polar: side(1, 'russia moscow kyiv') });
    expect(chosen([war, other, weak, leaning, strong], { maxSentences: 2 })).toEqual([war, strong]);
  });

  it('makes room for the other side by leaving out the last quote in no pair, never the one it answers', () => {
    const other = quote('d', 1, 'ships left odesa');
    const war = quote('a', 0.9, 'russia wants war', { polar: side(0, 'russia moscow') });
    const peace = quote('b', 0.01, 'russia wants peace', { polar: side(1, 'russia moscow') });
    expect(chosen([other, war, peace], { maxSentences: 2 })).toEqual([war, peace]);
    // With no such quote, the other side waits: the quote it answers is never the one left out.
    expect(chosen([war, peace], { maxSentences: 1 })).toEqual([war]);
    // With room, nothing is left out: the other side left out for repeating its words is brought back.
    const echo = quote('b', 0.01, 'russia wants war not', { polar: side(1, 'russia moscow') });
    expect(chosen([other, war, echo], { minSentences: 1 })).toEqual([other, war, echo]);
  });

  it('pairs the other side once, though two chosen quotes take the side it opposes', () => {
    const war = quote('a', 1, 'russia wants war', { polar: side(0, 'russia moscow') });
    const war2 = quote('c', 0.9, 'moscow wants war', { polar: side(0, 'russia moscow') });
    const peace = quote('b', 0.01, 'russia wants peace', { polar: side(1, 'russia moscow') });
    expect(chosen([war, war2, peace], { maxSentences: 3 })).toEqual([war, war2, peace]);
    // Full: the quote left out for the other side is the last one in no pair, never the one it answers.
    expect(chosen([war, war2, peace], { maxSentences: 2 })).toEqual([war, peace]);
  });
});
