/**
 * Compact posting lists for a loaded index. MiniSearch keeps, per term and field, a `Map` from document
 * short id to term frequency: about 40 bytes a posting in V8 (entries, hash buckets and the slack of
 * power-of-two capacities), and loading one builds each map by doubling, leaving as much again as
 * garbage. A loaded index is never edited, so its postings can be read-only runs of one byte array shared
 * by the whole index instead: each posting is the gap from the previous id, doubled plus one when a
 * frequency other than 1 follows, as a variable-length number (7 bits a byte), so most take one byte.
 *
 * MiniSearch reads a posting list through `size`, `keys()`, `get(id)` (for the id `keys()` has just given,
 * in minisearch 7, though any order works) and iteration (scoring in `termResults`, and `toJSON`), which
 * `PostingList` provides; `tests/core/snapshot.test.ts` checks that a loaded index answers exactly like a built one.
 */

/** Base-36 digit values by character code (0–9, a–z); -1 for any other character. */
const DIGIT = Array.from({ length: 128 }, (_, c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : -1));

/** Bytes of `n` as a variable-length number. */
function varintBytes(n: number): number {
  let bytes = 1;
  for (let v = n; v >= 0x80; v = Math.floor(v / 0x80)) bytes++;
  return bytes;
}

/** Bytes a posting list takes in a pool (`{shortId: frequency}`, as MiniSearch serializes it). */
export function postingBytes(entry: Record<string, number>): number {
  let bytes = 0;
  let previous = 0;
  for (const id of Object.keys(entry)
    .map(Number)
    .sort((a, b) => a - b)) {
    const freq = entry[id] ?? 1;
    bytes += varintBytes((id - previous) * 2 + (freq === 1 ? 0 : 1)) + (freq === 1 ? 0 : varintBytes(freq));
    previous = id;
  }
  return bytes;
}

/** Every posting of an index, list after list. */
export class PostingPool {
  readonly bytes: Uint8Array;
  private used = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  private write(n: number): void {
    let v = n;
    while (v >= 0x80) {
      this.put((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.put(v);
  }

  private put(byte: number): void {
    if (this.used >= this.bytes.length) throw new Error('postings: more postings than the snapshot announced');
    this.bytes[this.used++] = byte;
  }

  /**
   * Append a list encoded as by `encodePostings` ("delta[:frequency],…" in base 36) and return it.
   * Read character by character: split and parseInt would make two short-lived strings a posting.
   */
  decode(encoded: string): PostingList {
    const start = this.used;
    // An empty list is written as nothing (MiniSearch drops empty lists, but a snapshot may still hold one).
    if (encoded === '') return new PostingList(this.bytes, start, start, 0);
    let size = 0;
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
        if (hasFreq && number !== 1) {
          this.write(delta * 2 + 1);
          this.write(number);
        } else {
          this.write((hasFreq ? delta : number) * 2);
        }
        size++;
        hasFreq = false;
      } else {
        const digit = DIGIT[c] ?? -1;
        if (digit < 0) throw new Error('postings: damaged posting list');
        number = number * 36 + digit;
        continue;
      }
      number = 0;
    }
    return new PostingList(this.bytes, start, this.used, size);
  }
}

/** One term's postings in one field, as the read-only part of `Map<shortId, frequency>` MiniSearch uses. */
export class PostingList {
  /** The posting `keys()` gave last: scoring asks `get` for the frequency of the id it was just given. */
  private currentId = -1;
  private currentFreq = 0;
  /** Every posting, decoded the first time one is asked for out of order. */
  private decoded: Map<number, number> | undefined;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly start: number,
    private readonly end: number,
    readonly size: number,
  ) {}

  /** Walk the postings in id order, each as (id, frequency). */
  private *walk(): Generator<number> {
    const cursor = new Cursor(this.bytes, this.start, this.end);
    while (cursor.next()) {
      this.currentFreq = cursor.freq;
      this.currentId = cursor.id;
      yield cursor.id;
    }
  }

  /**
   * The frequency of `id`. Scoring asks for the id `keys()` has just given, which is answered at once; any
   * other order (a future MiniSearch, `has`) decodes the list into a Map once, so no order is slow.
   */
  get(id: number): number | undefined {
    if (id === this.currentId) return this.currentFreq;
    if (!this.decoded) {
      const decoded = new Map<number, number>();
      for (const at of this.walk()) decoded.set(at, this.currentFreq);
      this.decoded = decoded;
    }
    return this.decoded.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  keys(): IterableIterator<number> {
    return this.walk();
  }

  *entries(): IterableIterator<[number, number]> {
    for (const id of this.walk()) yield [id, this.currentFreq];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  /** Without a generator or an entry array a posting: scoring walks every posting of every query term. */
  forEach(fn: (frequency: number, id: number) => void): void {
    const cursor = new Cursor(this.bytes, this.start, this.end);
    while (cursor.next()) fn(cursor.freq, cursor.id);
  }

  /** A loaded index is read-only: MiniSearch would call these only to add or remove documents. */
  set(): never {
    throw new Error('postings: a loaded index is read-only; rebuild it to change it');
  }

  delete(): never {
    return this.set();
  }
}

/** Reads one posting list's bytes: each posting a variable-length id gap (doubled, +1 when a frequency follows). */
class Cursor {
  id = 0;
  freq = 1;

  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
    private readonly end: number,
  ) {}

  /** Step to the next posting; false at the end of the list. */
  next(): boolean {
    if (this.at >= this.end) return false;
    const head = this.read();
    this.id += Math.floor(head / 2);
    this.freq = head % 2 === 1 ? this.read() : 1;
    return true;
  }

  private read(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.at++] ?? 0;
      n += (byte & 0x7f) * scale;
      if (byte < 0x80) return n;
      scale *= 0x80;
    }
  }
}
