/**
 * A built corpus as plain JSON, so start-up loads it instead of re-cleaning, re-indexing and re-dating
 * every article. Loading needs none of the build-time code: no date parser, no manifest validation.
 *
 * The format is MiniSearch's own serialization made compact, because load time and peak memory are
 * dominated by it on a large library:
 * - every text is stored once: paragraph and passage texts are slices of their source's text (V8 keeps a
 *   slice as a view on the parent string, so they cost almost no memory after loading either);
 * - posting lists are delta-encoded strings, decoded one term at a time while MiniSearch loads them, so the
 *   whole index never exists twice (as parsed JSON and as MiniSearch's maps);
 * - document ids and field lengths, which MiniSearch keeps per document, are derived or flattened.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Corpus } from './corpus.js';
import type { TimelineEvent } from './events.js';
import { MINISEARCH_OPTIONS, type IndexedPassage } from './search-index.js';
import type { LoadWarning, Passage, Source } from './types.js';

/** Bump when the snapshot's shape changes. */
export const SNAPSHOT_FORMAT = 2;

/** MiniSearch's plain object without its three per-document or per-posting parts, which are stored compactly. */
type IndexHeader = Omit<AsPlainObject, 'index' | 'documentIds' | 'fieldLength'>;

export interface CompactIndex {
  header: IndexHeader;
  /** Field lengths of every document in short-id order, `fieldIds.length` numbers each. */
  fieldLength: number[];
  /** `[term, fieldId, postings, fieldId, postings, …]`; postings as written by `encodePostings`. */
  postings: Array<Array<string | number>>;
}

export interface CorpusSnapshot {
  format: number;
  /** What it was built from (see `corpus-cache.ts`): a different key means rebuild. */
  key: string;
  /** Paragraph and passage texts are stored empty when they are `source.text.slice(start, end)`. */
  sources: Source[];
  warnings: LoadWarning[];
  /** In library order, which is also MiniSearch's short-id order. */
  passages: Passage[];
  index: CompactIndex;
  vocabulary: Array<[string, number]>;
  surface: Array<[string, string]>;
  events: TimelineEvent[];
}

/** `{shortId: frequency}` as "delta[:frequency],…" in base 36, frequency left out when it is 1. */
export function encodePostings(entry: Record<string, number>): string {
  let previous = 0;
  const out: string[] = [];
  for (const id of Object.keys(entry)
    .map(Number)
    .sort((a, b) => a - b)) {
    const freq = entry[id] ?? 1;
    out.push((id - previous).toString(36) + (freq === 1 ? '' : `:${freq.toString(36)}`));
    previous = id;
  }
  return out.join(',');
}

export function decodePostings(encoded: string): Record<number, number> {
  const entry: Record<number, number> = {};
  let id = 0;
  for (const part of encoded.split(',')) {
    const colon = part.indexOf(':');
    id += parseInt(colon < 0 ? part : part.slice(0, colon), 36);
    entry[id] = colon < 0 ? 1 : parseInt(part.slice(colon + 1), 36);
  }
  return entry;
}

function compactIndex(mini: MiniSearch<IndexedPassage>, order: readonly string[]): CompactIndex {
  const { index, documentIds, fieldLength, ...header } = mini.toJSON();
  // The corpus is indexed once with addAll and never edited, so short ids are 0…n-1 in library order;
  // loading relies on it to derive the document ids instead of storing them.
  const dense = header.nextId === order.length && header.dirtCount === 0 && order.every((id, i) => documentIds[i] === id);
  if (!dense) throw new Error('snapshot: the index was edited after it was built; rebuild it with buildIndex');
  const fields = Object.keys(header.fieldIds).length;
  const lengths: number[] = [];
  for (let i = 0; i < order.length; i++) for (let f = 0; f < fields; f++) lengths.push(fieldLength[i]?.[f] ?? 0);
  const postings = index.map(([term, byField]) => [term, ...Object.entries(byField).flatMap(([field, entry]) => [Number(field), encodePostings(entry)])]);
  return { header, fieldLength: lengths, postings };
}

/** The index entries one term at a time, for MiniSearch's loader (which iterates them with for…of). */
function* expandPostings(postings: CompactIndex['postings']): Generator<[string, Record<string, Record<number, number>>]> {
  for (const [term, ...rest] of postings) {
    const byField: Record<string, Record<number, number>> = {};
    for (let i = 0; i + 1 < rest.length; i += 2) byField[String(rest[i])] = decodePostings(String(rest[i + 1]));
    yield [String(term), byField];
  }
}

function loadIndex(compact: CompactIndex, order: readonly string[]): MiniSearch<IndexedPassage> {
  const fields = Object.keys(compact.header.fieldIds).length;
  const documentIds: Record<number, string> = {};
  const fieldLength: Record<number, number[]> = {};
  order.forEach((id, i) => {
    documentIds[i] = id;
    fieldLength[i] = compact.fieldLength.slice(i * fields, (i + 1) * fields);
  });
  const plain = {
    ...compact.header,
    documentIds,
    fieldLength,
    // A generator where MiniSearch's type says array: loadJS only iterates it (minisearch 7), and a round
    // trip test in tests/search.test.ts checks that answers are the same after loading.
    index: expandPostings(compact.postings) as unknown as AsPlainObject['index'],
  };
  return MiniSearch.loadJS<IndexedPassage>(plain, MINISEARCH_OPTIONS);
}

/** The item with its text emptied when the source's text has it at [start, end). */
function sliced<T extends { text: string; start: number; end: number }>(item: T, whole: string): T {
  return whole.slice(item.start, item.end) === item.text ? { ...item, text: '' } : item;
}

/**
 * Fill emptied texts back in, in place: the parsed objects already have a `text` slot, so nothing is
 * copied, and the slices share the source's string.
 */
function unslice(item: { text: string; start: number; end: number }, whole: string): void {
  if (item.text === '') item.text = whole.slice(item.start, item.end);
}

export function toSnapshot(corpus: Corpus, warnings: LoadWarning[], key: string): CorpusSnapshot {
  const { index } = corpus;
  const passages = index.order.map((id) => index.passages.get(id)).filter((p): p is Passage => p !== undefined);
  return {
    format: SNAPSHOT_FORMAT,
    key,
    sources: [...index.sources.values()].map((s) => ({ ...s, paragraphs: s.paragraphs.map((p) => sliced(p, s.text)) })),
    warnings,
    passages: passages.map((p) => sliced(p, index.sources.get(p.sourceId)?.text ?? '')),
    index: compactIndex(index.mini, index.order),
    vocabulary: [...index.vocabulary.entries()],
    surface: [...index.surface.entries()],
    events: [...corpus.events],
  };
}

/** The corpus from a freshly parsed snapshot, whose objects it takes over (they are filled in, not copied). */
/**
 * The snapshot as JSON text, with every non-ASCII character escaped: one curly quote would otherwise make the
 * whole file a two-byte string once read, doubling the memory it takes while it is parsed.
 */
export function serializeSnapshot(snapshot: CorpusSnapshot): string {
  return JSON.stringify(snapshot).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function fromSnapshot(snapshot: CorpusSnapshot): { corpus: Corpus; warnings: LoadWarning[] } {
  const { sources, passages } = snapshot;
  for (const s of sources) for (const p of s.paragraphs) unslice(p, s.text);
  const byId = new Map(sources.map((s) => [s.meta.id, s]));
  for (const p of passages) unslice(p, byId.get(p.sourceId)?.text ?? '');
  const order = passages.map((p) => p.id);
  return {
    corpus: {
      index: {
        mini: loadIndex(snapshot.index, order),
        sources: byId,
        passages: new Map(passages.map((p) => [p.id, p])),
        order,
        vocabulary: new Map(snapshot.vocabulary),
        surface: new Map(snapshot.surface),
        passageCount: passages.length,
      },
      events: snapshot.events,
    },
    warnings: snapshot.warnings,
  };
}
