/** Everything the answers need, built once from the loaded sources: the passage index and the events. */
import { dateWords, mergeEvents, sourceEvents, type TimelineEvent } from './events.js';
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

/** What a corpus takes from one source: its passages (with the dates they imply) and its events. */
interface SourcePieces {
  passages: Passage[];
  events: TimelineEvent[];
}

/** A source's pieces, by what they are built from (its text and its record): a rebuild redoes only what changed. */
export type PiecesMemo = Map<string, SourcePieces>;

function piecesOf(source: Source): SourcePieces {
  const passages = buildPassages(source);
  const { events, mentions } = sourceEvents(source, passages);
  // Dates the text only implies ("on March 10", "last month") become searchable words at their sentence, whether
  // or not the sentence makes a timeline line: a date in an aside still says when its sentence speaks of.
  const byId = new Map(passages.map((p) => [p.id, p]));
  const seen = new Set<string>();
  for (const m of mentions) {
    const passage = byId.get(m.passageId);
    const words = dateWords(m.date);
    const key = `${m.passageId} ${m.sentence} ${words}`;
    if (!passage || !words || seen.has(key)) continue;
    seen.add(key);
    passage.when = [...(passage.when ?? []), [m.sentence, words]];
  }
  return { passages, events };
}

/**
 * Build the corpus; `lexicon` (WordNet, read at the edge) gives search its general English knowledge. With a
 * `memo`, each source's pieces are kept there and reused while its text and record are the same. `askedAs`: the
 * questions moderators confirmed, by passage id (see `Passage.askedAs`).
 */
export function buildCorpus(
  sources: readonly Source[],
  lexicon?: Lexicon,
  memo?: PiecesMemo,
  askedAs?: ReadonlyMap<string, readonly string[]>,
): Corpus {
  const pieces = new Map<string, SourcePieces>();
  for (const s of sources) {
    const key = `${s.hash} ${JSON.stringify(s.meta)}`;
    let built = memo?.get(key);
    if (!built) {
      built = piecesOf(s);
      memo?.set(key, built);
    }
    pieces.set(s.meta.id, built);
  }
  if (memo) {
    // Sources gone from the library leave the memo with them.
    const live = new Set(sources.map((s) => `${s.hash} ${JSON.stringify(s.meta)}`));
    for (const key of memo.keys()) if (!live.has(key)) memo.delete(key);
  }
  const events = mergeEvents(sources.map((s) => pieces.get(s.meta.id)?.events ?? []));
  return { index: buildIndex(sources, new Map([...pieces].map(([id, p]) => [id, p.passages])), lexicon, askedAs), events };
}
