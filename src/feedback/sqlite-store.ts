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
import { citedSources, questionKey, sortedReport, type Report, type ReportWindow } from './report.js';
import type { AnswerConfidence, AnswerWithVotes, FeedbackStore, RecordedAnswer, Vote, VoteOutcome } from './store.js';

const BUSY_TIMEOUT_MS = 5000;

/** Each answer's votes counted (answers in the window only: two parameters, from and to). */
const VOTES_PER_ANSWER = `SELECT answer_id, SUM(vote = 'helpful') AS helpful, SUM(vote = 'not-asked') AS not_asked FROM votes
  WHERE answer_id IN (SELECT id FROM answers WHERE at BETWEEN ? AND ?) GROUP BY answer_id`;

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
  confidence TEXT NOT NULL,
  question_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS answers_at ON answers (at);
CREATE TABLE IF NOT EXISTS cited (
  answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  passages INTEGER NOT NULL,
  PRIMARY KEY (answer_id, source_id)
);
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
    this.#upgrade();
  }

  /** A file made before the report was counted here (no question_key): filled in once, in one transaction. */
  #upgrade(): void {
    const columns = this.#db.prepare('PRAGMA table_info(answers)').all() as Array<{ name: string }>;
    if (columns.some((c) => c.name === 'question_key')) return;
    this.#db.transaction(() => {
      this.#db.exec("ALTER TABLE answers ADD COLUMN question_key TEXT NOT NULL DEFAULT ''");
      for (const row of this.#db.prepare('SELECT * FROM answers').all() as AnswerRow[]) {
        const a = fromRow(row);
        this.#db.prepare('UPDATE answers SET question_key = ? WHERE id = ?').run(questionKey(a.question), a.id);
        this.#cite(a);
      }
    })();
  }

  #cite(a: RecordedAnswer): void {
    const insert = this.#db.prepare('INSERT INTO cited (answer_id, source_id, passages) VALUES (?, ?, ?)');
    for (const [sourceId, n] of citedSources(a.passages)) insert.run(a.id, sourceId, n);
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
      this.#db.transaction(() => {
        this.#db
          .prepare(
            'INSERT INTO answers (id, question, at, guild_id, channel_id, member, passages, confidence, question_key) ' +
              'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(a.id, a.question, a.at, a.guildId, a.channelId, a.member, JSON.stringify(a.passages), a.confidence, questionKey(a.question));
        this.#cite(a);
      })();
    });
  }

  /**
   * The report, counted by SQLite: grouped by question (its key stored with it) and by source (the `cited` table),
   * so a report over thousands of answers reads a few rows per question, not every answer. The latest answer of a
   * question is the one with the greatest (time, id), as `buildReport` takes it; the rows are sorted by its rules.
   */
  report(window: ReportWindow): Promise<Report> {
    return settled(() => {
      const read = this.#db.transaction((): Report => {
        const range = [window.from, window.to];
        const latest = "MAX(printf('%015d', a.at) || a.id) AS latest";
        const totals = this.#db
          .prepare(
            `SELECT COUNT(*) AS answers, COALESCE(SUM(v.helpful), 0) AS helpful, COALESCE(SUM(v.not_asked), 0) AS not_asked
             FROM answers a LEFT JOIN (${VOTES_PER_ANSWER}) v ON v.answer_id = a.id WHERE a.at BETWEEN ? AND ?`,
          )
          .get(...range, ...range) as { answers: number; helpful: number; not_asked: number };
        const asked = this.#db
          .prepare(
            `SELECT a.question, a.id, COUNT(*) AS count, ${latest} FROM answers a WHERE a.at BETWEEN ? AND ? GROUP BY a.question_key`,
          )
          .all(...range) as Array<{ question: string; id: string; count: number }>;
        const unsure = this.#db
          .prepare(
            `SELECT a.question, a.id, a.confidence, COUNT(*) AS count, ${latest} FROM answers a
             WHERE a.at BETWEEN ? AND ? AND a.confidence != 'high' GROUP BY a.question_key`,
          )
          .all(...range) as Array<{ question: string; id: string; confidence: 'low' | 'none'; count: number }>;
        const notAsked = this.#db
          .prepare(
            `SELECT a.question, a.id, COUNT(*) AS count, SUM(v.not_asked) AS not_asked, SUM(v.helpful) AS helpful, ${latest}
             FROM answers a JOIN (${VOTES_PER_ANSWER}) v ON v.answer_id = a.id
             WHERE a.at BETWEEN ? AND ? AND v.not_asked > 0 GROUP BY a.question_key`,
          )
          .all(...range, ...range) as Array<{ question: string; id: string; count: number; not_asked: number; helpful: number }>;
        const sources = this.#db
          .prepare(
            `SELECT c.source_id, SUM(c.passages) AS citations FROM cited c JOIN answers a ON a.id = c.answer_id
             WHERE a.at BETWEEN ? AND ? GROUP BY c.source_id`,
          )
          .all(...range) as Array<{ source_id: string; citations: number }>;
        return sortedReport({
          ...window,
          answers: totals.answers,
          helpful: totals.helpful,
          notAsked: totals.not_asked,
          mostAsked: asked.map((r) => ({ question: r.question, count: r.count, answerId: r.id })),
          unsure: unsure.map((r) => ({ question: r.question, count: r.count, answerId: r.id, confidence: r.confidence })),
          notAskedRows: notAsked.map((r) => ({
            question: r.question,
            count: r.count,
            answerId: r.id,
            notAsked: r.not_asked,
            helpful: r.helpful,
          })),
          sources: sources.map((r) => ({ sourceId: r.source_id, citations: r.citations })),
        });
      });
      return read.deferred();
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
