/**
 * The passage index: MiniSearch over passages, plus the corpus statistics the re-ranker and the
 * did-you-mean need (document frequency per term, the most common spelling behind each stem).
 */
import type MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { analyze, fold } from './analyze.js';
import { CompactMiniSearch, type Scoring } from './compact-minisearch.js';
import { EMPTY_LEXICON, everydayIdf, libraryLexicon, RelatedTable, type Lexicon } from './lexicon.js';
import { buildRelatedTerms } from './synonyms.js';
import { buildPassages } from './passages.js';
import { capitalised, opensSentenceAt } from './question.js';
import { DEFAULT_SEARCH_OPTIONS } from './search-options.js';
import type { Passage, Source } from './types.js';

/** What MiniSearch stores per passage: the searchable fields. */
export interface IndexedPassage {
  id: string;
  text: string;
  section: string;
  title: string;
  /** Date words the text implies (see `Passage.when`). */
  when: string;
  /** Questions moderators confirmed it answers (see `Passage.askedAs`). */
  askedAs: string;
}

export interface SearchIndex {
  mini: MiniSearch<IndexedPassage>;
  sources: ReadonlyMap<string, Source>;
  passages: ReadonlyMap<string, Passage>;
  /** Passage ids in library order (source order, then reading order). */
  order: readonly string[];
  /** Term → number of passages whose text contains it (see `vocabularyTree` for fuzzy and prefix look-ups). */
  vocabulary: ReadonlyMap<string, number>;
  /** Term → the surface word it most often comes from, for did-you-mean. */
  surface: ReadonlyMap<string, string>;
  /**
   * Terms the articles write as names: capitalised where no sentence opens, more often than not there. A word a
   * question writes as a name is a slip only for one of these ("Modi" is not "mode").
   */
  names: ReadonlySet<string>;
  passageCount: number;
  /** What general English says about the library's words (see `lexicon.ts`); empty without WordNet. */
  lexicon: Lexicon;
  /**
   * The thesaurus (`synonyms.ts`) analyzed into terms, only the library's kept: stem → related stems. Built
   * with the index and saved with it, so no process analyzes the word lists again for its first question.
   */
  thesaurus: RelatedTable;
}

/** How candidates are scored: MiniSearch's BM25+ over the fields, with their boosts (`DEFAULT_SEARCH_OPTIONS.scoring`). */
export const SCORING: Scoring = {
  fields: ['text', 'section', 'title', 'when', 'askedAs'],
  boost: DEFAULT_SEARCH_OPTIONS.scoring.fieldBoosts,
  bm25: DEFAULT_SEARCH_OPTIONS.scoring.bm25,
};

export const MINISEARCH_OPTIONS = {
  fields: [...SCORING.fields],
  idField: 'id',
  // The analyzer does all the work; MiniSearch must not lower-case or split again.
  tokenize: (text: string): string[] => analyze(text).map((t) => t.term),
  processTerm: (term: string): string => term,
  searchOptions: {
    tokenize: (text: string): string[] => text.split(' ').filter(Boolean),
    processTerm: (term: string): string => term,
    boost: SCORING.boost,
    bm25: SCORING.bm25,
  },
};

/**
 * Index the sources' passages (built here unless the caller already has them, by source id). `askedAs` holds the
 * questions moderators confirmed, by passage id: those passages are indexed as copies carrying them.
 */
export function buildIndex(
  sources: readonly Source[],
  prebuilt?: ReadonlyMap<string, readonly Passage[]>,
  lexicon?: Lexicon,
  askedAs?: ReadonlyMap<string, readonly string[]>,
): SearchIndex {
  const mini = new CompactMiniSearch<IndexedPassage>(MINISEARCH_OPTIONS);
  const passages = new Map<string, Passage>();
  const vocabulary = new Map<string, number>();
  const surfaceCounts = new Map<string, Map<string, number>>();
  // Per term: its capitalised uses where no sentence opens, less its lower-case ones.
  const nameVotes = new Map<string, number>();
  const docs: IndexedPassage[] = [];
  for (const source of sources) {
    for (const built of prebuilt?.get(source.meta.id) ?? buildPassages(source)) {
      const asked = askedAs?.get(built.id);
      // A copy: the built passage may be shared with the next rebuild (the pieces memo), which may confirm nothing.
      const passage = asked && asked.length > 0 ? { ...built, askedAs: [...asked] } : built;
      passages.set(passage.id, passage);
      const when = (passage.when ?? []).map(([, words]) => words).join(' ');
      const confirmed = (passage.askedAs ?? []).join('\n');
      docs.push({ id: passage.id, text: passage.text, section: passage.section ?? '', title: source.meta.title, when, askedAs: confirmed });
      const seen = new Set<string>(analyze(when).map((t) => t.term));
      for (const t of seen) vocabulary.set(t, (vocabulary.get(t) ?? 0) + 1);
      for (const token of analyze(passage.text)) {
        const raw = passage.text.slice(token.start, token.end);
        const word = fold(raw);
        if (!opensSentenceAt(passage.text, token.start))
          nameVotes.set(token.term, (nameVotes.get(token.term) ?? 0) + (capitalised(raw) ? 1 : -1));
        const counts = surfaceCounts.get(token.term) ?? new Map<string, number>();
        counts.set(word, (counts.get(word) ?? 0) + 1);
        surfaceCounts.set(token.term, counts);
        if (seen.has(token.term)) continue;
        seen.add(token.term);
        vocabulary.set(token.term, (vocabulary.get(token.term) ?? 0) + 1);
      }
    }
  }
  mini.addAll(docs);
  const surface = new Map<string, string>();
  for (const [term, counts] of surfaceCounts) {
    const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0];
    if (best) surface.set(term, best[0]);
  }
  return {
    mini,
    sources: new Map(sources.map((s) => [s.meta.id, s])),
    passages,
    order: docs.map((d) => d.id),
    vocabulary,
    surface,
    names: new Set([...nameVotes].flatMap(([term, votes]) => (votes > 0 ? [term] : []))),
    passageCount: docs.length,
    lexicon: lexicon ? libraryLexicon(lexicon, vocabulary) : EMPTY_LEXICON,
    thesaurus: RelatedTable.from([...buildRelatedTerms()].map(([term, others]) => [term, [...others].filter((o) => vocabulary.has(o))])),
  };
}

const trees = new WeakMap<SearchIndex, SearchableMap<number>>();
/**
 * The vocabulary as a radix tree, for fuzzy and prefix look-ups. Built on first use: most questions use
 * only known words, and building it is a good share of a one-shot command's start-up.
 */
export function vocabularyTree(index: SearchIndex): SearchableMap<number> {
  let tree = trees.get(index);
  if (!tree) {
    tree = SearchableMap.from(index.vocabulary);
    trees.set(index, tree);
  }
  return tree;
}

/** Inverse document frequency of a term over passages (BM25's form, always positive). */
export function idf(index: SearchIndex, term: string): number {
  const df = index.vocabulary.get(term) ?? 0;
  return Math.log(1 + (index.passageCount - df + 0.5) / (df + 0.5));
}

/**
 * How much a term tells, for ranking: its IDF, but no more than everyday English would give it. A small
 * library may use "want" or "send" once, which makes them look rare; a reader knows they say little.
 */
export function termWeight(index: SearchIndex, term: string): number {
  return Math.min(idf(index, term), everydayIdf(index.lexicon.frequency.get(term)));
}

const positionCache = new WeakMap<SearchIndex, Map<string, number>>();
/** Each passage id's place in the library's reading order (`order`), computed once per index. */
export function positions(index: SearchIndex): ReadonlyMap<string, number> {
  let map = positionCache.get(index);
  if (!map) {
    map = new Map(index.order.map((id, i) => [id, i]));
    positionCache.set(index, map);
  }
  return map;
}

/** The passage at place `at` of the reading order when it is of the same source as `passage`. */
function ofSource(index: SearchIndex, passage: Passage, at: number): Passage | undefined {
  const p = index.passages.get(index.order[at] ?? '');
  return p?.sourceId === passage.sourceId ? p : undefined;
}

/** The passage before `passage` in its own source, or null when it opens the source. */
export function passageBefore(index: SearchIndex, passage: Passage): Passage | null {
  return ofSource(index, passage, (positions(index).get(passage.id) ?? 0) - 1) ?? null;
}

/** Every passage of `passage`'s source, in reading order (a source's passages are a run of it). */
export function sourcePassages(index: SearchIndex, passage: Passage): Passage[] {
  let first = positions(index).get(passage.id) ?? 0;
  while (first > 0 && ofSource(index, passage, first - 1)) first--;
  const out: Passage[] = [];
  for (let k = first, p = ofSource(index, passage, k); p; p = ofSource(index, passage, ++k)) out.push(p);
  return out;
}
