/**
 * A built corpus as plain JSON, so start-up loads it instead of re-cleaning, re-indexing and re-dating
 * every article (MiniSearch's own toJSON/loadJSON for the index). Loading needs none of the build-time
 * code: no date parser, no manifest validation.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Corpus } from './corpus.js';
import type { TimelineEvent } from './events.js';
import { MINISEARCH_OPTIONS, type IndexedPassage } from './search-index.js';
import type { LoadWarning, Passage, Source } from './types.js';

/** Bump when the snapshot's shape changes. */
export const SNAPSHOT_FORMAT = 1;

export interface CorpusSnapshot {
  format: number;
  /** What it was built from (see `corpus-cache.ts`): a different key means rebuild. */
  key: string;
  sources: Source[];
  warnings: LoadWarning[];
  passages: Passage[];
  index: unknown;
  vocabulary: Array<[string, number]>;
  surface: Array<[string, string]>;
  events: TimelineEvent[];
}

export function toSnapshot(corpus: Corpus, warnings: LoadWarning[], key: string): CorpusSnapshot {
  const { index } = corpus;
  return {
    format: SNAPSHOT_FORMAT,
    key,
    sources: [...index.sources.values()],
    warnings,
    passages: index.order.map((id) => index.passages.get(id)).filter((p): p is Passage => p !== undefined),
    index: index.mini.toJSON(),
    vocabulary: [...index.vocabulary.entries()],
    surface: [...index.surface.entries()],
    events: [...corpus.events],
  };
}

export function fromSnapshot(snapshot: CorpusSnapshot): { corpus: Corpus; warnings: LoadWarning[] } {
  const mini = MiniSearch.loadJS<IndexedPassage>(snapshot.index as AsPlainObject, MINISEARCH_OPTIONS);
  const passages = new Map(snapshot.passages.map((p) => [p.id, p]));
  return {
    corpus: {
      index: {
        mini,
        sources: new Map(snapshot.sources.map((s) => [s.meta.id, s])),
        passages,
        order: snapshot.passages.map((p) => p.id),
        vocabulary: SearchableMap.from(snapshot.vocabulary) as SearchableMap<number>,
        surface: new Map(snapshot.surface),
        passageCount: snapshot.passages.length,
      },
      events: snapshot.events,
    },
    warnings: snapshot.warnings,
  };
}
