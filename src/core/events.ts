/**
 * Dated events: every sentence of every source that reports something with a date, resolved against the
 * article's own date and the dates the narrative mentioned before it (`dates.ts`). The same event told by
 * two sources (same date, similar wording) becomes one event with both citations.
 */
import { terms } from './analyze.js';
import { citationFor } from './citation.js';
import { MONTHS } from './dates/calendar.js';
import { findDates, isTimelineEvent, nextContext, type DateContext, type ResolvedDate } from './dates/index.js';
import { sentenceSpans } from './passages.js';
import type { Citation, DateDerivation, DatePrecision, IsoDate, Passage, Source } from './types.js';

/** Event text is the sentence, or the clause carrying the date when the sentence is long or has several. */
export const MIN_EVENT_CHARS = 20;
export const MAX_EVENT_CHARS = 400;
/** Two events on the same date merge when this share of the smaller one's words are shared (and at least two). */
export const MERGE_OVERLAP = 0.4;

/** Where an event is told: the sentence in its first citation's passage, and the date in the sentence. */
export interface EventPlace {
  passageId: string;
  /** The sentence's offset in the passage text. */
  sentence: number;
  /** The date phrase's offset in the sentence. */
  date: number;
}

export interface TimelineEvent {
  /** Stable: depends only on the article. */
  at: EventPlace;
  date: IsoDate;
  end?: IsoDate;
  precision: DatePrecision;
  derivation: DateDerivation;
  /** The sentence (or clause) that tells the event. */
  text: string;
  /** The words that carried the date ("last month", "March 10"). */
  phrase: string;
  citations: Citation[];
  /** Set when the date contradicts its context (kept as written, shown with a warning). */
  flagged?: string;
}

/** Clause boundaries: semicolons and ", while/but/whereas/although" joins. */
const CLAUSE_BREAK = /;\s|,\s(?=(?:while|but|whereas|although)\s)/g;
/** A parenthetical set off by a pair of dashes: " — … — ". */
const DASH_PAIR = /\s[—–]\s[^—–]+?\s[—–]\s/g;

/** Words kept before a dash aside, back to the start of its clause: what the aside is about. */
const ASIDE_LEAD_WORDS = 8;

function trimEdges(text: string): string {
  return text.trim().replace(/^[,;—–\s]+|[,;—–\s]+$/g, '');
}

function sentenceCase(text: string): string {
  const t = trimEdges(text);
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** `text[from, to)` as the article's own words, with "…" where the sentence goes on before or after. */
function excerptOf(text: string, from: number, to: number): string {
  if (from <= 0) return limit(sentenceCase(text.slice(0, to)) + (to < text.length ? ' …' : ''));
  return limit(`… ${trimEdges(text.slice(from, to))}${to < text.length ? ' …' : ''}`);
}

function limit(text: string): string {
  return text.length > MAX_EVENT_CHARS ? `${text.slice(0, MAX_EVENT_CHARS - 1).replace(/\s+\S*$/, '')}…` : text;
}

/**
 * The part of `sentence` that tells the event dated at `index`: the whole sentence when it is short and has
 * one date; otherwise the dash aside holding the date with the words it is about ("… retake Crimea —
 * illegally annexed … in 2014 …"), or the sentence without its asides, narrowed to the clause holding the
 * date when that is still too long. Words left out are marked "…".
 */
function clauseAround(sentence: string, index: number, several: boolean): string {
  if (!several && sentence.length <= MAX_EVENT_CHARS) return sentence;
  let at = index;
  for (const m of sentence.matchAll(DASH_PAIR)) {
    if (index < m.index || index >= m.index + m[0].length) continue;
    const before = sentence.slice(0, m.index);
    const clause = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':')) + 1;
    const words = [...before.slice(clause).matchAll(/\S+/g)].slice(-ASIDE_LEAD_WORDS);
    const from = words.length > 0 ? clause + (words[0]?.index ?? 0) : m.index;
    return excerptOf(sentence, from, m.index + m[0].trimEnd().length - 1);
  }
  // Drop the asides, keeping track of where the date went.
  let text = '';
  let from = 0;
  for (const m of sentence.matchAll(DASH_PAIR)) {
    text += `${sentence.slice(from, m.index)} … `;
    if (index >= m.index + m[0].length) at -= m[0].length - 3;
    from = m.index + m[0].length;
  }
  text += sentence.slice(from);
  if (text.length <= MAX_EVENT_CHARS && !several) return sentenceCase(text);
  const cuts: number[] = [0];
  for (const m of text.matchAll(CLAUSE_BREAK)) cuts.push(m.index, m.index + m[0].length);
  cuts.push(text.length);
  const clauses: Array<[number, number]> = [];
  for (let i = 0; i + 1 < cuts.length; i += 2) clauses.push([cuts[i] as number, cuts[i + 1] as number]);
  const k = clauses.findIndex(([s, e]) => at >= s && at < e);
  if (k < 0 || clauses.length === 1) return limit(sentenceCase(text));
  let [s, e] = clauses[k] as [number, number];
  let left = k;
  let right = k;
  // A short clause reads better with its neighbours.
  while (e - s < 60 && (left > 0 || right < clauses.length - 1)) {
    if (left > 0) s = (clauses[--left] as [number, number])[0];
    else e = (clauses[++right] as [number, number])[1];
  }
  return excerptOf(text, s, e);
}

function anchorOf(source: Source): DateContext['anchor'] {
  const d = source.meta.date;
  return d ? { value: d.value, precision: d.precision } : null;
}

/** Events of one source, in reading order. */
export function sourceEvents(source: Source, passages: readonly Passage[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  let ctx: DateContext = { anchor: anchorOf(source), last: null };
  for (const passage of passages) {
    const citation = citationFor(source, passage);
    for (const [start, end] of sentenceSpans(passage)) {
      const sentence = passage.text.slice(start, end).replace(/\s+/g, ' ');
      const found = findDates(sentence, ctx);
      ctx = nextContext(ctx, found);
      const kept = found.filter(isTimelineEvent);
      const texts = new Set<string>();
      for (const d of kept) {
        const event = toEvent(d, sentence, kept.length > 1, citation, { passageId: passage.id, sentence: start, date: d.index });
        // Two dates in one clause ("declared last month … since June"): the first is the event.
        if (texts.has(event.text)) continue;
        texts.add(event.text);
        events.push(event);
      }
    }
  }
  return events.filter((e) => e.text.length >= MIN_EVENT_CHARS);
}

function toEvent(d: ResolvedDate, sentence: string, several: boolean, citation: Citation, at: EventPlace): TimelineEvent {
  return {
    at,
    date: d.date,
    ...(d.end ? { end: d.end } : {}),
    precision: d.precision,
    derivation: d.derivation,
    text: clauseAround(sentence, d.index, several),
    phrase: d.phrase,
    citations: [citation],
    ...(d.flagged ? { flagged: d.flagged } : {}),
  };
}

function contentTerms(text: string): Set<string> {
  // Numbers and month names say when, not what: leave them out of "similar wording".
  return new Set(terms(text).filter((t) => !/^\d/.test(t) && !MONTH_TERMS.has(t)));
}

const MONTH_TERMS = new Set(terms(MONTHS.join(' ')));

/** Same date and similar wording: the same event told twice. */
export function sameEvent(a: TimelineEvent, b: TimelineEvent): boolean {
  if (a.date !== b.date || a.end !== b.end) return false;
  const x = contentTerms(a.text);
  const y = contentTerms(b.text);
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared >= 2 && shared / Math.min(x.size, y.size) >= MERGE_OVERLAP;
}

/**
 * Date order: by date, then less precise before more precise within the same period ("2022" before
 * "2022-03" before "2022-03-10": the string order of ISO prefixes), then by end, then library order.
 */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const ea = a.end ?? a.date;
  const eb = b.end ?? b.date;
  if (ea !== eb) return ea < eb ? -1 : 1;
  return 0;
}

/** Every event of the library, merged across sources and sorted by date. */
export function buildEvents(sources: readonly Source[], passagesOf: (s: Source) => readonly Passage[]): TimelineEvent[] {
  const merged: TimelineEvent[] = [];
  for (const source of sources) {
    for (const event of sourceEvents(source, passagesOf(source))) {
      const twin = merged.find((m) => m.citations[0]?.sourceId !== source.meta.id && sameEvent(m, event));
      if (twin) twin.citations.push(...event.citations);
      else merged.push(event);
    }
  }
  // Array.prototype.sort is stable, so equal dates keep library order.
  return merged.sort(compareEvents);
}

const MONTH_NAMES = MONTHS.map((m) => m.toLowerCase());

/** The words that say when an event happened: "march 2022", or "2014 2015" for a range of years. */
export function dateWords(e: Pick<TimelineEvent, 'date' | 'end' | 'precision'>): string {
  const words = new Set<string>();
  const [y0, m0] = e.date.split('-').map(Number);
  const [y1, m1] = (e.end ?? e.date).split('-').map(Number);
  if (y0 === undefined || y1 === undefined || Number.isNaN(y0)) return '';
  for (let y = y0; y <= y1 && y - y0 < 12; y++) words.add(String(y));
  if (e.precision !== 'year' && m0 !== undefined && m1 !== undefined && y0 === y1) {
    for (let m = m0; m <= m1 && m - m0 < 12; m++) words.add(MONTH_NAMES[m - 1] ?? '');
  }
  return [...words].filter(Boolean).join(' ');
}
