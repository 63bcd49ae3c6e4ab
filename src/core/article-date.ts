/**
 * The date an article speaks from, and how it was found: its dateline or "Published …" line, the page's
 * metadata, its URL, or — failing those — inferred from the latest date its text mentions. One rule for an
 * article added from Discord (the ingest) and a seed file the manifest does not list (`core/library.ts`). Dates
 * in prose are read by the core's date reader (`core/dates`), so "14 February 2026", "Feb 14, 2026" and
 * "2026-02-14" all work.
 */
import { compareIso } from './dates/calendar.js';
import { findDates, isTimelineEvent } from './dates/index.js';
import type { CleanedText } from './clean.js';
import type { DatePrecision, IsoDate, SourceDate } from './types.js';

type DateHow = 'dateline' | 'url' | 'meta' | 'inferred';

export interface DraftDate {
  value: IsoDate;
  precision: DatePrecision;
  how: DateHow;
  /** What fixed it, quoted: `dateline “GENEVA, 14 February 2026 (Wire) —”`, `meta article:published_time “2026-02-14T09:30Z”`. */
  evidence: string;
}

export interface FoundDate {
  value: IsoDate;
  precision: DatePrecision;
  /** The words that said it. */
  phrase: string;
}

function precisionOfValue(value: string): DatePrecision {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

function validDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A plausible publication date from numbers: years 1900–2100, real months and days. */
function fromParts(y: number, m?: number, d?: number): IsoDate | null {
  if (y < 1900 || y > 2100) return null;
  if (m === undefined) return String(y);
  if (m < 1 || m > 12) return null;
  if (d === undefined) return `${y}-${pad(m)}`;
  return validDay(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** The first date written out in full (with its year) in `text`, or null. */
export function dateInPhrase(text: string): FoundDate | null {
  const found = findDates(text, { anchor: null, last: null }).find((d) => d.derivation === 'explicit' && !d.slip);
  return found ? { value: found.date, precision: found.precision, phrase: found.phrase } : null;
}

/**
 * A machine-written date (a meta tag, JSON-LD, `<time datetime>`): ISO 8601 or close to it, taken as written
 * (the publisher's own calendar day, not converted to UTC); anything else is read as prose.
 */
export function dateFromMachineValue(raw: string): FoundDate | null {
  const value = raw.trim();
  const iso = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?=$|[T\s])/.exec(value);
  if (iso) {
    const y = Number(iso[1]);
    const m = iso[2] === undefined ? undefined : Number(iso[2]);
    const d = iso[3] === undefined ? undefined : Number(iso[3]);
    const date = fromParts(y, m, d);
    return date ? { value: date, precision: precisionOfValue(date), phrase: value } : null;
  }
  return value.length <= 60 ? dateInPhrase(value) : null;
}

/** A date in a URL's path: /2026/02/14/, /2026/02/, or 2026-02-14 in a slug. */
export function dateFromUrl(url: string | undefined | null): DraftDate | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const patterns: [RegExp, boolean][] = [
    [/(?:^|\/)(\d{4})\/(\d{1,2})\/(\d{1,2})(?=\/|$|[-_.])/, true],
    [/(?:^|[/_-])(\d{4})-(\d{2})-(\d{2})(?=$|[/_.-])/, true],
    [/(?:^|\/)(\d{4})\/(\d{1,2})(?=\/|$)/, false],
  ];
  for (const [re, hasDay] of patterns) {
    const m = re.exec(path);
    if (!m) continue;
    const value = fromParts(Number(m[1]), Number(m[2]), hasDay ? Number(m[3]) : undefined);
    if (value) return { value, precision: precisionOfValue(value), how: 'url', evidence: `the URL path “${path}”` };
  }
  return null;
}

const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;
const YEAR_TEST = /\b(?:1[89]\d\d|20\d\d)\b/;
/** Sentences read per candidate year: the date reader is the slow part (about a millisecond a sentence). */
const SENTENCES_PER_YEAR = 200;
/** And in all: years that only ever appear as citations ("(BBC, 2023)") must not make the search long. */
const SENTENCES_READ = 600;

/**
 * With nothing better: the latest date the text reports (written with its year, not future or hypothetical,
 * not after `now`), at month precision at most. An article speaks from on or after the last thing it reports.
 * Only sentences that hold a year are read, latest year first, so a long article costs little.
 */
export function inferredDate(paragraphs: readonly string[], now: Date): DraftDate | null {
  const today = now.toISOString().slice(0, 10);
  const byYear = new Map<number, string[]>();
  for (const paragraph of paragraphs) {
    if (!YEAR_TEST.test(paragraph)) continue;
    // A plain split at sentence ends, not the core's segmenter: that one is quadratic in a paragraph's length.
    for (const sentence of paragraph.split(/(?<=[.!?…]["”’)\]]?)\s+(?=["“‘([]?[\p{Lu}\p{N}])/u)) {
      for (const y of new Set(Array.from(sentence.matchAll(YEAR), (m) => Number(m[1])))) {
        if (String(y) > today.slice(0, 4)) continue;
        const list = byYear.get(y) ?? [];
        if (list.length < SENTENCES_PER_YEAR) list.push(sentence);
        byYear.set(y, list);
      }
    }
  }
  let budget = SENTENCES_READ;
  for (const year of [...byYear.keys()].sort((a, b) => b - a)) {
    let best: { value: IsoDate; phrase: string } | null = null;
    for (const sentence of byYear.get(year) ?? []) {
      if (budget-- <= 0) return null;
      for (const d of findDates(sentence, { anchor: null, last: null })) {
        if (d.derivation !== 'explicit' || !isTimelineEvent(d) || d.slip) continue;
        const point = (d.end ?? d.date).slice(0, 7);
        if (!point.startsWith(String(year)) || point > today.slice(0, point.length)) continue;
        if (!best || point > best.value) best = { value: point, phrase: d.phrase };
      }
    }
    if (best) {
      return {
        value: best.value,
        precision: precisionOfValue(best.value),
        how: 'inferred',
        evidence: `the latest date the text mentions: “${best.phrase}”`,
      };
    }
  }
  return null;
}

/** A byline's date as the cleaning reads it ("- 14 February 2026" under the headline); a bare year is too vague. */
function bylineDate(cleaned: CleanedText): DraftDate | null {
  if (!cleaned.byline.date) return null;
  const found = dateFromMachineValue(cleaned.byline.date);
  if (!found || found.precision === 'year') return null;
  return { value: found.value, precision: found.precision, how: 'dateline', evidence: `byline “${cleaned.byline.date}”` };
}

/**
 * The date an article speaks from: what it states about itself (`stated`, best first: a page's metadata, then its
 * head's date line, byline date or dateline, `scanHeader`), else the byline the cleaning read, else a date in its
 * URL, else — given today — the latest date its text reports.
 */
export function articleDate(
  stated: readonly DraftDate[],
  cleaned: CleanedText,
  more: { url?: DraftDate | null; paragraphs?: readonly string[]; now?: Date } = {},
): DraftDate | null {
  return stated[0] ?? bylineDate(cleaned) ?? more.url ?? (more.now && more.paragraphs ? inferredDate(more.paragraphs, more.now) : null);
}

/** True when two dates cannot both be right: they differ at the coarser of their precisions. */
export function datesDisagree(a: IsoDate, b: IsoDate): boolean {
  return compareIso(a, b) !== 0;
}

/** The manifest's shape for a draft's date: found in the text, metadata or URL is explicit; inferred is not. */
export function toSourceDate(date: DraftDate): SourceDate {
  return {
    value: date.value,
    precision: date.precision,
    derivation: date.how === 'inferred' ? 'inferred' : 'explicit',
    evidence: [date.evidence],
  };
}
