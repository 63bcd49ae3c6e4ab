/**
 * What the library keeps beyond the seeds folder: the articles moderators added, the sources they removed (a seed
 * file is never deleted, only hidden), and the audit of who did what. One interface, two homes: SQLite under
 * DATA_DIR on one machine (`sqlite-store.ts`), Redis when several instances share one library
 * (`redis-library.ts`). Every change moves the library's `revision` on, which is how instances notice it.
 */
import { createHash } from 'node:crypto';
import type { SourceMeta } from '../core/types.js';

/** Who acted: a Discord user (id and name) or an operator at the terminal. */
export interface Actor {
  id: string;
  name: string;
}

/** Where an added article came from. */
export interface Origin {
  kind: 'attachment' | 'url' | 'file';
  /** The file's name, or the page's address. */
  ref: string;
}

export interface AddedSource {
  meta: SourceMeta;
  /** The article as cleaned text, as a seed file would hold it. */
  text: string;
  /** sha256 of `text` (`contentHash`): the same article twice is refused. */
  checksum: string;
  origin: Origin;
  addedBy: Actor;
  /** Milliseconds since the epoch. */
  addedAt: number;
}

export interface Removal {
  by: Actor;
  at: number;
}

/**
 * A moderator's word that a passage answers a question: the question's wording is indexed with the passage
 * (`Passage.askedAs`), so a later question worded alike finds it. Its id is the same for the same question and
 * passage, so confirming twice is one confirmation.
 */
export interface Confirmation {
  id: string;
  /** The question as it was asked (mentions removed, at most MAX_QUERY_CHARS). */
  question: string;
  passageId: string;
  by: Actor;
  at: number;
}

export type ConfirmOutcome = { ok: true; revision: number } | { ok: false; problem: 'already' };

export type AuditAction = 'add' | 'remove' | 'edit' | 'confirm' | 'unconfirm';

export interface AuditRecord {
  /** The revision this change made. */
  revision: number;
  action: AuditAction;
  /** The source changed; for a confirmation, the passage confirmed. */
  sourceId: string;
  actor: Actor;
  at: number;
  /** The article's checksum (add), what changed (edit), or the question (confirm, unconfirm). */
  detail: string;
  origin?: Origin;
}

/** The library's state beyond the seeds, at one revision. */
export interface LibraryState {
  revision: number;
  /** Added articles still in the library, in the order they were added. */
  added: AddedSource[];
  /** Sources hidden from answers and pages, seeds and added alike, by id. */
  removed: ReadonlyMap<string, Removal>;
  /** Corrected details of sources (seeds included), by id. */
  edited: ReadonlyMap<string, SourceMeta>;
  /** Questions moderators confirmed passages answer, in the order they were confirmed. */
  confirmed: Confirmation[];
}

export type AddOutcome = { ok: true; revision: number } | { ok: false; problem: 'same-id' | 'same-text'; existing: string };

export interface LibraryStore {
  /** Where it is kept, for the log and the operator. */
  readonly where: string;
  state(): Promise<LibraryState>;
  /** The current revision, cheaply (polled to notice changes made by other processes). */
  revision(): Promise<number>;
  /** Add an article, unless one with its id or its checksum is already there (removed ones included: restore, do not re-add). */
  add(source: AddedSource): Promise<AddOutcome>;
  /** Hide a source; false when it is already hidden. */
  remove(id: string, by: Actor, at: number): Promise<boolean>;
  /** Correct a source's details. */
  edit(id: string, meta: SourceMeta, by: Actor, at: number, what: string): Promise<void>;
  /** Confirm that a passage answers a question; refused when that very confirmation is already there. */
  confirm(confirmation: Confirmation): Promise<ConfirmOutcome>;
  /** Withdraw a confirmation; false when there is none with that id. */
  unconfirm(id: string, by: Actor, at: number): Promise<boolean>;
  /** The latest changes, newest first. */
  audit(limit: number): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

/** The state of a library nothing was ever added to. */
export const EMPTY_STATE: LibraryState = { revision: 0, added: [], removed: new Map(), edited: new Map(), confirmed: [] };

/** A confirmation's id: the same question (spacing and case aside) and passage give the same id. */
export function confirmationId(question: string, passageId: string): string {
  return createHash('sha256')
    .update(`${passageId}\n${question.replace(/\s+/g, ' ').trim().toLowerCase()}`)
    .digest('hex')
    .slice(0, 16);
}
