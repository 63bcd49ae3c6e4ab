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
import { answerSlots, citedSources, questionKey, sortedReport, windowParts, type Report, type ReportWindow } from './report.js';
import type { AnswerConfidence, AnswerWithVotes, FeedbackStore, RecordedAnswer, Vote, VoteOutcome } from './store.js';

const BUSY_TIMEOUT_MS = 5000;
/** How long a recorded answer may wait to be committed with others, and how many may wait (see `record`). */
export const FLUSH_MS = 20;
export const MAX_BATCH = 500;

export interface SqliteFeedbackOptions {
  /** An answer taken but not stored (its commit failed): the caller has its id, votes on it will find nothing. */
  onLost?: (answer: RecordedAnswer, err: unknown) => void;
}

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
  question_key TEXT NOT NULL DEFAULT '',
  helpful INTEGER NOT NULL DEFAULT 0,
  not_asked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS answers_at ON answers (at);
-- Each answer's sources were once kept a row each (cited): read from its passages now, a third of a record's cost saved.
DROP TABLE IF EXISTS cited;
CREATE TABLE IF NOT EXISTS votes (
  answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  member TEXT NOT NULL,
  vote TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (answer_id, member)
);
CREATE TABLE IF NOT EXISTS report_totals (
  slot TEXT PRIMARY KEY, answers INTEGER NOT NULL, helpful INTEGER NOT NULL, not_asked INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS report_asked (
  slot TEXT NOT NULL, question_key TEXT NOT NULL, count INTEGER NOT NULL,
  latest TEXT NOT NULL, answer_id TEXT NOT NULL, question TEXT NOT NULL,
  PRIMARY KEY (slot, question_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS report_unsure (
  slot TEXT NOT NULL, question_key TEXT NOT NULL, count INTEGER NOT NULL,
  latest TEXT NOT NULL, answer_id TEXT NOT NULL, question TEXT NOT NULL, confidence TEXT NOT NULL,
  PRIMARY KEY (slot, question_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS report_sources (
  slot TEXT NOT NULL, source_id TEXT NOT NULL, citations INTEGER NOT NULL,
  PRIMARY KEY (slot, source_id)
) WITHOUT ROWID;
`;

/** What an answer adds to its buckets' counts (see `#count`). */
interface Counted {
  id: string;
  at: number;
  question: string;
  questionKey: string;
  confidence: string;
  passages: readonly string[];
  helpful: number;
  notAsked: number;
}

/** An answer's place among those of its question: the latest is the greatest (time, id), as `buildReport` reads them. */
const latestOf = (at: number, id: string): string => `${String(at).padStart(15, '0')}${id}`;
const LATEST_SQL = "printf('%015d', at) || id";

/** The parts of a window read from the answers themselves (two ranges, an empty one as 1..0) and its buckets. */
function partsParams(window: ReportWindow): { raw: number[]; slots: string } {
  const { raw, slots } = windowParts(window);
  const ranges = [...raw, [1, 0], [1, 0]].slice(0, 2).flat();
  return { raw: ranges, slots: JSON.stringify(slots) };
}
const RAW = '(at BETWEEN ? AND ? OR at BETWEEN ? AND ?)';
const SLOTS = 'slot IN (SELECT value FROM json_each(?))';

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
  readonly #statements = new Map<string, Database.Statement>();
  readonly #onLost: (answer: RecordedAnswer, err: unknown) => void;
  #pending: RecordedAnswer[] = [];
  #timer: NodeJS.Timeout | undefined;
  #failing = false;

  constructor(dataDir: string, options: SqliteFeedbackOptions = {}) {
    this.#onLost = options.onLost ?? (() => {});
    mkdirSync(dataDir, { recursive: true });
    this.where = join(dataDir, FEEDBACK_FILE);
    this.#db = new Database(this.where, { timeout: BUSY_TIMEOUT_MS });
    this.#db.pragma('journal_mode = WAL');
    // Every answer given is recorded: no sync to disk per commit. In WAL mode a commit still survives the process
    // being killed (the log is the system's to write); only a power cut may lose the last ones. Articles, which
    // moderators are told are kept, stay FULL (library/sqlite-store.ts).
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.exec(SCHEMA);
    this.#upgrade();
    this.#fillBuckets();
    // After the upgrade: a file made before has no not_asked column until then.
    this.#db.exec('CREATE INDEX IF NOT EXISTS answers_not_asked ON answers (at) WHERE not_asked > 0');
  }

  /** A statement prepared once: a report runs five, and preparing is a good part of their cost. */
  #sql(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (!statement) this.#statements.set(text, (statement = this.#db.prepare(text)));
    return statement;
  }

  #hasColumn(name: string): boolean {
    return (this.#db.prepare('PRAGMA table_info(answers)').all() as Array<{ name: string }>).some((c) => c.name === name);
  }

  /** A file made before the report was counted here (no question_key): filled in once, in one transaction. */
  #upgrade(): void {
    if (this.#hasColumn('question_key')) return;
    this.#db.transaction(() => {
      this.#db.exec("ALTER TABLE answers ADD COLUMN question_key TEXT NOT NULL DEFAULT ''");
      for (const row of this.#db.prepare('SELECT * FROM answers').all() as AnswerRow[]) {
        const a = fromRow(row);
        this.#db.prepare('UPDATE answers SET question_key = ? WHERE id = ?').run(questionKey(a.question), a.id);
      }
    })();
  }

  /**
   * A file made before the report was counted in buckets (no vote counts on its answers): each answer's votes counted
   * and every answer added to its buckets, once, in one transaction (a second process opening it waits, then finds it done).
   */
  #fillBuckets(): void {
    if (this.#hasColumn('helpful')) return;
    this.#db
      .transaction(() => {
        if (this.#hasColumn('helpful')) return;
        this.#db.exec(`
        ALTER TABLE answers ADD COLUMN helpful INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE answers ADD COLUMN not_asked INTEGER NOT NULL DEFAULT 0;
        UPDATE answers SET
          helpful = (SELECT COUNT(*) FROM votes v WHERE v.answer_id = answers.id AND v.vote = 'helpful'),
          not_asked = (SELECT COUNT(*) FROM votes v WHERE v.answer_id = answers.id AND v.vote = 'not-asked');
        DELETE FROM report_totals; DELETE FROM report_asked; DELETE FROM report_unsure; DELETE FROM report_sources;
      `);
        const rows = this.#db.prepare('SELECT * FROM answers').all() as Array<AnswerRow & { helpful: number; not_asked: number }>;
        this.#count(
          rows.map((row) => ({ ...fromRow(row), questionKey: questionKey(row.question), helpful: row.helpful, notAsked: row.not_asked })),
          1,
        );
      })
      .immediate();
  }

  /**
   * Add answers to the counts of their hours and days (sign 1), or take them out (-1, when pruned). The answers are
   * summed per bucket first, so a batch of answers to a few questions writes each bucket once. Taken out, a question's
   * latest answer in a bucket stays right: pruning takes the oldest first, so the latest goes last.
   */
  #count(counted: readonly Counted[], sign: 1 | -1): void {
    const totals = new Map<string, { answers: number; helpful: number; notAsked: number }>();
    const asked = new Map<string, { table: string; slot: string; count: number; latest: string; c: Counted }>();
    const sources = new Map<string, { slot: string; sourceId: string; citations: number }>();
    for (const c of counted) {
      const { hour, day } = answerSlots(c.at);
      const latest = latestOf(c.at, c.id);
      const cited = citedSources(c.passages);
      for (const slot of [hour, day]) {
        const total = totals.get(slot) ?? { answers: 0, helpful: 0, notAsked: 0 };
        totals.set(slot, { answers: total.answers + 1, helpful: total.helpful + c.helpful, notAsked: total.notAsked + c.notAsked });
        for (const table of c.confidence === 'high' ? ['report_asked'] : ['report_asked', 'report_unsure']) {
          const key = `${table} ${slot} ${c.questionKey}`;
          const held = asked.get(key);
          if (!held) asked.set(key, { table, slot, count: 1, latest, c });
          else asked.set(key, latest > held.latest ? { ...held, count: held.count + 1, latest, c } : { ...held, count: held.count + 1 });
        }
        for (const [sourceId, n] of cited) {
          const key = `${slot} ${sourceId}`;
          sources.set(key, { slot, sourceId, citations: (sources.get(key)?.citations ?? 0) + n });
        }
      }
    }
    for (const [slot, t] of totals) {
      this.#sql(
        'INSERT INTO report_totals (slot, answers, helpful, not_asked) VALUES (?, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET ' +
          'answers = answers + excluded.answers, helpful = helpful + excluded.helpful, not_asked = not_asked + excluded.not_asked',
      ).run(slot, sign * t.answers, sign * t.helpful, sign * t.notAsked);
    }
    for (const { table, slot, count, latest, c } of asked.values()) {
      if (sign > 0) {
        const unsure = table === 'report_unsure';
        // In an upsert's SET every right-hand side reads the row as it was: the CASEs compare the same latest.
        const newer = (column: string): string =>
          `${column} = CASE WHEN excluded.latest > latest THEN excluded.${column} ELSE ${column} END, `;
        this.#sql(
          `INSERT INTO ${table} (slot, question_key, count, latest, answer_id, question${unsure ? ', confidence' : ''}) ` +
            `VALUES (?, ?, ?, ?, ?, ?${unsure ? ', ?' : ''}) ON CONFLICT (slot, question_key) DO UPDATE SET ` +
            'count = count + excluded.count, ' +
            newer('answer_id') +
            newer('question') +
            (unsure ? newer('confidence') : '') +
            'latest = max(latest, excluded.latest)',
        ).run(slot, c.questionKey, count, latest, c.id, c.question, ...(unsure ? [c.confidence] : []));
      } else {
        this.#sql(`UPDATE ${table} SET count = count - ? WHERE slot = ? AND question_key = ?`).run(count, slot, c.questionKey);
        this.#sql(`DELETE FROM ${table} WHERE slot = ? AND question_key = ? AND count <= 0`).run(slot, c.questionKey);
      }
    }
    for (const { slot, sourceId, citations } of sources.values()) {
      this.#sql(
        'INSERT INTO report_sources (slot, source_id, citations) VALUES (?, ?, ?) ' +
          'ON CONFLICT (slot, source_id) DO UPDATE SET citations = citations + excluded.citations',
      ).run(slot, sourceId, sign * citations);
      if (sign < 0) this.#sql('DELETE FROM report_sources WHERE slot = ? AND source_id = ? AND citations <= 0').run(slot, sourceId);
    }
  }

  salt(): Promise<Buffer> {
    return settled(() => {
      // Two processes opening at once: the first INSERT wins and both read it back.
      this.#db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('salt', randomBytes(32));
      return (this.#db.prepare('SELECT value FROM meta WHERE key = ?').get('salt') as { value: Buffer }).value;
    });
  }

  /**
   * Taken at once and committed with the others of the next FLUSH_MS (or when MAX_BATCH wait): a commit costs more
   * than its rows, and a reply should not wait for one. Every read, vote and prune of this store commits what waits
   * first, and so does close; a process killed loses at most the answers of its last FLUSH_MS. An answer that cannot
   * be stored goes to `onLost`; after that the next answer is committed before it is taken, and rejected if it fails
   * too, so a store that cannot write is seen as one (the answer is shown without the buttons).
   */
  record(a: RecordedAnswer): Promise<void> {
    return settled(() => {
      this.#pending.push(a);
      if (this.#failing || this.#pending.length >= MAX_BATCH) {
        const lost = this.#flush();
        if (lost.has(a)) throw lost.get(a);
      } else this.#timer ??= setTimeout(() => this.#flush(), FLUSH_MS);
    });
  }

  /**
   * Commit answers another thread has taken and gathered already (`sqlite-worker.ts`), with any waiting here; those
   * that cannot be stored go to `onLost`, as in `record`.
   */
  recordNow(answers: readonly RecordedAnswer[]): void {
    this.#pending.push(...answers);
    this.#flush();
  }

  /** Commit what waits, in one transaction; a batch that fails is tried one by one, so only what cannot be stored is lost. */
  #flush(): Map<RecordedAnswer, unknown> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    const lost = new Map<RecordedAnswer, unknown>();
    if (batch.length === 0) return lost;
    try {
      this.#db.transaction(() => this.#recordAll(batch))();
    } catch (err) {
      if (batch.length === 1) lost.set(batch[0] as RecordedAnswer, err);
      else
        for (const answer of batch) {
          try {
            this.#db.transaction(() => this.#recordAll([answer]))();
          } catch (one) {
            lost.set(answer, one);
          }
        }
    }
    this.#failing = lost.size > 0;
    for (const [answer, err] of lost) this.#onLost(answer, err);
    return lost;
  }

  #recordAll(answers: readonly RecordedAnswer[]): void {
    const counted: Counted[] = [];
    for (const a of answers) {
      const key = questionKey(a.question);
      this.#sql(
        'INSERT INTO answers (id, question, at, guild_id, channel_id, member, passages, confidence, question_key) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(a.id, a.question, a.at, a.guildId, a.channelId, a.member, JSON.stringify(a.passages), a.confidence, key);
      counted.push({ ...a, questionKey: key, helpful: 0, notAsked: 0 });
    }
    this.#count(counted, 1);
  }

  /**
   * The report, summed from the buckets of the whole hours and days in the window, and from the answers themselves
   * for the parts of an hour at its ends (`windowParts`); the questions rated Not what I asked from the answers that
   * have such a vote (few, and an index on them). The latest answer of a question is the one with the greatest (time,
   * id), as `buildReport` takes it; the rows are sorted by its rules.
   */
  report(window: ReportWindow): Promise<Report> {
    return settled(() => {
      this.#flush();
      const read = this.#db.transaction((): Report => {
        const { raw, slots } = partsParams(window);
        const totals = this.#sql(
          `SELECT SUM(answers) AS answers, SUM(helpful) AS helpful, SUM(not_asked) AS not_asked FROM (
             SELECT answers, helpful, not_asked FROM report_totals WHERE ${SLOTS}
             UNION ALL SELECT COUNT(*), COALESCE(SUM(helpful), 0), COALESCE(SUM(not_asked), 0) FROM answers WHERE ${RAW})`,
        ).get(slots, ...raw) as { answers: number; helpful: number; not_asked: number };
        const asked = this.#sql(
          `SELECT question, answer_id, SUM(count) AS count, MAX(latest) AS latest FROM (
             SELECT question_key, question, answer_id, count, latest FROM report_asked WHERE ${SLOTS}
             UNION ALL SELECT question_key, question, id, 1, ${LATEST_SQL} FROM answers WHERE ${RAW}
           ) GROUP BY question_key`,
        ).all(slots, ...raw) as Array<{ question: string; answer_id: string; count: number }>;
        const unsure = this.#sql(
          `SELECT question, answer_id, confidence, SUM(count) AS count, MAX(latest) AS latest FROM (
             SELECT question_key, question, answer_id, confidence, count, latest FROM report_unsure WHERE ${SLOTS}
             UNION ALL SELECT question_key, question, id, confidence, 1, ${LATEST_SQL} FROM answers WHERE (${RAW}) AND confidence != 'high'
           ) GROUP BY question_key`,
        ).all(slots, ...raw) as Array<{ question: string; answer_id: string; confidence: 'low' | 'none'; count: number }>;
        const notAsked = this.#sql(
          `SELECT question, id, COUNT(*) AS count, SUM(not_asked) AS not_asked, SUM(helpful) AS helpful, MAX(${LATEST_SQL}) AS latest
           FROM answers WHERE not_asked > 0 AND at BETWEEN ? AND ? GROUP BY question_key`,
        ).all(window.from, window.to) as Array<{ question: string; id: string; count: number; not_asked: number; helpful: number }>;
        // The raw parts' sources from their passages' ids, as `citedSources` reads them (`jacobin-2022#p3`: jacobin-2022).
        const sources = this.#sql(
          `SELECT source_id, SUM(citations) AS citations FROM (
             SELECT source_id, citations FROM report_sources WHERE ${SLOTS}
             UNION ALL SELECT substr(p.value, 1, instr(p.value || '#', '#') - 1), 1 FROM answers, json_each(answers.passages) p WHERE ${RAW}
           ) GROUP BY source_id`,
        ).all(slots, ...raw) as Array<{ source_id: string; citations: number }>;
        return sortedReport({
          ...window,
          answers: totals.answers,
          helpful: totals.helpful,
          notAsked: totals.not_asked,
          mostAsked: asked.map((r) => ({ question: r.question, count: r.count, answerId: r.answer_id })),
          unsure: unsure.map((r) => ({ question: r.question, count: r.count, answerId: r.answer_id, confidence: r.confidence })),
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
      this.#flush();
      const row = this.#sql('SELECT * FROM answers WHERE id = ?').get(id) as AnswerRow | undefined;
      return row ? fromRow(row) : null;
    });
  }

  /** A vote, and what it moves: the answer's own counts and its hour's and day's, in the same transaction. */
  vote(answerId: string, member: string, vote: Vote, at: number): Promise<VoteOutcome> {
    return settled(() => {
      this.#flush();
      const run = this.#db.transaction((): VoteOutcome => {
        const found = this.#sql('SELECT at FROM answers WHERE id = ?').get(answerId) as { at: number } | undefined;
        if (!found) return 'gone';
        const held = this.#sql('SELECT vote FROM votes WHERE answer_id = ? AND member = ?').get(answerId, member) as
          { vote: string } | undefined;
        if (held?.vote === vote) return 'same';
        this.#sql(
          'INSERT INTO votes (answer_id, member, vote, at) VALUES (?, ?, ?, ?) ' +
            'ON CONFLICT (answer_id, member) DO UPDATE SET vote = excluded.vote, at = excluded.at',
        ).run(answerId, member, vote, at);
        const helpful = (vote === 'helpful' ? 1 : 0) - (held?.vote === 'helpful' ? 1 : 0);
        const notAsked = (vote === 'not-asked' ? 1 : 0) - (held?.vote === 'not-asked' ? 1 : 0);
        this.#sql('UPDATE answers SET helpful = helpful + ?, not_asked = not_asked + ? WHERE id = ?').run(helpful, notAsked, answerId);
        const { hour, day } = answerSlots(found.at);
        for (const slot of [hour, day])
          this.#sql('UPDATE report_totals SET helpful = helpful + ?, not_asked = not_asked + ? WHERE slot = ?').run(
            helpful,
            notAsked,
            slot,
          );
        return held ? 'changed' : 'recorded';
      });
      return run.immediate();
    });
  }

  /** From the votes themselves, not the counts kept beside each answer: the report is tested against this. */
  since(from: number): Promise<AnswerWithVotes[]> {
    return settled(() => {
      this.#flush();
      const rows = this.#sql(
        `SELECT a.*, COALESCE(v.helpful, 0) AS helpful, COALESCE(v.not_asked, 0) AS not_asked
         FROM answers a LEFT JOIN (
           SELECT answer_id, SUM(vote = 'helpful') AS helpful, SUM(vote = 'not-asked') AS not_asked FROM votes
           WHERE answer_id IN (SELECT id FROM answers WHERE at >= ?) GROUP BY answer_id
         ) v ON v.answer_id = a.id
         WHERE a.at >= ? ORDER BY a.at, a.id`,
      ).all(from, from) as Array<AnswerRow & { helpful: number; not_asked: number }>;
      return rows.map((r) => ({ ...fromRow(r), helpful: r.helpful, notAsked: r.not_asked }));
    });
  }

  /** Answers before `before` go, taken out of their buckets in the same transaction; a bucket left empty goes too. */
  prune(before: number): Promise<number> {
    return settled(() => {
      this.#flush();
      const run = this.#db.transaction((): number => {
        const gone = this.#sql('SELECT * FROM answers WHERE at < ?').all(before) as Array<
          AnswerRow & { helpful: number; not_asked: number; question_key: string }
        >;
        this.#count(
          gone.map((row) => ({ ...fromRow(row), questionKey: row.question_key, helpful: row.helpful, notAsked: row.not_asked })),
          -1,
        );
        this.#sql('DELETE FROM answers WHERE at < ?').run(before);
        this.#sql('DELETE FROM report_totals WHERE answers <= 0').run();
        return gone.length;
      });
      return run.immediate();
    });
  }

  close(): Promise<void> {
    return settled(() => {
      this.#flush();
      this.#db.close();
    });
  }
}
