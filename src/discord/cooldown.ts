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
 * Users remembered at most. The map is kept in order of last use, so the ones dropped first are those idle
 * longest, whose buckets have almost always refilled; each command costs O(1) however many users are active.
 */
export const MAX_TRACKED_USERS = 10_000;

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
    // Delete and set again: the user moves to the end, the most recently active.
    this.#buckets.delete(userId);
    this.#buckets.set(userId, { tokens: tokens < 1 ? tokens : tokens - 1, at: now });
    if (this.#buckets.size > MAX_TRACKED_USERS) this.#buckets.delete(this.#buckets.keys().next().value as string);
    return tokens < 1 ? Math.ceil((1 - tokens) * refillMs) : 0;
  }
}
