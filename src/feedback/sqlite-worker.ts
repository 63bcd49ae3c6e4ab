/**
 * The thread of a bot's feedback file (`sqlite-thread.ts` starts it): the SQLite store, its writes and its reports,
 * away from the thread answering members. Answers taken arrive in batches, each committed as it arrives; every other
 * call is answered with its value or the one-line reason it failed, in the order the calls came.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteFeedbackStore } from './sqlite-store.js';
import type { ThreadMessage, ThreadReply } from './sqlite-thread.js';

const port = parentPort;
if (!port) throw new Error('sqlite-worker.ts runs as a worker thread');
const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const post = (reply: ThreadReply): void => port.postMessage(reply);

const store = new SqliteFeedbackStore((workerData as { dataDir: string }).dataDir, {
  onLost: (answer, err) => post({ lost: answer, reason: reasonOf(err) }),
});

port.on('message', (message: ThreadMessage) => {
  if (message.call === 'take') {
    // Gathered for FLUSH_MS already: committed now. A loss is told to the bot's thread by onLost.
    store.recordNow(message.answers);
    return;
  }
  const run = (): Promise<unknown> => {
    switch (message.call) {
      case 'salt':
        return store.salt();
      case 'record':
        return store.record(...message.args);
      case 'answer':
        return store.answer(...message.args);
      case 'vote':
        return store.vote(...message.args);
      case 'since':
        return store.since(...message.args);
      case 'report':
        return store.report(...message.args);
      case 'prune':
        return store.prune(...message.args);
      case 'close':
        return store.close();
    }
  };
  run().then(
    (value) => post({ id: message.id, ok: true, value }),
    (err: unknown) => post({ id: message.id, ok: false, reason: reasonOf(err) }),
  );
});
