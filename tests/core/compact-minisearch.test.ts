import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactMiniSearch } from '../../src/core/compact-minisearch.js';
import { readSnapshot, serializeSnapshot, toSnapshot } from '../../src/core/snapshot.js';
import { SCORING } from '../../src/core/search-index.js';
import { seedCorpus } from '../support/seeds.js';

const built = seedCorpus();
const lines = serializeSnapshot(toSnapshot(built, [], 'test')).split('\n');
const loaded = readSnapshot(lines.values(), 'test')?.corpus;

describe('candidate scoring', () => {
  const vocabulary = [...built.index.vocabulary.keys()].sort();

  it.each([
    ['built', built.index.mini],
    ['loaded from a snapshot', loaded?.index.mini],
  ])('scores exactly as MiniSearch#search does, on an index %s', (_label, mini) => {
    expect(mini).toBeInstanceOf(CompactMiniSearch);
    if (!(mini instanceof CompactMiniSearch)) return;
    const term = fc.oneof(fc.constantFrom(...vocabulary), fc.constantFrom('xylophone', 'quokka'));
    fc.assert(
      fc.property(
        fc.uniqueArray(term, { minLength: 1, maxLength: 12 }),
        fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (terms, boosts) => {
          const boostTerm = (t: string): number => boosts[terms.indexOf(t)] ?? 1;
          const ours = mini.scoreTerms(terms, boostTerm, SCORING);
          const theirs = mini
            .search(terms.join(' '), { combineWith: 'OR', boostTerm })
            .map((r) => ({ id: r.id as string, score: r.score }));
          expect(ours).toEqual(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });
});
