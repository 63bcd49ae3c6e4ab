/**
 * Questions moderators confirmed (src/core/asked-as.ts, `Passage.askedAs`): a question worded like a confirmed one
 * finds its passage, says so, and confirming never re-weighs the library's own words. On an invented article.
 */
import { describe, expect, it } from 'vitest';
import { askedMatch } from '../../src/core/asked-as.js';
import { buildCorpus, type Corpus, type PiecesMemo } from '../../src/core/corpus.js';
import { queryGroups, search } from '../../src/core/search.js';
import { readSnapshot, serializeSnapshot, toSnapshot } from '../../src/core/snapshot.js';
import { buildSource } from '../../src/core/source.js';
import type { SourceMeta } from '../../src/core/types.js';
import { wordNetLexicon } from '../../src/library/lexicon-cache.js';
import { seedCorpus, seedLibrary } from '../support/seeds.js';

const META: SourceMeta = {
  id: 'invented-2026',
  file: 'invented-2026.txt',
  title: 'The Valletta inspection protocol (an invented article, for tests)',
  titleFrom: 'article',
  authors: ['A. Writer'],
  publication: 'The Invented Wire',
  date: null,
  url: null,
  notes: [],
};

const TEXT = [
  'The Valletta inspection protocol',
  '',
  'The inspectors visited the harbour every week from the spring onwards, walking the quays with clipboards and ' +
    'photographers in tow. Their visits were largely performative, staged for the press while no vessel was ever ' +
    'turned back or held for a second look. Officials on both sides admitted as much in private, and the reports ' +
    'they filed each month repeated the same paragraph with a new date at the top.',
  '',
  'Each cargo ship carried grain to Malta under the protocol, sailing in convoys of three or four at a time. The ship ' +
    'owners paid the fees that the protocol set in Geneva, a flat sum per tonne that rose twice in the first year. ' +
    'Insurers in London priced the voyages by the same schedule, and the fees were settled before each convoy left port.',
  '',
  'Observers from four countries signed the protocol in Geneva after two rounds of talks about grain and fees that ' +
    'lasted most of the winter. The signing itself took less than an hour, in a room rented for the day, and the ' +
    'delegations left for the airport before the press conference that was meant to announce it had even begun.',
].join('\n');

const source = buildSource(META, TEXT);
const plain = buildCorpus([source]);
const performative = plain.index.order[0] ?? '';

function taught(questions: readonly string[]): Corpus {
  return buildCorpus([source], undefined, undefined, new Map([[performative, questions]]));
}

describe('a question a moderator confirmed', () => {
  const CONFIRMED = 'were the ship searches just theatre for the cameras';
  const ASKED = 'ship searches: theatre for cameras?';

  it('is answered though it names what no passage names (a question naming it is not, unconfirmed)', () => {
    const named = 'were the harbour inspections performative, staged for Reuters';
    expect(search(plain.index, named)).toMatchObject({ kind: 'no-results', unmatched: ['Reuters'] });
    expect(search(taught([named]).index, named).results[0]?.id).toBe(performative);
    // Asked nearly as confirmed, naming one more thing no passage or confirmation names.
    expect(search(plain.index, `${named} and AFP`).kind).toBe('no-results');
    expect(search(taught([named]).index, `${named} and AFP`).results[0]?.id).toBe(performative);
  });

  it('is answered though it asks two things no passage mentions (a question asking them is not, unconfirmed)', () => {
    const asked = 'were the harbour visits staged for tabloids and paparazzi';
    expect(search(plain.index, asked)).toMatchObject({ kind: 'no-results', unmatched: ['tabloids', 'paparazzi'] });
    expect(search(taught([asked]).index, asked).results[0]?.id).toBe(performative);
  });

  it('lends its words to no question unlike it: those still name what no article does', () => {
    // Found on offtopic5 with blind6's confirmations: "nuking", confirmed for a question on nuclear threats, got a
    // question about a video game quoted.
    const long =
      'were the harbour inspections of every vessel on the quays staged for tabloids and paparazzi while inspectors carried clipboards';
    const asked = 'did paparazzi and tabloids photograph the ship owners paying fees in geneva';
    expect(search(plain.index, asked)).toMatchObject({ kind: 'no-results', unmatched: ['paparazzi', 'tabloids'] });
    expect(search(taught([long]).index, asked)).toMatchObject({ kind: 'no-results', unmatched: ['paparazzi', 'tabloids'] });
    // Asked as it was confirmed, its words are the library's.
    expect(search(taught([long]).index, long).results[0]?.confirmedFor).toBe(long);
  });

  it('ranks its passage first for a question worded alike, and the answer says a moderator confirmed it', () => {
    expect(performative).toMatch(/#p1$/);
    // Untaught, the words asked ("ship") lead elsewhere.
    const before = search(plain.index, ASKED);
    expect(before.results[0]?.id).not.toBe(performative);
    const after = search(taught([CONFIRMED]).index, ASKED);
    expect(after.kind).toBe('results');
    expect(after.results[0]?.id).toBe(performative);
    expect(after.results[0]?.confirmedFor).toBe(CONFIRMED);
    // Asked as it was confirmed, the answer is sure of itself, though the passage's own words hold little of it.
    expect(after.kind === 'results' && after.confidence).toBe('high');
    expect(after.results[0]?.match).toBe(1);
  });

  it('does not outrank a passage whose own words hold the question', () => {
    // The confirmed question holds part of it ("ship", "cameras"); the passage on fees holds more, in its own words.
    const answer = search(taught([CONFIRMED]).index, 'did the ship owners pay fees for the cameras');
    expect(answer.results[0]?.id).not.toBe(performative);
    expect(answer.results[0]?.confirmedFor).toBeUndefined();
  });

  it('never changes how much the library’s own words weigh', () => {
    const index = taught([CONFIRMED, 'why did the grain ships pay fees in geneva']).index;
    for (const term of ['ship', 'grain', 'fee', 'geneva'].map((w) => queryGroups(plain.index, w)[0]?.query ?? w))
      expect(index.vocabulary.get(term)).toBe(plain.index.vocabulary.get(term));
    // A word only a confirmed question holds is matched, yet is no word of the library's.
    const theatre = queryGroups(index, 'theatre')[0];
    expect(theatre?.own.size).toBe(1);
    expect(queryGroups(plain.index, 'theatre')[0]?.own.size ?? 0).toBe(0);
    expect(index.vocabulary.has(theatre?.query ?? '')).toBe(false);
    expect(index.vocabulary.size).toBe(plain.index.vocabulary.size);
  });

  it('is matched by the new question’s own words only, the one holding most of it', () => {
    const corpus = taught(['which ship was turned back', CONFIRMED]);
    const passage = corpus.index.passages.get(performative);
    expect(passage?.askedAs).toEqual(['which ship was turned back', CONFIRMED]);
    const weighed = (text: string): [ReturnType<typeof queryGroups>, number] => {
      const groups = queryGroups(corpus.index, text);
      return [groups, groups.reduce((sum, g) => sum + g.idf, 0)];
    };
    const weigh = (): number => 1;
    // Asked with the same words, the likeness is whole; it holds more than the other confirmed question.
    const match = passage && askedMatch(passage, ...weighed(ASKED), weigh);
    expect(match?.question).toBe(CONFIRMED);
    expect(match?.held).toBeGreaterThan(0);
    expect(match?.likeness).toBeCloseTo(1, 5);
    // Sharing some words, and each missing some of the other's, it is partly alike.
    const partial = passage && askedMatch(passage, ...weighed('theatre for the ship owners'), weigh);
    expect(partial?.question).toBe(CONFIRMED);
    expect(partial?.likeness).toBeGreaterThan(0.2);
    expect(partial?.likeness).toBeLessThan(0.9);
    // A question holding only part of the confirmed one is not asked the same way either.
    expect(passage && askedMatch(passage, ...weighed('ship theatre'), weigh)?.likeness).toBeLessThan(0.9);
    expect(passage && askedMatch(passage, ...weighed('observers signed in geneva'), weigh)).toBeNull();
  });

  it('leaves the passages a rebuild shares untouched: a confirmation withdrawn is gone from the next build', () => {
    const memo: PiecesMemo = new Map();
    const withIt = buildCorpus([source], undefined, memo, new Map([[performative, [CONFIRMED]]]));
    const without = buildCorpus([source], undefined, memo);
    expect(withIt.index.passages.get(performative)?.askedAs).toEqual([CONFIRMED]);
    expect(without.index.passages.get(performative)?.askedAs).toBeUndefined();
    expect(search(without.index, ASKED).results[0]?.confirmedFor).toBeUndefined();
  });

  it('survives the snapshot: a loaded corpus answers as the built one does', () => {
    const built = taught([CONFIRMED]);
    const loaded = readSnapshot(
      serializeSnapshot(toSnapshot(built, [], 'k'))
        .split('\n')
        .values(),
    )?.corpus;
    expect(loaded && search(loaded.index, ASKED)).toEqual(search(built.index, ASKED));
  });

  it('makes an answer sure of itself when asked as confirmed, though other passages hold its words better', () => {
    // On the seeds: a question about the grain deal, whose words other passages hold in full.
    const seeds = seedCorpus();
    const question = 'was the grain deal just for show';
    const untaught = search(seeds.index, question);
    const chosen = [...seeds.index.passages.values()].find((p) => p.text.includes('defied the understandable early pessimism'));
    expect(untaught.results[0]?.id).not.toBe(chosen?.id);
    const corpus = buildCorpus(seedLibrary().sources, wordNetLexicon(), undefined, new Map([[chosen?.id ?? '', [question]]]));
    const answer = search(corpus.index, question);
    expect(answer.results[0]?.id).toBe(chosen?.id);
    expect(answer.kind === 'results' && answer.confidence).toBe('high');
  });
});
