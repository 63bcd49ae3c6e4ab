/**
 * Members' feedback as a bot process uses it: answers recorded under a random id, votes on them, what is kept and
 * for how long. Member ids are hashed here (HMAC-SHA256 with the store's own random salt) before any store sees
 * them; answers older than the retention are treated as gone the moment they pass it, and deleted at open and
 * every hour after. The `talks` CLI never opens this: questions asked at the terminal are never recorded.
 */
import { createHmac, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { SearchAnswer } from '../core/search.js';
import { buildReport, DAY_MS, type Report, type ReportWindow } from './report.js';
import { FEEDBACK_FILE } from './feedback-file.js';
import type { AnswerConfidence, AnswerWithVotes, FeedbackStore, RecordedAnswer, Vote, VoteOutcome } from './store.js';

export { DAY_MS };
/** How often answers past the retention are deleted (besides at open). */
export const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** An answer's id: 8 bytes, base64url (11 characters, nothing a custom id cannot hold; see `answerId`). */
export const ANSWER_ID = /^[A-Za-z0-9_-]{11}$/;

/**
 * An answer's id: when it was given (milliseconds, 5 bytes) and a counter from a random start (3 bytes). Answers
 * given one after another then sit side by side in the store's index, so a commit writes a page or two rather than a
 * page per answer; no two ids of one process are the same. Nothing rests on an id being secret: a vote counts only
 * on the message that carries its answer.
 */
let idCounter = randomInt(2 ** 24);
function answerId(at: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeUIntBE(Math.max(0, Math.floor(at)) % 2 ** 40, 0, 5);
  idCounter = (idCounter + 1) % 2 ** 24;
  bytes.writeUIntBE(idCounter, 5, 3);
  return bytes.toString('base64url');
}

export interface FeedbackOptions {
  store: FeedbackStore;
  retentionDays: number;
  logger: Logger;
  /** Prune every PRUNE_EVERY_MS (default true; off in tests that prune by hand). */
  prunePeriodically?: boolean;
  now?: () => number;
}

/** Where an answer was given and to whom (the id is hashed before it is stored). */
export interface Asker {
  userId: string;
  guildId: string | null;
  channelId: string | null;
}

/**
 * A search answer's passages and how sure it was: 'none' when nothing was found. An answer with the library's record
 * of an article and no passage ("who wrote…") answered, with its own confidence.
 */
function answerFacts(answer: SearchAnswer): { passages: string[]; confidence: AnswerConfidence } {
  if (answer.kind !== 'results') return { passages: [], confidence: 'none' };
  return { passages: answer.results.map((r) => r.id), confidence: answer.confidence };
}

export class Feedback {
  readonly store: FeedbackStore;
  readonly retentionDays: number;
  readonly #logger: Logger;
  readonly #now: () => number;
  #salt: Promise<Buffer> | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: FeedbackOptions) {
    this.store = options.store;
    this.retentionDays = options.retentionDays;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    if (options.prunePeriodically !== false) this.#timer = setInterval(() => void this.prune(), PRUNE_EVERY_MS).unref();
  }

  get retentionMs(): number {
    return this.retentionDays * DAY_MS;
  }

  /** Delete what is past the retention; a failure is logged, never thrown (the next round tries again). */
  async prune(): Promise<number> {
    try {
      return await this.store.prune(this.#now() - this.retentionMs);
    } catch (err) {
      this.#logger.warn({ err, store: this.store.where }, 'feedback: could not delete answers past the retention');
      return 0;
    }
  }

  async #member(userId: string): Promise<string> {
    this.#salt ??= this.store.salt();
    // A failed read of the salt is tried again next time, not remembered.
    const salt = await this.#salt.catch((err: unknown) => {
      this.#salt = null;
      throw err;
    });
    return createHmac('sha256', salt).update(userId).digest('hex');
  }

  /** Record an answer given in Discord; its id, for the buttons under it. */
  async record(question: string, asker: Asker, answer: SearchAnswer, at: number): Promise<string> {
    const id = answerId(at);
    await this.store.record({
      id,
      question,
      at,
      guildId: asker.guildId,
      channelId: asker.channelId,
      member: await this.#member(asker.userId),
      ...answerFacts(answer),
    });
    return id;
  }

  /** A recorded answer still within the retention, or null. */
  async answer(id: string, now: number): Promise<RecordedAnswer | null> {
    const found = await this.store.answer(id);
    return found && found.at >= now - this.retentionMs ? found : null;
  }

  /** A member's vote on an answer recorded at `answer.at` (already looked up and checked by the caller). */
  async vote(answer: RecordedAnswer, userId: string, vote: Vote, now: number): Promise<VoteOutcome> {
    if (answer.at < now - this.retentionMs) return 'gone';
    return this.store.vote(answer.id, await this.#member(userId), vote, now);
  }

  /** The report over the last `days` days (never past the retention: older answers are gone). */
  async report(days: number, now: number): Promise<Report> {
    const from = now - Math.min(days, this.retentionDays) * DAY_MS;
    return this.store.report({ days, from, to: now });
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.store.close();
  }
}

declare module '../interactions/types.js' {
  interface BotContext {
    /** Members' votes and what they asked; absent with FEEDBACK=off (no buttons, nothing stored). */
    feedback?: Feedback;
  }
}

/**
 * SQLite under DATA_DIR, kept by a thread of its own (sqlite-thread.ts), made by the first answer recorded: a bot
 * nobody asked anything makes no file. Reads before then find nothing (another process making the file is noticed
 * at the next call).
 */
class LazySqliteFeedbackStore implements FeedbackStore {
  readonly where: string;
  readonly #dataDir: string;
  #store: Promise<FeedbackStore> | null = null;

  readonly #logger: Logger;

  constructor(dataDir: string, logger: Logger) {
    this.#dataDir = dataDir;
    this.#logger = logger;
    this.where = join(dataDir, FEEDBACK_FILE);
  }

  #open(create: boolean): Promise<FeedbackStore> | null {
    if (!this.#store && (create || existsSync(this.where))) {
      const dir = this.#dataDir;
      const onLost = (answer: RecordedAnswer, err: unknown): void =>
        this.#logger.warn({ err, answer: answer.id }, 'feedback: an answer could not be recorded');
      this.#store = import('./sqlite-thread.js').then(
        ({ ThreadedSqliteFeedbackStore }) => new ThreadedSqliteFeedbackStore(dir, { onLost }),
      );
    }
    return this.#store;
  }

  async salt(): Promise<Buffer> {
    return (await (this.#open(true) as Promise<FeedbackStore>)).salt();
  }
  async record(answer: RecordedAnswer): Promise<void> {
    return (await (this.#open(true) as Promise<FeedbackStore>)).record(answer);
  }
  async answer(id: string): Promise<RecordedAnswer | null> {
    const store = this.#open(false);
    return store ? (await store).answer(id) : null;
  }
  async vote(answerId: string, member: string, vote: Vote, at: number): Promise<VoteOutcome> {
    const store = this.#open(false);
    return store ? (await store).vote(answerId, member, vote, at) : 'gone';
  }
  async since(from: number): Promise<AnswerWithVotes[]> {
    const store = this.#open(false);
    return store ? (await store).since(from) : [];
  }
  async prune(before: number): Promise<number> {
    const store = this.#open(false);
    return store ? (await store).prune(before) : 0;
  }
  async report(window: ReportWindow): Promise<Report> {
    const store = this.#open(false);
    return store ? (await store).report(window) : buildReport([], window);
  }
  async close(): Promise<void> {
    await (await this.#store)?.close();
  }
}

export interface OpenFeedbackOptions {
  dataDir: string;
  redisUrl?: string | undefined;
  /** FEEDBACK=off: nothing is opened, stored or shown. */
  enabled: boolean;
  retentionDays: number;
  logger: Logger;
}

/** The feedback store of a bot process (Redis with REDIS_URL, else SQLite under DATA_DIR), pruned once at open. */
export async function openFeedback(options: OpenFeedbackOptions): Promise<Feedback | null> {
  if (!options.enabled) {
    options.logger.info('feedback off (FEEDBACK=off): no votes, nothing recorded');
    return null;
  }
  const store: FeedbackStore = options.redisUrl
    ? await (await import('./redis-store.js')).RedisFeedbackStore.connect(options.redisUrl)
    : new LazySqliteFeedbackStore(options.dataDir, options.logger);
  const feedback = new Feedback({ store, retentionDays: options.retentionDays, logger: options.logger });
  const pruned = await feedback.prune();
  options.logger.info({ store: store.where, retentionDays: options.retentionDays, pruned }, 'feedback store open');
  return feedback;
}
