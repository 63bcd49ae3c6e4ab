/**
 * A bot's feedback on SQLite, kept by a thread of its own (`sqlite-worker.ts`): the thread answering members only
 * hands answers over, those of each FLUSH_MS in one message (the other thread commits them at once), and never waits
 * for SQLite. A bot whose searches keep one core busy records on another. A call made after an answer was handed
 * over reaches the store after it, so a vote or a report sees every answer given before. The same contract as
 * `SqliteFeedbackStore`, which the thread runs: an answer that cannot be stored goes to `onLost`, and the next is
 * then stored before it is taken.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../runtime/workers.js';
import { FEEDBACK_FILE } from './feedback-file.js';
import type { Report, ReportWindow } from './report.js';
import { FLUSH_MS, type SqliteFeedbackOptions } from './sqlite-store.js';
import type { AnswerWithVotes, FeedbackStore, RecordedAnswer, Vote, VoteOutcome } from './store.js';

/** The calls the thread answers, with their arguments and what they give back. */
interface Calls {
  salt: { args: []; value: Uint8Array };
  record: { args: [RecordedAnswer]; value: void };
  answer: { args: [string]; value: RecordedAnswer | null };
  vote: { args: [string, string, Vote, number]; value: VoteOutcome };
  since: { args: [number]; value: AnswerWithVotes[] };
  report: { args: [ReportWindow]; value: Report };
  prune: { args: [number]; value: number };
  close: { args: []; value: void };
}
type Call = keyof Calls;

export type ThreadMessage =
  { call: 'take'; answers: RecordedAnswer[] } | { [C in Call]: { call: C; id: number; args: Calls[C]['args'] } }[Call];

export type ThreadReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; reason: string } | { lost: RecordedAnswer; reason: string };

export class ThreadedSqliteFeedbackStore implements FeedbackStore {
  readonly where: string;
  readonly #dataDir: string;
  readonly #onLost: NonNullable<SqliteFeedbackOptions['onLost']>;
  readonly #waiting = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  #worker: Worker | null = null;
  #next = 1;
  #outbox: RecordedAnswer[] = [];
  #failing = false;

  constructor(dataDir: string, options: SqliteFeedbackOptions = {}) {
    this.#dataDir = dataDir;
    this.where = join(dataDir, FEEDBACK_FILE);
    this.#onLost = options.onLost ?? (() => {});
  }

  /** The thread, started at the first call; one that stopped is started again at the next. */
  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const worker = spawnWorker(import.meta.url, 'sqlite-worker', { workerData: { dataDir: this.#dataDir } });
    worker.on('message', (reply: ThreadReply) => {
      if ('lost' in reply) {
        this.#failing = true;
        this.#onLost(reply.lost, new Error(reply.reason));
        return;
      }
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.value);
      else waiting?.reject(new Error(reply.reason));
      if (this.#waiting.size === 0) worker.unref();
    });
    const stopped = (err: Error): void => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      // What it was handed may be lost: the next answer is stored before it is taken, as after a loss.
      this.#failing = true;
      for (const w of this.#waiting.values()) w.reject(err);
      this.#waiting.clear();
    };
    worker.on('error', (err) => stopped(new Error(`the feedback store's thread stopped: ${err.message}`)));
    worker.on('exit', (code) => stopped(new Error(`the feedback store's thread stopped (exit code ${code})`)));
    // Idle, it never keeps the process alive; a call waiting for it does.
    worker.unref();
    return (this.#worker = worker);
  }

  /** Hand over the answers taken since the last hand-over, in one message. */
  #handOver(): void {
    if (this.#outbox.length === 0) return;
    const answers = this.#outbox;
    this.#outbox = [];
    this.#thread().postMessage({ call: 'take', answers } satisfies ThreadMessage);
  }

  #call<C extends Call>(call: C, ...args: Calls[C]['args']): Promise<Calls[C]['value']> {
    this.#handOver();
    const worker = this.#thread();
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ call, id, args });
    });
  }

  async salt(): Promise<Buffer> {
    const salt = await this.#call('salt');
    return Buffer.from(salt.buffer, salt.byteOffset, salt.byteLength);
  }

  /** Taken at once; after a loss, stored before it is taken (and refused if it cannot be). */
  async record(answer: RecordedAnswer): Promise<void> {
    if (this.#failing) {
      await this.#call('record', answer);
      this.#failing = false;
      return;
    }
    this.#outbox.push(answer);
    if (this.#outbox.length === 1) setTimeout(() => this.#handOver(), FLUSH_MS);
  }

  answer(id: string): Promise<RecordedAnswer | null> {
    return this.#call('answer', id);
  }
  vote(answerId: string, member: string, vote: Vote, at: number): Promise<VoteOutcome> {
    return this.#call('vote', answerId, member, vote, at);
  }
  since(from: number): Promise<AnswerWithVotes[]> {
    return this.#call('since', from);
  }
  report(window: ReportWindow): Promise<Report> {
    return this.#call('report', window);
  }
  prune(before: number): Promise<number> {
    return this.#call('prune', before);
  }

  /** Everything taken is stored, then the thread ends. */
  async close(): Promise<void> {
    if (!this.#worker && this.#outbox.length === 0) return;
    await this.#call('close');
    const worker = this.#worker;
    this.#worker = null;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}
