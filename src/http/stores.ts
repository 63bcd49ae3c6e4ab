/**
 * Where the HTTP endpoint remembers signatures (replays) and cooldown buckets, chosen from the configuration:
 * with `REDIS_URL`, in Redis, shared by every instance (`src/stores/redis.ts`, which falls back to this
 * instance's memory while Redis does not answer); without it, in this process's memory (the server's default).
 */
import type { Logger } from 'pino';
import { MAX_TRACKED_USERS, type Bucket } from '../interactions/cooldown.js';
import type { ExpiringStore } from '../stores/expiring.js';
import { DRAFTS_HELD, type PendingDraft } from '../library/desk.js';
import { REPLAY_MEMORY } from './server.js';

export interface EndpointStores {
  /** Spread into `createInteractionsServer`'s options; empty for the in-memory defaults. */
  options: { replayStore?: ExpiringStore<true>; cooldownStore?: ExpiringStore<Bucket> };
  /** `/library`'s drafts and add limits, shared by every instance (REDIS_URL): any instance finishes what another began. */
  library?: { drafts: ExpiringStore<PendingDraft>; adds: ExpiringStore<Bucket> };
  close: () => Promise<void>;
}

/** How long start-up waits for Redis before serving from memory (and logging that it does). */
const REDIS_START_WAIT_MS = 2000;

export async function openStores(config: { REDIS_URL?: string | undefined }, logger: Logger): Promise<EndpointStores> {
  if (!config.REDIS_URL) return { options: {}, close: async () => {} };
  // Loaded only when asked for: an endpoint without Redis never loads its client.
  const { RedisLink } = await import('../stores/redis.js');
  const link = new RedisLink(config.REDIS_URL, logger);
  await link.ready(REDIS_START_WAIT_MS);
  return {
    options: { replayStore: link.store<true>('replay', REPLAY_MEMORY), cooldownStore: link.store<Bucket>('cooldown', MAX_TRACKED_USERS) },
    library: { drafts: link.store<PendingDraft>('draft', DRAFTS_HELD), adds: link.store<Bucket>('library-add', MAX_TRACKED_USERS) },
    close: () => link.close(),
  };
}
