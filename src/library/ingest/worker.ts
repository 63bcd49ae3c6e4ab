/**
 * The worker side of `extractInWorker`: reads one article off the main thread, so a page that is slow to take
 * apart never stalls the bot, and can be stopped at its time limit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IngestError } from './errors.js';
import { extractDraft, type ExtractInput } from './extract.js';

interface Job {
  input: ExtractInput;
  now: number;
}

const job = workerData as Job;
try {
  parentPort?.postMessage({ ok: true, draft: extractDraft(job.input, { now: new Date(job.now) }) });
} catch (err) {
  parentPort?.postMessage(
    err instanceof IngestError
      ? { ok: false, problem: err.problem, message: err.message }
      : { ok: false, problem: null, message: err instanceof Error ? err.message : String(err) },
  );
}
