import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/core/search-index.js';
import { buildPassages, MAX_PASSAGE_CHARS, MIN_PASSAGE_CHARS, sentenceSpans } from '../../src/core/passages.js';
import { sentenceRanges, splitSentences } from '../../src/core/sentences.js';
import { seedLibrary, sourceById } from '../support/seeds.js';

describe('passages', () => {
  const all = seedLibrary().sources.map((s) => ({ source: s, passages: buildPassages(s) }));

  it('point into the cleaned text with exact offsets', () => {
    for (const { source, passages } of all) {
      for (const p of passages) expect(source.text.slice(p.start, p.end)).toBe(p.text);
    }
  });

  it('keep their sentence boundaries flat, read back as the ranges of their text', () => {
    for (const { passages } of all) {
      for (const p of passages) {
        expect(p.sentences).toEqual(sentenceRanges(p.text).flat());
        expect(sentenceSpans(p)).toEqual(sentenceRanges(p.text));
      }
    }
    expect(sentenceSpans({ sentences: [] })).toEqual([]);
  });

  it('cover every paragraph of every source, in order, without overlap', () => {
    for (const { source, passages } of all) {
      let at = 0;
      for (const p of passages) {
        expect(p.start).toBeGreaterThanOrEqual(at);
        expect(source.text.slice(at, p.start).trim()).toBe('');
        at = p.end;
      }
      expect(source.text.slice(at).trim()).toBe('');
    }
  });

  it('have stable, unique ids of the form <source>#p<paragraph>[.<part>]', () => {
    const ids = all.flatMap((x) => x.passages.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+#p\d+(\.\d+)?$/);
    const again = seedLibrary().sources.flatMap((s) => buildPassages(s).map((p) => p.id));
    expect(again).toEqual(ids);
    expect(buildIndex(seedLibrary().sources).order).toEqual(ids);
  });

  it('split long paragraphs at sentence boundaries and merge fragments within a section', () => {
    for (const { source, passages } of all) {
      for (const p of passages) {
        const paragraph = source.paragraphs.find((x) => x.number === p.paragraphStart);
        expect(paragraph?.section ?? null).toBe(p.section);
        const sentences = splitSentences(p.text);
        // Every passage starts and ends on a sentence boundary.
        expect(p.text.startsWith(sentences[0] ?? '')).toBe(true);
        expect(p.text.endsWith(sentences.at(-1) ?? '')).toBe(true);
        // Split parts stay within the limit unless a single sentence is longer.
        if (p.id.includes('.')) expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
        // A fragment survives only if nothing in its section could take it.
        if (p.text.length < MIN_PASSAGE_CHARS) {
          const sameSection = passages.filter((q) => q.section === p.section);
          expect(sameSection).toHaveLength(1);
        }
      }
    }
    const split = all.flatMap((x) => x.passages).filter((p) => /\.\d+$/.test(p.id));
    expect(split.length).toBeGreaterThan(0);
    const merged = all.flatMap((x) => x.passages).filter((p) => p.paragraphEnd > p.paragraphStart);
    expect(merged.length).toBeGreaterThan(0);
  });

  it('know their section and paragraph', () => {
    const p = buildPassages(sourceById('conversation-2022')).find((x) => x.text.includes('Turkey, India and the UAE'));
    expect(p).toMatchObject({ section: 'An honest broker?', sourceId: 'conversation-2022' });
    const paragraph = sourceById('conversation-2022').paragraphs.find((x) => x.text.includes('Turkey, India and the UAE'));
    expect(p?.paragraphStart).toBe(paragraph?.number);
  });
});

describe('sentences', () => {
  it('do not break at abbreviations, initials or titles', () => {
    const text =
      'write Courtney Kube, Carol E. Lee, and Kristen Welker for NBC News. The U.S. and EU’s support (e.g., Kofman) grew. Mr. ' +
      'Smith agreed.';
    expect(splitSentences(text)).toEqual([
      'write Courtney Kube, Carol E. Lee, and Kristen Welker for NBC News.',
      'The U.S. and EU’s support (e.g., Kofman) grew.',
      'Mr. Smith agreed.',
    ]);
    expect(sentenceRanges('  One.  Two?  ')).toEqual([
      [2, 6],
      [8, 12],
    ]);
  });
});
