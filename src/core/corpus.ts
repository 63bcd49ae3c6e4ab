/** Everything the answers need, built once from the loaded sources: the passage index and the events. */
import { buildEvents, type TimelineEvent } from './events.js';
import { buildIndex, type SearchIndex } from './search-index.js';
import type { Passage, Source } from './types.js';

export interface Corpus {
  index: SearchIndex;
  events: readonly TimelineEvent[];
}

export function passagesOf(index: SearchIndex, source: Source): Passage[] {
  return index.order.map((id) => index.passages.get(id)).filter((p): p is Passage => p?.sourceId === source.meta.id);
}

export function buildCorpus(sources: readonly Source[]): Corpus {
  const index = buildIndex(sources);
  return { index, events: buildEvents(sources, (s) => passagesOf(index, s)) };
}

/** One line of the library listing: the manifest entry and what was built from it. */
export interface SourceSummary {
  meta: Source['meta'];
  paragraphs: number;
  passages: number;
  events: number;
  sections: string[];
}

export function listSources(corpus: Corpus): SourceSummary[] {
  return [...corpus.index.sources.values()].map((source) => ({
    meta: source.meta,
    paragraphs: source.paragraphs.length,
    passages: passagesOf(corpus.index, source).length,
    events: corpus.events.filter((e) => e.citations.some((c) => c.sourceId === source.meta.id)).length,
    sections: source.sections,
  }));
}
