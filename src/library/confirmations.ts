/**
 * Confirming the passage that answers a question, one code path for Discord (`/library confirm`, Confirm passage,
 * the report) and the terminal (`talks library confirm`): the question cleaned as a search cleans it, the passage
 * checked against the library answering now, the confirmation stored with its audit record. The rebuild that
 * indexes it is the caller's to start (`LibraryDesk.refresh`; a terminal change is noticed by every bot's poll).
 */
import type { Corpus } from '../core/corpus.js';
import { cleanQuery } from '../core/query.js';
import type { Passage } from '../core/types.js';
import { confirmationId, type Actor, type Confirmation, type LibraryStore } from './store.js';
import { LibraryRefusal } from './manage.js';

/** A question as it will be indexed: mentions and links gone, cleaned as a search is. */
export function confirmedQuestion(raw: string): string {
  const cleaned = cleanQuery(raw);
  if (!cleaned.ok) throw new LibraryRefusal(`that question cannot be confirmed: ${cleaned.message}`);
  return cleaned.text;
}

export type ConfirmResult = { confirmed: Confirmation; passage: Passage; already: boolean };

export async function confirmPassage(
  store: LibraryStore,
  corpus: Corpus,
  rawQuestion: string,
  passageId: string,
  by: Actor,
  at: number,
): Promise<ConfirmResult> {
  const question = confirmedQuestion(rawQuestion);
  const passage = corpus.index.passages.get(passageId);
  if (!passage) throw new LibraryRefusal(`there is no passage “${passageId.slice(0, 100)}” in the library`);
  const confirmed: Confirmation = { id: confirmationId(question, passage.id), question, passageId: passage.id, by, at };
  const outcome = await store.confirm(confirmed);
  return { confirmed, passage, already: !outcome.ok };
}

/** Withdraw a confirmation by its id; refused when there is none. */
export async function withdrawConfirmation(store: LibraryStore, id: string, by: Actor, at: number): Promise<Confirmation> {
  const found = (await store.state()).confirmed.find((c) => c.id === id);
  if (!found || !(await store.unconfirm(found.id, by, at))) throw new LibraryRefusal(`there is no confirmation “${id.slice(0, 100)}”`);
  return found;
}
