/**
 * Feedback on one machine: SQLite (better-sqlite3) in `DATA_DIR/feedback.sqlite`, its own file beside the library's
 * so that deleting it forgets every question and vote and nothing else. WAL, as the library's store; a vote is one
 * upsert, so two presses at once leave one vote.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FEEDBACK_FILE } from './feedback-file.js';
import type { AnswerConfidence, AnswerWithVotes, FeedbackStore, RecordedAnswer, Vote, VoteOutcome } from './store.js';

const BUSY_TIMEOUT_MS = 5000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
  id TEXT PRIMARY KEY,
  question TEXT NOT NULL,
  at INTEGER NOT NULL,
  guild_id TEXT,
  channel_id TEXT,
  member TEXT NOT NULL,
  passages TEXT NOT NULL,
  confidence TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_at ON answers (at);
CREATE TABLE IF NOT EXISTS votes (
  answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  member TEXT NOT NULL,
  vote TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (answer_id, member)
);
`;

interface AnswerRow {
  id: string;
  question: string;
  at: number;
  guild_id: string | null;
  channel_id: string | null;
  member: string;
  passages: string;
  confidence: string;
}

const CONFIDENCES: ReadonlySet<string> = new Set(['high', 'low', 'none']);

/** A row read back, checked by hand (a report reads thousands: a schema per row would be most of its cost). */
function fromRow(r: AnswerRow): RecordedAnswer {
  const passages: unknown = JSON.parse(r.passages);
  if (!Array.isArray(passages) || !passages.every((p) => typeof p === 'string') || !CONFIDENCES.has(r.confidence))
    throw new Error(`the feedback store holds a malformed answer (${r.id})`);
  return {
    id: r.id,
    question: r.question,
    at: r.at,
    guildId: r.guild_id,
    channelId: r.channel_id,
    member: r.member,
    passages,
    confidence: r.confidence as AnswerConfidence,
  };
}

/** better-sqlite3 is synchronous: its result, or its throw as a rejection. */
function settled<T>(run: () => T): Promise<T> {
  return new Promise((resolve) => resolve(run()));
}

export class SqliteFeedbackStore implements FeedbackStore {
  readonly where: string;
  readonly #db: Database.Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.where = join(dataDir, FEEDBACK_FILE);
    this.#db = new Database(this.where, { timeout: BUSY_TIMEOUT_MS });
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.exec(SCHEMA);
  }

  salt(): Promise<Buffer> {
    return settled(() => {
      // Two processes opening at once: the first INSERT wins and both read it back.
      this.#db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('salt', randomBytes(32));
      return (this.#db.prepare('SELECT value FROM meta WHERE key = ?').get('salt') as { value: Buffer }).value;
    });
  }

  record(a: RecordedAnswer): Promise<void> {
    return settled(() => {
      this.#db
        .prepare(
          'INSERT INTO answers (id, question, at, guild_id, channel_id, member, passages, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(a.id, a.question, a.at, a.guildId, a.channelId, a.member, JSON.stringify(a.passages), a.confidence);
    });
  }

  answer(id: string): Promise<RecordedAnswer | null> {
    return settled(() => {
      const row = this.#db.prepare('SELECT * FROM answers WHERE id = ?').get(id) as AnswerRow | undefined;
      return row ? fromRow(row) : null;
    });
  }

  vote(answerId: string, member: string, vote: Vote, at: number): Promise<VoteOutcome> {
    return settled(() => {
      const run = this.#db.transaction((): VoteOutcome => {
        if (!this.#db.prepare('SELECT 1 FROM answers WHERE id = ?').get(answerId)) return 'gone';
        const held = this.#db.prepare('SELECT vote FROM votes WHERE answer_id = ? AND member = ?').get(answerId, member) as
          { vote: string } | undefined;
        if (held?.vote === vote) return 'same';
        this.#db
          .prepare(
            'INSERT INTO votes (answer_id, member, vote, at) VALUES (?, ?, ?, ?) ' +
              'ON CONFLICT (answer_id, member) DO UPDATE SET vote = excluded.vote, at = excluded.at',
          )
          .run(answerId, member, vote, at);
        return held ? 'changed' : 'recorded';
      });
      return run.immediate();
    });
  }

  since(from: number): Promise<AnswerWithVotes[]> {
    return settled(() => {
      const rows = this.#db
        .prepare(
          `SELECT a.*, COALESCE(v.helpful, 0) AS helpful, COALESCE(v.not_asked, 0) AS not_asked
           FROM answers a LEFT JOIN (
             SELECT answer_id, SUM(vote = 'helpful') AS helpful, SUM(vote = 'not-asked') AS not_asked FROM votes
             WHERE answer_id IN (SELECT id FROM answers WHERE at >= ?) GROUP BY answer_id
           ) v ON v.answer_id = a.id
           WHERE a.at >= ? ORDER BY a.at, a.id`,
        )
        .all(from, from) as Array<AnswerRow & { helpful: number; not_asked: number }>;
      return rows.map((r) => ({ ...fromRow(r), helpful: r.helpful, notAsked: r.not_asked }));
    });
  }

  prune(before: number): Promise<number> {
    return settled(() => Number(this.#db.prepare('DELETE FROM answers WHERE at < ?').run(before).changes));
  }

  close(): Promise<void> {
    return settled(() => {
      this.#db.close();
    });
  }
}
