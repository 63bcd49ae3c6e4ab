/**
 * The library as a bot process opens it (the gateway bot, the HTTP endpoint, the playground): the seeds and the
 * store's changes, the desk `/library` works with, and the watch that keeps every instance answering from the
 * latest library (`live.ts`).
 */
import type { Logger } from 'pino';
import type { Corpus } from '../core/corpus.js';
import { Cooldowns, MAX_TRACKED_USERS, type Bucket } from '../interactions/cooldown.js';
import { MemoryStore, type ExpiringStore } from '../stores/expiring.js';
import { DRAFTS_HELD, type LibraryDesk, type PendingDraft } from './desk.js';
import { LiveLibrary } from './live.js';
import { openLibrary, openStore } from './open.js';
import type { LibraryStore } from './store.js';

/** Adds a moderator may make in a burst, then one every ADD_REFILL_MS: a library grows by articles, not floods. */
export const ADD_BURST = 5;
export const ADD_REFILL_MS = 12_000;

export interface BotLibraryOptions {
  seedsDir: string;
  dataDir: string;
  redisUrl?: string | undefined;
  logger: Logger;
  /** Where drafts and add limits are kept: shared ones with REDIS_URL, so any instance finishes what another began. */
  shared?: { drafts: ExpiringStore<PendingDraft>; adds: ExpiringStore<Bucket> };
  /** Fetch pages and attachments from private addresses too (LIBRARY_FETCH_PRIVATE: tests and the playground). */
  allowPrivate?: boolean;
  announceChannelId?: string | undefined;
  cacheDir?: string;
}

export interface BotLibrary {
  /** The library answering now. */
  readonly corpus: Corpus;
  store: LibraryStore;
  desk: LibraryDesk;
  /** Start following the store: `setCorpus` swaps each new library in. */
  follow: (setCorpus: (corpus: Corpus) => void) => Promise<void>;
  /** Rebuild now, whatever the revision (a seed file changed). */
  rebuild: () => Promise<void>;
  close: () => Promise<void>;
}

export async function openBotLibrary(options: BotLibraryOptions): Promise<BotLibrary> {
  const store = await openStore({ dataDir: options.dataDir, redisUrl: options.redisUrl });
  const cache = options.cacheDir ? { cacheDir: options.cacheDir } : {};
  // A store that cannot be read at start (Redis away) leaves the seeds answering; the library follows once it can.
  const opened = await openLibrary(options.seedsDir, store, cache).catch(async (err: unknown) => {
    options.logger.warn(
      { store: store.where, reason: err instanceof Error ? err.message : String(err) },
      'library store unreachable: answering from the seeds until it comes back',
    );
    return { ...(await openLibrary(options.seedsDir, null, cache)), revision: -1 };
  });
  for (const w of opened.warnings) options.logger.warn({ file: w.file }, w.message);
  let setCorpus: ((corpus: Corpus) => void) | null = null;
  // The library answering now: held here only as the current one, so a rebuilt library frees the one before.
  let current = opened.corpus;
  const live = new LiveLibrary({
    seedsDir: options.seedsDir,
    store,
    revision: opened.revision,
    logger: options.logger,
    onCorpus: (corpus) => {
      current = corpus;
      setCorpus?.(corpus);
    },
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
  });
  const adds = new Cooldowns(
    { burst: ADD_BURST, refillMs: ADD_REFILL_MS },
    options.shared?.adds ?? new MemoryStore<Bucket>(MAX_TRACKED_USERS),
  );
  const desk: LibraryDesk = {
    store,
    drafts: options.shared?.drafts ?? new MemoryStore<PendingDraft>(DRAFTS_HELD),
    fetch: { allowPrivate: options.allowPrivate === true },
    refresh: () => live.refresh(),
    takeAdd: (userId, now) => adds.take(userId, now),
    ...(options.announceChannelId ? { announceChannelId: options.announceChannelId } : {}),
  };
  options.logger.info({ store: store.where, revision: opened.revision }, 'library store open');
  return {
    get corpus() {
      return current;
    },
    store,
    desk,
    follow: async (swap) => {
      setCorpus = swap;
      await live.start();
    },
    rebuild: () => live.refresh(true),
    close: async () => {
      await live.stop();
      await store.close();
    },
  };
}
