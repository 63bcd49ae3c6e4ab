/**
 * What moderators and operators do to the library, one code path for Discord's `/library` and the terminal's
 * `talks library`: read a draft into a preview (nothing stored), add it, remove a source, correct its details,
 * list the library with where each source came from. Each change goes to the store with who made it; the
 * corpus answering follows the store's revision (`live.ts`).
 */
import type { Corpus } from '../core/corpus.js';
import { sourceEvents } from '../core/events.js';
import { fold } from '../core/analyze.js';
import { SOURCE_ID } from '../core/manifest.js';
import { buildPassages } from '../core/passages.js';
import { buildSource } from '../core/source.js';
import { parseDateArg } from '../core/timeline.js';
import type { SourceDate, SourceMeta } from '../core/types.js';
import { toSourceDate } from '../core/article-date.js';
import type { Draft } from './ingest/index.js';
import type { Actor, AddOutcome, LibraryState, LibraryStore, Origin } from './store.js';

/** What a moderator may correct before adding (Edit details), or after (`/library edit`). */
export interface Details {
  title?: string;
  /** Comma-separated names. */
  authors?: string;
  outlet?: string;
  /** A date as people type it: 2026, 2026-02, 2026-02-14, "14 February 2026". */
  date?: string;
  url?: string;
}

export const DETAIL_LIMITS = { title: 200, authors: 300, outlet: 100, date: 30, url: 500 } as const;

/** A draft shown for review: the record it would be added as, what it would give, and what to look at. */
export interface Preview {
  meta: SourceMeta;
  /** How the date was found: dateline, URL, meta tag, inferred, or given by the moderator. */
  dateHow: string | null;
  paragraphs: number;
  passages: number;
  events: number;
  firstPassage: string;
  warnings: string[];
  checksum: string;
}

/** Why a draft or a change cannot go in: one line for the person who asked. */
export class LibraryRefusal extends Error {}

/** A readable id from a title and a year: "Prisoner exchange agreed in Valletta" (2026) → `prisoner-exchange-agreed-valletta-2026`. */
export function idFor(title: string, year: string | null, taken: (id: string) => boolean): string {
  const words = fold(title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 2 && !['the', 'and', 'for', 'with', 'from', 'into', 'over', 'after'].includes(w))
    .slice(0, 5);
  const base = [...(words.length > 0 ? words : ['article']), ...(year ? [year] : [])].join('-').slice(0, 60).replace(/-+$/, '');
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  if (!SOURCE_ID.test(id)) throw new LibraryRefusal(`cannot make an id from the title “${title}”`);
  return id;
}

function dateOf(value: string, by: string): SourceDate {
  const iso = parseDateArg(value);
  if (!iso) throw new LibraryRefusal(`“${value}” is not a date I can read; try 2026, 2026-02, 2026-02-14 or 14 February 2026`);
  const precision = iso.length === 4 ? 'year' : iso.length === 7 ? 'month' : 'day';
  return { value: iso, precision, derivation: 'explicit', evidence: [`given by ${by}`] };
}

/** Details as a moderator typed them, checked: over-long fields and unreadable dates are refused by name. */
export function applyDetails(meta: SourceMeta, details: Details, by: string): SourceMeta {
  for (const [field, max] of Object.entries(DETAIL_LIMITS)) {
    const value = details[field as keyof Details];
    if (value !== undefined && value.length > max) throw new LibraryRefusal(`the ${field} is over ${max} characters`);
  }
  const url = details.url?.trim();
  if (url && !/^https?:\/\/\S+$/i.test(url)) throw new LibraryRefusal(`the URL must start with http:// or https:// (got “${url}”)`);
  const title = details.title?.trim();
  const outlet = details.outlet?.trim();
  const date = details.date?.trim();
  return {
    ...meta,
    ...(title ? { title, titleFrom: 'article' as const } : {}),
    ...(details.authors !== undefined
      ? {
          authors: details.authors
            .split(/\s*,\s*|\s+and\s+/)
            .map((a) => a.trim())
            .filter(Boolean),
        }
      : {}),
    ...(outlet !== undefined ? { publication: outlet || null } : {}),
    ...(date ? { date: dateOf(date, by) } : {}),
    ...(url !== undefined ? { url: url || null } : {}),
  };
}

/** The words of a paragraph, folded: two copies of an article share their paragraphs word for word. */
function paragraphKeys(text: string): Set<string> {
  return new Set(
    text
      .split(/\n\s*\n/)
      .map((p) => fold(p).toLowerCase().replace(/\W+/g, ' ').trim())
      .filter((p) => p.length >= 80),
  );
}

/**
 * The draft as the library would hold it, with its counts and every warning: nothing stored. Refused when it gives
 * no body text, or is the same text as an article already added.
 */
export function previewDraft(draft: Draft, corpus: Corpus, state: LibraryState, details: Details = {}, by = 'the moderator'): Preview {
  const warnings = [...draft.warnings];
  const taken = (id: string): boolean => corpus.index.sources.has(id) || state.added.some((a) => a.meta.id === id);
  const title = draft.title ?? 'Untitled article';
  if (!draft.title) warnings.push('no title found: give one with Edit details');
  let meta: SourceMeta = {
    id: idFor(details.title ?? title, (details.date ? parseDateArg(details.date) : draft.date?.value)?.slice(0, 4) ?? null, taken),
    file: '',
    title,
    titleFrom: 'article',
    authors: draft.authors,
    publication: draft.outlet,
    date: draft.date ? toSourceDate(draft.date) : null,
    url: draft.url,
    notes: [],
  };
  meta = applyDetails({ ...meta, file: `${meta.id}.txt` }, details, by);
  const dateHow = details.date ? `given by ${by}` : (draft.date?.how ?? null);
  if (!meta.date) warnings.push('no date found: answers will cite it as undated; give one with Edit details');
  const same = state.added.find((a) => a.checksum === draft.checksum);
  if (same) throw new LibraryRefusal(`this is the same text as “${same.meta.title}” (${same.meta.id}), added already`);
  // Near-duplicates: the same title, or most paragraphs word for word, as a source already there.
  const keys = paragraphKeys(draft.text);
  const folded = fold(meta.title).toLowerCase();
  for (const s of corpus.index.sources.values()) {
    if (fold(s.meta.title).toLowerCase() === folded)
      warnings.push(`same title as ${s.meta.id} (“${s.meta.title}”): is it the same article?`);
    else if (keys.size > 0) {
      const theirs = paragraphKeys(s.text);
      const shared = [...keys].filter((k) => theirs.has(k)).length;
      if (shared / keys.size >= 0.5)
        warnings.push(`${Math.round((100 * shared) / keys.size)}% of its paragraphs are in ${s.meta.id}: a near-duplicate?`);
    }
  }
  const source = buildSource(meta, draft.text);
  if (source.paragraphs.length === 0) throw new LibraryRefusal('no body text left after cleaning: is it an article?');
  const passages = buildPassages(source);
  const { events } = sourceEvents(source, passages);
  return {
    meta,
    dateHow,
    paragraphs: source.paragraphs.length,
    passages: passages.length,
    events: events.length,
    firstPassage: passages[0]?.text ?? '',
    warnings,
    checksum: draft.checksum,
  };
}

/** Add a previewed draft. Refused when its id or its text is in the library already (the store checks, atomically). */
export async function addDraft(
  store: LibraryStore,
  draft: Draft,
  preview: Preview,
  origin: Origin,
  actor: Actor,
  now: number,
): Promise<AddOutcome> {
  return store.add({ meta: preview.meta, text: draft.text, checksum: draft.checksum, origin, addedBy: actor, addedAt: now });
}

/** Where a source came from, for `/library list`. */
export interface Listed {
  meta: SourceMeta;
  origin: { kind: 'seed' } | { kind: 'added'; by: Actor; at: number; from: Origin };
  passages: number;
}

export function listLibrary(corpus: Corpus, state: LibraryState): Listed[] {
  const added = new Map(state.added.map((a) => [a.meta.id, a]));
  const passages = new Map<string, number>();
  for (const p of corpus.index.passages.values()) passages.set(p.sourceId, (passages.get(p.sourceId) ?? 0) + 1);
  return [...corpus.index.sources.values()].map((s) => {
    const a = added.get(s.meta.id);
    return {
      meta: s.meta,
      origin: a ? { kind: 'added' as const, by: a.addedBy, at: a.addedAt, from: a.origin } : { kind: 'seed' as const },
      passages: passages.get(s.meta.id) ?? 0,
    };
  });
}

/** Hide a source from answers and pages (a seed file stays on disk). */
export async function removeSource(store: LibraryStore, corpus: Corpus, id: string, actor: Actor, now: number): Promise<SourceMeta> {
  const source = corpus.index.sources.get(id);
  if (!source) throw new LibraryRefusal(`there is no source “${id}” in the library`);
  if (!(await store.remove(id, actor, now))) throw new LibraryRefusal(`“${id}” was removed already`);
  return source.meta;
}

/** Correct a source's details; the fields changed are recorded with who changed them. */
export async function editSource(
  store: LibraryStore,
  corpus: Corpus,
  id: string,
  details: Details,
  actor: Actor,
  now: number,
): Promise<SourceMeta> {
  const source = corpus.index.sources.get(id);
  if (!source) throw new LibraryRefusal(`there is no source “${id}” in the library`);
  const meta = applyDetails(source.meta, details, actor.name);
  const changed = (Object.keys(details) as Array<keyof Details>).filter((k) => details[k] !== undefined);
  if (changed.length === 0) throw new LibraryRefusal('nothing to change: give a title, authors, outlet, date or URL');
  await store.edit(id, meta, actor, now, changed.join(', '));
  return meta;
}
