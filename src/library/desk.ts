/**
 * What the `/library` command works with, set up by each bot entry point: the store, drafts waiting for Add
 * (shared by every instance with REDIS_URL, so Add may be pressed on another), the operator's fetch allowances,
 * a limit on adds per moderator, and how to bring the answering library up to date after a change.
 */
import type { ExpiringStore } from '../stores/expiring.js';
import type { Draft, FetchOptions } from './ingest/index.js';
import type { Details } from './manage.js';
import type { LibraryStore, Origin } from './store.js';

/** A draft between its preview and Add (or Cancel), for 15 minutes. */
export interface PendingDraft {
  draft: Draft;
  details: Details;
  origin: Origin;
  userId: string;
}

export interface LibraryDesk {
  store: LibraryStore;
  drafts: ExpiringStore<PendingDraft>;
  /** The page and attachment fetches' allowances (private addresses, hosts) from the operator's config. */
  fetch: FetchOptions;
  /** Resolves once the library answering includes the store's latest change. */
  refresh: () => Promise<void>;
  /** Milliseconds until this moderator may add again (0: now), taking one add when it is 0. */
  takeAdd: (userId: string, now: number) => Promise<number>;
  /** Where each Add is announced, if the operator named a channel. */
  announceChannelId?: string;
}

declare module '../interactions/types.js' {
  interface BotContext {
    /** The library's store and desk, where this bot may change the library (`/library`). */
    library?: LibraryDesk;
  }
}

/** Drafts held at once (each up to 2 MB of text): the ones expiring soonest go first when full. */
export const DRAFTS_HELD = 200;

/** Drafts are kept as long as the buttons under their preview work. */
export const DRAFT_TTL_MS = 15 * 60 * 1000;
