/**
 * The library's store on one machine: SQLite (better-sqlite3) in `DATA_DIR/library.sqlite`. Write-ahead logging
 * with synchronous=FULL, so an Add acknowledged is on disk and survives `kill -9`; a busy timeout, so two
 * processes adding at once wait their turn instead of failing; every change in one transaction with its audit
 * record, so the revision, the change and who made it never disagree.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { sourceMetaSchema } from '../core/manifest.js';
import type { SourceMeta } from '../core/types.js';
import { LIBRARY_FILE } from './library-file.js';
import type {
  Actor,
  AddedSource,
  AddOutcome,
  AuditAction,
  AuditRecord,
  Confirmation,
  ConfirmOutcome,
  LibraryState,
  LibraryStore,
  Origin,
  Removal,
} from './store.js';

/** How long a write waits for another process's before failing. */
const BUSY_TIMEOUT_MS = 5000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS added (
  id TEXT PRIMARY KEY,
  checksum TEXT NOT NULL UNIQUE,
  meta TEXT NOT NULL,
  text TEXT NOT NULL,
  origin TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS removed (
  id TEXT PRIMARY KEY,
  removed_by TEXT NOT NULL,
  removed_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS edited (
  id TEXT PRIMARY KEY,
  meta TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS confirmed (
  id TEXT PRIMARY KEY,
  question TEXT NOT NULL,
  passage_id TEXT NOT NULL,
  confirmed_by TEXT NOT NULL,
  confirmed_at INTEGER NOT NULL,
  seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
  revision INTEGER PRIMARY KEY AUTOINCREMENT,
  action TEXT NOT NULL,
  source_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  detail TEXT NOT NULL,
  origin TEXT
);
`;

/** What a row holds as JSON, read back with a schema: a file edited by hand is refused by name, not trusted. */
const actorSchema = z.object({ id: z.string(), name: z.string() });
const originSchema = z.object({ kind: z.enum(['attachment', 'url', 'file']), ref: z.string() });
const metaSchema: z.ZodType<SourceMeta> = sourceMetaSchema;

function parse<T>(schema: z.ZodType<T>, json: string, what: string): T {
  const parsed = schema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`the library store holds a malformed ${what}: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
  return parsed.data;
}

/** A synchronous call as a promise: its result, or its throw as a rejection (better-sqlite3 is synchronous). */
function settled<T>(run: () => T): Promise<T> {
  return new Promise((resolve) => resolve(run()));
}

export class SqliteLibraryStore implements LibraryStore {
  readonly where: string;
  readonly #db: Database.Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.where = join(dataDir, LIBRARY_FILE);
    this.#db = new Database(this.where, { timeout: BUSY_TIMEOUT_MS });
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(SCHEMA);
  }

  #record(action: AuditAction, sourceId: string, actor: Actor, at: number, detail: string, origin?: Origin): number {
    const info = this.#db
      .prepare('INSERT INTO audit (action, source_id, actor, at, detail, origin) VALUES (?, ?, ?, ?, ?, ?)')
      .run(action, sourceId, JSON.stringify(actor), at, detail, origin ? JSON.stringify(origin) : null);
    return Number(info.lastInsertRowid);
  }

  revision(): Promise<number> {
    return settled(() => {
      const row = this.#db.prepare('SELECT COALESCE(MAX(revision), 0) AS revision FROM audit').get() as { revision: number };
      return row.revision;
    });
  }

  state(): Promise<LibraryState> {
    return settled(() => {
      const read = this.#db.transaction((): LibraryState => {
        const { revision } = this.#db.prepare('SELECT COALESCE(MAX(revision), 0) AS revision FROM audit').get() as { revision: number };
        const removedRows = this.#db.prepare('SELECT id, removed_by, removed_at FROM removed').all() as Array<{
          id: string;
          removed_by: string;
          removed_at: number;
        }>;
        const removed = new Map<string, Removal>(
          removedRows.map((r) => [r.id, { by: parse(actorSchema, r.removed_by, 'actor'), at: r.removed_at }]),
        );
        const editedRows = this.#db.prepare('SELECT id, meta FROM edited').all() as Array<{ id: string; meta: string }>;
        const edited = new Map(editedRows.map((r) => [r.id, parse(metaSchema, r.meta, 'source record')]));
        const rows = this.#db.prepare('SELECT * FROM added ORDER BY seq').all() as Array<{
          checksum: string;
          meta: string;
          text: string;
          origin: string;
          added_by: string;
          added_at: number;
        }>;
        const added = rows.map((r) => ({
          meta: parse(metaSchema, r.meta, 'source record'),
          text: r.text,
          checksum: r.checksum,
          origin: parse(originSchema, r.origin, 'origin'),
          addedBy: parse(actorSchema, r.added_by, 'actor'),
          addedAt: r.added_at,
        }));
        const confirmedRows = this.#db.prepare('SELECT * FROM confirmed ORDER BY seq').all() as Array<{
          id: string;
          question: string;
          passage_id: string;
          confirmed_by: string;
          confirmed_at: number;
        }>;
        const confirmed = confirmedRows.map((r) => ({
          id: r.id,
          question: r.question,
          passageId: r.passage_id,
          by: parse(actorSchema, r.confirmed_by, 'actor'),
          at: r.confirmed_at,
        }));
        return { revision, added, removed, edited, confirmed };
      });
      return read.deferred();
    });
  }

  add(source: AddedSource): Promise<AddOutcome> {
    return settled(() => {
      const run = this.#db.transaction((): AddOutcome => {
        const sameId = this.#db.prepare('SELECT id FROM added WHERE id = ?').get(source.meta.id) as { id: string } | undefined;
        if (sameId) return { ok: false, problem: 'same-id', existing: sameId.id };
        const sameText = this.#db.prepare('SELECT id FROM added WHERE checksum = ?').get(source.checksum) as { id: string } | undefined;
        if (sameText) return { ok: false, problem: 'same-text', existing: sameText.id };
        const revision = this.#record('add', source.meta.id, source.addedBy, source.addedAt, source.checksum, source.origin);
        this.#db
          .prepare('INSERT INTO added (id, checksum, meta, text, origin, added_by, added_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(
            source.meta.id,
            source.checksum,
            JSON.stringify(source.meta),
            source.text,
            JSON.stringify(source.origin),
            JSON.stringify(source.addedBy),
            source.addedAt,
            revision,
          );
        return { ok: true, revision };
      });
      return run.immediate();
    });
  }

  remove(id: string, by: Actor, at: number): Promise<boolean> {
    return settled(() => {
      const run = this.#db.transaction((): boolean => {
        if (this.#db.prepare('SELECT id FROM removed WHERE id = ?').get(id)) return false;
        this.#record('remove', id, by, at, '');
        this.#db.prepare('INSERT INTO removed (id, removed_by, removed_at) VALUES (?, ?, ?)').run(id, JSON.stringify(by), at);
        return true;
      });
      return run.immediate();
    });
  }

  edit(id: string, meta: SourceMeta, by: Actor, at: number, what: string): Promise<void> {
    return settled(() => {
      const run = this.#db.transaction((): void => {
        this.#record('edit', id, by, at, what);
        this.#db
          .prepare('INSERT INTO edited (id, meta) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET meta = excluded.meta')
          .run(id, JSON.stringify(meta));
      });
      run.immediate();
    });
  }

  confirm(c: Confirmation): Promise<ConfirmOutcome> {
    return settled(() => {
      const run = this.#db.transaction((): ConfirmOutcome => {
        if (this.#db.prepare('SELECT id FROM confirmed WHERE id = ?').get(c.id)) return { ok: false, problem: 'already' };
        const revision = this.#record('confirm', c.passageId, c.by, c.at, c.question);
        this.#db
          .prepare('INSERT INTO confirmed (id, question, passage_id, confirmed_by, confirmed_at, seq) VALUES (?, ?, ?, ?, ?, ?)')
          .run(c.id, c.question, c.passageId, JSON.stringify(c.by), c.at, revision);
        return { ok: true, revision };
      });
      return run.immediate();
    });
  }

  unconfirm(id: string, by: Actor, at: number): Promise<boolean> {
    return settled(() => {
      const run = this.#db.transaction((): boolean => {
        const row = this.#db.prepare('SELECT question, passage_id FROM confirmed WHERE id = ?').get(id) as
          { question: string; passage_id: string } | undefined;
        if (!row) return false;
        this.#record('unconfirm', row.passage_id, by, at, row.question);
        this.#db.prepare('DELETE FROM confirmed WHERE id = ?').run(id);
        return true;
      });
      return run.immediate();
    });
  }

  audit(limit: number): Promise<AuditRecord[]> {
    return settled(() => {
      const rows = this.#db.prepare('SELECT * FROM audit ORDER BY revision DESC LIMIT ?').all(limit) as Array<{
        revision: number;
        action: AuditAction;
        source_id: string;
        actor: string;
        at: number;
        detail: string;
        origin: string | null;
      }>;
      return rows.map((r) => ({
        revision: r.revision,
        action: r.action,
        sourceId: r.source_id,
        actor: parse(actorSchema, r.actor, 'actor'),
        at: r.at,
        detail: r.detail,
        ...(r.origin ? { origin: parse(originSchema, r.origin, 'origin') } : {}),
      }));
    });
  }

  close(): Promise<void> {
    return settled(() => {
      this.#db.close();
    });
  }
}
