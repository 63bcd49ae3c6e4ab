import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_QUESTIONS } from '../../src/core/examples.js';
import { analyze } from '../../src/core/analyze.js';
import {
  bestWindow,
  bridgeWindow,
  ELLIPSIS,
  fillWindow,
  MAX_EXCERPT_CHARS,
  MIN_TAIL_CHARS,
  type TermGroup,
} from '../../src/core/excerpt.js';
import { cleanQuery, MAX_QUERY_CHARS, queryFromText } from '../../src/core/query.js';
import { libraryName } from '../../src/core/transliterate.js';
import { remember } from '../../src/core/memo.js';
import { idf, termWeight } from '../../src/core/search-index.js';
import { editDistance, queryGroups, search, type SearchAnswer } from '../../src/core/search.js';
import { isMisspeltStopword } from '../../src/core/stopwords.js';
import { nothingNote, scopeNote } from '../../src/render/format.js';
import { foldForCompare, ROOT, seedIndex } from '../support/seeds.js';
import { inventedMeta } from '../support/invented.js';
import { passageOf } from '../support/passages.js';
import { buildCorpus } from '../../src/core/corpus.js';
import { buildSource } from '../../src/core/source.js';
import type { Source } from '../../src/core/types.js';
import { wordNetLexicon } from '../../src/library/lexicon-cache.js';

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
  const queries = [
    ...EXAMPLE_QUESTIONS,
    'Zelensky Crimea',
    'nuclear plant shelling',
    'NBC News stalemate',
    'gatilov why so pessimistic',
    'why did minsk fail',
  ];

  it('are quoted word for word from the cited passage, "…" exactly where it goes on, within the budget', () => {
    let checked = 0;
    for (const q of queries) {
      for (const hit of results(search(index, q, { limit: 10 }))) {
        const body = hit.excerpt.replace(new RegExp(`^${ELLIPSIS} | ${ELLIPSIS}$`, 'g'), '');
        expect(body.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
        const flat = index.passages.get(hit.id)?.text.replace(/\s+/g, ' ') ?? '';
        expect(flat).toContain(body);
        expect(hit.excerpt.startsWith(ELLIPSIS)).toBe(!flat.startsWith(body));
        expect(hit.excerpt.endsWith(ELLIPSIS)).toBe(!flat.endsWith(body));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('are the whole passage when it fits, and otherwise use the budget rather than stop a sentence short', () => {
    let whole = 0;
    let filled = 0;
    for (const q of queries) {
      for (const hit of results(search(index, q, { limit: 10 }))) {
        const passage = index.passages.get(hit.id)?.text.replace(/\s+/g, ' ') ?? '';
        if (passage.length <= MAX_EXCERPT_CHARS) {
          expect(hit.excerpt).toBe(passage);
          whole++;
        } else if (hit.excerpt.endsWith(ELLIPSIS)) {
          // The passage goes on after it: the excerpt either takes the opening of the next sentence, or stops
          // at a sentence's end with too little room left for one.
          const body = hit.excerpt.replace(new RegExp(`^${ELLIPSIS} | ${ELLIPSIS}$`, 'g'), '');
          if (/[.!?][”"’)]?$/.test(body)) expect(body.length, hit.excerpt).toBeGreaterThanOrEqual(MAX_EXCERPT_CHARS - MIN_TAIL_CHARS);
          filled++;
        }
      }
    }
    expect(whole).toBeGreaterThan(10);
    expect(filled).toBeGreaterThan(10);
  });

  it('hold what happened next, not only the sentence that repeats the question', () => {
    const after = results(search(index, 'what happened after the talks in belarus and turkey'))[0];
    expect(after?.excerpt).toContain('Early talks in Belarus and Turkey');
    expect(after?.excerpt).toContain('atrocities in Bucha and continued Russian strikes derailed these efforts');
    const trust = results(search(index, 'what did the bucha revelations do to trust'))[0];
    expect(trust?.excerpt).toContain('undermined any faith in Russian good will');
    expect(trust?.excerpt.length).toBeGreaterThan(300);
  });

  it('take the opening of a long next sentence, to a clause break, rather than nothing', () => {
    const r = results(search(index, 'gatilov why so pessimistic'))[0];
    expect(r?.excerpt).toMatch(
      new RegExp(
        '^Even UN representative Gatilov’s recent dismissal .* ' +
          'That dismissal came as he complained that the UN wasn’t acting as an effective mediator, .*…$',
      ),
    );
  });

  it('prefer the sentence that holds the answer over the start of the passage', () => {
    const r = results(search(index, 'Did Zelensky threaten to abandon negotiations over the Mariupol prisoners?'))[0];
    expect(r?.excerpt).toMatch(/^… More recently, Zelensky has threatened to abandon negotiations altogether/);
  });

  it('take the opening of a long sentence after the window before whole sentences before it', () => {
    const before = 'The first sentence sets the scene for what follows and says nothing that the question asks about at all.';
    const window = 'The talks in the capital ended without any agreement on the ceasefire, the envoys said on Friday evening.';
    const after =
      `After that, the answer goes on at length: ` +
      `${'the delegations went home and the fighting resumed along the whole front, '.repeat(4)}and nobody met again.`;
    const passage = passageOf('x#p1', [before, window, after]);
    const at = passage.text.indexOf(window);
    const filled = fillWindow(passage, { from: at, to: at + window.length, score: 1 });
    expect(filled.from).toBe(at);
    expect(filled.to).toBeGreaterThan(passage.text.indexOf(after) + MIN_TAIL_CHARS);
    expect(filled.to - filled.from).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
  });

  it('bring the sentence before when the window names again, with "the", what that sentence named', () => {
    const named = 'The worst crisis has been over the Zaporizhzhia nuclear plant, which Russian forces seized in March.';
    const window = 'The plant, Europe’s largest, has come under shelling for the past week, sparking fears of a catastrophe.';
    const filler = `Meanwhile ${'the talks went on and on without any result at all, '.repeat(6)}and nobody met again.`;
    const passage = passageOf('x#p1', [named, window, filler]);
    const at = passage.text.indexOf(window);
    const filled = fillWindow(passage, { from: at, to: at + window.length, score: 1 });
    expect(passage.text.slice(filled.from, filled.to)).toMatch(/^The worst crisis has been over the Zaporizhzhia nuclear plant/);
    // "The talks" after a sentence that never spoke of talks is a sentence of its own.
    const standing = passageOf('x#p2', [
      named,
      'The talks in the capital ended without any agreement on a local ceasefire near it.',
      filler,
    ]);
    const at2 = standing.text.indexOf('The talks');
    expect(fillWindow(standing, { from: at2, to: at2 + 20, score: 1 }).from).toBe(at2);
  });

  it('score a passage that leans on the one before with that passage’s last sentence', () => {
    const before = passageOf('x#p1', [
      'The war began in the spring.',
      'Soon after the invasion, several leaders tried to broker peace between the two sides.',
    ]);
    const leaning = passageOf('x#p2', [
      'These efforts failed, in large part because one side showed no interest in halting the attacks.',
      'Other conflicts ended differently.',
    ]);
    const standing = passageOf('x#p3', [
      'Other efforts failed, in large part because one side showed no interest in halting the attacks.',
      'Other conflicts ended differently.',
    ]);
    const groups = groupsOf('why did the attempts by leaders to broker peace soon after the invasion fail');
    const bridged = bridgeWindow(before, leaning, groups, 'why');
    expect(bridged?.score).toBeGreaterThan(bestWindow(leaning, groups, 'why').score + 0.2);
    expect(bridged && leaning.text.slice(bridged.from, bridged.to)).toMatch(/^These efforts failed.*attacks\.$/);
    expect(bridgeWindow(before, standing, groups, 'why')).toBeNull();
    // Discourse connectives lean back as pronouns do ("In particular, …", "For instance, …").
    for (const opening of ['In particular, they', 'For instance, they', 'Nevertheless, they', 'In response, they']) {
      const connected = passageOf('x#p4', [`${opening} failed because one side showed no interest.`, 'Other conflicts ended differently.']);
      expect(bridgeWindow(before, connected, groups, 'why'), opening).not.toBeNull();
    }
    // In the library: what became of the mediation is the next passage ("These efforts failed…"), not the 12th.
    const next = results(search(index, "did the israeli prime minister's mediation work")).slice(0, 2);
    expect(next.map((r) => r.id)).toContain('early-mediation-2024#p9');
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

describe('questions that name a source', () => {
  it('are answered from that source first, and say so', () => {
    const a = search(index, 'why is peace so hard according to the conversation article');
    expect(results(a)[0]?.citation.sourceId).toBe('conversation-2022');
    expect(a.kind === 'results' && a.scope).toMatchObject({
      sourceIds: ['conversation-2022'],
      names: ['The Conversation'],
      phrase: 'according to the conversation article',
    });
    // The book "The Costs of Conversation" in another article is not what was asked about.
    expect(
      results(a)
        .slice(0, 3)
        .every((r) => r.citation.sourceId === 'conversation-2022'),
    ).toBe(true);
  });

  it('by publication, author, year or title', () => {
    const scope = (q: string) => {
      const a = search(index, q);
      return a.kind === 'results' && a.scope && 'sourceIds' in a.scope ? a.scope.sourceIds : undefined;
    };
    expect(scope('according to the 2025 article is the us still interested in ukraine')).toEqual(['parish-2025']);
    expect(scope('what does the jacobin piece say about europe sending weapons')).toEqual(['jacobin-2022']);
    expect(scope('matthew parish - why wont putin compromise')).toEqual(['parish-2025']);
    expect(scope('what does the illusion of diplomacy article say about korea')).toEqual(['illusion-of-diplomacy-2023']);
    expect(scope('what does the 2022 Conversation piece say about the security order')).toEqual(['conversation-2022']);
  });

  it("who wrote it, or when and where it appeared: the library's record of the article, with its own credit line", () => {
    const parish = search(index, 'who wrote the parish piece');
    expect(parish.kind === 'results' && parish.results).toEqual([]);
    expect(parish.kind === 'results' && parish.about).toMatchObject([
      { sourceId: 'parish-2025', authors: ['Matthew Parish'], date: '2025-06-18' },
    ]);
    const conversation = search(index, 'Who co-authored the article originally published in The Conversation?');
    expect(conversation.kind === 'results' && conversation.about?.[0]?.credits.join(' ')).toContain('Co-authored with Tetyana Malyarenko');
    expect(conversation.kind === 'results' && conversation.results).toEqual([]);
    const jacobin = search(index, 'when was the jacobin article published');
    expect(jacobin.kind === 'results' && jacobin.about).toMatchObject([{ sourceId: 'jacobin-2022', date: '2022-08', authors: [] }]);
    // A question about what the article says is answered from it, as before, with no record.
    const says = search(index, 'what does the jacobin piece say about sanctions');
    expect(says.kind === 'results' && says.about).toBeUndefined();
    expect(results(says).length).toBeGreaterThan(0);
    // "Who wrote about…" names no article: a search like any other.
    const topic = search(index, 'who wrote about the grain deal');
    expect(topic.kind === 'results' && topic.about).toBeUndefined();
    expect(results(topic).length).toBeGreaterThan(0);
  });

  it('only when a source is meant: a word that the articles also use needs a word like "article" beside it', () => {
    for (const q of ['a conversation between Putin and Erdogan', 'talks in 2022', 'the costs of conversation', 'peace negotiations']) {
      const a = search(index, q);
      expect(a.kind === 'results' && a.scope, q).toBeFalsy();
    }
  });
});

describe('words the library does not use', () => {
  it("find the library's words of the same meaning in everyday English (WordNet)", () => {
    const r = results(search(index, 'carnage in bucha'))[0];
    expect(r?.excerpt).toContain('Bucha massacre');
    expect(r?.highlights.length).toBeGreaterThan(0);
  });

  it('a place finds the places within it (WordNet): an article that only says "Istanbul" answers about Turkey', () => {
    const r = results(search(index, 'Turkey', { sourceId: 'parish-2025' }))[0];
    expect(r?.excerpt).toContain('Istanbul');
    // At less than the place itself, and never more than it would weigh: Ukraine's regions do not outweigh "Ukraine".
    const [ukraine] = queryGroups(index, 'Ukraine');
    expect(ukraine?.terms.get('crimea')).toBeGreaterThan(0);
    expect((ukraine?.terms.get('crimea') ?? 1) * termWeight(index, 'crimea')).toBeLessThanOrEqual(termWeight(index, 'ukrain') + 1e-9);
  });

  it('a number is never read as a slip for another ("2026" is not "2022"): it is a word nothing matches', () => {
    // 2026 is after every year the library speaks of: nothing matches, and the answer says which word.
    const a = search(index, 'peace talks in 2026');
    expect(a.kind === 'no-results' && a.unmatched).toEqual(['2026']);
    expect(a.kind === 'no-results' ? a.didYouMean : 'not no-results').toBeNull();
    // 2017 is within them, though no passage names it: quotes, saying it matches nothing, and no "2022" for it.
    const b = search(index, 'peace talks in 2017');
    expect(b.kind === 'results' && b.unmatched).toEqual(['2017']);
    expect(b.kind === 'results' ? b.didYouMean : 'not results').toBeNull();
    expect(queryGroups(index, '2026')).toEqual([]);
    // A year the library has still matches.
    expect(queryGroups(index, '2022')[0]?.terms.has('2022')).toBe(true);
  });

  it("common English words weigh less than the library's rarity of them suggests", () => {
    expect(termWeight(index, 'want')).toBeLessThan(idf(index, 'want') / 2);
    expect(termWeight(index, 'kaliningrad')).toBe(idf(index, 'kaliningrad'));
  });

  it('a word the library lacks, one slip from a common library word, is read as that word too ("negociate")', () => {
    const [group] = queryGroups(index, 'negociate');
    expect(index.vocabulary.has('negoci')).toBe(false);
    expect([...(group?.terms.keys() ?? [])]).toContain('negoti');
    // A common word one slip from a rare library word is not ("regarding" is not "rewarding").
    expect([...(queryGroups(index, 'regarding')[0]?.terms.keys() ?? [])]).not.toContain('reward');
    // Nor a word one slip from a common one at its first letter ("sights" is not "fights").
    expect(index.vocabulary.has('sight')).toBe(false);
    expect([...(queryGroups(index, 'sights')[0]?.terms.keys() ?? [])]).not.toContain('fight');
  });

  it('a slip on a long stopword is not searched as a word ("acording to")', () => {
    const a = search(index, 'peace deal acording to parish');
    expect(a.kind === 'results' && a.unmatched).toEqual([]);
    expect(queryGroups(index, 'acording').length).toBe(0);
    // Every kind of slip: a letter changed, swapped with its neighbour, added, dropped; two slips are a word.
    for (const slip of ['becouse', 'beacuse', 'becausse', 'becase']) expect(isMisspeltStopword(slip), slip).toBe(true);
    for (const word of ['bekouse', 'because', 'bbecausee', 'ceasefire']) expect(isMisspeltStopword(word), word).toBe(false);
  });
});

describe('a question in Ukrainian or Russian (the library is in English)', () => {
  it('searches its names as the library spells them, and says so', () => {
    for (const q of ['Що сталося на переговорах у Стамбулі?', 'Что обсуждали на переговорах в Стамбуле?']) {
      const a = search(index, q);
      expect(a.kind, q).toBe('results');
      if (a.kind !== 'results') continue;
      expect(a.query).toBe(q);
      const from = /Стамбул\S*(?=\?)/u.exec(q)?.[0] ?? '';
      expect(a.scope).toEqual({ kind: 'transliterated', searched: 'Istanbul', names: [{ from, to: 'Istanbul' }] });
      expect(a.results.slice(0, 3).some((r) => r.excerpt.includes('met in Istanbul'))).toBe(true);
      expect(scopeNote(a.scope)).toBe(`The library is in English: searched “Istanbul” instead (${from} → Istanbul).`);
    }
  });

  it('Kyiv, Zelensky and Putin, in either language and in the cases a sentence puts them in', () => {
    const names = (q: string) => {
      const a = search(index, q);
      return a.kind === 'results' && a.scope && 'kind' in a.scope ? a.scope.names.map((n) => n.to) : null;
    };
    expect(names('Що Київ хоче від Зеленського?')).toEqual(['Kyiv', 'Zelensky']);
    expect(names('Що обговорювали у Києві з Путіним?')).toEqual(['Kyiv', 'Putin']);
    expect(names('Чи погрожував Зеленський вийти з переговорів?')).toEqual(['Zelensky']);
    expect(names('Что Путин говорил Зеленскому?')).toEqual(['Putin', 'Zelensky']);
    const zelensky = search(index, 'Чи погрожував Зеленський вийти з переговорів?');
    expect(results(zelensky)[0]?.excerpt).toContain('Zelensky');
  });

  it('an everyday word in Latin letters is not a name, even where the library has it', () => {
    // "план" is "plan", "де" (where) is "de": words the library uses, but never with a capital.
    for (const word of ['план', 'де', 'мир', 'так', 'переговори', 'війна']) expect(libraryName(index, word), word).toBeNull();
    // A name the library lacks stays unsearched (China is no transliteration of Китай).
    expect(libraryName(index, 'Китаю')).toBeNull();
  });

  it('with no name the library knows, says the library is in English instead of "nothing matches"', () => {
    const a = search(index, 'Коли почалася війна?');
    expect(a).toMatchObject({ kind: 'no-results', results: [], scope: { kind: 'transliterated', searched: '', names: [] } });
    if (a.kind === 'no-results')
      expect(nothingNote(a)).toBe(
        'The library is in English, and no word of “Коли почалася війна?” is a name it knows; please ask in English.',
      );
  });

  it('keeps the words already in Latin letters, and searches them', () => {
    const a = search(index, 'переговори grain deal Одеса');
    expect(a.kind === 'results' && a.scope).toEqual({
      kind: 'transliterated',
      searched: 'grain deal Odessa',
      names: [{ from: 'Одеса', to: 'Odessa' }],
    });
    expect(results(a)[0]?.excerpt).toMatch(/Odessa[^]*deal|deal[^]*Odessa/);
  });
});

describe('hard and strange input', () => {
  it('a typo still finds the passage, and did-you-mean names the real word', () => {
    const a = search(index, 'Zelensy Mariupol');
    expect(results(a)[0]?.excerpt).toContain('Mariupol');
    expect(a.kind === 'results' && a.didYouMean).toBe('zelensky Mariupol');
  });

  it('two neighbouring letters swapped are one slip, as a changed letter is ("grian" is "grain")', () => {
    const a = search(index, 'grian');
    expect(results(a)[0]?.excerpt).toMatch(/grain deal/i);
    expect(a.kind === 'results' && a.didYouMean).toBe('grain');
  });

  it('a swap in a word the analyzer stems still finds the word meant ("peace tlaks")', () => {
    const a = search(index, 'peace tlaks');
    expect(a.kind === 'results' && a.unmatched).toEqual([]);
    expect(a.kind === 'results' && a.didYouMean).toBe('peace talks');
  });

  it('a swap in the second word of a pair is read as that word ("grain dael")', () => {
    const a = search(index, 'grain dael');
    expect(a.kind === 'results' && a.unmatched).toEqual([]);
    expect(a.kind === 'results' && a.didYouMean).toBe('grain deal');
    expect(results(a)[0]?.excerpt).toMatch(/grain/i);
  });

  it('a long word may hold a swap and one more slip ("caesefure": "ae" swapped, "u" for "i")', () => {
    const a = search(index, 'caesefure');
    expect(queryGroups(index, 'caesefure')[0]?.terms.has('ceasefir')).toBe(true);
    expect(a.kind === 'results' && a.didYouMean).toBe('ceasefires');
  });

  it('measures slips with a swap of neighbours as one edit (optimal string alignment)', () => {
    expect(editDistance('grian', 'grain')).toBe(1);
    expect(editDistance('tlak', 'talk')).toBe(1);
    // A swap plus a changed letter is two (a long word's allowance), and so are two swaps.
    expect(editDistance('caesefure', 'ceasefire')).toBe(2);
    expect(editDistance('negotaitoin', 'negotiation')).toBe(2);
    // Letters two apart swapped are two changed letters.
    expect(editDistance('giarn', 'grain')).toBe(2);
    expect(editDistance('grain', 'grain')).toBe(0);
    expect(editDistance('', 'deal')).toBe(4);
    // Each letter is edited once at most: "ca" to "abc" is three, not a swap then an insertion.
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('no match: a helpful answer with examples, not an empty one', () => {
    const a = search(index, 'xylophone quokka');
    expect(a.kind).toBe('no-results');
    if (a.kind === 'no-results') expect(a.examples.length).toBeGreaterThan(0);
  });

  it('did-you-mean replaces whole words only, and guesses no short ones', () => {
    const a = search(index, 'grain gra');
    expect(a.kind === 'results' && a.didYouMean).toBeNull();
    const b = search(index, 'grain deall Zelensy');
    expect(b.kind === 'results' && b.didYouMean).toBe('grain deal zelensky');
  });

  it('links are not searched', () => {
    const a = search(index, 'https://example.com 🙂👍');
    expect(a).toMatchObject({ kind: 'invalid', problem: 'no-terms' });
    expect(search(index, '<https://example.com/grain>')).toMatchObject({ kind: 'invalid', problem: 'no-terms' });
    expect(queryFromText(index, 'https://example.com 🙂👍')).toBeNull();
    expect(queryFromText(index, 'see https://example.com/grain-deal about the grain deal')).toBe('see about the grain deal');
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
    ['2,000 characters', 'x'.repeat(2000), 'too-long'],
  ])('%s is refused with a clear message', (_label, input, problem) => {
    const a = search(index, input);
    expect(a).toMatchObject({ kind: 'invalid', problem, results: [] });
    if (a.kind === 'invalid') {
      expect(a.message).not.toContain('\n');
      expect(a.examples.length).toBeGreaterThan(0);
    }
  });

  it('markdown around real words still searches the words', () => {
    expect(results(search(index, '**grain** _deal_ `Odessa`'))[0]?.excerpt).toMatch(/grain|Odessa/);
  });

  it("leaves Discord's mention syntax to the edges: the core cleans generic text only", () => {
    expect(cleanQuery('@everyone grain <@&987654321098765432>')).toEqual({ ok: true, text: '@everyone grain <@&987654321098765432>' });
  });

  it('the longest allowed question works, and the refusal one longer names that length as allowed', () => {
    const q = 'grain deal '.repeat(40).slice(0, MAX_QUERY_CHARS);
    expect(search(index, q).kind).toBe('results');
    // "under 300" would refuse the 300 just accepted.
    expect(cleanQuery(`${q}x`)).toEqual({
      ok: false,
      problem: 'too-long',
      message: `That question is ${MAX_QUERY_CHARS + 1} characters long; please keep it to at most ${MAX_QUERY_CHARS} characters.`,
    });
  });

  it('never throws, whatever the input', () => {
    const inputs = ['\uD800', '\u202Eevil', 'a\u0301\u0301\u0301', '((((', '<script>', 'Ω≈ç√∫', '0'.repeat(300), '-', '#p14', 'NaN'];
    for (const q of inputs) expect(() => search(index, q)).not.toThrow();
  });
});

describe('bounded memories (the answer cache among them)', () => {
  it('empty themselves when full, in one step, and keep what came last', () => {
    const memory = new Map<string, number>();
    for (let i = 0; i < 10; i++) expect(remember(memory, 4, `q${i}`, i)).toBe(i);
    expect([...memory]).toEqual([
      ['q8', 8],
      ['q9', 9],
    ]);
  });

  it('give the same answer object for the same question', () => {
    expect(search(index, 'grain deal', { limit: 3 })).toBe(search(index, 'grain deal', { limit: 3 }));
  });
});

describe('example questions', () => {
  it.each(EXAMPLE_QUESTIONS)('%s finds cited answers', (q) => {
    expect(results(search(index, q)).length).toBeGreaterThanOrEqual(3);
  });
});

/** Term groups of a query's words, each matching only itself (no library statistics). */
function groupsOf(query: string): TermGroup[] {
  return [...new Set(analyze(query, 'query').map((t) => t.term))].map((term) => ({
    query: term,
    terms: new Map([[term, 1]]),
    direct: new Set([term]),
    own: new Set([term]),
    idf: 1,
  }));
}

describe('how sure an answer is (issue 21)', () => {
  it('quotes nothing when most of the question matches nothing, and says which words', () => {
    const answer = search(index, 'purple banana quantum spaceship');
    expect(answer.kind).toBe('no-results');
    expect(answer.results).toEqual([]);
    expect(answer.kind === 'no-results' ? answer.unmatched : []).toEqual(expect.arrayContaining(['banana', 'quantum', 'spaceship']));
    // When nothing at all matches, every word the question asks is named (its stopwords are not asked).
    const none = search(index, 'What did the Vatican envoy Zuppi do?');
    expect(none.kind === 'no-results' ? none.unmatched : []).toEqual(['Vatican', 'envoy', 'Zuppi']);
  });

  it('quotes nothing for a question about something else that only brushes a common word of the library', () => {
    // "best", "time", "plant": everyday words; the library's own words ("negotiations", "ceasefire") are not asked.
    expect(search(index, 'what is the best time to plant tomatoes').results).toEqual([]);
    expect(search(index, 'will it rain tomorrow in Leeds').results).toEqual([]);
  });

  it('quotes nothing for a question about things the library never mentions, though it asks a word of the library', () => {
    // "ceasefire" and "mediator" are the library's own words; "achilles", "hector", "iliad", "fantasy", "league" are not.
    for (const q of [
      'explain the ceasefire between achilles and hector in the iliad',
      'which mediator ended the ceasefire dispute in my fantasy football league',
    ]) {
      expect(search(index, q).kind, q).toBe('no-results');
      // Without this rule, a word of the library is enough to be quoted.
      expect(search(index, q, { tuning: { confidence: { othersNamed: 99 } } }).kind, q).toBe('results');
    }
    // Short words English does not count are chat as often as names: they say nothing about the subject.
    expect(results(search(index, 'hey pls tell me about the istanbul talks lol tbh'))[0]?.excerpt).toMatch(/Istanbul/);
  });

  it('quotes nothing for a question about an X "of" something the library never mentions, though it knows X', () => {
    for (const q of ['what caused the war of the pelicans', 'who mediated the peace of utrecht'])
      expect(search(index, q).kind, q).toBe('no-results');
    // "of" a word the library has asks about the library.
    expect(results(search(index, 'what was the role of the kremlin in the talks')).length).toBeGreaterThan(0);
  });

  it('quotes nothing for a question about a time the library never speaks of, a year or a decade outside all its years', () => {
    for (const q of ['what did the ceasefire of 1995 settle', 'what did the negotiators agree in the 1970s'])
      expect(search(index, q).kind, q).toBe('no-results');
    // Within the library's years, a year it does not name may be said otherwise ("by mid-2025" of an article of 2025).
    expect(search(index, 'what did the negotiators agree in the 2020s').kind).toBe('results');
    expect(search(index, 'what did the negotiators agree by mid-2025').kind).toBe('results');
  });

  it('does not count a number as what a question asks, unless it is a date', () => {
    // "times" is everyday English, and "23" appears in the library only in dates.
    expect(search(index, 'what is 17 times 23').results).toEqual([]);
    // A year, or a day of a month named, is what a history question asks.
    expect(results(search(index, 'what happened on 29 March 2022?'))[0]?.excerpt).toMatch(/March/);
  });

  it('still answers a question about the library worded in words it lacks', () => {
    const answer = search(index, 'Which two South Asian rivals used covert meetings abroad to restart talks?');
    expect(results(answer)[0]?.excerpt).toMatch(/India and Pakistan/);
  });

  it('is high when its first quote holds the question and clearly leads, low when it only partly matches', () => {
    const sure = search(index, 'What did the grain deal achieve?');
    expect(sure.kind === 'results' && sure.confidence).toBe('high');
    const partial = search(index, 'grain deal price of bread in cafes');
    expect(partial.kind === 'results' && partial.confidence).toBe('low');
  });

  it('quotes nothing for a question naming what no passage names, and says which words', () => {
    for (const q of [
      'Who mediated the Pretoria peace agreement between the Ethiopian government and the TPLF?',
      'did Ramaphosa mediate the talks?',
    ]) {
      const answer = search(index, q);
      expect(answer.kind, q).toBe('no-results');
      expect(answer.kind === 'no-results' ? answer.unmatched : [], q).toEqual(
        expect.arrayContaining([q.includes('TPLF') ? 'TPLF' : 'Ramaphosa']),
      );
    }
    // An everyday word capitalised for emphasis is not a name.
    expect(search(index, 'what did the grain deal mean for Breakfast').kind).toBe('results');
    // The same words in lower case name nothing, and a name the library has is answered.
    expect(search(index, 'did ramaphosa mediate the talks?').kind).toBe('results');
    expect(results(search(index, 'did Bennett mediate the talks?'))[0]?.excerpt).toMatch(/Bennett/);
  });

  it('never lets a related word alone make an answer high', () => {
    // "carnage" is not in the library; WordNet relates it to "massacre", which is: the quote found for it holds
    // nothing the question asked.
    const answer = search(index, 'carnage ukraine');
    expect(answer.kind).toBe('results');
    expect(answer.kind === 'results' && answer.results[0]?.excerpt).toMatch(/massacre/i);
    expect(answer.kind === 'results' && answer.results[0]?.match).toBe(0);
    expect(answer.kind === 'results' && answer.confidence).toBe('low');
  });

  it('gives each result the share of the question its quote holds in the words asked', () => {
    const answer = search(index, 'grain deal Bucha', { limit: 10 });
    const matches = results(answer).map((r) => r.match);
    expect(matches.some((m) => m > 0 && m < 1)).toBe(true);
    for (const r of results(answer)) {
      const holds = ['grain', 'deal', 'bucha'].filter((w) => new RegExp(`\\b${w}`, 'i').test(r.excerpt)).length;
      if (holds === 0) expect(r.match).toBe(0);
    }
  });
});

describe('did you mean', () => {
  it('never reads a common English word the library lacks as a slip for one it has', () => {
    // "team" is one letter from the library's "term"; it is a word of its own.
    const answer = search(index, 'Zelensky favourite football team');
    expect(answer.kind === 'results' && answer.didYouMean).toBeNull();
    // A slip that is no English word is still read as one.
    const slip = search(index, 'negociations stalled');
    expect(slip.kind === 'results' && slip.didYouMean).toBe('negotiations stalled');
  });

  it('nor matches one as a slip: "cafes" is not "case"', () => {
    expect(queryGroups(index, 'cafes')).toEqual([]);
  });

  it('keeps the first letter of a slip: "vikings" (stemmed "vike") is not "like"', () => {
    expect(queryGroups(index, 'vikings')).toEqual([]);
    expect(search(index, 'what ceasefire did the vikings agree with wessex').kind).toBe('no-results');
    // A slip past the first letter is still read as one.
    expect(queryGroups(index, 'Zelenksy').map((g) => [...g.own])).toEqual([['zelenski']]);
  });
});

describe('a question about the article that answers it, in a library about much else (issue 23)', () => {
  // Invented articles: one about harbour talks whose leaders recur, and three about other things, which make
  // "leaders" rare in the library as a whole (as a grown library does) but not in the article using it.
  const WORDS = ['granite', 'orchard', 'tramline', 'meadow', 'quarry', 'barley', 'canal', 'pottery', 'vineyard', 'sawmill'];
  const filler = (article: number, k: number): string =>
    [0, 1, 2, 3]
      .map((s) => {
        const w = (i: number): string => WORDS[(article * 7 + k * 3 + s + i) % WORDS.length] as string;
        return `The ${w(0)} near the ${w(1)} was measured ${k + s + 2} times by surveyors from the ${w(2)} office in season ${article}.`;
      })
      .join(' ');
  const MET = 'They met in the old customs house on the quay.';
  const LEDGER = 'Every ship that came in was written down, from the smallest skiff to the largest grain barge.';
  const HARBOUR = Array.from({ length: 12 }, (_, k) =>
    k === 11
      ? // The article's best passage on leaders is its last.
        `The harbour leaders met the leaders of the pilots on day ${k + 1}, and all the leaders agreed to meet again. ${MET}`
      : k % 3 === 0
        ? `The harbour leaders met on day ${k + 1} to settle the berth fees. ${MET}`
        : `The berth fees of the harbour rose on day ${k + 1}, and the pilots of the harbour kept their own ledger. ${LEDGER}`,
  );
  const source = (id: string, paragraphs: readonly string[]): Source => buildSource(inventedMeta(id), paragraphs.join('\n\n'));
  const library = buildCorpus(
    [
      source('harbour-2026', HARBOUR),
      ...[1, 2, 3].map((a) =>
        source(
          `other-${a}`,
          Array.from({ length: 25 }, (_, k) => filler(a, k)),
        ),
      ),
    ],
    wordNetLexicon(),
  ).index;
  const QUESTION = 'Why might leaders worry that offering talks makes them look weak?';

  it('is answered though the word it asks is common in the library only in that article', () => {
    expect(idf(library, 'leader')).toBeGreaterThan(2.9);
    const answer = search(library, QUESTION);
    expect(results(answer)[0]?.citation.sourceId).toBe('harbour-2026');
    // Judged on the library alone, it asks nothing this library is about.
    expect(search(library, QUESTION, { tuning: { confidence: { article: { characteristic: 99 } } } }).kind).toBe('no-results');
  });

  it('counts a word the article uses in at least `recurs` passages', () => {
    const article = [...library.passages.values()].filter((p) => p.sourceId === 'harbour-2026');
    const uses = article.filter((p) => /\bleaders\b/.test(p.text)).length;
    expect(uses).toBeGreaterThanOrEqual(2);
    expect(uses).toBeLessThan(article.length);
    expect(search(library, QUESTION, { tuning: { confidence: { article: { recurs: uses } } } }).kind).toBe('results');
    expect(search(library, QUESTION, { tuning: { confidence: { article: { recurs: uses + 1 } } } }).kind).toBe('no-results');
  });
});

describe('a word a question writes as a name', () => {
  // Invented: "mode" is a common word of this article, lower-case wherever no sentence opens (three sentences open
  // with it, which says nothing of its case); Moldova and Zelensky are names it writes.
  const ARTICLE = [
    'The talks moved into a new mode in spring. Mode mattered to the delegates of Moldova, who met weekly with Zelensky.',
    'Zelensky said the mode of the talks suited Moldova. Mode changed again in summer, when Zelensky travelled.',
    'Mode of travel mattered too. Moldova hosted the last round of the talks at the Harbour, a quiet harbour.',
  ];
  const library = buildCorpus([buildSource(inventedMeta('modes-2026'), ARTICLE.join('\n\n'))], wordNetLexicon()).index;
  const termOf = (word: string): string => analyze(word)[0]?.term ?? '';

  it('is a name of the library when its articles capitalise it where no sentence opens, more often than not', () => {
    expect(['Zelensky', 'Moldova'].map((w) => library.names.has(termOf(w)))).toEqual([true, true]);
    // As often capitalised as not ("the Harbour, a quiet harbour"): not a name.
    expect(['mode', 'talks', 'delegates', 'harbour'].map((w) => library.names.has(termOf(w)))).toEqual([false, false, false, false]);
  });

  it('is a slip only for a name the library writes, never for a common word', () => {
    const modi = search(library, 'Did Modi meet the delegates?');
    if (modi.kind !== 'no-results') throw new Error(`quoted for a name no passage holds: ${modi.kind}`);
    expect(modi.unmatched).toContain('Modi');
    expect(modi.didYouMean).toBeNull();
    // Written as a name, a slip of one: found.
    expect(results(search(library, 'What did Zelenksy say about Moldova?'))[0]?.excerpt).toMatch(/Zelensky said/);
    // Written in lower case, it may be a slip of any word the library holds.
    expect(search(library, 'did modi change in summer').kind).toBe('results');
  });
});
