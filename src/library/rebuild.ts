/**
 * Rebuilding the library without pausing answers: the corpus is built in a worker thread (the bot's thread keeps
 * answering meanwhile) and comes back as a snapshot, read here in a fraction of the build's time, then swapped in.
 * One worker, kept warm between rebuilds (its modules, WordNet and the date parser loaded once).
 */
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import type { Corpus } from '../core/corpus.js';
import type { SourceMeta, LoadWarning } from '../core/types.js';
import { readSnapshotValues } from '../core/snapshot.js';
import { spawnWorker } from '../runtime/workers.js';
import { changesOf } from './open.js';
import type { LibraryState } from './store.js';

export interface RebuildJob {
  id: number;
  seedsDir: string;
  /** Only fill the worker's memo (at start), sending nothing back. */
  warm?: boolean;
  cacheDir?: string;
  /** The store's changes, as structured-clone carries them; none for the seeds alone. */
  changes?: {
    fingerprint: string;
    added: Array<{ meta: SourceMeta; text: string }>;
    removed: string[];
    edited: Array<[string, SourceMeta]>;
    confirmed: Array<[string, string[]]>;
  };
}

/** The longest the bot's thread parses a rebuilt library's lines before letting answers in. */
const PARSE_SLICE_MS = 4;

async function parsedInSlices(lines: readonly string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  let sliceStart = performance.now();
  for (const line of lines) {
    if (!line) continue;
    out.push(JSON.parse(line) as unknown);
    if (performance.now() - sliceStart > PARSE_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return out;
}

export type RebuildReply = { id: number; ok: true; snapshot: string; warnings: LoadWarning[] } | { id: number; ok: false; message: string };

export class Rebuilder {
  #worker: Worker | null = null;
  #next = 1;
  readonly #waiting = new Map<number, { resolve: (r: RebuildReply) => void; reject: (e: Error) => void }>();

  #start(): Worker {
    const worker = spawnWorker(import.meta.url, 'rebuild-worker');
    worker.on('message', (reply: RebuildReply) => {
      this.#waiting.get(reply.id)?.resolve(reply);
      this.#waiting.delete(reply.id);
    });
    const fail = (err: Error): void => {
      for (const w of this.#waiting.values()) w.reject(err);
      this.#waiting.clear();
      this.#worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the library rebuild worker stopped (exit code ${code})`)));
    // A warm worker waiting for work never keeps the process alive.
    worker.unref();
    return worker;
  }

  /** Build the library once in the worker, ahead of any change: its modules loaded, each source's pieces kept. */
  async warm(seedsDir: string, state: LibraryState | null, cacheDir?: string): Promise<void> {
    await this.#send(this.#job(seedsDir, state, cacheDir, true));
  }

  /** The corpus of the seeds and `state`'s changes, built off this thread. */
  async build(seedsDir: string, state: LibraryState | null, cacheDir?: string): Promise<{ corpus: Corpus; warnings: LoadWarning[] }> {
    const reply = await this.#send(this.#job(seedsDir, state, cacheDir, false));
    // Parsed a slice at a time, answers in between: reading a large library back at once would hold them up.
    const values = await parsedInSlices(reply.snapshot.split('\n'));
    const loaded = readSnapshotValues(values.values());
    if (!loaded) throw new Error('the rebuilt library could not be read back');
    // What it built so far waits its turn too, so the swap's own work comes after the answers queued meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    return { corpus: loaded.corpus, warnings: reply.warnings };
  }

  #job(seedsDir: string, state: LibraryState | null, cacheDir: string | undefined, warm: boolean): RebuildJob {
    const changes = state && state.revision > 0 ? changesOf(state) : null;
    return {
      id: this.#next++,
      seedsDir,
      ...(warm ? { warm } : {}),
      ...(cacheDir ? { cacheDir } : {}),
      ...(changes
        ? {
            changes: {
              fingerprint: changes.fingerprint,
              added: changes.changes.added.map((a) => ({ meta: a.meta, text: a.text })),
              removed: [...changes.changes.removed],
              edited: [...changes.changes.edited.entries()],
              confirmed: [...(changes.changes.confirmed ?? new Map<string, readonly string[]>()).entries()].map(([id, qs]) => [
                id,
                [...qs],
              ]),
            },
          }
        : {}),
    };
  }

  async #send(job: RebuildJob): Promise<Extract<RebuildReply, { ok: true }>> {
    const worker = (this.#worker ??= this.#start());
    worker.ref();
    try {
      const reply = await new Promise<RebuildReply>((resolve, reject) => {
        this.#waiting.set(job.id, { resolve, reject });
        worker.postMessage(job);
      });
      if (!reply.ok) throw new Error(reply.message);
      return reply;
    } finally {
      if (this.#waiting.size === 0) this.#worker?.unref();
    }
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}
