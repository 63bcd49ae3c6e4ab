/**
 * A summary's candidate quotes (src/core/summary/quotes.ts, `candidates`): which sentences of a passage are
 * quoted, with what they lean on, ranked how, in what order. On invented articles, so each rule is seen alone.
 */
import { describe, expect, it } from 'vitest';
import { buildCorpus, type Corpus } from '../../../src/core/corpus.js';
import { buildSource } from '../../../src/core/source.js';
import { DEFAULT_SUMMARY_OPTIONS, type SummaryOptions } from '../../../src/core/summary/options.js';
import { candidates } from '../../../src/core/summary/quotes.js';
import type { Candidate } from '../../../src/core/summary/types.js';
import type { SourceMeta } from '../../../src/core/types.js';
import { inventedMeta } from '../../support/invented.js';

function meta(id: string, date: string | null): SourceMeta {
  return inventedMeta(id, {
    title: 'The Tarn Ferry Accord (an invented article, for tests)',
    authors: ['A. Writer'],
    publication: 'The Invented Wire',
    date: date === null ? null : { value: date, precision: 'day', derivation: 'explicit', evidence: [] },
  });
}

/** Paragraphs of 140–700 characters, so that each is one passage. */
const ACCORD = [
  'The Tarn Ferry Accord',
  '',
  'Fishing boats shared the estuary for a century without a written rule. The harbour councils agreed the ferry ' +
    'fares in March, after eleven weeks of talks. It was the first rule on the crossing to name fares. They signed ' +
    'it in the town hall. Boats still ran at night without lights. A clerk kept the minutes of every meeting. These ' +
    'minutes name every skipper who spoke. Their names sit beside the fares each skipper asked for. Those fares ' +
    'were paid in coin. Gulls nested on the pier all spring.',
  '',
  'The ferry fares rose twice in the first year of the accord. Skippers blamed the fares on the insurers in London, ' +
    'who priced each voyage by the week. Nobody in Tarn could say who had asked the insurers for the new schedule.',
  '',
  'Carters on the coast road charged fares of their own, lower than the boats but slower by a day. The carters ' +
    'kept their fares through the winter, when the road was often closed by snow.',
  '',
  'Fares And Tolls',
  '',
  'Bridge tolls were paid in Wendle, a penny a cart and half a penny a walker. Merchants from the hills paid fares ' +
    'in silver, and the councils counted the silver each Sunday after church.',
].join('\n');

function corpusOf(text: string, date: string | null = null): Corpus {
  return buildCorpus([buildSource(meta('tarn-2026', date), text)]);
}

const accord = corpusOf(ACCORD);
/** Only the window itself is the core quote: growing it to an account would hide which sentences each rule brings. */
const BARE: Partial<SummaryOptions> = { unitChars: 0, relativeFloor: 0 };

function quotes(corpus: Corpus, topic: string, tuning: Partial<SummaryOptions> = {}): Candidate[] {
  return candidates(corpus, topic, { ...DEFAULT_SUMMARY_OPTIONS, ...BARE, ...tuning });
}

/** A candidate as [paragraph's first words, first sentence, last sentence, the sentence it needs]. */
function where(c: Candidate): [string, number, number, number | null] {
  return [c.at.passage.text.slice(0, 12), c.at.from, c.at.to, c.needs?.sentence ?? null];
}

function quoting(all: Candidate[], words: string): Candidate {
  const found = all.find((c) => c.text.includes(words));
  if (!found) throw new Error(`no candidate quotes “${words}”`);
  return found;
}

describe('the sentences a candidate quotes', () => {
  it('a sentence about the topic brings every sentence it leans on before it and every one leaning on it after', () => {
    const all = quotes(accord, 'fares');
    // "Their names … fares" leans on "These minutes…", which leans on "A clerk…": those two hold no fares.
    const clerk = quoting(all, 'Their names sit beside the fares');
    expect(clerk.text).toBe(
      'A clerk kept the minutes of every meeting. These minutes name every skipper who spoke. Their names sit beside the ' +
        'fares each skipper asked for. Those fares were paid in coin.',
    );
    expect(clerk.needs).toBeUndefined();
  });

  it('a sentence leaning on the core quote continues it, and is quoted as needing its last sentence', () => {
    const all = quotes(accord, 'ferry fares');
    const core = quoting(all, 'agreed the ferry fares');
    expect(where(core)).toEqual(['Fishing boat', 1, 1, null]);
    // It holds only the less telling word, yet continues the account the core quote gives.
    const next = quoting(all, 'It was the first rule');
    expect(where(next)).toEqual(['Fishing boat', 2, 3, 1]);
    expect(next.needs?.passage).toBe(core.at.passage);
  });

  it('a sentence after the core quote that does not lean on it must be about the topic itself', () => {
    const all = quotes(accord, 'ferry fares');
    expect(all.some((c) => c.text.includes('The ferry fares rose twice'))).toBe(true);
    // It holds "fares" but not "ferry", the topic's telling word, and opens on its own.
    expect(all.some((c) => c.text.includes('Skippers blamed'))).toBe(false);
    // Opened as leaning on the core quote, the same sentence continues its account.
    const leaning = corpusOf(ACCORD.replace('Skippers blamed the fares', 'But skippers blamed the fares'));
    const but = quoting(quotes(leaning, 'ferry fares'), 'But skippers blamed');
    expect(where(but)).toEqual(['The ferry fa', 1, 1, 0]);
  });

  it('quotes no sentence twice within a passage, nor a sentence of the topic’s own', () => {
    const all = quotes(accord, 'fares');
    const seen = all.flatMap((c) => Array.from({ length: c.at.to - c.at.from + 1 }, (_, i) => `${c.at.passage.id}:${c.at.from + i}`));
    expect(seen.length).toBeGreaterThan(all.length);
    expect(new Set(seen).size).toBe(seen.length);
    // Sentences with no fares in them are quoted only as what a quote about fares leans on.
    expect(all.some((c) => c.text.startsWith('Bridge tolls'))).toBe(false);
    expect(all.some((c) => c.text.includes('Gulls'))).toBe(false);
  });

  it('an article describing itself is cut from a quote, at either end', () => {
    const self = corpusOf(
      ACCORD.replace(
        'Fishing boats shared the estuary for a century without a written rule. ',
        'This article examines the ferry fares. ',
      ).replace('Those fares were paid in coin.', 'Those fares were paid in coin. This analysis traces the fares.'),
    );
    const all = quotes(self, 'fares');
    expect(all.some((c) => /This (?:article|analysis)/.test(c.text))).toBe(false);
    expect(quoting(all, 'A clerk kept').text.endsWith('Those fares were paid in coin.')).toBe(true);
  });
});

describe('how a candidate ranks', () => {
  it('a passage’s other sentences rank by how much of the topic they hold against its core quote, never above it', () => {
    const all = quotes(accord, 'ferry fares');
    const core = quoting(all, 'agreed the ferry fares');
    const next = quoting(all, 'It was the first rule');
    expect(next.relevance).toBeGreaterThan(0);
    expect(next.relevance).toBeLessThan(core.relevance / 2);
    // One as telling as the core quote ranks with it.
    const fares = quotes(accord, 'fares');
    expect(quoting(fares, 'A clerk kept').relevance).toBeCloseTo(quoting(fares, 'agreed the ferry fares').relevance, 9);
  });

  it('a heading that names the topic raises its passages by `headingShare`, and no other passage', () => {
    const at = (share: number): Map<string, number> =>
      new Map(quotes(accord, 'fares', { headingShare: share }).map((c) => [c.text.slice(0, 20), c.relevance]));
    const [none, one, half] = [at(0), at(1), at(0.5)];
    expect([...one.keys()].sort()).toEqual([...none.keys()].sort());
    for (const [key, base] of none) {
      const headed = key.startsWith('Merchants');
      expect(one.get(key)).toBeCloseTo(headed ? 2 * base : base, 9);
      expect(half.get(key)).toBeCloseTo(headed ? 1.5 * base : base, 9);
    }
    expect(none.has('Merchants from the h')).toBe(true);
  });

  it('drops what falls under `relativeFloor` of the best candidate', () => {
    const all = quotes(accord, 'ferry fares');
    const best = Math.max(...all.map((c) => c.relevance));
    const weakest = Math.min(...all.map((c) => c.relevance));
    expect(weakest).toBeLessThan(best);
    const kept = quotes(accord, 'ferry fares', { relativeFloor: weakest / best });
    expect(kept).toHaveLength(all.length);
    const floored = quotes(accord, 'ferry fares', { relativeFloor: (weakest / best) * 1.0001 });
    expect(floored.length).toBeLessThan(all.length);
    expect(floored.every((c) => c.relevance >= weakest)).toBe(true);
  });
});

describe('what is quotable', () => {
  it('a quote is between `minQuoteChars` and `maxQuoteChars` long, both bounds included', () => {
    const text = quoting(quotes(accord, 'fares'), 'Merchants from the hills').text;
    const has = (tuning: Partial<SummaryOptions>): boolean => quotes(accord, 'fares', tuning).some((c) => c.text === text);
    expect(has({ minQuoteChars: text.length })).toBe(true);
    expect(has({ minQuoteChars: text.length + 1 })).toBe(false);
    expect(has({ maxQuoteChars: text.length })).toBe(true);
    expect(has({ maxQuoteChars: text.length - 1 })).toBe(false);
  });

  it('under a heading that holds the topic, a sentence is quoted though it holds only part of it', () => {
    const winter = (heading: string): Candidate[] =>
      quotes(
        corpusOf(
          ACCORD.replace('Fares And Tolls', heading).replace(
            'Bridge tolls were paid in Wendle, a penny a cart and half a penny a walker.',
            'Winter fares on the bridge were set in Wendle, a penny a cart and half a penny a walker, until the thaw. ' +
              'The bridge itself was rebuilt twice in those years, each time by masons brought down the valley from the quarries.',
          ),
        ),
        'winter fares',
      );
    // "Merchants … paid fares" lacks the telling "winter", said two sentences before.
    expect(winter('Winter Fares').some((c) => c.text.startsWith('Merchants'))).toBe(true);
    expect(winter('Hill Merchants').some((c) => c.text.startsWith('Merchants'))).toBe(false);
  });
});

describe('a passage opening on a sentence that leans on the passage before', () => {
  const opening = (last: string): Candidate[] =>
    quotes(
      corpusOf(
        ACCORD.replace('Nobody in Tarn could say who had asked the insurers for the new schedule.', last)
          .replace('Carters on the coast road', 'They undercut the boats: carters on the coast road')
          .replace('The carters kept their fares through the winter', 'The boats ran full through the winter'),
      ),
      'carters fares',
    );

  it('is quoted as needing that passage’s last sentence, which comes along as its lead-in when it stands alone', () => {
    const all = opening('Nobody in Tarn could say who had asked the insurers for the new schedule.');
    const q = quoting(all, 'They undercut the boats');
    expect(q.at.from).toBe(0);
    expect(q.needs?.passage.text.startsWith('The ferry fares rose')).toBe(true);
    expect(q.needs?.sentence).toBe(2);
    expect(q.lead?.text).toBe('Nobody in Tarn could say who had asked the insurers for the new schedule.');
    expect(q.lead?.relevance).toBe(q.relevance);
    expect(q.lead?.at).toEqual({ passage: q.needs?.passage, from: 2, to: 2 });
  });

  it('with no lead-in when that last sentence leans in turn', () => {
    const q = quoting(opening('This left the insurers free to set the new schedule alone.'), 'They undercut the boats');
    expect(q.needs?.sentence).toBe(2);
    expect(q.lead).toBeUndefined();
  });
});

describe('reading order', () => {
  it('is the source’s date, then where the quote starts in the source', () => {
    const dated = corpusOf(ACCORD, '2026-03-14');
    const source = dated.index.sources.get('tarn-2026');
    const all = quotes(dated, 'fares');
    expect(all.length).toBeGreaterThan(3);
    for (const c of all) {
      const start = source?.text.indexOf(c.text.slice(0, 40)) ?? -1;
      expect(start).toBeGreaterThan(0);
      expect(c.order).toBe(`2026-03-14|${String(start).padStart(7, '0')}`);
    }
    // An undated source sorts after every dated one.
    expect(quotes(accord, 'fares').every((c) => c.order.startsWith('9999|'))).toBe(true);
  });
});
