/**
 * Per-user cooldown: a small token bucket per user (a burst of a few commands, then one every few
 * seconds). A courtesy limit against floods, not a security boundary. The buckets live in an
 * {@link ExpiringStore}: in this process's memory by default, or in a store shared by several instances.
 */
import { MemoryStore, type ExpiringStore } from '../stores/expiring.js';

export interface CooldownOptions {
  /** Commands a user may run in a burst. */
  burst: number;
  /** One more command becomes available every `refillMs`. */
  refillMs: number;
}

const DEFAULT_COOLDOWN: CooldownOptions = { burst: 4, refillMs: 3000 };

/**
 * Users remembered at most by the default in-memory store. A bucket is forgotten once it would be full
 * again anyway (`burst × refillMs` after its last use); if more users than this are active within that
 * time, the one idle longest is forgotten first.
 */
export const MAX_TRACKED_USERS = 10_000;

/** Reads of a bucket that another command changed before it could be written back, before giving up. */
const MAX_ATTEMPTS = 8;

/** A user's bucket: tokens left at the time of the last command. */
export interface Bucket {
  tokens: number;
  at: number;
}

export class Cooldowns {
  readonly #options: CooldownOptions;
  readonly #store: ExpiringStore<Bucket>;

  constructor(options: CooldownOptions = DEFAULT_COOLDOWN, store: ExpiringStore<Bucket> = new MemoryStore(MAX_TRACKED_USERS)) {
    this.#options = options;
    this.#store = store;
  }

  /**
   * Take one command for `userId`: 0 if allowed, else how many ms until the next one is. The bucket is read,
   * then written back only if no other command (in this process or another instance sharing the store)
   * changed it meanwhile; else read again. A user whose commands keep colliding is told to wait.
   */
  async take(userId: string, now: number): Promise<number> {
    const { burst, refillMs } = this.#options;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const held = await this.#store.get(userId, now);
      const tokens = held ? Math.min(burst, held.tokens + (now - held.at) / refillMs) : burst;
      // Kept for as long as the bucket takes to fill from empty: after that, forgetting it changes nothing.
      if (await this.#store.replace(userId, held, { tokens: tokens < 1 ? tokens : tokens - 1, at: now }, now + burst * refillMs, now)) {
        return tokens < 1 ? Math.ceil((1 - tokens) * refillMs) : 0;
      }
    }
    return refillMs;
  }
}
