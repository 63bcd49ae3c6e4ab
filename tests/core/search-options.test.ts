/** Search's tuning in one object (src/core/search-options.ts): overrides laid over the defaults, and read by search. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCERPT_OPTIONS, DEFAULT_SEARCH_OPTIONS, searchTuning } from '../../src/core/search-options.js';
import { search } from '../../src/core/search.js';
import { seedIndex } from '../support/seeds.js';

const Q = 'Did Zelensky threaten to abandon negotiations over the Mariupol prisoners?';

describe('search tuning', () => {
  it('lays overrides over the defaults, nested ones field by field, and leaves the defaults as they were', () => {
    expect(searchTuning()).toBe(DEFAULT_SEARCH_OPTIONS);
    const tuned = searchTuning({ excerptWeight: 0.5, excerpt: { maxChars: 200 }, confidence: { odds: { bias: -1 } } });
    expect(tuned).toMatchObject({ excerptWeight: 0.5, rerankDepth: DEFAULT_SEARCH_OPTIONS.rerankDepth });
    expect(tuned.excerpt).toEqual({ ...DEFAULT_EXCERPT_OPTIONS, maxChars: 200 });
    expect(tuned.confidence.odds).toEqual({ ...DEFAULT_SEARCH_OPTIONS.confidence.odds, bias: -1 });
    expect(tuned.confidence.minHeld).toBe(DEFAULT_SEARCH_OPTIONS.confidence.minHeld);
    expect(tuned.scoring).toEqual(DEFAULT_SEARCH_OPTIONS.scoring);
    expect(DEFAULT_SEARCH_OPTIONS.excerptWeight).toBe(0.7);
    expect(Object.isFrozen(DEFAULT_SEARCH_OPTIONS.excerpt)).toBe(true);
  });

  it('is read by search: the excerpt budget, the confidence and the ranking follow it, and a tuned answer is not remembered', () => {
    const index = seedIndex();
    const plain = search(index, Q);
    expect(search(index, Q, { tuning: {} })).toEqual(plain);
    const short = search(index, Q, { tuning: { excerpt: { maxChars: 120 } } });
    expect(short.results.length).toBeGreaterThan(0);
    expect(Math.max(...short.results.map((r) => r.excerpt.replace(/^… | …$/g, '').length))).toBeLessThanOrEqual(120);
    expect(Math.max(...plain.results.map((r) => r.excerpt.length))).toBeGreaterThan(120);
    const sure = (confidence: { highOdds: number; highHeld?: number }): unknown => {
      const answer = search(index, Q, { tuning: { confidence } });
      return answer.kind === 'results' ? answer.confidence : answer.kind;
    };
    expect(sure({ highOdds: 100 })).toBe('low');
    expect(sure({ highOdds: -100, highHeld: 0 })).toBe('high');
    // The ranking: BM25 alone (no excerpt score) scores the best candidate 1, the share of the top BM25 score.
    const bm25 = search(index, Q, { tuning: { excerptWeight: 0 } });
    expect(bm25.results[0]?.score).toBe(1);
    expect(plain.results[0]?.score).not.toBe(1);
    expect(search(index, Q)).toBe(plain);
  });
});
