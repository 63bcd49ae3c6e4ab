/**
 * Summaries composed from chosen quotes (src/core/summary/shape.ts), on candidates made for each rule: lead-ins
 * named by the quote they lead into, disagreements, a drop taking what leans on it, an add refused for each reason,
 * the quotes a moderator may add, and the pool's fingerprint.
 */
import { describe, expect, it } from 'vitest';
import {
  addable,
  composeSummary,
  summaryPool,
  withoutQuote,
  withQuote,
  type ComposedSummary,
  type SummaryBudget,
  type SummaryPool,
} from '../../../src/core/summary/index.js';
import { search } from '../../../src/core/search.js';
import type { Candidate, SummaryAnswer } from '../../../src/core/summary/types.js';
import { quote, side } from '../../support/candidates.js';
import { seedCorpus } from '../../support/seeds.js';

function poolOf(candidates: Candidate[]): SummaryPool {
  return { topic: 'invented', unmatched: [], candidates, fingerprint: 'test' };
}

const texts = (s: ComposedSummary): string[] => s.answer.sentences.map((x) => x.text);

/** A quote of the sentence `of` holds, leaning on it. */
function leaning(source: string, relevance: number, words: string, of: Candidate, extra: Partial<Candidate> = {}): Candidate {
  return quote(source, relevance, words, { needs: { passage: of.at.passage, sentence: 0 }, ...extra });
}

/** Room for exactly these texts, counted as their characters. */
function roomFor(...quotes: Candidate[]): SummaryBudget {
  const measure = (answer: SummaryAnswer): number => answer.sentences.reduce((n, s) => n + s.text.length, 0);
  return { chars: quotes.reduce((n, q) => n + q.text.length, 0), measure };
}

describe('composing a summary from chosen quotes', () => {
  it('names a lead-in from outside the pool by the quote it leads into', () => {
    const lead = quote('a', 1, 'the talks opened in may');
    const leans = leaning('a', 0.9, 'this raised hopes', lead, { lead });
    const other = quote('b', 0.5, 'prisoners were exchanged');
    const s = composeSummary(poolOf([leans, other]), [0, 1]);
    expect(texts(s)).toEqual([lead.text, leans.text, other.text]);
    expect(s.chosen).toEqual([0, 1]);
    expect(s.quotes).toEqual([[0], [0], [1]]);
  });

  it('keeps a lead-in taken from the pool as a quote of its own', () => {
    const ending = quote('a', 0.2, 'the talks opened in may');
    const leans = leaning('a', 0.9, 'this raised hopes', ending, { lead: quote('a', 0, 'unused') });
    const s = composeSummary(poolOf([leans, ending]), [0]);
    expect(texts(s)).toEqual([ending.text, leans.text]);
    expect(s.chosen).toEqual([1, 0]);
    expect(s.quotes).toEqual([[1], [0]]);
  });

  it('pairs each quote with the most opposed quote of another source, when that one is chosen and not yet paired', () => {
    const a = quote('a', 1, 'support in congress is strong', { polar: side(0, 'support congress aid vote') });
    // Listed before the stronger one: only strength decides.
    const weak = quote('c', 0.6, 'support in congress is waning a little', { polar: side(1, 'support congress') });
    const strong = quote('b', 0.8, 'support in congress for the aid vote is waning', { polar: side(1, 'support congress aid vote') });
    const pool = poolOf([a, weak, strong]);
    const all = composeSummary(pool, [0, 1, 2]).answer.sentences;
    const footnoteOf = (q: Candidate): number | undefined => all.find((x) => x.text === q.text)?.footnote;
    expect(all.find((x) => x.text === a.text)?.disagreesWith).toBe(footnoteOf(strong));
    expect(all.find((x) => x.text === strong.text)?.disagreesWith).toBe(footnoteOf(a));
    // The weaker side's strongest opponent is paired already: it stands alone.
    expect(all.find((x) => x.text === weak.text)?.disagreesWith).toBeUndefined();
    // Without the stronger one chosen, the quote is not paired with it; the weaker one answers it instead.
    const two = composeSummary(pool, [0, 1]).answer.sentences;
    expect(two.find((x) => x.text === a.text)?.disagreesWith).toBe(two.find((x) => x.text === weak.text)?.footnote);
    // Within one source there is no disagreement.
    const same = quote('a', 0.8, 'support in congress for the aid vote is waning', { polar: side(1, 'support congress aid vote') });
    expect(composeSummary(poolOf([a, same]), [0, 1]).answer.sentences.every((x) => x.disagreesWith === undefined)).toBe(true);
  });
});

describe('dropping a quote', () => {
  const first = quote('a', 1, 'the talks opened in may');
  const second = leaning('b', 0.9, 'this raised hopes', first);
  const third = leaning('c', 0.8, 'these hopes faded by june', second);
  const apart = quote('d', 0.7, 'prisoners were exchanged');
  const pool = poolOf([first, second, third, apart]);

  it('takes every quote that leans on it, however far down the chain and in whatever order they were chosen', () => {
    const current = composeSummary(pool, [0, 2, 1, 3]);
    expect(current.chosen).toEqual([0, 2, 1, 3]);
    const at = current.quotes.findIndex((q) => q.includes(0));
    const left = withoutQuote(pool, current, at);
    expect(left?.chosen).toEqual([3]);
    expect(left && texts(left)).toEqual([apart.text]);
  });

  it('takes what leans on the lead-in it brought', () => {
    const lead = quote('e', 0, 'the envoy arrived in march');
    const brings = leaning('e', 1, 'he met both sides', lead, { lead });
    const alsoLeans = leaning('f', 0.5, 'his visit was brief', lead);
    const p = poolOf([brings, alsoLeans, apart]);
    const current = composeSummary(p, [0, 1, 2]);
    const left = withoutQuote(
      p,
      current,
      current.quotes.findIndex((q) => q.includes(0)),
    );
    expect(left?.chosen).toEqual([2]);
  });

  it('is refused when there is no such sentence, or nothing would be left', () => {
    const current = composeSummary(pool, [0, 1]);
    expect(withoutQuote(pool, current, current.quotes.length)).toBeNull();
    expect(withoutQuote(pool, current, -1)).toBeNull();
    expect(withoutQuote(pool, current, 0)).toBeNull();
  });
});

describe('adding a quote', () => {
  const quotes = [0, 1, 2, 3, 4].map((i) => quote(`s${i}`, 1 - i / 10, `quote number ${i} of the pool`));
  const pool = poolOf(quotes);

  it('adds any place of the pool, the first too, last in importance', () => {
    const current = composeSummary(pool, [1, 2]);
    const added = withQuote(pool, current, 0);
    expect(typeof added === 'string' ? added : added.chosen).toEqual([1, 2, 0]);
  });

  it('is refused for a place outside the pool, one already there, a full summary, or one that does not fit', () => {
    const current = composeSummary(pool, [0, 1, 2]);
    expect([-1, 5, 1.5].map((p) => withQuote(pool, current, p))).toEqual(['unknown', 'unknown', 'unknown']);
    expect(withQuote(pool, current, 2)).toBe('present');
    // Full at `maxSentences`, not before: three may become four, four may not become five.
    const four = withQuote(pool, current, 3, undefined, { maxSentences: 4 });
    expect(typeof four === 'string' ? four : four.chosen).toEqual([0, 1, 2, 3]);
    if (typeof four === 'string') return;
    expect(withQuote(pool, four, 4, undefined, { maxSentences: 4 })).toBe('full');
    // The budget holds the three and no more.
    const three = roomFor(...[0, 1, 2].map((i) => quotes[i] as Candidate));
    expect(withQuote(pool, composeSummary(pool, [0, 1, 2], three), 3, three)).toBe('no-room');
  });
});

describe('the quotes a moderator may add', () => {
  it('are the candidates not held by a chosen quote, best first, ties in pool order', () => {
    const held = quote('a', 1, 'one two three');
    const passage = held.at.passage;
    // Within the held quote: the same passage and sentences.
    const inside = { ...quote('a', 0.9, 'one two three'), at: { passage, from: 0, to: 0 } };
    // The same sentences of another passage are another quote.
    const elsewhere = quote('b', 0.5, 'one two three');
    const tie = quote('c', 0.5, 'four five');
    const best = quote('d', 0.8, 'six seven');
    const pool = poolOf([held, inside, elsewhere, tie, best]);
    const current = composeSummary(pool, [0]);
    expect(addable(pool, current, 10)).toEqual([4, 2, 3]);
    expect(addable(pool, current, 2)).toEqual([4, 2]);
  });

  it('leave out a quote that leans on a sentence it cannot bring, and keep one that brings its lead-in', () => {
    const before = quote('a', 0.1, 'the talks opened in may');
    const stranded = leaning('b', 0.9, 'this raised hopes', before);
    const brings = leaning('c', 0.8, 'this raised hopes too', before, { lead: before });
    const held = quote('d', 1, 'prisoners were exchanged');
    const pool = poolOf([stranded, brings, held]);
    expect(addable(pool, composeSummary(pool, [2]), 10)).toEqual([1]);
  });
});

describe('the pool of a topic', () => {
  const corpus = seedCorpus();

  /** FNV-1a over UTF-16 code units, 32 bits, in base 36: the last four characters. */
  function fnv(text: string): string {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(36).padStart(4, '0').slice(-4);
  }

  it('is marked by a fingerprint of its quotes: where each is and what it says', () => {
    const pool = summaryPool(corpus, 'grain deal');
    if (!('candidates' in pool)) throw new Error('no pool for the grain deal');
    const marks = pool.candidates.map((c) => `${c.citation.passageId} ${c.at.from} ${c.at.to} ${c.text}`);
    expect(pool.fingerprint).toBe(fnv(marks.join('\n')));
    expect(pool.fingerprint).toMatch(/^[0-9a-z]{4}$/);
    expect(summaryPool(corpus, 'grain deal')).toEqual(pool);
    expect(summaryPool(corpus, 'ceasefire')).not.toMatchObject({ fingerprint: pool.fingerprint });
  });

  it('is none for a topic with nothing to search, or nothing in the library about it', () => {
    const probe = search(corpus.index, '?!');
    expect(probe.kind).toBe('invalid');
    expect(summaryPool(corpus, '?!')).toEqual({
      kind: 'invalid',
      topic: '?!',
      sentences: [],
      sources: [],
      message: probe.kind === 'invalid' ? probe.message : '',
    });
    expect(summaryPool(corpus, 'purple banana quantum spaceship')).toEqual({
      kind: 'no-results',
      topic: 'purple banana quantum spaceship',
      sentences: [],
      sources: [],
      message: 'Nothing in the library is about “purple banana quantum spaceship”.',
      unmatched: ['banana', 'quantum', 'spaceship'],
    });
  });
});
