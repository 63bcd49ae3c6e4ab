/** A summary from its chosen quotes (src/core/summary/budget.ts): reading order, footnotes, disagreements, the budget. */
import { describe, expect, it } from 'vitest';
import { arrange, fit, pairsAmong } from '../../../src/core/summary/budget.js';
import { DEFAULT_SUMMARY_OPTIONS } from '../../../src/core/summary/options.js';
import type { Candidate, SummaryAbout, SummaryAnswer } from '../../../src/core/summary/types.js';
import type { Citation, Passage } from '../../../src/core/types.js';
import { passageOf } from '../../support/passages.js';

const ABOUT: SummaryAbout = { topic: 't', unmatched: [] };

const p1 = passageOf('a#p1', ['One.', 'Two.', 'Three.', 'Four.']);
const p2 = passageOf('b#p2', ['Five.', 'Six.']);

/** A quote of sentences [from, to] of `passage`, read in `order`. */
function quote(passage: Passage, from: number, to: number, order: string, extra: Partial<Candidate> = {}): Candidate {
  const text =
    passage.sentences.length > 0
      ? passage.text
          .split(' ')
          .slice(from, to + 1)
          .join(' ')
      : '';
  const citation = { passageId: passage.id, sourceId: passage.sourceId } as Citation;
  return { text, order, citation, at: { passage, from, to }, relevance: 0, ...extra } as Candidate;
}

const texts = (answer: SummaryAnswer): string[] => (answer.kind === 'summary' ? answer.sentences.map((s) => s.text) : []);

describe('arranging chosen quotes', () => {
  it('reads them in order, one footnote per passage', () => {
    const [a, b, c] = [quote(p2, 0, 0, '2'), quote(p1, 0, 0, '1'), quote(p1, 3, 3, '3')];
    const { answer, parts } = arrange(ABOUT, [a, b, c], []);
    expect(answer.sentences).toEqual([
      { text: 'One.', footnote: 1 },
      { text: 'Five.', footnote: 2 },
      { text: 'Four.', footnote: 1 },
    ]);
    expect(answer.sources.map((s) => s.passageId)).toEqual(['a#p1', 'b#p2']);
    expect(parts).toEqual([[b], [a], [c]]);
  });

  it('reads two quotes of one passage that meet as one, and not when a sentence lies between or a passage differs', () => {
    const first = quote(p1, 0, 1, '1');
    const next = quote(p1, 2, 2, '2');
    const merged = arrange(ABOUT, [next, first], []);
    expect(texts(merged.answer)).toEqual(['One. Two. Three.']);
    expect(merged.parts).toEqual([[first, next]]);
    expect(texts(arrange(ABOUT, [first, quote(p1, 1, 1, '2')], []).answer)).toEqual(['One. Two.']);
    expect(texts(arrange(ABOUT, [first, quote(p1, 3, 3, '2')], []).answer)).toEqual(['One. Two.', 'Four.']);
    expect(texts(arrange(ABOUT, [first, quote(p2, 0, 0, '2')], []).answer)).toEqual(['One. Two.', 'Five.']);
  });

  it('keeps the two sides of a disagreement together, each pointing at the other, and never merged', () => {
    const a = quote(p1, 0, 0, '1');
    const between = quote(p1, 1, 1, '2');
    const b = quote(p2, 0, 0, '3');
    const { answer } = arrange(ABOUT, [between, b, a], [[a, b]]);
    expect(answer.sentences).toEqual([
      { text: 'One.', footnote: 1, disagreesWith: 2 },
      { text: 'Five.', footnote: 2, disagreesWith: 1 },
      { text: 'Two.', footnote: 1 },
    ]);
    // A side that was not chosen is not brought in.
    expect(texts(arrange(ABOUT, [a], [[a, b]]).answer)).toEqual(['One.']);
    expect(arrange(ABOUT, [a], [[a, b]]).answer.sentences[0]?.disagreesWith).toBeUndefined();
  });
});

describe('fitting a budget', () => {
  const chars = (answer: SummaryAnswer): number => texts(answer).join(' ').length;
  const options = { ...DEFAULT_SUMMARY_OPTIONS, minSentences: 1 };

  it('keeps quotes in the order chosen while they fit, skipping one too long for a later, shorter one', () => {
    const long = quote(p1, 0, 3, '1');
    const [a, b] = [quote(p2, 0, 0, '2'), quote(p2, 1, 1, '3')];
    expect(fit(ABOUT, [a, long, b], [], { chars: 11, measure: chars }, options)).toEqual([a, b]);
    expect(fit(ABOUT, [a, long, b], [], { chars: 10, measure: chars }, options)).toEqual([a, b]);
    expect(fit(ABOUT, [a, long, b], [], { chars: 9, measure: chars }, options)).toEqual([a]);
    // The first minSentences are kept whatever the budget.
    expect(fit(ABOUT, [long, a], [], { chars: 1, measure: chars }, { ...options, minSentences: 2 })).toEqual([long, a]);
  });

  it('keeps a lead-in only with the quote it leads into, and a leaning quote only after what it leans on', () => {
    const lead = quote(p1, 3, 3, '1');
    const needs = { passage: p1, sentence: 3 };
    const leaning = quote(p2, 0, 0, '2', { needs, lead });
    expect(fit(ABOUT, [lead, leaning], [], { chars: 100, measure: chars }, options)).toEqual([lead, leaning]);
    expect(fit(ABOUT, [leaning], [], { chars: 100, measure: chars }, options)).toEqual([]);
    expect(fit(ABOUT, [leaning, lead], [], { chars: 5, measure: chars }, { ...options, minSentences: 0 })).toEqual([]);
    expect(fit(ABOUT, [quote(p2, 0, 0, '2', { needs })], [], { chars: 100, measure: chars }, options)).toEqual([]);
  });

  it('measures the disagreements among what it keeps', () => {
    const [a, b, c] = [quote(p1, 0, 0, '1'), quote(p2, 0, 0, '2'), quote(p2, 1, 1, '3')];
    expect(
      pairsAmong(
        [
          [a, b],
          [a, c],
        ],
        [a, b],
      ),
    ).toEqual([[a, b]]);
    expect(pairsAmong([[a, b]], [a])).toEqual([]);
  });
});
