/**
 * The library a running bot answers from, kept current: it checks the store's revision every POLL_MS (and, with
 * Redis, hears each change announced at once), and when another process or instance changed the library it
 * builds the new corpus and hands it over (`onCorpus`, which swaps it in between interactions). A failed
 * rebuild keeps the previous library answering, and is logged.
 */
import type { Logger } from 'pino';
import type { Corpus } from '../core/corpus.js';
import { Rebuilder } from './rebuild.js';
import type { LibraryStore } from './store.js';

/** How often the revision is checked: a change made elsewhere is answered from within about this long plus a rebuild. */
const POLL_MS = 250;

export interface LiveLibraryOptions {
  seedsDir: string;
  store: LibraryStore;
  /** The revision the corpus answering now was built from. */
  revision: number;
  onCorpus: (corpus: Corpus, revision: number) => void;
  logger: Logger;
  cacheDir?: string;
  pollMs?: number;
}

export class LiveLibrary {
  readonly #options: LiveLibraryOptions;
  #revision: number;
  #running: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #wanted = false;
  readonly #rebuilder = new Rebuilder();
  /** Whether the last check failed: an outage is logged once, and its end once. */
  #failing = false;

  constructor(options: LiveLibraryOptions) {
    this.#options = options;
    this.#revision = options.revision;
  }

  get revision(): number {
    return this.#revision;
  }

  /** Start watching: polling, and the store's announcements when it makes them. */
  async start(): Promise<void> {
    // The worker builds the library once now, off this thread, so the first change rebuilds only what it adds.
    void this.#options.store
      .state()
      .then((state) => this.#rebuilder.warm(this.#options.seedsDir, state, this.#options.cacheDir))
      .catch(() => {});
    const poll = (): void => {
      this.#timer = setTimeout(() => void this.refresh().finally(poll), this.#options.pollMs ?? POLL_MS);
      this.#timer.unref();
    };
    poll();
    const store = this.#options.store as LibraryStore & { subscribe?: (on: (revision: number) => void) => Promise<void> };
    if (store.subscribe) {
      await store.subscribe((revision) => {
        if (revision > this.#revision) void this.refresh();
      });
    }
  }

  /**
   * Rebuild if the store moved on (or, `force`, anyway: a seed file changed); resolves when the library answering
   * is at least the store's revision as read now. Calls made while a rebuild runs share the next one.
   */
  refresh(force = false): Promise<void> {
    if (this.#wanted && !force) return this.#running;
    this.#wanted = true;
    this.#running = this.#running.then(async () => {
      this.#wanted = false;
      try {
        const revision = await this.#options.store.revision();
        if (this.#failing) {
          this.#failing = false;
          this.#options.logger.info({ store: this.#options.store.where }, 'library store reachable again');
        }
        if (revision === this.#revision && !force) return;
        // Built in a worker: answers go on meanwhile; only reading the result back takes this thread.
        const state = await this.#options.store.state();
        const built = await this.#rebuilder.build(this.#options.seedsDir, state, this.#options.cacheDir);
        const opened = { ...built, revision: state.revision };
        if (opened.revision < this.#revision || (opened.revision === this.#revision && !force)) return;
        this.#revision = opened.revision;
        this.#options.onCorpus(opened.corpus, opened.revision);
        this.#options.logger.info(
          { revision: opened.revision, sources: opened.corpus.index.sources.size },
          'library changed: now answering from it',
        );
      } catch (err) {
        if (this.#failing) return;
        this.#failing = true;
        this.#options.logger.warn(
          { store: this.#options.store.where, reason: err instanceof Error ? err.message : String(err) },
          'library store unreachable or rebuild failed: still answering from the library as it was, until it comes back',
        );
      }
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#rebuilder.close();
  }
}
