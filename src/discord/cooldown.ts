/**
 * Per-user cooldown: a small token bucket per user (a burst of a few commands, then one every few
 * seconds). In memory and per process: a courtesy limit against floods, not a security boundary.
 */
export interface CooldownOptions {
  /** Commands a user may run in a burst. */
  burst: number;
  /** One more command becomes available every `refillMs`. */
  refillMs: number;
}

export const DEFAULT_COOLDOWN: CooldownOptions = { burst: 4, refillMs: 3000 };

/**
 * Users remembered at most. The ones dropped first are those idle longest, whose buckets have almost always
 * refilled; each command costs O(1) however many users are active.
 */
export const MAX_TRACKED_USERS = 10_000;

/** A user's bucket, linked in order of last use. */
interface Bucket {
  userId: string;
  tokens: number;
  at: number;
  older: Bucket | null;
  newer: Bucket | null;
}

export class Cooldowns {
  readonly #buckets = new Map<string, Bucket>();
  readonly #options: CooldownOptions;
  // Order of last use as a linked list, not the Map's own order: dropping a Map's first key through
  // keys().next() walks past every entry deleted before it, ~6 µs a command at 10,000 users.
  #oldest: Bucket | null = null;
  #newest: Bucket | null = null;

  constructor(options: CooldownOptions = DEFAULT_COOLDOWN) {
    this.#options = options;
  }

  /** Take one command for `userId`: 0 if allowed, else how many ms until the next one is. */
  take(userId: string, now: number): number {
    const { burst, refillMs } = this.#options;
    let bucket = this.#buckets.get(userId);
    if (bucket) {
      this.#unlink(bucket);
    } else {
      bucket = { userId, tokens: burst, at: now, older: null, newer: null };
      this.#buckets.set(userId, bucket);
    }
    const tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / refillMs);
    bucket.tokens = tokens < 1 ? tokens : tokens - 1;
    bucket.at = now;
    // The user becomes the most recently active.
    bucket.older = this.#newest;
    if (this.#newest) this.#newest.newer = bucket;
    this.#newest = bucket;
    this.#oldest ??= bucket;
    if (this.#buckets.size > MAX_TRACKED_USERS && this.#oldest) {
      this.#buckets.delete(this.#oldest.userId);
      this.#unlink(this.#oldest);
    }
    return tokens < 1 ? Math.ceil((1 - tokens) * refillMs) : 0;
  }

  #unlink(bucket: Bucket): void {
    if (bucket.older) bucket.older.newer = bucket.newer;
    else this.#oldest = bucket.newer;
    if (bucket.newer) bucket.newer.older = bucket.older;
    else this.#newest = bucket.older;
    bucket.older = bucket.newer = null;
  }
}
