/**
 * Compact posting lists for a loaded index. MiniSearch keeps, per term and field, a `Map` from document
 * short id to term frequency: about 40 bytes a posting in V8 (entries, hash buckets and the slack of
 * power-of-two capacities), and loading one builds each map by doubling, leaving as much again as
 * garbage. A loaded index is never edited, so its postings can be read-only slices of two typed arrays
 * shared by the whole index instead: 6 bytes a posting, and nothing to throw away while loading.
 *
 * MiniSearch reads a posting list only through `size`, `keys()`, `get(id)` and iteration (scoring in
 * `termResults`, and `toJSON`), which `PostingList` provides; `tests/reload.test.ts` checks that a loaded
 * index answers exactly like a built one.
 */
import type MiniSearch from 'minisearch';

/** Base-36 digit values by character code (0–9, a–z); -1 for any other character. */
const DIGIT = Array.from({ length: 128 }, (_, c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : -1));

/** Every posting of an index: document short ids ascending within each list, and their frequencies. */
export class PostingPool {
  readonly ids: Uint32Array;
  readonly freqs: Uint16Array | Uint32Array;
  private used = 0;

  constructor(capacity: number, maxFrequency: number) {
    this.ids = new Uint32Array(capacity);
    this.freqs = maxFrequency <= 0xffff ? new Uint16Array(capacity) : new Uint32Array(capacity);
  }

  /**
   * Append a list encoded as by `encodePostings` ("delta[:frequency],…" in base 36) and return it.
   * Read character by character: split and parseInt would make two short-lived strings a posting.
   */
  decode(encoded: string): PostingList {
    const start = this.used;
    let id = 0;
    let number = 0;
    let delta = 0;
    let hasFreq = false;
    for (let i = 0; i <= encoded.length; i++) {
      const c = i < encoded.length ? encoded.charCodeAt(i) : 44;
      if (c === 58) {
        // ':' ends the delta; the frequency follows.
        delta = number;
        hasFreq = true;
      } else if (c === 44) {
        // ',' ends the posting.
        if (this.used >= this.ids.length) throw new Error('postings: more postings than the snapshot announced');
        id += hasFreq ? delta : number;
        this.ids[this.used] = id;
        this.freqs[this.used] = hasFreq ? number : 1;
        this.used++;
        hasFreq = false;
      } else {
        const digit = DIGIT[c] ?? -1;
        if (digit < 0) throw new Error('postings: damaged posting list');
        number = number * 36 + digit;
        continue;
      }
      number = 0;
    }
    return new PostingList(this, start, this.used);
  }
}

/** One term's postings in one field, as the read-only part of `Map<shortId, frequency>` MiniSearch uses. */
export class PostingList {
  /** Where the last `keys()` iteration is: scoring asks `get` for the id it was just given. */
  private cursor: number;

  constructor(
    private readonly pool: PostingPool,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.cursor = start;
  }

  get size(): number {
    return this.end - this.start;
  }

  private indexOf(id: number): number {
    const { ids } = this.pool;
    if (this.cursor < this.end && ids[this.cursor] === id) return this.cursor;
    let lo = this.start;
    let hi = this.end - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = ids[mid] ?? 0;
      if (at === id) return mid;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  has(id: number): boolean {
    return this.indexOf(id) >= 0;
  }

  get(id: number): number | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : this.pool.freqs[i];
  }

  *keys(): IterableIterator<number> {
    const { ids } = this.pool;
    for (let i = this.start; i < this.end; i++) {
      this.cursor = i;
      yield ids[i] ?? 0;
    }
  }

  *entries(): IterableIterator<[number, number]> {
    const { ids, freqs } = this.pool;
    for (let i = this.start; i < this.end; i++) yield [ids[i] ?? 0, freqs[i] ?? 0];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  forEach(fn: (frequency: number, id: number) => void): void {
    for (const [id, frequency] of this.entries()) fn(frequency, id);
  }

  /** A loaded index is read-only: MiniSearch would call these only to add or remove documents. */
  set(): never {
    throw new Error('postings: a loaded index is read-only; rebuild it to change it');
  }

  delete(): never {
    return this.set();
  }
}

/** The part of MiniSearch's term index (a radix tree: term → field id → postings) that loading fills. */
interface TermIndex {
  readonly size: number;
  set(term: string, byField: Map<number, PostingList>): unknown;
}

/**
 * MiniSearch's term index, when it is where minisearch 7 keeps it (`_index`, empty after `loadJS` of an
 * index without terms). There is no public way to give MiniSearch ready-made postings; null means another
 * version keeps it elsewhere, and the caller loads the postings through `loadJS` instead.
 */
export function termIndexOf<T>(mini: MiniSearch<T>): TermIndex | null {
  const candidate = (mini as unknown as { _index?: Partial<TermIndex> })._index;
  if (candidate && typeof candidate.set === 'function' && candidate.size === 0 && mini.termCount === 0) return candidate as TermIndex;
  return null;
}
