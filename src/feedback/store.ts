/**
 * What members' feedback leaves behind (issue 24): each answer the bot gave in Discord (the question, when, where,
 * who asked as a salted hash, the passages quoted and how sure the answer was) and the votes on it. One interface,
 * two homes like the library's: SQLite under DATA_DIR (`sqlite-store.ts`), Redis with REDIS_URL (`redis-store.ts`).
 * A store never sees a member's id: `feedback.ts` hashes it with the salt the store keeps.
 */

import type { Report, ReportWindow } from './report.js';

/** How well an answer matched: the search's own confidence, or 'none' when nothing was found. */
export type AnswerConfidence = 'high' | 'low' | 'none';

export type Vote = 'helpful' | 'not-asked';

export interface RecordedAnswer {
  /** Random and short: the custom id of the answer's buttons carries it. */
  id: string;
  question: string;
  /** Milliseconds since the epoch. */
  at: number;
  guildId: string | null;
  channelId: string | null;
  /** HMAC-SHA256 of the member's id with the store's salt (hex), never the id. */
  member: string;
  passages: readonly string[];
  confidence: AnswerConfidence;
}

export interface AnswerWithVotes extends RecordedAnswer {
  helpful: number;
  notAsked: number;
}

/** What a vote did: a first vote, a changed one, the same again (a double click), or none (the answer is gone). */
export type VoteOutcome = 'recorded' | 'changed' | 'same' | 'gone';

export interface FeedbackStore {
  /** Where it is kept, for the log and the operator. */
  readonly where: string;
  /** The secret member ids are hashed with: made at random the first time, then kept with the data. */
  salt(): Promise<Buffer>;
  /** Settles when the answer is taken (its store's reads see it from then on); a rejection: it could not be. */
  record(answer: RecordedAnswer): Promise<void>;
  /** A recorded answer, or null for one never recorded or pruned. */
  answer(id: string): Promise<RecordedAnswer | null>;
  /** Record or change a member's vote on an answer (one per member per answer). */
  vote(answerId: string, member: string, vote: Vote, at: number): Promise<VoteOutcome>;
  /** Every answer recorded at or after `from`, oldest first, with its votes. */
  since(from: number): Promise<AnswerWithVotes[]>;
  /** The moderators' report over a window (`buildReport` of the answers in it, however the store counts it). */
  report(window: ReportWindow): Promise<Report>;
  /** Delete every answer recorded before `before`, and its votes; how many answers went. */
  prune(before: number): Promise<number>;
  close(): Promise<void>;
}
