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

/** BM25+ parameters and per-field boosts, as MiniSearch's search options give them. */
export interface Scoring {
  fields: readonly string[];
  boost: Readonly<Record<string, number>>;
  bm25: { k: number; b: number; d: number };
}

/** A document's score, as `MiniSearch#search` would give it. */
export interface Scored {
  id: string;
  score: number;
}

/**
 * Per-document sums for one scoring, indexed by MiniSearch's short ids (dense, below its next id) and reused
 * from one search to the next instead of a Map entry and an object per matched document: a search on a large
 * library meets tens of thousands. `matched` is left all zero after each search; `termStamp` says which term
 * last wrote `term`.
 */
interface Sums {
  term: Float64Array;
  total: Float64Array;
  matched: Uint32Array;
  termStamp: Uint32Array;
  stamp: number;
}
let shared: Sums | undefined;
function sumsFor(documents: number): Sums {
  if (!shared || shared.total.length < documents) {
    const size = Math.max(documents, 64);
    shared = {
      term: new Float64Array(size),
      total: new Float64Array(size),
      matched: new Uint32Array(size),
      termStamp: new Uint32Array(size),
      stamp: 0,
    };
  }
  // A stamp that wrapped around could match a stale one: start the stamps afresh.
  if (shared.stamp >= 0xffff0000) {
    shared.termStamp.fill(0);
    shared.stamp = 0;
  }
  return shared;
}

export class CompactMiniSearch<T> extends MiniSearch<T> {
  /**
   * Score documents for exact terms (no fuzzy or prefix expansion: the caller has expanded them), as
   * `search(terms.join(' '), { combineWith: 'OR', boostTerm })` scores them, to the bit: BM25+ per field in
   * field order, summed per term, summed over terms in order, times the number of terms matched, sorted by
   * score (ties in the order documents were first met). MiniSearch's general search builds a result object
   * with its matches for every document and every term, which is most of a search on a small library; a
   * property test checks that the two agree on built and loaded indexes.
   */
  scoreTerms(terms: readonly string[], boostTerm: (term: string) => number, scoring: Scoring): Scored[] {
    const sums = sumsFor(this._nextId);
    // Documents in the order first met (the finally needs them to reset their counts).
    const met: number[] = [];
    try {
      return this.#sum(terms, boostTerm, scoring, sums, met);
    } finally {
      // Whatever happened, the next search starts from zero.
      for (const docId of met) sums.matched[docId] = 0;
    }
  }

  #sum(terms: readonly string[], boostTerm: (term: string) => number, scoring: Scoring, sums: Sums, met: number[]): Scored[] {
    const { k, b, d } = scoring.bm25;
    // The documents the current term matches, in the order it met them.
    const termDocs: number[] = [];
    for (const term of terms) {
      const data = this._index.get(term);
      if (!data) continue;
      const termBoost = boostTerm(term);
      const stamp = ++sums.stamp;
      termDocs.length = 0;
      for (const field of scoring.fields) {
        const fieldBoost = scoring.boost[field] || 1;
        const fieldId = this._fieldIds[field];
        const freqs = fieldId === undefined ? undefined : data.get(fieldId);
        if (!freqs || fieldId === undefined) continue;
        const matching = freqs.size;
        const avg = this._avgFieldLength[fieldId] as number;
        const invDocFreq = Math.log(1 + (this._documentCount - matching + 0.5) / (matching + 0.5));
        // forEach, not for…of: a posting list walks its bytes without an entry array a posting.
        freqs.forEach((termFreq, docId) => {
          const fieldLength = (this._fieldLength.get(docId) as number[])[fieldId] as number;
          const raw = invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avg)));
          const weighted = 1 * termBoost * fieldBoost * 1 * raw;
          if (sums.termStamp[docId] === stamp) {
            sums.term[docId] = (sums.term[docId] as number) + weighted;
          } else {
            sums.termStamp[docId] = stamp;
            sums.term[docId] = weighted;
            termDocs.push(docId);
          }
        });
      }
      for (const docId of termDocs) {
        const score = sums.term[docId] as number;
        if (sums.matched[docId] === 0) {
          sums.total[docId] = score;
          met.push(docId);
        } else {
          sums.total[docId] = (sums.total[docId] as number) + score;
        }
        sums.matched[docId] = (sums.matched[docId] as number) + 1;
      }
    }
    const out: Scored[] = [];
    for (const docId of met)
      out.push({ id: this._documentIds.get(docId) as string, score: (sums.total[docId] as number) * (sums.matched[docId] as number) });
    return out.sort((x, y) => y.score - x.score);
  }

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
  static loadCompact<T>(
    header: IndexHeader,
    options: Options<T>,
    terms: Iterable<[string, Map<number, PostingList>]>,
  ): CompactMiniSearch<T> {
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
    mini._storedFields = numericMap<Record<string, unknown>>(header.storedFields);
    // PostingList is the read-only part of the Map MiniSearch keeps per term and field (see postings.ts).
    for (const [term, byField] of terms) mini._index.set(term, byField as unknown as Map<number, Map<number, number>>);
    return mini;
  }
}
