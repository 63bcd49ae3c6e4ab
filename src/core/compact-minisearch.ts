/**
 * MiniSearch loaded from a snapshot whose posting lists are already laid out (`postings.ts`). MiniSearch has
 * no public way to take ready-made postings; minisearch 7 declares its state `protected` so that subclasses
 * can reach it, and this subclass is that extension point: a version that renames or retypes that state
 * fails to compile here, rather than misbehaving at run time. package.json pins the minor version tested.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { PostingList } from './postings.js';

/** MiniSearch's serialized index without its terms, which are handed over already decoded. */
export type IndexHeader = Omit<AsPlainObject, 'index'>;

function numericMap<V>(object: Record<string, V>): Map<number, V> {
  const map = new Map<number, V>();
  for (const key of Object.keys(object)) map.set(Number(key), object[key] as V);
  return map;
}

export class CompactMiniSearch<T> extends MiniSearch<T> {
  /**
   * Whether MiniSearch at run time keeps the state this class sets where its types say (a second copy of
   * another version could be loaded beside the one compiled against). If not, load with `MiniSearch.loadJS`.
   */
  static isCompatible(): boolean {
    const probe = new CompactMiniSearch<{ id: number }>({ fields: ['x'] });
    // Shape, not class: the package's entry point bundles its own copy of SearchableMap.
    const index = probe._index as { set?: unknown; size?: unknown } | undefined;
    return typeof index?.set === 'function' && index.size === 0 && probe._documentIds instanceof Map && probe._fieldLength instanceof Map;
  }

  /** Set the state as `MiniSearch.loadJS` would, with the given postings as the term index. */
  static loadCompact<T>(header: IndexHeader, options: Options<T>, terms: Iterable<[string, Map<number, PostingList>]>): CompactMiniSearch<T> {
    if (header.serializationVersion !== 2) throw new Error('snapshot: index serialized by another MiniSearch version; rebuild it');
    const mini = new CompactMiniSearch<T>(options);
    mini._documentCount = header.documentCount;
    mini._nextId = header.nextId;
    mini._fieldIds = header.fieldIds;
    mini._avgFieldLength = header.averageFieldLength;
    mini._dirtCount = header.dirtCount ?? 0;
    mini._documentIds = numericMap(header.documentIds);
    mini._idToShortId = new Map([...mini._documentIds].map(([shortId, id]) => [id, shortId]));
    mini._fieldLength = numericMap(header.fieldLength);
    mini._storedFields = numericMap(header.storedFields);
    // PostingList is the read-only part of the Map MiniSearch keeps per term and field (see postings.ts).
    for (const [term, byField] of terms) mini._index.set(term, byField as unknown as Map<number, Map<number, number>>);
    return mini;
  }
}
