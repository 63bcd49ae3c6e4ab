/** How a quote is cut (src/core/windows.ts): which sentences lean back, which sentences a range covers, and growing a span. */
import { describe, expect, it } from 'vitest';
import { addsToBefore, grow, leansBack, leansOn, needsBefore, sentencesAt } from '../../src/core/windows.js';
import { passageOf } from '../support/passages.js';

describe('a sentence that leans on the one before', () => {
  it.each([
    'It was signed in July.',
    'These talks failed.',
    '“They refused,” he said.',
    'However, the deal held.',
    'And then the talks stopped.',
    'As a result, exports resumed.',
    'On the other hand, Kyiv hesitated.',
    'The latter was a surprise.',
    'Such a deal was rare.',
  ])('needs it: %s', (s) => {
    expect(needsBefore(s)).toBe(true);
    expect(leansBack(s)).toBe(true);
  });

  it.each(['Moreover, exports resumed.', 'Later, the envoys met again.', 'In fact, nobody came.', 'Then the ministers met.'])(
    'adds to it: %s',
    (s) => {
      expect(addsToBefore(s)).toBe(true);
      expect(needsBefore(s)).toBe(false);
      expect(leansBack(s)).toBe(true);
    },
  );

  it.each([
    'Turkey hosted the talks.',
    'Thereafter nothing.',
    'Itself a surprise, the deal held.',
    'Butter prices rose.',
    'Theirs was a long war.',
  ])('does neither when it only starts with the same letters: %s', (s) => expect(leansBack(s)).toBe(false));

  it('names again, with "the", a word of the sentence before', () => {
    expect(leansOn('The plant, Europe’s largest, was shelled.', 'Russian forces seized the Zaporizhzhia nuclear plant.')).toBe(true);
    expect(leansOn('The plant, Europe’s largest, was shelled.', 'Russian forces seized the port.')).toBe(false);
  });

  it('names again with either of the two words after "the", at the opening only, after a quote mark or spaces', () => {
    const before = 'Russian forces seized the Zaporizhzhia nuclear plant.';
    expect(leansOn('The big plant was shelled.', before)).toBe(true);
    expect(leansOn('The nuclear talks stalled.', before)).toBe(true);
    expect(leansOn('The big  plant was shelled.', before)).toBe(true);
    expect(leansOn('The  plant was shelled.', before)).toBe(true);
    expect(leansOn('“The plant is shelled,” he said.', before)).toBe(true);
    expect(leansOn('“ The plant is shelled,” he said.', before)).toBe(true);
    expect(leansOn('Kyiv said the plant was shelled.', before)).toBe(false);
    expect(leansOn('Kyiv refused.', before)).toBe(false);
  });
});

describe('the sentences a range covers', () => {
  const p = passageOf('x#p1', ['One two three.', 'Four five six.', 'Seven eight nine.']);
  it('are the first and the last it touches', () => {
    expect(sentencesAt(p, 0, 5)).toEqual([0, 0]);
    expect(sentencesAt(p, 16, 40)).toEqual([1, 2]);
    expect(sentencesAt(p, 0, p.text.length)).toEqual([0, 2]);
  });
  it('are none outside them, or when the range starts or ends in the space between two', () => {
    expect(sentencesAt(p, 0, p.text.length + 5)).toBeNull();
    expect(sentencesAt(p, 14, 20)).toBeNull();
    expect(sentencesAt(p, 0, 15)).toBeNull();
  });
});

describe('growing a span of sentences to a budget', () => {
  // Sentences of 20 characters each (with the space between them, 21 a sentence).
  const s = (n: number, opening = 'Envoys met'): string => `${opening} ${'x'.repeat(18 - opening.length)}${n}.`.slice(0, 20);
  const p = passageOf('x#p1', [s(0), s(1), s(2), s(3), s(4)]);

  it('takes the sentences after first, then those before, while the span fits', () => {
    expect(grow(p, [2, 2], 20)).toEqual([2, 2]);
    expect(grow(p, [2, 2], 41)).toEqual([2, 3]);
    expect(grow(p, [2, 2], 62)).toEqual([2, 4]);
    expect(grow(p, [2, 2], 83)).toEqual([1, 4]);
    expect(grow(p, [2, 2], 1000)).toEqual([0, 4]);
  });

  it('with a lead-in, first takes the sentence before when the span leans on it', () => {
    const leaning = passageOf('x#p2', [s(0), s(1), s(2, 'It was'), s(3), s(4)]);
    expect(grow(leaning, [2, 2], 41, { leadIn: true })).toEqual([1, 2]);
    expect(grow(leaning, [2, 2], 41)).toEqual([2, 3]);
    // Not when the sentence before does not fit, nor before the first sentence.
    expect(grow(leaning, [2, 2], 20, { leadIn: true })).toEqual([2, 2]);
    const first = passageOf('x#p5', [s(0, 'It was'), s(1), s(2)]);
    expect(grow(first, [0, 0], 41, { leadIn: true })).toEqual([0, 1]);
    // A sentence naming again ("The plant …") leans on the one before that said it, not on the one after.
    const named = passageOf('x#p6', ['Envoys saw the plant.', 'The plant was shelled.', 'Talks resumed later.']);
    expect(grow(named, [1, 1], 44, { leadIn: true })).toEqual([0, 1]);
  });

  it('stops for the opening of a next sentence too long to take whole, when enough of it fits', () => {
    const long = passageOf('x#p3', [s(0), s(1), s(2), `Envoys then met ${'y'.repeat(200)}.`]);
    expect(grow(long, [2, 2], 60, { tailChars: 30 })).toEqual([2, 2]);
    expect(grow(long, [2, 2], 60, { tailChars: 50 })).toEqual([1, 2]);
    expect(grow(long, [2, 2], 60)).toEqual([1, 2]);
    // Exactly `tailChars` of room (60 less the 21 from the span's start to the long sentence's) is enough.
    expect(grow(long, [2, 2], 60, { tailChars: 39 })).toEqual([2, 2]);
    expect(grow(long, [2, 2], 60, { tailChars: 40 })).toEqual([1, 2]);
    // With no sentence after, the span still grows before.
    expect(grow(p, [4, 4], 41, { tailChars: 30 })).toEqual([3, 4]);
  });

  it('never opens on a sentence that needs the one before it, grown before', () => {
    const p2 = passageOf('x#p4', [s(0), s(1, 'It was'), s(2), s(3)]);
    expect(grow(p2, [2, 3], 1000)).toEqual([0, 3]);
    expect(grow(p2, [2, 3], 62, { noDanglingStart: true })).toEqual([2, 3]);
    expect(grow(p2, [2, 3], 62)).toEqual([1, 3]);
    // It gives back only what it grew: the span's own first sentence stays, leaning or not.
    const p3 = passageOf('x#p7', [s(0, 'It was'), s(1, 'It was'), s(2), s(3)]);
    expect(grow(p3, [1, 3], 1000, { noDanglingStart: true })).toEqual([1, 3]);
  });
});
