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
  const { events, mentions } = buildEvents(sources, (s) => passages.get(s.meta.id) ?? []);
  // Dates the text only implies ("on March 10", "last month") become searchable words at their sentence, whether
  // or not the sentence makes a timeline line: a date in an aside still says when its sentence speaks of.
  const byId = new Map([...passages.values()].flat().map((p) => [p.id, p]));
  const seen = new Set<string>();
  for (const m of mentions) {
    const passage = byId.get(m.passageId);
    const words = dateWords(m.date);
    const key = `${m.passageId} ${m.sentence} ${words}`;
    if (!passage || !words || seen.has(key)) continue;
    seen.add(key);
    passage.when = [...(passage.when ?? []), [m.sentence, words]];
  }
  return { index: buildIndex(sources, passages, lexicon), events };
}
