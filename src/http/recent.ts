/**
 * The last `capacity` keys added, for refusing replayed signatures: `has` and `add` in O(1), the oldest
 * forgotten first. The eviction order is kept in a ring of keys, not in a Map or Set's own order: dropping
 * the first key through keys().next() walks past every key deleted before it, ~6 µs an add at 10,000.
 */
export class RecentKeys {
  readonly #keys = new Set<string>();
  readonly #ring: string[] = [];
  readonly #capacity: number;
  #next = 0;

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
    this.#capacity = Math.floor(capacity);
  }

  get size(): number {
    return this.#keys.size;
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  /** Remember `key` (not already held), forgetting the oldest key once `capacity` are held. */
  add(key: string): void {
    if (this.#keys.has(key)) return;
    if (this.#ring.length < this.#capacity) {
      this.#ring.push(key);
    } else {
      this.#keys.delete(this.#ring[this.#next] as string);
      this.#ring[this.#next] = key;
      this.#next = (this.#next + 1) % this.#capacity;
    }
    this.#keys.add(key);
  }
}
