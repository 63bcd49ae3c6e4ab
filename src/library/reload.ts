/**
 * Reload without restart: watch the seeds folder and rebuild the corpus when an article or the manifest
 * changes. A rebuild that could not read some file keeps the previous corpus and names the file, so a
 * half-saved or broken article never takes answers away.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import type { Corpus } from '../core/corpus.js';
import type { LoadWarning, LoadWarningKind } from '../core/types.js';
import { openCorpus } from './corpus-cache.js';

/** Changes are gathered for this long before rebuilding (editors save in several steps). */
const RELOAD_DEBOUNCE_MS = 300;

/** Warnings that refuse a rebuild: a file left out, or the manifest missing or malformed (titles would change). */
const REFUSED: ReadonlySet<LoadWarningKind> = new Set(['skipped', 'manifest']);

export type ReloadOutcome = { swapped: true; corpus: Corpus } | { swapped: false; broken: LoadWarning[] };

/** Rebuild from `seedsDir`; refuse the result if any file was skipped. */
export async function reloadCorpus(seedsDir: string): Promise<ReloadOutcome> {
  const opened = await openCorpus(seedsDir);
  const broken = opened.warnings.filter((w) => REFUSED.has(w.kind));
  return broken.length > 0 ? { swapped: false, broken } : { swapped: true, corpus: opened.corpus };
}

export interface CorpusWatcher {
  close: () => void;
  /** Resolves after the next rebuild settles (tests). */
  settled: () => Promise<ReloadOutcome | null>;
}

export function watchCorpus(
  seedsDir: string,
  onCorpus: (corpus: Corpus) => void,
  logger: Logger,
  debounceMs = RELOAD_DEBOUNCE_MS,
): CorpusWatcher {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<ReloadOutcome | null> = Promise.resolve(null);
  const rebuild = (): void => {
    running = running.then(async () => {
      try {
        const outcome = await reloadCorpus(seedsDir);
        if (outcome.swapped) {
          onCorpus(outcome.corpus);
          logger.info({ sources: outcome.corpus.index.sources.size, passages: outcome.corpus.index.passageCount }, 'library reloaded');
        } else {
          for (const w of outcome.broken)
            logger.error(
              { file: w.file, problem: w.message },
              'library not reloaded: a file could not be read; still serving the previous library',
            );
        }
        return outcome;
      } catch (err) {
        logger.error({ err }, 'library reload failed; still serving the previous library');
        return null;
      }
    });
  };
  const watcher: FSWatcher = watch(seedsDir, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(rebuild, debounceMs);
    timer.unref();
  });
  watcher.on('error', (err) => logger.error({ err }, 'cannot watch the seeds folder'));
  return {
    close: () => {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
    settled: async () => {
      // Wait out the debounce, then the rebuild it started.
      await new Promise((r) => setTimeout(r, debounceMs + 50));
      return running;
    },
  };
}
