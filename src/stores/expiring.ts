/**
 * Keys remembered until they expire: the HTTP endpoint's replay memory and the per-user cooldowns share this
 * interface, so a store shared by several instances (`RedisStore`, `src/stores/redis.ts`) can replace the
 * in-memory one. Its calls are a subset of what Redis offers (`SET key value NX PXAT t`, `GET key`,
 * `SET key value PXAT t`, and a compare-and-set for `replace`); a shared store answers with promises, the
 * in-memory one at once. Times are milliseconds since the epoch, from the caller's clock (a shared store may
 * keep its own).
 */
export interface ExpiringStore<V> {
  /**
   * Hold `value` for `key` until `expiresAt`, unless a live value is already held. True if it was stored:
   * the key is new. False if it is held, or if a store that had to forget entries cannot tell (see
   * {@link MemoryStore}): false never lets a repeat through.
   */
  add(key: string, value: V, expiresAt: number, now: number): boolean | Promise<boolean>;
  /** The live value held for `key`, if any. */
  get(key: string, now: number): V | undefined | Promise<V | undefined>;
  /** Hold `value` for `key` until `expiresAt`, replacing what was held. */
  set(key: string, value: V, expiresAt: number, now: number): void | Promise<void>;
  /**
   * Atomically: hold `value` for `key` until `expiresAt` if what is held is still `expected` (a value `get`
   * returned for this key, or undefined for nothing held), and answer true; else change nothing and answer
   * false. A read-modify-write (a cooldown's bucket) stays exact when several callers update one key at once.
   */
  replace(key: string, expected: V | undefined, value: V, expiresAt: number, now: number): boolean | Promise<boolean>;
}

interface Entry<V> {
  key: string;
  value: V;
  expiresAt: number;
  /** Order of the last write: of entries expiring together, the one written first goes first. */
  seq: number;
  /** Position in the heap. */
  at: number;
}

/**
 * An {@link ExpiringStore} in this process's memory, holding at most `capacity` entries. Expired entries
 * are dropped as time passes. When it is full of live ones it forgets the entry that expires soonest, and
 * remembers the latest expiry it forgot: from then on `add` answers false (cannot tell) for a key expiring
 * no later than that, since such a key may be one it forgot. So a repeat is never taken for new, whatever
 * the rate, in bounded memory; what a full memory costs is refusing keys that expire no later than the
 * ones it dropped. `add` on a full memory never forgets a live entry for a key that expires sooner.
 *
 * Entries are kept in a binary heap ordered by expiry (then by write order) and a Map by key: every call
 * is O(log capacity), about 14 steps at 10,000 entries.
 */
export class MemoryStore<V> implements ExpiringStore<V> {
  readonly #byKey = new Map<string, Entry<V>>();
  readonly #heap: Array<Entry<V>> = [];
  readonly #capacity: number;
  #seq = 0;
  #forgottenUntil = -Infinity;

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
    this.#capacity = Math.floor(capacity);
  }

  /** Entries held (expired ones may linger until the next call). */
  get size(): number {
    return this.#byKey.size;
  }

  /** The latest expiry of a live entry forgotten for room (-Infinity while none was). */
  get forgottenUntil(): number {
    return this.#forgottenUntil;
  }

  add(key: string, value: V, expiresAt: number, now: number): boolean {
    this.#expire(now);
    if (this.#byKey.has(key) || expiresAt <= this.#forgottenUntil) return false;
    if (expiresAt <= now) return true;
    if (this.#heap.length >= this.#capacity) {
      // Full of live entries: make room only by forgetting one that outlives nothing it would protect.
      const soonest = this.#heap[0] as Entry<V>;
      if (expiresAt <= soonest.expiresAt) return false;
      this.#forget();
    }
    this.#insert(key, value, expiresAt);
    return true;
  }

  get(key: string, now: number): V | undefined {
    const entry = this.#byKey.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry.value;
    this.#expire(now);
    return undefined;
  }

  set(key: string, value: V, expiresAt: number, now: number): void {
    this.#expire(now);
    const entry = this.#byKey.get(key);
    if (entry) {
      if (expiresAt <= now) {
        this.#remove(entry);
        return;
      }
      const sooner = expiresAt < entry.expiresAt;
      entry.value = value;
      entry.expiresAt = expiresAt;
      entry.seq = this.#seq++;
      if (sooner) this.#up(entry.at);
      else this.#down(entry.at);
      return;
    }
    if (expiresAt <= now) return;
    if (this.#heap.length >= this.#capacity) this.#forget();
    this.#insert(key, value, expiresAt);
  }

  replace(key: string, expected: V | undefined, value: V, expiresAt: number, now: number): boolean {
    if (this.get(key, now) !== expected) return false;
    this.set(key, value, expiresAt, now);
    return true;
  }

  #insert(key: string, value: V, expiresAt: number): void {
    const entry: Entry<V> = { key, value, expiresAt, seq: this.#seq++, at: this.#heap.length };
    this.#byKey.set(key, entry);
    this.#heap.push(entry);
    this.#up(entry.at);
  }

  /** Drop every entry that has expired by `now`. */
  #expire(now: number): void {
    while (this.#heap.length > 0 && (this.#heap[0] as Entry<V>).expiresAt <= now) this.#remove(this.#heap[0] as Entry<V>);
  }

  /** Drop the entry expiring soonest, though live, and remember its expiry. */
  #forget(): void {
    const soonest = this.#heap[0] as Entry<V>;
    if (soonest.expiresAt > this.#forgottenUntil) this.#forgottenUntil = soonest.expiresAt;
    this.#remove(soonest);
  }

  #remove(entry: Entry<V>): void {
    this.#byKey.delete(entry.key);
    const last = this.#heap.pop() as Entry<V>;
    if (last === entry) return;
    this.#heap[entry.at] = last;
    last.at = entry.at;
    this.#up(last.at);
    this.#down(last.at);
  }

  #before(a: Entry<V>, b: Entry<V>): boolean {
    return a.expiresAt < b.expiresAt || (a.expiresAt === b.expiresAt && a.seq < b.seq);
  }

  #up(i: number): void {
    const heap = this.#heap;
    const entry = heap[i] as Entry<V>;
    while (i > 0) {
      const parentAt = (i - 1) >> 1;
      const parent = heap[parentAt] as Entry<V>;
      if (!this.#before(entry, parent)) break;
      heap[i] = parent;
      parent.at = i;
      i = parentAt;
    }
    heap[i] = entry;
    entry.at = i;
  }

  #down(i: number): void {
    const heap = this.#heap;
    const entry = heap[i] as Entry<V>;
    const n = heap.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.#before(heap[right] as Entry<V>, heap[child] as Entry<V>)) child = right;
      const next = heap[child] as Entry<V>;
      if (!this.#before(next, entry)) break;
      heap[i] = next;
      next.at = i;
      i = child;
    }
    heap[i] = entry;
    entry.at = i;
  }
}
