/** The library listing: each source's manifest entry and what was built from it. */
import type { Corpus } from './corpus.js';
import type { Source } from './types.js';

/** One line of the library listing. */
export interface SourceSummary {
  meta: Source['meta'];
  paragraphs: number;
  passages: number;
  events: number;
  sections: string[];
}

export function listSources(corpus: Corpus): SourceSummary[] {
  const passages = new Map<string, number>();
  for (const p of corpus.index.passages.values()) passages.set(p.sourceId, (passages.get(p.sourceId) ?? 0) + 1);
  return [...corpus.index.sources.values()].map((source) => ({
    meta: source.meta,
    paragraphs: source.paragraphs.length,
    passages: passages.get(source.meta.id) ?? 0,
    events: corpus.events.filter((e) => e.citations.some((c) => c.sourceId === source.meta.id)).length,
    sections: source.sections,
  }));
}
