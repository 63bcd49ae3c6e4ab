/**
 * A built corpus as lines of JSON, so start-up loads it instead of re-cleaning, re-indexing and re-dating
 * every article. Loading needs none of the build-time code: no date parser, no manifest validation.
 *
 * The format is MiniSearch's own serialization made compact and streamable, because load time and peak
 * memory are dominated by it on a large library:
 * - one line of header (metadata, vocabulary, events, MiniSearch's small fields), then one line per source,
 *   per passage and per index term, read one at a time: the file is never in memory whole, nor parsed whole;
 * - ASCII only (other characters escaped), so every line reads as a one-byte string;
 * - every text is stored once: paragraph and passage texts are slices of their source's text (V8 keeps a
 *   slice as a view on the parent string, so they cost almost no memory after loading either);
 * - posting lists are delta-encoded strings, decoded one term at a time into a byte array shared by the
 *   whole index (`postings.ts`), which MiniSearch reads in place of its per-term maps;
 * - document ids and field lengths, which MiniSearch keeps per document, are derived or flattened.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Corpus } from './corpus.js';
import type { TimelineEvent } from './events.js';
import { lexiconFromJson, lexiconToJson, RelatedTable, type LexiconJson } from './lexicon.js';
import { CompactMiniSearch } from './compact-minisearch.js';
import { postingBytes, PostingPool, type PostingList } from './postings.js';
import { MINISEARCH_OPTIONS, type IndexedPassage } from './search-index.js';
import type { LoadWarning, Passage, Source } from './types.js';

/** Bump when the snapshot's shape changes. */
export const SNAPSHOT_FORMAT = 10;

/** MiniSearch's plain object without its three per-document or per-posting parts, which are stored compactly. */
type IndexHeader = Omit<AsPlainObject, 'index' | 'documentIds' | 'fieldLength'>;

interface CompactIndex {
  header: IndexHeader;
  /** Field lengths of every document in short-id order, `fieldIds.length` numbers each. */
  fieldLength: number[];
  /** `[term, fieldId, postings, fieldId, postings, …]`; postings as written by `encodePostings`. */
  postings: Iterable<Array<string | number>>;
  /** Bytes all the posting lists take in a `PostingPool`: the loader allocates it once. */
  postingBytes: number;
}

/** The snapshot as one object (`snapshotLines` writes it, `readSnapshot` reads it back). */
export interface CorpusSnapshot {
  format: number;
  /** What it was built from (see `corpus-cache.ts`): a different key means rebuild. */
  key: string;
  /** Paragraph and passage texts are stored empty when they are `source.text.slice(start, end)`. */
  sources: Source[];
  warnings: LoadWarning[];
  /** In library order, which is also MiniSearch's short-id order. */
  passages: Passage[];
  index: CompactIndex & { postings: Array<Array<string | number>> };
  vocabulary: Array<[string, number]>;
  surface: Array<[string, string]>;
  names: string[];
  /** The library's share of WordNet: frequencies, and related words as space-separated terms. */
  lexicon: LexiconJson;
  /** The thesaurus's table text (see `RelatedTable`). */
  thesaurus: string;
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
  let count = 1;
  for (let i = encoded.indexOf(','); i >= 0; i = encoded.indexOf(',', i + 1)) count++;
  // At most 10 bytes a posting (two variable-length numbers below 2^35).
  return Object.fromEntries(new PostingPool(count * 10).decode(encoded));
}

function compactIndex(mini: MiniSearch<IndexedPassage>, order: readonly string[]): CorpusSnapshot['index'] {
  const { index, documentIds, fieldLength, ...header } = mini.toJSON();
  // The corpus is indexed once with addAll and never edited, so short ids are 0…n-1 in library order;
  // loading relies on it to derive the document ids instead of storing them.
  const dense = header.nextId === order.length && header.dirtCount === 0 && order.every((id, i) => documentIds[i] === id);
  if (!dense) throw new Error('snapshot: the index was edited after it was built; rebuild it with buildIndex');
  const fields = Object.keys(header.fieldIds).length;
  const lengths: number[] = [];
  for (let i = 0; i < order.length; i++) for (let f = 0; f < fields; f++) lengths.push(fieldLength[i]?.[f] ?? 0);
  let bytes = 0;
  for (const [, byField] of index) for (const entry of Object.values(byField)) bytes += postingBytes(entry);
  const postings = index.map(([term, byField]) => [
    term,
    ...Object.entries(byField).flatMap(([field, entry]) => [Number(field), encodePostings(entry)]),
  ]);
  return { header, fieldLength: lengths, postings, postingBytes: bytes };
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
  // Documents share few distinct field-length tuples (a heading or a title is a few words long), so equal
  // tuples share one array: MiniSearch only reads a loaded document's field lengths.
  const tuples = new Map<string, number[]>();
  order.forEach((id, i) => {
    documentIds[i] = id;
    const lengths = compact.fieldLength.slice(i * fields, (i + 1) * fields);
    const key = lengths.join(',');
    const shared = tuples.get(key) ?? lengths;
    tuples.set(key, shared);
    fieldLength[i] = shared;
  });
  const header = { ...compact.header, documentIds, fieldLength };
  if (!CompactMiniSearch.isCompatible()) {
    // MiniSearch at run time keeps its state elsewhere: load the postings the documented way, as Maps. A
    // generator where MiniSearch's type says array: loadJS only iterates it (minisearch 7).
    return MiniSearch.loadJS<IndexedPassage>(
      { ...header, index: expandPostings(compact.postings) as unknown as AsPlainObject['index'] },
      MINISEARCH_OPTIONS,
    );
  }
  const pool = new PostingPool(compact.postingBytes);
  function* terms(): Generator<[string, Map<number, PostingList>]> {
    for (const [term, ...rest] of compact.postings) {
      const byField = new Map<number, PostingList>();
      for (let i = 0; i + 1 < rest.length; i += 2) byField.set(Number(rest[i]), pool.decode(String(rest[i + 1])));
      yield [String(term), byField];
    }
  }
  return CompactMiniSearch.loadCompact<IndexedPassage>(header, MINISEARCH_OPTIONS, terms());
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
    names: [...index.names],
    lexicon: lexiconToJson(index.lexicon),
    thesaurus: index.thesaurus.text,
    events: [...corpus.events],
  };
}

/** Everything but the sources, passages and posting lists: the snapshot's first line. */
interface SnapshotHeader extends Omit<CorpusSnapshot, 'sources' | 'passages' | 'index'> {
  index: Omit<CompactIndex, 'postings'>;
  counts: { sources: number; passages: number; postings: number };
}

/** JSON with every non-ASCII character escaped. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The snapshot as lines: the header, then each source, each passage and each index term. */
export function* snapshotLines(snapshot: CorpusSnapshot): Generator<string> {
  const { sources, passages, index, ...rest } = snapshot;
  const header: SnapshotHeader = {
    ...rest,
    index: { header: index.header, fieldLength: index.fieldLength, postingBytes: index.postingBytes },
    counts: { sources: sources.length, passages: passages.length, postings: index.postings.length },
  };
  yield asciiJson(header);
  for (const s of sources) yield asciiJson(s);
  for (const p of passages) yield asciiJson(p);
  for (const t of index.postings) yield asciiJson(t);
}

export function serializeSnapshot(snapshot: CorpusSnapshot): string {
  return `${[...snapshotLines(snapshot)].join('\n')}\n`;
}

/**
 * The corpus from a snapshot's lines, read in order as they are needed (the index terms while MiniSearch
 * loads them). Null when the snapshot is of another format or, given `key`, was built from other files.
 * Throws on a damaged snapshot (the caller rebuilds).
 */
export function readSnapshot(lines: Iterator<string>, key?: string): { corpus: Corpus; warnings: LoadWarning[] } | null {
  return readSnapshotValues(
    {
      next: () => {
        const line = lines.next();
        return line.done ? line : { done: false, value: JSON.parse(line.value) as unknown };
      },
    },
    key,
  );
}

/** `readSnapshot` of lines already parsed (a caller that parses them a slice at a time, between other work). */
export function readSnapshotValues(values: Iterator<unknown>, key?: string): { corpus: Corpus; warnings: LoadWarning[] } | null {
  const next = (): unknown => {
    const value = values.next();
    if (value.done) throw new Error('snapshot: ends early');
    return value.value;
  };
  const header = next() as SnapshotHeader;
  if (header.format !== SNAPSHOT_FORMAT || (key !== undefined && header.key !== key)) return null;
  const sources = Array.from({ length: header.counts.sources }, () => next() as Source);
  const passages = Array.from({ length: header.counts.passages }, () => next() as Passage);
  // One string per source id and heading, rather than the copy JSON.parse makes for each passage and paragraph.
  const strings = new Map<string, string>();
  const shared = <T extends string | null>(s: T): T => {
    if (s === null) return s;
    const known = strings.get(s);
    if (known !== undefined) return known as T;
    strings.set(s, s);
    return s;
  };
  for (const s of sources) {
    shared(s.meta.id);
    for (const p of s.paragraphs) {
      unslice(p, s.text);
      p.section = shared(p.section);
    }
  }
  const byId = new Map(sources.map((s) => [s.meta.id, s]));
  for (const p of passages) {
    unslice(p, byId.get(p.sourceId)?.text ?? '');
    p.sourceId = shared(p.sourceId);
    p.section = shared(p.section);
  }
  const order = passages.map((p) => p.id);
  function* postings(): Generator<Array<string | number>> {
    for (let i = 0; i < header.counts.postings; i++) yield next() as Array<string | number>;
  }
  return {
    corpus: {
      index: {
        mini: loadIndex({ ...header.index, postings: postings() }, order),
        sources: byId,
        passages: new Map(passages.map((p) => [p.id, p])),
        order,
        vocabulary: new Map(header.vocabulary),
        surface: new Map(header.surface),
        names: new Set(header.names),
        passageCount: passages.length,
        lexicon: lexiconFromJson(header.lexicon),
        thesaurus: new RelatedTable(header.thesaurus),
      },
      events: header.events,
    },
    warnings: header.warnings,
  };
}
