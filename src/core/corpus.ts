/** Everything the answers need, built once from the loaded sources: the passage index and the events. */
import { buildEvents, dateWords, type TimelineEvent } from './events.js';
import { buildPassages } from './passages.js';
import { buildIndex, type SearchIndex } from './search-index.js';
import type { Lexicon } from './lexicon.js';
import type { Passage, Source } from './types.js';

export interface Corpus {
  index: SearchIndex;
  events: readonly TimelineEvent[];
}

export function passagesOf(index: SearchIndex, source: Source): Passage[] {
  return index.order.map((id) => index.passages.get(id)).filter((p): p is Passage => p?.sourceId === source.meta.id);
}

/** Build the corpus; `lexicon` (WordNet, read at the edge) gives search its general English knowledge. */
export function buildCorpus(sources: readonly Source[], lexicon?: Lexicon): Corpus {
  const passages = new Map(sources.map((s) => [s.meta.id, buildPassages(s)]));
  const events = buildEvents(sources, (s) => passages.get(s.meta.id) ?? []);
  // Dates the text only implies ("on March 10", "last month") become searchable words at their sentence.
  const byId = new Map([...passages.values()].flat().map((p) => [p.id, p]));
  for (const e of events) {
    const passage = byId.get(e.at.passageId);
    const words = dateWords(e);
    if (!passage || !words) continue;
    passage.when = [...(passage.when ?? []), [e.at.sentence, words]];
  }
  return { index: buildIndex(sources, passages, lexicon), events };
}

