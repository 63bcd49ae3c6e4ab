import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_QUESTIONS } from '../src/core/examples.js';
import { ELLIPSIS, MAX_EXCERPT_CHARS } from '../src/core/excerpt.js';
import { MAX_QUERY_CHARS } from '../src/core/query.js';
import { search, type SearchAnswer } from '../src/core/search.js';
import { splitSentences } from '../src/core/sentences.js';
import { foldForCompare, ROOT, seedIndex } from './helpers.js';

const index = seedIndex();

function results(answer: SearchAnswer) {
  expect(answer.kind).toBe('results');
  return answer.results;
}

describe('ranking on the held-out questions', () => {
  // Written from the articles by a separate pass, never used to special-case anything.
  const questions = JSON.parse(readFileSync(join(ROOT, 'eval', 'heldout-questions.json'), 'utf8')) as Array<{ q: string; any: string[] }>;

  it('finds the answering excerpt in the top 3 for most questions', () => {
    let top1 = 0;
    let top3 = 0;
    for (const { q, any } of questions) {
      const rank = search(index, q).results.findIndex((r) => any.some((a) => foldForCompare(r.excerpt).includes(foldForCompare(a))));
      if (rank === 0) top1++;
      if (rank >= 0 && rank < 3) top3++;
    }
    // Measured 0.64 / 0.76 when written; these floors catch regressions.
    expect(top1 / questions.length).toBeGreaterThanOrEqual(0.6);
    expect(top3 / questions.length).toBeGreaterThanOrEqual(0.72);
  });
});

describe('excerpts', () => {
  it('are the one to three sentences that answer, sentence-aligned and short', () => {
    const r = results(search(index, 'What did the grain deal show about cooperation?'))[0];
    expect(r?.excerpt).toContain('limited cooperation was possible but only on narrow, transactional issues');
    let checked = 0;
    for (const q of [...EXAMPLE_QUESTIONS, 'Zelensky Crimea', 'nuclear plant shelling', 'NBC News stalemate']) {
      const hits = results(search(index, q, { limit: 10 }));
      expect(hits.length, q).toBeGreaterThan(0);
      for (const hit of hits) {
        checked++;
        const body = hit.excerpt.replace(new RegExp(`^${ELLIPSIS} | ${ELLIPSIS}$`, 'g'), '');
        expect(body.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
        const sentences = splitSentences(body);
        expect(sentences.length).toBeGreaterThanOrEqual(1);
        expect(sentences.length).toBeLessThanOrEqual(3);
        // It comes from the cited passage, word for word.
        const flat = index.passages.get(hit.id)?.text.replace(/\s+/g, ' ') ?? '';
        expect(flat).toContain(body);
        // "…" marks exactly where the passage goes on.
        expect(hit.excerpt.startsWith(ELLIPSIS)).toBe(!flat.startsWith(body));
        expect(hit.excerpt.endsWith(ELLIPSIS)).toBe(!flat.endsWith(body));
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('prefer the sentence that holds the answer over the start of the passage', () => {
    const r = results(search(index, 'Did Zelensky threaten to abandon negotiations over the Mariupol prisoners?'))[0];
    expect(r?.excerpt).toMatch(/^… More recently, Zelensky has threatened to abandon negotiations altogether/);
  });

  it('highlight the words that matched, including aliases and stems', () => {
    const r = results(search(index, 'Kiev negotiations'))[0];
    if (!r) throw new Error('no result for "Kiev negotiations"');
    const marked = r.highlights.map(([s, e]) => r.excerpt.slice(s, e).toLowerCase());
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(word).toMatch(/^(kyiv|kiev|negotiat\w*)$/);
  });
});

describe('dates the text only implies', () => {
  it('are searchable: "July 2022" finds "In July, …" in an article of August 2022', () => {
    const july = index.passages.get('jacobin-2022#p7');
    expect(july?.text).not.toContain('2022');
    expect(july?.when?.some(([, words]) => words === '2022 july')).toBe(true);
    const hits = results(search(index, 'What was signed in July 2022?'));
    expect(hits.slice(0, 3).map((r) => r.id)).toContain('jacobin-2022#p7');
    // The excerpt is the sentence the date belongs to, and the implied date is not highlighted: only words
    // the text holds are.
    const hit = hits.find((r) => r.id === 'jacobin-2022#p7');
    if (!hit) throw new Error('jacobin-2022#p7 not found');
    expect(hit.excerpt).toContain('In July, Russia and Ukraine signed');
    expect(hit.highlights.map(([s, e]) => hit.excerpt.slice(s, e)).sort()).toEqual(['July', 'signed']);
  });
});

describe('citations', () => {
  it('carry the manifest data and the passage position', () => {
    const r = results(search(index, 'Turkey, India and the UAE'))[0];
    expect(r?.citation).toMatchObject({
      sourceId: 'conversation-2022',
      publication: 'The Conversation',
      date: '2022-03-10',
      datePrecision: 'day',
      section: 'An honest broker?',
      passageId: r?.id,
    });
    const passage = index.passages.get(r?.id ?? '');
    expect(r?.citation.paragraph).toBe(passage?.paragraphStart);
    expect(r?.id).toMatch(/^conversation-2022#p\d+$/);
  });

  it('can be limited to one source', () => {
    const hits = results(search(index, 'negotiations', { sourceId: 'parish-2025', limit: 25 }));
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.filter((r) => r.citation.sourceId !== 'parish-2025')).toEqual([]);
  });
});

describe('hard and strange input', () => {
  it('a typo still finds the passage, and did-you-mean names the real word', () => {
    const a = search(index, 'Zelensy Mariupol');
    expect(results(a)[0]?.excerpt).toContain('Mariupol');
    expect(a.kind === 'results' && a.didYouMean).toBe('zelensky Mariupol');
  });

  it('no match: a helpful answer with examples, not an empty one', () => {
    const a = search(index, 'xylophone quokka');
    expect(a.kind).toBe('no-results');
    if (a.kind === 'no-results') expect(a.examples.length).toBeGreaterThan(0);
  });

  it('partial match: says which words matched nothing', () => {
    const a = search(index, 'grain deal quokka');
    expect(a.kind === 'results' && a.unmatched).toEqual(['quokka']);
  });

  it.each([
    ['empty', '', 'empty'],
    ['white space', '   \n\t ', 'empty'],
    ['control characters and ANSI codes', '\u0000\u0007\u001b[31m', 'empty'],
    ['only stopwords', 'what is it about?', 'no-terms'],
    ['only emoji', '🙂🙂🕊️', 'no-terms'],
    ['only mentions', '@everyone @here <@123456789012345678> <@&987654321098765432>', 'empty'],
    ['2,000 characters', 'x'.repeat(2000), 'too-long'],
  ])('%s is refused with a clear message', (_label, input, problem) => {
    const a = search(index, input);
    expect(a).toMatchObject({ kind: 'invalid', problem, results: [] });
    if (a.kind === 'invalid') {
      expect(a.message).not.toContain('\n');
      expect(a.examples.length).toBeGreaterThan(0);
    }
  });

  it('markdown and mentions around real words still search the words', () => {
    const a = search(index, '**grain** _deal_ `Odessa` @everyone');
    expect(results(a)[0]?.excerpt).toMatch(/grain|Odessa/);
    expect(a.query).not.toContain('@everyone');
  });

  it('the longest allowed question works', () => {
    const q = 'grain deal '.repeat(40).slice(0, MAX_QUERY_CHARS);
    expect(search(index, q).kind).toBe('results');
  });

  it('never throws, whatever the input', () => {
    const inputs = ['\uD800', '\u202Eevil', 'a\u0301\u0301\u0301', '((((', '<script>', 'Ω≈ç√∫', '0'.repeat(300), '-', '#p14', 'NaN'];
    for (const q of inputs) expect(() => search(index, q)).not.toThrow();
  });
});

describe('example questions', () => {
  it.each(EXAMPLE_QUESTIONS)('%s finds cited answers', (q) => {
    expect(results(search(index, q)).length).toBeGreaterThanOrEqual(3);
  });
});
