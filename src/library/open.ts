/**
 * The library as every entry point opens it: the seeds folder, and what moderators changed beyond it (the store
 * under DATA_DIR, or in Redis). With no store file and no REDIS_URL nothing beyond the seeds is loaded, so a
 * one-shot `talks search` on a library nobody changed costs what it did before.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../runtime/paths.js';
import { openCorpus, type Changes, type OpenedCorpus } from './corpus-cache.js';
import { LIBRARY_FILE } from './library-file.js';
import type { SourceMeta } from '../core/types.js';
import {
  EMPTY_STATE,
  type Actor,
  type AddedSource,
  type AddOutcome,
  type AuditRecord,
  type Confirmation,
  type ConfirmOutcome,
  type LibraryState,
  type LibraryStore,
} from './store.js';

/** Where the library's own state is kept when DATA_DIR is not set. */
export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, 'data');

/** The library's changes as the corpus cache keys them: the same state, the same fingerprint. */
export function changesOf(state: LibraryState): Changes {
  const hash = createHash('sha256');
  for (const a of state.added) hash.update(`added ${a.meta.id} ${a.checksum} ${JSON.stringify(a.meta)}\n`);
  for (const id of [...state.removed.keys()].sort()) hash.update(`removed ${id}\n`);
  for (const [id, meta] of [...state.edited.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    hash.update(`edited ${id} ${JSON.stringify(meta)}\n`);
  const confirmed = new Map<string, string[]>();
  for (const c of state.confirmed) {
    hash.update(`confirmed ${c.passageId} ${JSON.stringify(c.question)}\n`);
    confirmed.set(c.passageId, [...(confirmed.get(c.passageId) ?? []), c.question]);
  }
  return {
    fingerprint: hash.digest('hex').slice(0, 24),
    changes: { added: state.added, removed: new Set(state.removed.keys()), edited: state.edited, confirmed },
  };
}

/**
 * SQLite under DATA_DIR, opened when first needed: until something is added there is no file, reading it is the
 * empty state, and no database code is loaded (a bot or a `talks search` on a library nobody changed makes no
 * file and loads nothing more). Another process creating the file is noticed at the next read.
 */
class LazySqliteStore implements LibraryStore {
  readonly where: string;
  readonly #dataDir: string;
  #store: Promise<LibraryStore> | null = null;

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
    this.where = join(dataDir, LIBRARY_FILE);
  }

  #open(create: boolean): Promise<LibraryStore> | null {
    if (!this.#store && (create || existsSync(this.where))) {
      const dir = this.#dataDir;
      this.#store = import('./sqlite-store.js').then(({ SqliteLibraryStore }) => new SqliteLibraryStore(dir));
    }
    return this.#store;
  }

  async #writing(): Promise<LibraryStore> {
    return (await this.#open(true)) as LibraryStore;
  }

  async state(): Promise<LibraryState> {
    const store = this.#open(false);
    return store ? (await store).state() : EMPTY_STATE;
  }

  async revision(): Promise<number> {
    const store = this.#open(false);
    return store ? (await store).revision() : 0;
  }

  async audit(limit: number): Promise<AuditRecord[]> {
    const store = this.#open(false);
    return store ? (await store).audit(limit) : [];
  }

  async add(source: AddedSource): Promise<AddOutcome> {
    return (await this.#writing()).add(source);
  }

  async remove(id: string, by: Actor, at: number): Promise<boolean> {
    return (await this.#writing()).remove(id, by, at);
  }

  async edit(id: string, meta: SourceMeta, by: Actor, at: number, what: string): Promise<void> {
    return (await this.#writing()).edit(id, meta, by, at, what);
  }

  async confirm(confirmation: Confirmation): Promise<ConfirmOutcome> {
    return (await this.#writing()).confirm(confirmation);
  }

  async unconfirm(id: string, by: Actor, at: number): Promise<boolean> {
    return (await this.#writing()).unconfirm(id, by, at);
  }

  async close(): Promise<void> {
    if (this.#store) await (await this.#store).close();
  }
}

/**
 * The store the library's changes are kept in: Redis when `redisUrl` is set (several instances, one library), else
 * SQLite under `dataDir`.
 */
export async function openStore(options: { dataDir: string; redisUrl?: string | undefined }): Promise<LibraryStore> {
  if (options.redisUrl) {
    const { RedisLibraryStore } = await import('./redis-library.js');
    return await RedisLibraryStore.connect(options.redisUrl);
  }
  return new LazySqliteStore(options.dataDir);
}

export interface OpenedLibrary extends OpenedCorpus {
  /** The store's revision this corpus was built from (0 with no store). */
  revision: number;
}

/** The corpus of the seeds and `store`'s changes, from the snapshot cache when it holds this state. */
export async function openLibrary(
  seedsDir: string,
  store: LibraryStore | null,
  options: { cacheDir?: string; useCache?: boolean } = {},
): Promise<OpenedLibrary> {
  if (!store) return { ...(await openCorpus(seedsDir, options)), revision: 0 };
  const state = await store.state();
  const opened = await openCorpus(seedsDir, { ...options, ...(state.revision > 0 ? { changes: changesOf(state) } : {}) });
  return { ...opened, revision: state.revision };
}
