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

export class Cooldowns {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #options: CooldownOptions;

  constructor(options: CooldownOptions = DEFAULT_COOLDOWN) {
    this.#options = options;
  }

  /** Take one command for `userId`: 0 if allowed, else how many ms until the next one is. */
  take(userId: string, now: number): number {
    const { burst, refillMs } = this.#options;
    const bucket = this.#buckets.get(userId) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / refillMs);
    if (tokens < 1) {
      this.#buckets.set(userId, { tokens, at: now });
      return Math.ceil((1 - tokens) * refillMs);
    }
    this.#buckets.set(userId, { tokens: tokens - 1, at: now });
    // Forget users whose bucket is full again, so the map does not grow forever.
    if (this.#buckets.size > 10_000) {
      for (const [id, b] of this.#buckets) if (b.tokens + (now - b.at) / refillMs >= burst) this.#buckets.delete(id);
    }
    return 0;
  }
}
