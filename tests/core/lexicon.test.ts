import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildLexicon, COMMON_TAGGED, everydayIdf, libraryLexicon, RelatedTable, type WordNetText } from '../../src/core/lexicon.js';
import { answerCues, answerKind, holdsCue } from '../../src/core/question.js';
import type { Passage } from '../../src/core/types.js';

interface MiniSynset {
  id: string;
  words: string[];
  /** "symbol target-id pos" */
  pointers: string[];
  /** Lexicographer file (15: places). */
  file?: string;
}

/** A WordNet in miniature: synsets at their byte offsets, as in the real files. */
function miniWordNet(): WordNetText {
  const nouns: MiniSynset[] = [
    { id: 'carnage', words: ['carnage', 'slaughter', 'massacre'], pointers: [] },
    { id: 'bloodbath', words: ['bloodbath'], pointers: [] },
    { id: 'russia', words: ['Russia', 'Russian_Federation'], pointers: [] },
    // Places: a word whose most frequent sense is not a place may still name a whole ("turkey"), never a part.
    { id: 'turkey-bird', words: ['turkey'], pointers: [], file: '05' },
    { id: 'turkey', words: ['Turkey', 'Republic_of_Turkey'], pointers: [], file: '15' },
    { id: 'istanbul', words: ['Istanbul', 'Constantinople'], pointers: ['#p turkey n'], file: '15' },
    { id: 'croatia', words: ['Croatia'], pointers: [], file: '15' },
    { id: 'split-city', words: ['Split'], pointers: ['#p croatia n'], file: '15' },
    { id: 'usa', words: ['USA'], pointers: [], file: '15' },
    { id: 'delaware', words: ['Delaware', 'DE'], pointers: ['#p usa n'], file: '15' },
    // A part of something that is not a place is not a place within it.
    { id: 'bird-part', words: ['wishbone'], pointers: ['#p turkey-bird n'], file: '15' },
  ];
  const verbs: MiniSynset[] = [{ id: 'split', words: ['split'], pointers: [], file: '35' }];
  const adjectives: MiniSynset[] = [{ id: 'russian', words: ['Russian'], pointers: ['\\ russia n'] }];
  const offsets = new Map<string, number>();
  const at = (id: string): string => String(offsets.get(id) ?? 0).padStart(8, '0');
  // Offsets are fixed-width, so a second pass with the real ones keeps every line where the first put it.
  const file = (list: MiniSynset[], pos: string): string => {
    let text = '  1 This software and database is being provided\n';
    for (const s of list) {
      offsets.set(s.id, text.length);
      const words = s.words.map((w) => `${w} 0`).join(' ');
      const pointers = s.pointers.map((p) => {
        const [symbol, target, targetPos] = p.split(' ');
        return ` ${symbol} ${at(target ?? '')} ${targetPos} 0000`;
      });
      text +=
        `${at(s.id)} ${s.file ?? '05'} ${pos} ${s.words.length.toString(16).padStart(2, '0')} ${words} ` +
        `${String(s.pointers.length).padStart(3, '0')}${pointers.join('')} | a gloss\n`;
    }
    return text;
  };
  for (let pass = 0; pass < 2; pass++) {
    file(nouns, 'n');
    file(adjectives, 'a');
    file(verbs, 'v');
  }
  const sense = [
    `carnage%1:04:00:: ${at('carnage')} 1 3`,
    `massacre%1:04:00:: ${at('carnage')} 1 2`,
    `massacre%1:04:01:: ${at('bloodbath')} 3 0`,
    `russia%1:15:00:: ${at('russia')} 1 9`,
    `russian%3:01:00:: ${at('russian')} 1 4`,
    `turkey%1:05:00:: ${at('turkey-bird')} 1 5`,
    `turkey%1:15:00:: ${at('turkey')} 2 1`,
    `istanbul%1:15:00:: ${at('istanbul')} 1 0`,
    `constantinople%1:15:00:: ${at('istanbul')} 1 0`,
    `croatia%1:15:00:: ${at('croatia')} 1 0`,
    `split%1:15:00:: ${at('split-city')} 2 0`,
    `split%2:35:00:: ${at('split')} 1 3`,
    `usa%1:15:00:: ${at('usa')} 1 0`,
    `delaware%1:15:00:: ${at('delaware')} 1 0`,
    `de%1:15:00:: ${at('delaware')} 1 0`,
    `wishbone%1:15:00:: ${at('bird-part')} 1 0`,
  ]
    .sort()
    .join('\n');
  return { sense, data: { n: file(nouns, 'n'), v: file(verbs, 'v'), a: file(adjectives, 'a'), r: '' } };
}

describe('the WordNet lexicon', () => {
  const text = miniWordNet();

  it("relates the words of a word's frequent senses, and follows pertainyms", () => {
    const lexicon = buildLexicon(text);
    expect([...(lexicon.related.get('carnag') ?? [])].sort()).toEqual(['massacr', 'slaughter']);
    // "massacre"'s third sense is too rare to follow.
    expect(lexicon.related.get('massacr')?.includes('bloodbath')).toBe(false);
    expect(lexicon.related.get('russian')?.includes('russia')).toBe(true);
  });

  it('counts how often each word was tagged, over all its senses', () => {
    const lexicon = buildLexicon(text);
    expect(lexicon.frequency.get('massacr')).toBe(2);
    expect(lexicon.frequency.get('carnag')).toBe(3);
  });

  it('keeps for a library only the related words the library has, and how common its words and English’s common words are', () => {
    const lexicon = libraryLexicon(
      buildLexicon(text),
      new Map([
        ['massacr', 3],
        ['russia', 50],
      ]),
    );
    expect([...(lexicon.related.get('carnag') ?? [])]).toEqual(['massacr']);
    expect(lexicon.related.get('massacr')).toBeUndefined();
    // "carnage" (tagged 3 times) is neither the library's nor common; "turkey" (tagged at least COMMON_TAGGED
    // times) is common English, which a question may ask and the library lack.
    expect([...lexicon.frequency.keys()].sort()).toEqual(['massacr', 'russia', 'turkei']);
    expect(lexicon.frequency.get('turkei')).toBeGreaterThanOrEqual(COMMON_TAGGED);
  });

  it('knows the places within a place, and only names that are places first ("Split" is a verb first, "DE" a code)', () => {
    const lexicon = buildLexicon(text);
    expect([...(lexicon.parts.get('turkei') ?? [])].sort()).toEqual(['constantinopl', 'istanbul']);
    expect(lexicon.parts.get('croatia')).toBeUndefined();
    expect(lexicon.parts.get('usa')).toEqual(['delawar']);
    expect(lexicon.parts.get('istanbul')).toBeUndefined();
    const library = libraryLexicon(lexicon, new Map([['istanbul', 2]]));
    expect(library.parts.get('turkei')).toEqual(['istanbul']);
    expect(library.parts.get('usa')).toBeUndefined();
  });

  it('keeps related words as a sorted table that finds every stem it holds and no other', () => {
    const stem = fc.stringMatching(/^[a-z0-9']{1,8}$/);
    fc.assert(
      fc.property(fc.dictionary(stem, fc.uniqueArray(stem, { minLength: 1, maxLength: 4 })), fc.array(stem), (entries, probes) => {
        const table = RelatedTable.from(Object.entries(entries));
        const again = new RelatedTable(table.text);
        expect(again.size).toBe(Object.keys(entries).length);
        for (const [key, others] of Object.entries(entries)) expect(again.get(key)).toEqual(others);
        for (const p of probes) expect(again.get(p)).toEqual(Object.hasOwn(entries, p) ? entries[p] : undefined);
        expect(new Map(again.entries())).toEqual(new Map(Object.entries(entries)));
      }),
    );
    expect(new RelatedTable('').get('a')).toBeUndefined();
  });

  it('weighs a common word like a word in many passages, a rare one like a rare one', () => {
    expect(everydayIdf(400)).toBeLessThan(2.5);
    expect(everydayIdf(2)).toBeGreaterThan(6);
    expect(everydayIdf(undefined)).toBe(Infinity);
  });
});

describe('the kind of answer a question asks for', () => {
  it.each([
    ['When did the grain deal get signed?', 'when'],
    ['what year was crimea annexed', 'when'],
    ['who brokered the grain deal', 'who'],
    ['where did the delegations meet', 'where'],
    ['gatilov why so pessimistic', 'why'],
    ['what happened at istanbul', null],
  ])('%s → %s', (q, kind) => expect(answerKind(q)).toBe(kind));

  it('is found where the passage holds it: a date, a person, a place, a cause', () => {
    const text = 'Talks stalled. In July 2022, Turkish president Recep Erdogan met them in Istanbul because grain ships were stuck.';
    const passage = { text, when: [] } as unknown as Passage;
    const first: [number, number] = [0, 14];
    const second: [number, number] = [15, text.length];
    for (const kind of ['when', 'who', 'where', 'why'] as const) {
      expect(holdsCue(answerCues(passage)[kind], ...first), kind).toBe(false);
      expect(holdsCue(answerCues(passage)[kind], ...second), kind).toBe(true);
    }
  });
});
