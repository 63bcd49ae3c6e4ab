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

