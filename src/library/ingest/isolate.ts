/**
 * Reading an article off the main thread. Taking a hostile or huge page apart is CPU work that cannot be
 * interrupted (2 MB of nested or link-only markup keeps Readability busy for seconds); in a worker thread it
 * never stalls the bot's other interactions, it is stopped at its time limit, and its memory is capped.
 */
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../runtime/workers.js';
import { IngestError, type IngestProblem } from './errors.js';
import type { Draft, ExtractInput, ExtractOptions } from './extract.js';

const DEFAULT_EXTRACT_TIMEOUT_MS = 15_000;
/** Heap for one extraction: a 2 MB page parses into a DOM of a few hundred MB at worst. */
const WORKER_HEAP_MB = 512;

export interface IsolateOptions extends ExtractOptions {
  /** Default 15 s. */
  timeoutMs?: number;
}

type WorkerReply = { ok: true; draft: Draft } | { ok: false; problem: IngestProblem | null; message: string };

function spawn(input: ExtractInput, now: number): Worker {
  return spawnWorker(import.meta.url, 'worker', { workerData: { input, now }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
}

/** `extractDraft` in a worker thread, with a time limit ('timeout') and a memory cap. */
export function extractInWorker(input: ExtractInput, options: IsolateOptions = {}): Promise<Draft> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXTRACT_TIMEOUT_MS;
  const worker = spawn(input, (options.now ?? new Date()).getTime());
  return new Promise<Draft>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new IngestError(
          'timeout',
          `reading the article took longer than ${Math.round(timeoutMs / 1000)} s; it is too large or too complex`,
        ),
      );
      void worker.terminate();
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once('message', (reply: WorkerReply) => {
      done();
      if (reply.ok) resolve(reply.draft);
      else if (reply.problem) reject(new IngestError(reply.problem, reply.message));
      else reject(new Error(reply.message));
    });
    worker.once('error', (err) => {
      done();
      // Out of memory in the worker ends the worker, not the bot.
      const oom = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      reject(oom ? new IngestError('too-large', 'the article is too large to read (it ran out of memory)', { cause: err }) : err);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the article reader stopped unexpectedly (exit code ${code})`));
    });
  });
}
