/**
 * Search: a question → ranked, cited excerpts, as plain data.
 *
 * 1. The query is cleaned (`query.ts`) and analyzed like the documents.
 * 2. Each query term that the library does not contain is expanded to the closest index terms
 *    (edit distance, then prefix); known terms match exactly, so common words never fan out.
 * 3. MiniSearch ranks passages by BM25+ over text, section heading and title.
 * 4. The top candidates are re-ranked by their best excerpt window (`excerpt.ts`): a passage that has
 *    the whole answer in one or two sentences beats one that mentions every word far apart. A passage that
 *    opens leaning on the one before ("These efforts failed…") is also scored with that one's last sentence.
 */
import { ABOUT_TERMS, asksAboutSource, sourceCard, type SourceCard } from './about.js';
import { askedMatch, confirmedWords, type AskedMatch } from './asked-as.js';
import { analyze, fold, type Token } from './analyze.js';
import { citationFor } from './citation.js';
import { EXAMPLE_QUESTIONS } from './examples.js';
import { bestWindow, bridgeWindow, excerptAt, passageTokens, type ExcerptWindow, type TermGroup } from './excerpt.js';
import { memoize, memoizeWeak, remember } from './memo.js';
import { cleanQuery, type QueryProblem } from './query.js';
import { transliteratedQuery, type Transliterated } from './transliterate.js';
import { findSourceMention } from './source-mention.js';
import { isMisspeltStopword } from './stopwords.js';
import { answerKind, asksTheNumber, namesWritten, writtenAsName, type AnswerKind } from './question.js';
import { CompactMiniSearch, type Scored } from './compact-minisearch.js';
import { idf, passageBefore, positions, SCORING, sourcePassages, termWeight, vocabularyTree, type SearchIndex } from './search-index.js';
import { DEFAULT_SEARCH_OPTIONS, searchTuning, type SearchTuning, type SearchTuningOverrides } from './search-options.js';
import { COMMON_TAGGED, everydayIdf } from './lexicon.js';
import type { Citation, Passage, Range, Source } from './types.js';

/** Results returned when the caller does not say. */
export const DEFAULT_LIMIT = 5;
/** The most results one answer may hold. */
export const MAX_LIMIT = 25;

export interface SearchResult {
  id: string;
  score: number;
  excerpt: string;
  highlights: Range[];
  citation: Citation;
  /** Share of the question's weight the excerpt holds in the words asked (see `ConfidenceOptions`), 0–1. */
  match: number;
  /** Set when a question a moderator confirmed this passage answers ranked it: that question. */
  confirmedFor?: string;
}

/** How sure an answer is of itself: `high` when its first quote holds most of what was asked. */
export type Confidence = 'high' | 'low';

/**
 * How a topic (a summary's, a timeline's) matches the library, as a search for it does, so that every answer about
 * a topic says the same: whether the library is about it at all (a search would quote something), and the topic's
 * words no passage mentions. (A search's confidence is not carried over: it weighs whether one quote answers a
 * question, and "sanctions" asked as a question is unsure, yet every quote about sanctions is on the topic.)
 */
export interface TopicMatch {
  found: boolean;
  unmatched: string[];
}

/** The match of the topic `answer` searched for (a topic with no words to search is `invalid`, and has none). */
export function topicMatch(answer: Exclude<SearchAnswer, { kind: 'invalid' }>): TopicMatch {
  return { found: answer.kind === 'results', unmatched: answer.unmatched ?? [] };
}

export interface SearchOptions {
  limit?: number;
  /** Only passages of this source id. */
  sourceId?: string;
  /** Overrides of `DEFAULT_SEARCH_OPTIONS` (eval's sweeps); such an answer is not remembered. */
  tuning?: SearchTuningOverrides;
}

/** The sources a question named ("according to the 2025 article"): their passages are ranked first. */
export interface SearchScope {
  sourceIds: string[];
  /** How each is known to readers: its publication, else its title. */
  names: string[];
  /** The words that named them, as typed. */
  phrase: string;
  /** How many of the results come from them (they lead the list). */
  found: number;
}

export type SearchAnswer =
  | {
      kind: 'results';
      query: string;
      results: SearchResult[];
      /** `low` when the first quote is not sure of itself (`ConfidenceOptions`): say so, it only partly matches. */
      confidence: Confidence;
      /** Words of the query that nothing in the library matched. */
      unmatched: string[];
      didYouMean: string | null;
      /** Set when the question named sources, or was asked in Cyrillic (then what was searched instead). */
      scope?: SearchScope | Transliterated;
      /**
       * Set when the question asks who wrote a source it names, or when or where it appeared: the library's
       * record of it. Then `results` may be empty, when nothing else was asked.
       */
      about?: SourceCard[];
    }
  | {
      kind: 'no-results';
      query: string;
      results: [];
      didYouMean: string | null;
      examples: readonly string[];
      /** Words of the question that nothing in the library matched (most of its weight, when set). */
      unmatched?: string[];
      /** Set when the question was asked in Cyrillic. */
      scope?: Transliterated;
    }
  | { kind: 'invalid'; query: string; results: []; problem: QueryProblem; message: string; examples: readonly string[] };

/**
 * Largest edit distance accepted for a misspelled term: by its length, and none for a number ("2026" is
 * not a slip for "2022", it is another year).
 */
function maxDistance(term: string, tuning: SearchTuning): number {
  if (/\d/.test(term)) return 0;
  if (term.length >= tuning.twoSlipLength) return 2;
  if (term.length >= tuning.oneSlipLength) return 1;
  return 0;
}

/** How many slips a word the library lacks may hold: none for a common English word ("football", "cafe"), a word of its own. */
function slipDistance(index: SearchIndex, term: string, tuning: SearchTuning): number {
  return (index.lexicon.frequency.get(term) ?? 0) >= COMMON_TAGGED ? 0 : maxDistance(term, tuning);
}

/**
 * Edits between two words, two neighbouring letters swapped counting as one ("grian" is one slip from
 * "grain", as a changed letter is), each letter edited once at most: the optimal string alignment distance.
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the table: the row two back is where a swap comes from.
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (twoBack[j - 2] ?? 0) + 1);
      row.push(d);
    }
    twoBack = previous;
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** Terms remembered per index for their near neighbours: the expansion and the did-you-mean both ask. */
const NEAR_CACHE_SIZE = 10_000;
const nearCache = new WeakMap<SearchIndex, (key: string) => ReadonlyMap<string, [number, number]>>();
/**
 * Library terms within `distance` edits of `term` (`editDistance`: a swap of neighbours is one), with their
 * document frequency and distance.
 */
function nearTerms(index: SearchIndex, term: string, distance: number): ReadonlyMap<string, [number, number]> {
  let near = nearCache.get(index);
  if (!near) {
    // Keyed by the distance too (a term never holds a space): a tuned search may allow another.
    near = memoize(NEAR_CACHE_SIZE, (key: string) => findNearTerms(index, key.slice(key.indexOf(' ') + 1), parseInt(key, 10)));
    nearCache.set(index, near);
  }
  return near(`${distance} ${term}`);
}

function findNearTerms(index: SearchIndex, term: string, distance: number): Map<string, [number, number]> {
  const tree = vocabularyTree(index);
  // No slip allowed (a number, a short word): the term itself, if the library has it.
  if (distance === 0) return tree.fuzzyGet(term, 0);
  // The tree's fuzzy look-up (Levenshtein) counts a swap as two edits, so swapped spellings are looked up
  // too: the term with k pairs of neighbours swapped (pairs apart), within the allowance less k; with none
  // left, exactly. Two swaps in a long word ("negotaitoin") need the second level.
  const found = new Set(tree.fuzzyGet(term, distance).keys());
  const swapped = (from: string, start: number, left: number): void => {
    for (let i = start; i + 1 < from.length; i++) {
      if (from[i] === from[i + 1]) continue;
      const variant = from.slice(0, i) + (from[i + 1] ?? '') + (from[i] ?? '') + from.slice(i + 2);
      if (left === 1) {
        if (tree.has(variant)) found.add(variant);
      } else {
        for (const key of tree.fuzzyGet(variant, left - 1).keys()) found.add(key);
        swapped(variant, i + 2, left - 1);
      }
    }
  };
  swapped(term, 0, distance);
  // Every candidate measured again: a swap found as two edits is one, and one found through a swapped
  // spelling may need more than the allowance when its edits overlap the swap.
  const near = new Map<string, [number, number]>();
  for (const key of found) {
    const d = editDistance(term, key);
    if (d <= distance) near.set(key, [tree.get(key) ?? 0, d]);
  }
  return near;
}

interface QueryTerm {
  term: string;
  /** The word as typed, and where it stands in the question. */
  word: string;
  start: number;
  end: number;
  /** Words of one name ("Oriana Skylar Mastro") share a number: a later "Mastro" alone is the same person. */
  name?: number;
  /** Written as a name (`namesWritten`): a slip for a name the articles write, never for a common word. */
  asName: boolean;
}

/** The library's terms a question's word may be a slip (or the start) of: for a word written as a name, names only. */
function mayBe(index: SearchIndex, q: Pick<QueryTerm, 'asName'>, key: string): boolean {
  return !q.asName || index.names.has(key);
}

/**
 * The library's terms a question's term may be a slip of, with their document frequency and distance. Never a slip
 * of the first letter, which people seldom make ("sights" is not "fights"; "vikings", stemmed "vike", is not "like").
 */
function slipsOf(index: SearchIndex, q: QueryTerm, distance: number): Array<[string, [number, number]]> {
  if (distance === 0) return [];
  return [...nearTerms(index, q.term, distance)].filter(([key]) => key[0] === q.term[0] && mayBe(index, q, key));
}

/** Expand each query term to the index terms it should match. */
function termGroups(index: SearchIndex, queryTerms: readonly QueryTerm[], tuning: SearchTuning): TermGroup[] {
  const groups: TermGroup[] = [];
  const asked = new Set(queryTerms.map((q) => q.term));
  const names = new Map<number, TermGroup & { terms: Map<string, number>; direct: Set<string>; own: Set<string>; also: string[] }>();
  for (const q of queryTerms) {
    const { term } = q;
    const terms = new Map<string, number>();
    // The word itself, as typed or mistyped: unlike related words, these make an answer sure of itself.
    const own = new Set<string>();
    if (index.vocabulary.has(term) || confirmedWords(index).has(term)) {
      terms.set(term, 1);
      own.add(term);
    }
    // A related word the query already names is matched by its own group, not counted twice.
    const related = index.thesaurus.get(term) ?? [];
    for (const other of related) {
      if (!terms.has(other) && !asked.has(other)) terms.set(other, tuning.relatedWeight);
    }
    // Places within a place asked about: talks "in Istanbul" were talks in Turkey.
    const within = index.lexicon.parts.get(term);
    if (within) {
      const own = termWeight(index, term);
      for (const part of within) {
        if (!terms.has(part) && !asked.has(part)) terms.set(part, tuning.partWeight * Math.min(1, own / termWeight(index, part)));
      }
    }
    // A word the library lacks: the library's words that share its meaning in everyday English.
    if (!index.vocabulary.has(term)) {
      for (const other of index.lexicon.related.get(term) ?? []) {
        if (!terms.has(other) && !asked.has(other)) terms.set(other, tuning.synonymWeight);
      }
      // One slip from a word the library uses often, it was most likely typed for that word even when WordNet
      // knows it ("negociate", a WordNet entry for "manage", is "negotiate" misspelt).
      if (terms.size > 0) {
        for (const [key, [df, d]] of slipsOf(index, q, maxDistance(term, tuning))) {
          if (d === 1 && df >= tuning.commonNeighbourShare * index.passageCount && !terms.has(key)) {
            terms.set(key, tuning.fuzzyWeight);
            own.add(key);
          }
        }
      }
    }
    if (terms.size === 0) {
      const candidates: Array<[string, number, number]> = [];
      for (const [key, [df, d]] of slipsOf(index, q, slipDistance(index, term, tuning)))
        candidates.push([key, tuning.fuzzyWeight ** d, df]);
      if (term.length >= tuning.minPrefixLength) {
        for (const [key, df] of vocabularyTree(index).atPrefix(term))
          if (mayBe(index, q, key)) candidates.push([key, tuning.prefixWeight, df]);
      }
      // Ties broken by the term itself, so a built and a loaded index (different tree shapes) agree.
      candidates.sort((a, b) => b[1] - a[1] || b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
      for (const [key, weight] of candidates.slice(0, tuning.maxExpansions)) {
        if (!terms.has(key)) terms.set(key, weight);
        own.add(key);
      }
    }
    if (terms.size === 0) continue;
    const weighted = [...terms.keys()].map((t) => termWeight(index, t) * (terms.get(t) ?? 0));
    const direct = new Set([...terms.keys()].filter((t) => !related.includes(t)));
    const group = { query: term, also: [] as string[], terms, direct, own, idf: Math.max(...weighted) / Math.max(...terms.values()) };
    const name = queryTerms.find((q) => q.term === term)?.name;
    const sameName = name === undefined ? undefined : names.get(name);
    if (sameName) {
      for (const [t, w] of terms) sameName.terms.set(t, Math.max(w, sameName.terms.get(t) ?? 0));
      for (const t of direct) sameName.direct.add(t);
      for (const t of own) sameName.own.add(t);
      sameName.also.push(term);
      sameName.idf = Math.max(sameName.idf, group.idf);
      continue;
    }
    if (name !== undefined) names.set(name, group);
    groups.push(group);
  }
  return groups;
}

const CAPITALIZED = /^\p{Lu}\p{Ll}/u;

/**
 * The question's terms, each once. With the library's vocabulary, a word the library lacks that is one slip
 * from a long stopword ("acording") is dropped like the word meant.
 */
function analyzeQuery(text: string, vocabulary?: ReadonlyMap<string, number>): QueryTerm[] {
  const seen = new Set<string>();
  const out: QueryTerm[] = [];
  const asNames = namesWritten(text);
  const tokens = analyze(text, 'query').filter(
    (t) => !vocabulary || vocabulary.has(t.term) || !isMisspeltStopword(fold(text.slice(t.start, t.end))),
  );
  // Runs of two or more adjacent Capitalized words are names.
  const nameOf: Array<number | undefined> = [];
  let names = 0;
  for (let i = 0; i < tokens.length; i++) {
    let j = i;
    while (
      j + 1 < tokens.length &&
      CAPITALIZED.test(text.slice((tokens[j] as Token).start)) &&
      CAPITALIZED.test(text.slice((tokens[j + 1] as Token).start)) &&
      /^\s+$/.test(text.slice((tokens[j] as Token).end, (tokens[j + 1] as Token).start))
    )
      j++;
    if (j > i) {
      for (let k = i; k <= j; k++) nameOf[k] = names;
      names++;
      i = j;
    }
  }
  for (const [i, token] of tokens.entries()) {
    if (seen.has(token.term)) continue;
    seen.add(token.term);
    const name = nameOf[i];
    out.push({
      term: token.term,
      word: text.slice(token.start, token.end),
      start: token.start,
      end: token.end,
      ...(name === undefined ? {} : { name }),
      asName: asNames.has(text.slice(token.start, token.end)),
    });
  }
  return out;
}

/** A question's term groups, as the ranking and excerpts see them (for timelines and summaries). */
export function queryGroups(index: SearchIndex, text: string, tuning: SearchTuning = DEFAULT_SEARCH_OPTIONS): TermGroup[] {
  return termGroups(index, analyzeQuery(text, index.vocabulary), tuning);
}

/** The query with each unknown word replaced by the closest library word, if any changed. */
function didYouMean(index: SearchIndex, text: string, queryTerms: readonly QueryTerm[], tuning: SearchTuning): string | null {
  let suggestion = text;
  let changed = false;
  // From the last word back, so the offsets of the words before stay true.
  for (const q of [...queryTerms].sort((a, b) => b.start - a.start)) {
    const { term, word, start, end } = q;
    // A short word one letter from many others has no one likely meaning ("gra": gas? war?).
    const distance = slipDistance(index, term, tuning);
    if (index.vocabulary.has(term) || distance === 0) continue;
    const near = slipsOf(index, q, distance).sort((a, b) => a[1][1] - b[1][1] || b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1))[0];
    const replacement = near ? index.surface.get(near[0]) : undefined;
    if (replacement && fold(word) !== replacement) {
      suggestion = suggestion.slice(0, start) + replacement + suggestion.slice(end);
      changed = true;
    }
  }
  return changed ? suggestion : null;
}

/** The terms the candidate search (BM25) looks up: on a large library, the common ones only when nothing rarer is asked. */
function candidateTerms(index: SearchIndex, weights: ReadonlyMap<string, number>, tuning: SearchTuning): string[] {
  const all = [...weights.keys()];
  if (index.passageCount < tuning.commonTermMinPassages) return all;
  const limit = tuning.commonTermShare * index.passageCount;
  const rare = all.filter((t) => (index.vocabulary.get(t) ?? 0) <= limit);
  return rare.length > 0 ? rare : all;
}

/**
 * Build now what the first questions would otherwise build: the vocabulary's radix tree. Long-running
 * processes call it at start and after a reload; a one-shot command does not need to.
 */
export function warmIndex(index: SearchIndex): void {
  vocabularyTree(index);
}

/** Answers remembered per index: people ask the same questions (and pick the same suggestions) again and again. */
const ANSWER_CACHE_SIZE = 2000;
const answerCache = new WeakMap<SearchIndex, Map<string, SearchAnswer>>();

/** Answer a question from the index. Never throws for any input string. Answers are plain data, never mutated. */
export function search(index: SearchIndex, rawQuery: string, options: SearchOptions = {}): SearchAnswer {
  if (options.tuning) return answerUncached(index, rawQuery, options, searchTuning(options.tuning));
  const key = `${options.limit ?? ''}|${options.sourceId ?? ''}|${rawQuery}`;
  let cache = answerCache.get(index);
  const cached = cache?.get(key);
  if (cached) return cached;
  if (!cache) answerCache.set(index, (cache = new Map<string, SearchAnswer>()));
  return remember(cache, ANSWER_CACHE_SIZE, key, answerUncached(index, rawQuery, options, DEFAULT_SEARCH_OPTIONS));
}

function answerUncached(index: SearchIndex, rawQuery: string, options: SearchOptions, tuning: SearchTuning): SearchAnswer {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const cleaned = cleanQuery(rawQuery);
  if (!cleaned.ok) {
    return {
      kind: 'invalid',
      query: rawQuery,
      results: [],
      problem: cleaned.problem,
      message: cleaned.message,
      examples: EXAMPLE_QUESTIONS,
    };
  }
  const query = cleaned.text;
  // Asked in Ukrainian or Russian: the library is in English, so its names in the question are searched instead.
  const latin = transliteratedQuery(index, query);
  if (latin) return inEnglish(query, latin, answerUncached(index, latin.searched, options, tuning));
  // Words that name a source say where to look, not what to look for.
  const mention = options.sourceId ? null : findSourceMention(index, query);
  const about = mention && asksAboutSource(query) ? cardsOf(index, mention.sourceIds) : [];
  const asked = mention ? analyzeQuery(mention.rest, index.vocabulary).filter((q) => about.length === 0 || !ABOUT_TERMS.has(q.term)) : [];
  const named = asked.length > 0 ? mention : null;
  // "Who wrote the Parish piece?" asks nothing else: the record is the whole answer.
  if (about.length > 0 && !named)
    return { kind: 'results', query, results: [], confidence: 'high', unmatched: [], didYouMean: null, about };
  const searched = named?.rest ?? query;
  const queryTerms = analyzeQuery(searched, index.vocabulary);
  if (queryTerms.length === 0) {
    return {
      kind: 'invalid',
      query,
      results: [],
      problem: 'no-terms',
      message: 'That question has no words to search for; name a person, place, event or idea.',
      examples: EXAMPLE_QUESTIONS,
    };
  }
  const groups = termGroups(index, queryTerms, tuning);
  const suggestion = didYouMean(index, query, queryTerms, tuning);
  const known = new Set(groups.flatMap((g) => [g.query, ...(g.also ?? [])]));
  const unmatched = queryTerms.filter((q) => !known.has(q.term));
  // Nothing quoted: the suggestions, and the words no passage mentions.
  const nothing = (words: readonly QueryTerm[] = unmatched): SearchAnswer => ({
    kind: 'no-results',
    query,
    results: [],
    didYouMean: suggestion,
    examples: EXAMPLE_QUESTIONS,
    unmatched: words.map((q) => q.word),
  });
  if (groups.length === 0) return nothing();
  const total = groups.reduce((sum, g) => sum + g.idf, 0) + unmatched.reduce((sum, q) => sum + unmatchedWeight(index, q.term), 0);

  const weights = new Map<string, number>();
  // BM25 weighs terms by the library's IDF alone; everyday English tempers it here too (see termWeight).
  for (const g of groups)
    for (const [t, w] of g.terms) weights.set(t, Math.max(weights.get(t) ?? 0, (w * termWeight(index, t)) / idf(index, t)));
  const boostTerm = (term: string): number => weights.get(term) ?? 1;
  const terms = candidateTerms(index, weights, tuning);
  const { fieldBoosts: boost, bm25 } = tuning.scoring;
  const scored: readonly Scored[] =
    index.mini instanceof CompactMiniSearch
      ? index.mini.scoreTerms(terms, boostTerm, { fields: SCORING.fields, boost, bm25 })
      : index.mini
          .search(terms.join(' '), { combineWith: 'OR', boostTerm, boost, bm25 })
          .map((r) => ({ id: String(r.id), score: r.score }));
  const hits = options.sourceId ? scored.filter((h) => index.passages.get(h.id)?.sourceId === options.sourceId) : scored;
  if (hits.length === 0) return nothing();

  const inScope = (id: string | number): boolean => named?.sourceIds.includes(index.passages.get(String(id))?.sourceId ?? '') ?? false;
  const kind = answerKind(searched);
  const first = named
    ? rerank(
        index,
        hits.filter((h) => inScope(h.id)),
        groups,
        { limit, kind, total, tuning },
      )
    : [];
  const rest = named ? hits.filter((h) => !inScope(h.id)) : hits;
  const ranked = [...first, ...rerank(index, rest, groups, { limit, kind, total, tuning })];
  // Only the results shown are cut and highlighted.
  let firstHeld = 0;
  const results = ranked.slice(0, limit).map(({ passage, source, window, id, score, asked }, i): SearchResult => {
    const excerpt = excerptAt(passage, groups, window, tuning.excerpt);
    // A passage ranked by a confirmed question holds what that question holds of this one.
    const held = Math.max(excerpt.held, asked?.held ?? 0);
    if (i === 0) firstHeld = held;
    return {
      id,
      score,
      excerpt: excerpt.text,
      highlights: excerpt.highlights,
      citation: citationFor(source, passage),
      match: Math.round((held / total) * 100) / 100,
      ...(asked ? { confirmedFor: asked.question } : {}),
    };
  });
  const sure = tuning.confidence;
  const [best, next] = ranked;
  // A word no article uses, known only from questions moderators confirmed, is the library's through a confirmation
  // like this question (`best.asked`, alike enough to count); otherwise it names what no article does, as any word
  // the library lacks ("nuking" confirmed for a question on nuclear threats says nothing of a game's "nuking").
  const unnamed = best?.asked ? unmatched : [...unmatched, ...queryTerms.filter((q) => onlyConfirmed(index, groups, q))];
  // A number other than a date's is not what a question asks ("what is 17 times 23"): it never adds to its weight.
  const numbers = groups.reduce((sum, g) => sum + (/^\d+$/.test(g.query) && !asksTheNumber(query, g.query) ? g.idf : 0), 0);
  // Words the library never mentions that everyday English seldom uses ("dayton", "bosnian"): what a question names
  // with them is what it is about. A short word English does not count is as often chat as a name ("pls", "lol",
  // "tbh"): it says nothing either way.
  const othersNamed = unnamed.filter((q) => {
    const tagged = index.lexicon.frequency.get(q.term);
    return !/^\d+$/.test(q.term) && everydayIdf(tagged) >= sure.specific && (tagged !== undefined || q.word.length > 3);
  });
  // Asking nothing this library (or the article answering) is about, or naming two things it never mentions ("the
  // dayton agreement that ended the bosnian war"), and either answered by a quote holding little of it, or asking so
  // little that any passage would do ("what time is it"): another subject.
  const elsewhere =
    !named &&
    (firstHeld < sure.minHeld * total || total - numbers < sure.minWeight) &&
    (othersNamed.length >= sure.othersNamed || !asksTheLibrary(index, groups, queryTerms, tuning, best?.passage));
  // A question naming what no passage names ("who mediated between Ethiopia and the TPLF in Pretoria?") asks about
  // that, and a quote about its other words answers another question. A name is a word the question writes as one
  // and everyday English does not use (a common word capitalised for emphasis is not one), or, in any case, a word
  // English seldom uses that says which one after "of" ("the peace of utrecht": another peace), or a year or decade
  // no passage names ("the Crimean War in the 1850s": another war). A moderator's confirmation of this very wording
  // says the library answers it after all.
  const namesWhatNoneName =
    (best?.asked?.likeness ?? 0) < tuning.askedAsSure &&
    unnamed.some(
      (q) =>
        (writtenAsName(query, q.word) && !index.lexicon.frequency.has(q.term)) ||
        (othersNamed.includes(q) && /\bof\s+(?:the\s+)?$/i.test(searched.slice(0, q.start))) ||
        namesAnotherTime(index, q.term),
    );
  if (elsewhere || namesWhatNoneName) return nothing(unnamed);
  const { bias, held, lead, window } = sure.odds;
  const odds = bias + held * Math.log1p(firstHeld) + lead * ((best?.score ?? 0) - (next?.score ?? 0)) + window * (best?.window.score ?? 0);
  return {
    kind: 'results',
    query,
    results,
    confidence:
      (odds >= sure.highOdds && firstHeld >= sure.highHeld * total) || (best?.asked?.likeness ?? 0) >= tuning.askedAsSure ? 'high' : 'low',
    unmatched: unnamed.map((q) => q.word),
    didYouMean: suggestion,
    ...(named ? { scope: scopeOf(index, named.sourceIds, named.phrase, Math.min(first.length, limit)) } : {}),
    ...(about.length > 0 ? { about } : {}),
  };
}

/** The answer to what a Cyrillic question was searched as, as the answer to the question, saying so (nothing to search: nothing found). */
function inEnglish(query: string, scope: Transliterated, answer: SearchAnswer): SearchAnswer {
  if (answer.kind !== 'invalid') return { ...answer, query, scope };
  return { kind: 'no-results', query, results: [], didYouMean: null, examples: EXAMPLE_QUESTIONS, scope };
}

/** Whether a question's word is matched only by words of confirmed questions, none of them the articles'. */
function onlyConfirmed(index: SearchIndex, groups: readonly TermGroup[], q: QueryTerm): boolean {
  const group = groups.find((g) => g.query === q.term || g.also?.includes(q.term));
  return group !== undefined && [...group.terms.keys()].every((t) => !index.vocabulary.has(t));
}

/**
 * What a word of the question that nothing in the library matches weighs: what everyday English gives it, up to
 * the most any word can weigh here (a word English seldom uses, or does not know, is as specific as words get).
 * A number weighs nothing: "2026" qualifies a question, it is not what the question is about.
 */
function unmatchedWeight(index: SearchIndex, term: string): number {
  if (/^\d+$/.test(term)) return 0;
  return Math.min(idf(index, term), everydayIdf(index.lexicon.frequency.get(term)));
}

/**
 * A year ("1995") or a decade ("the 1850s") wholly outside the years the library speaks of: from the earliest its
 * passages name to the latest they name or an article is dated. A year within them the library may speak of in other
 * words ("by mid-2025" of an article of June 2025).
 */
function namesAnotherTime(index: SearchIndex, term: string): boolean {
  const m = /^((?:1\d|20)\d)(\d)(s?)$/.exec(term);
  if (!m) return false;
  const from = Number(`${m[1]}${m[3] ? '0' : m[2]}`);
  const to = m[3] ? from + 9 : from;
  const [first, last] = yearsSpoken(index);
  return to < first || from > last;
}

/** The earliest and the latest year a library speaks of (see `namesAnotherTime`). */
const yearsSpoken = memoizeWeak(8, (index: SearchIndex): [number, number] => {
  const years = [...index.vocabulary.keys()].filter((t) => /^(?:1\d|20)\d\d$/.test(t)).map(Number);
  for (const source of index.sources.values()) if (source.meta.date) years.push(Number(source.meta.date.value.slice(0, 4)));
  return years.length > 0 ? [Math.min(...years), Math.max(...years)] : [Infinity, -Infinity];
});

/**
 * Whether a question asks a word characteristic of the library, or of the article its best passage comes from, as
 * typed, or mistyped in a long word (whose slips are slips, not other words: "negotations").
 */
function asksTheLibrary(
  index: SearchIndex,
  groups: readonly TermGroup[],
  queryTerms: readonly QueryTerm[],
  tuning: SearchTuning,
  best: Passage | undefined,
): boolean {
  const typed = new Map(queryTerms.map((q) => [q.term, q.word]));
  const asked = groups.flatMap((g) => [...g.own].filter((t) => t === g.query || (typed.get(g.query)?.length ?? 0) >= tuning.longSlip));
  if (asked.some((t) => characteristic(index, t, tuning))) return true;
  if (!best) return false;
  const article = sourcePassages(index, best);
  return asked.some((t) => characteristicOf(index, article, t, tuning));
}

/** A word the library uses far more than everyday English does (see `ConfidenceOptions.characteristic`); never a number. */
function characteristic(index: SearchIndex, term: string, tuning: SearchTuning): boolean {
  if (/^\d+$/.test(term) || !index.vocabulary.has(term)) return false;
  return everydayIdf(index.lexicon.frequency.get(term)) - idf(index, term) >= tuning.confidence.characteristic;
}

/**
 * A word an article uses far more than everyday English does, and again (see `ConfidenceOptions.article`): a library
 * grown with articles about other sides of the talks makes a word rarer in the library, never in the article using it.
 */
function characteristicOf(index: SearchIndex, article: readonly Passage[], term: string, tuning: SearchTuning): boolean {
  if (/^\d+$/.test(term) || !index.vocabulary.has(term)) return false;
  const df = article.filter((p) => passageTokens(p).some((t) => t.term === term)).length;
  if (df < tuning.confidence.article.recurs) return false;
  const inArticle = Math.log(1 + (article.length - df + 0.5) / (df + 0.5));
  return everydayIdf(index.lexicon.frequency.get(term)) - inArticle >= tuning.confidence.article.characteristic;
}

function cardsOf(index: SearchIndex, sourceIds: readonly string[]): SourceCard[] {
  return sourceIds.flatMap((id) => {
    const source = index.sources.get(id);
    return source ? [sourceCard(source)] : [];
  });
}

function scopeOf(index: SearchIndex, sourceIds: string[], phrase: string, found: number): SearchScope {
  const names = sourceIds.map((id) => {
    const meta = index.sources.get(id)?.meta;
    return meta?.publication ?? meta?.title ?? id;
  });
  return { sourceIds, names, phrase, found };
}

interface Ranked {
  passage: Passage;
  source: Source;
  window: ExcerptWindow;
  id: string;
  score: number;
  /** The confirmed question that ranked it, when one outranked its own words. */
  asked: AskedMatch | null;
}

/**
 * BM25 hits re-ranked by their best excerpt window (the top `rerankDepth` of them), or by a question moderators
 * confirmed the passage answers when that holds more of the question (`total`, its whole weight), best first.
 */
function rerank(
  index: SearchIndex,
  hits: readonly Scored[],
  groups: readonly TermGroup[],
  { limit, kind, total, tuning }: { limit: number; kind: AnswerKind | null; total: number; tuning: SearchTuning },
): Ranked[] {
  const top = hits[0]?.score ?? 1;
  const position = positions(index);
  const weigh = (term: string): number => termWeight(index, term);
  const ranked = hits.slice(0, Math.max(tuning.rerankDepth, limit)).flatMap((hit) => {
    const passage = index.passages.get(String(hit.id));
    const source = passage && index.sources.get(passage.sourceId);
    if (!passage || !source) return [];
    const own = bestWindow(passage, groups, kind, tuning.excerpt);
    const before = passageBefore(index, passage);
    const bridged = before ? bridgeWindow(before, passage, groups, kind, tuning.excerpt) : null;
    const window = bridged && bridged.score > own.score ? bridged : own;
    const match = askedMatch(passage, groups, total, weigh);
    const askedScore = match && match.likeness >= tuning.askedAsFloor ? tuning.askedAsWeight * match.likeness : 0;
    const asked = askedScore > window.score ? match : null;
    const score = (1 - tuning.excerptWeight) * (hit.score / top) + tuning.excerptWeight * Math.max(window.score, askedScore);
    return [{ passage, source, window, id: passage.id, score: Math.round(score * 1000) / 1000, asked }];
  });
  ranked.sort((a, b) => b.score - a.score || (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  return ranked;
}
