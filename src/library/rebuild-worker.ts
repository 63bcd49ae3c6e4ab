/**
 * The worker side of `Rebuilder`: builds the library's corpus (through the snapshot cache, which it also fills
 * for the `talks` processes) off the bot's thread, and hands it back as snapshot lines.
 */
import { parentPort } from 'node:worker_threads';
import { serializeSnapshot, toSnapshot } from '../core/snapshot.js';
import type { PiecesMemo } from '../core/corpus.js';
import { openCorpus } from './corpus-cache.js';
import type { RebuildJob, RebuildReply } from './rebuild.js';

/** Each source's passages and events, kept between rebuilds: an Add builds only the article added. */
const memo: PiecesMemo = new Map();

parentPort?.on('message', (job: RebuildJob) => {
  void (async (): Promise<RebuildReply> => {
    try {
      const changes = job.changes
        ? {
            fingerprint: job.changes.fingerprint,
            changes: {
              added: job.changes.added,
              removed: new Set(job.changes.removed),
              edited: new Map(job.changes.edited),
              confirmed: new Map(job.changes.confirmed),
            },
          }
        : undefined;
      const opened = await openCorpus(job.seedsDir, {
        ...(job.cacheDir ? { cacheDir: job.cacheDir } : {}),
        ...(changes ? { changes } : {}),
        memo,
        // Warming builds whatever the cache holds, to fill the memo for the next change.
        ...(job.warm ? { useCache: false } : {}),
      });
      if (job.warm) return { id: job.id, ok: true, snapshot: '', warnings: [] };
      return {
        id: job.id,
        ok: true,
        snapshot: serializeSnapshot(toSnapshot(opened.corpus, opened.warnings, opened.key)),
        warnings: opened.warnings,
      };
    } catch (err) {
      return { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  })().then((reply) => parentPort?.postMessage(reply));
});
