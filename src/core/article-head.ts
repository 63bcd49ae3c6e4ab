/**
 * The head of an article: the lines before its prose that say who wrote it and when — "By Jane Doe",
 * "Published 14 February 2026", a bare date under the headline — and a wire dateline opening the first
 * paragraph ("GENEVA, 14 February 2026 (Wire) — …"). Lines that only carry a date are taken out of the text
 * (the date is kept as metadata, with the line as evidence); the dateline stays, as it is part of the sentence.
 * One rule for an article added from Discord and a seed file the manifest does not list.
 */
import { dateInPhrase, type DraftDate, type FoundDate } from './article-date.js';
import { findDates } from './dates/index.js';

export interface HeaderScan {
  /** Indices of lines that were only a date: taken out of the text. */
  drop: Set<number>;
  /** Lines rewritten: a byline with a date in it keeps its names only ("By Jane Doe | 14 Feb 2026" → "By Jane Doe"). */
  replace: Map<number, string>;
  /** Indices of byline lines ("By …"). */
  bylines: Set<number>;
  /** Of the lines taken out, those that are a bare date ("14 February 2026"): in a text, a heading as often. */
  bare: Set<number>;
  authors: string[];
  /** Dates found, best first: publication dates in reading order (date line, byline, dateline), then "Updated …" ones. */
  dates: DraftDate[];
  /** The agency a dateline names: "(Wire)". */
  agency: string | null;
  /** The index of the first line past the head (its last line read, plus one). */
  end: number;
}

/** How far down the head goes: this many non-empty lines, and never past the first long paragraph. */
const HEAD_LINES = 8;
const PROSE_CHARS = 200;

const LABEL =
  /^(?:(?:first|originally)\s+)?(published|posted|dated?|issued|released|updated|last\s+updated|modified)\b(?:\s+on)?\s*[:\-–—]?\s*/i;
const BYLINE = /^by\s+\S/i;
const SEPARATORS = /^[\s,;|·•/\-–—:]+|[\s,;|·•/\-–—:]+(?:on|at)?\s*$/gi;

/** Authors from a byline's names, split as the core's cleaning splits them. */
export function splitAuthors(names: string): string[] {
  return names
    .replace(/^by\s+/i, '')
    .split(/\s*(?:,|;|\band\b|&)\s*/)
    .map((n) => n.trim())
    .filter((n) => n.length > 1 && n.length <= 60 && !/^https?:/i.test(n));
}

const PARTICLES = new Set(['de', 'da', 'di', 'du', 'der', 'den', 'van', 'von', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'y', 'and']);

/** A person's or an outlet's name: a few words, each capitalised or a particle ("Ludwig van Beethoven"). */
export function looksLikeName(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  return (
    words.length > 0 &&
    words.length <= 6 &&
    !/[!?]$|[^\p{Lu}]\.$/u.test(name) &&
    words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || PARTICLES.has(w.toLowerCase()))
  );
}

/** An author's role after the name, in a few lower-case words: "diplomatic editor", "maritime risk analyst". */
const ROLE = /^\p{Ll}+(?:\s\p{Ll}+){0,4}$/u;

/** A line without the Markdown emphasis around it or in it ("*By **Jane Doe***"). */
function withoutEmphasis(line: string): string {
  return line
    .replace(/^[*_]+|[*_]+$/g, '')
    .replace(/\*\*|__/g, '')
    .trim();
}

/**
 * The names of a byline ("By Jane Doe and Arno Vidal, Northwire"), or null when the line only starts with "By"
 * ("By the end of 2025, talks had stalled."): every word a name's (capitalised, or a particle like "van").
 */
function bylineNames(line: string): string | null {
  const names = line
    .replace(/\*\*|__/g, '')
    .replace(/^by\s+/i, '')
    .replace(/\s+(?:in|from|at)\s+\p{Lu}[\p{L}\s.'’-]*$/u, '') // "… in Geneva"
    .trim();
  // After the names, the author's role in a few lower-case words, then perhaps the outlet: "By Jane Doe, diplomatic
  // editor, Northwire" names Jane Doe.
  const parts = names.split(/\s*,\s*/);
  const role = parts.findIndex((p, i) => i > 0 && ROLE.test(p));
  const kept = (role < 0 ? parts : parts.slice(0, role)).join(', ');
  const words = kept.split(/[\s,;&]+/).filter(Boolean);
  if (words.length === 0 || words.length > 16 || /[.!?]$/.test(kept.replace(/\b\p{Lu}\.$/u, ''))) return null;
  return words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || PARTICLES.has(w.toLowerCase())) ? kept : null;
}

/** A line that is a byline and nothing else: "By Jane Doe", "By Jane Doe, diplomatic editor, Northwire". */
export function isBylineLine(line: string): boolean {
  return BYLINE.test(line.replace(/^[*_]+/, '')) && line.length <= 120 && bylineNames(withoutEmphasis(line)) !== null;
}

/**
 * A line that is a date and nothing else of substance: "Published 14 February 2026", "Updated: Feb 14, 2026,
 * 09:30 GMT", or a bare full date. A bare month or year ("March 2025") is more likely a section heading.
 */
function dateOnlyLine(line: string): { date: ReturnType<typeof dateInPhrase>; updated: boolean; bare: boolean } | null {
  if (line.length > 80) return null;
  const label = LABEL.exec(line);
  const rest = label ? line.slice(label[0].length) : line;
  const date = dateInPhrase(rest);
  if (!date || (!label && date.precision !== 'day')) return null;
  // What is left beside the date must be furniture (a time, a zone, punctuation), not words of a sentence.
  const left = rest
    .replace(date.phrase, '')
    .replace(/\b\d{1,2}[:.]\d{2}\b|\b(?:am|pm|gmt|utc|bst|cet|cest|est|edt|pst|pdt|at|on)\b|[\s,;|·•()\-–—:.]/gi, '');
  if (left.length > 3) return null;
  // A date with a label or a time ("October 3, 2025, 4:12 PM GMT") is a timestamp; a bare one may head a section.
  const bare = label === null && !/\d[:.]\d{2}/.test(rest) && rest.replace(/[\s,;|·•()\-–—:.]+$/, '').trim() === date.phrase;
  return { date, updated: /updated|modified/i.test(label?.[1] ?? ''), bare };
}

/** Where a masthead's parts meet: "The Meridian Review | Vienna, 16 March 2026", "Opinion · The Harbour Review". */
const MASTHEAD_PARTS = /\s*(?:[|·•,]|\s(?:—|–|--|-)\s)\s*/;
const PRECISION_RANK = { day: 3, month: 2, year: 1 } as const;

/**
 * A masthead line: a publication date, to the day or to the month beside a name, among nothing but names — the
 * outlet, a place, a weekday, a section ("Opinion"), a series ("Working Paper No. 14") — and perhaps a byline's
 * "by …" (its names are the authors): "The Meridian Review | Vienna, 16 March 2026", "Posted on 20 March 2026 by
 * Ilinca Dobrescu · Straits & Ports (a maritime blog)". Emphasis marks around it are not words.
 */
function mastheadLine(raw: string): { date: FoundDate; authors: string[] } | null {
  const line = withoutEmphasis(raw);
  if (line.length > 160) return null;
  const label = LABEL.exec(line);
  const rest = label ? line.slice(label[0].length) : line;
  // The most precise date written out in full ("Working Paper 2026/03, April 2026": April, not 2026).
  const found = findDates(rest, { anchor: null, last: null })
    .filter((d) => d.derivation === 'explicit' && !d.slip)
    .sort((a, b) => PRECISION_RANK[b.precision] - PRECISION_RANK[a.precision])[0];
  if (!found || found.precision === 'year') return null;
  const date: FoundDate = { value: found.date, precision: found.precision, phrase: found.phrase };
  // Parts set apart by a masthead's own marks ("|", "·") need not be names: "Issue #112", "April 2026 issue".
  const marked = line.split(/\s*[|·]\s*/);
  if (marked.length >= 2 && marked.every((p) => p.split(/\s+/).length <= 8 && !/[.!?]$/.test(p))) {
    // "Posted on 20 March 2026 by Ilinca Dobrescu · Straits & Ports": a "by …" may close any part.
    const by = marked.map((p) => /(?:^|\s)by\s+(.+)$/i.exec(p)?.[1]).find((names) => names && bylineNames(names) !== null);
    const names = by ? bylineNames(by) : null;
    return { date, authors: names ? splitAuthors(names) : [] };
  }
  const parts = rest
    .replace(found.phrase, ' | ')
    .split(/\s+(?=by\s)/i)
    .flatMap((p) => p.split(MASTHEAD_PARTS))
    .map((p) => p.replace(/\([^()]*\)/g, '').trim())
    .filter(Boolean);
  const authors: string[] = [];
  let named = false;
  for (const raw of parts) {
    // "— posted 11 March 2026 on Chokepoint Notes": the label and the "on" are the masthead's words, not a name's.
    const part = raw
      .replace(LABEL, '')
      .replace(/^on\s+/i, '')
      .trim();
    const by = BYLINE.test(part) ? bylineNames(part) : null;
    if (by !== null) authors.push(...splitAuthors(by));
    else if (looksLikeName(part.replace(/\s&\s/g, ' and '))) named = true;
    // The author's role, in a few lower-case words, after the name ("By Ana Lima, maritime risk analyst").
    else if (!(authors.length > 0 && ROLE.test(part)) && part !== '') return null;
  }
  if (found.precision === 'month' && !named) return null;
  return { date, authors };
}

/**
 * A wire dateline opening a paragraph: a place in capitals, maybe a date, maybe an agency in brackets, then a
 * dash. Returns what it holds, or null.
 */
function dateline(paragraph: string): { text: string; date: ReturnType<typeof dateInPhrase>; agency: string | null } | null {
  const dash = /\s(?:—|–|--|-)\s/.exec(paragraph.slice(0, 90));
  if (!dash) return null;
  const prefix = paragraph.slice(0, dash.index).trim();
  const date = dateInPhrase(prefix);
  const startsWithPlace = /^\p{Lu}[\p{Lu}'’.-]+(?:[\s/]\p{Lu}[\p{Lu}'’.-]+)*\b/u.test(prefix);
  if (!startsWithPlace && !(date && prefix.replace(SEPARATORS, '').trim() === date.phrase)) return null;
  const agency = /\(([^()]{2,40})\)\s*$/.exec(prefix)?.[1]?.trim() ?? null;
  if (!date && !agency) return null;
  return { text: `${paragraph.slice(0, dash.index + dash[0].length).trim()}`, date, agency };
}

/** Scan the head of an article given as lines (blank lines allowed); `headings` are never metadata lines. */
export function scanHeader(lines: readonly string[], headings: ReadonlySet<number> = new Set()): HeaderScan {
  const scan: HeaderScan = {
    drop: new Set(),
    replace: new Map(),
    bylines: new Set(),
    bare: new Set(),
    authors: [],
    dates: [],
    agency: null,
    end: 0,
  };
  const published: DraftDate[] = [];
  const updated: DraftDate[] = [];
  let seen = 0;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    if (++seen > HEAD_LINES) break;
    scan.end = i + 1;
    if (headings.has(i)) continue;
    if (BYLINE.test(line) && line.length <= 120) {
      const date = dateInPhrase(line);
      const at = date ? line.indexOf(date.phrase) : -1;
      const withoutDate = date ? (line.slice(0, at) + line.slice(at + date.phrase.length)).replace(SEPARATORS, '').trim() : line;
      const names = bylineNames(withoutDate);
      if (names !== null) {
        scan.bylines.add(i);
        if (date) {
          scan.replace.set(i, withoutDate);
          published.push({ value: date.value, precision: date.precision, how: 'dateline', evidence: `byline “${line}”` });
        }
        scan.authors.push(...splitAuthors(names));
        continue;
      }
    }
    const only = dateOnlyLine(line);
    if (only?.date) {
      scan.drop.add(i);
      if (only.bare) scan.bare.add(i);
      const found: DraftDate = { value: only.date.value, precision: only.date.precision, how: 'dateline', evidence: `“${line}”` };
      (only.updated ? updated : published).push(found);
      continue;
    }
    // A masthead leaves the text as a date line does; a byline in it stays, as its names.
    const masthead = mastheadLine(line);
    if (masthead) {
      if (masthead.authors.length > 0) {
        scan.bylines.add(i);
        scan.replace.set(i, `By ${masthead.authors.join(' and ')}`);
        scan.authors.push(...masthead.authors);
      } else scan.drop.add(i);
      published.push({ value: masthead.date.value, precision: masthead.date.precision, how: 'dateline', evidence: `masthead “${line}”` });
      continue;
    }
    if (line.length >= 60) {
      const dl = dateline(line);
      if (dl) {
        scan.agency = dl.agency;
        if (dl.date)
          published.push({ value: dl.date.value, precision: dl.date.precision, how: 'dateline', evidence: `dateline “${dl.text}”` });
      }
    }
    if (line.length > PROSE_CHARS) break;
  }
  scan.dates = [...published, ...updated];
  return scan;
}

/** A plain text's lines without the head's metadata lines: a line that only held a date out, a byline's date cut off. */
export function readTextHead(lines: readonly string[]): { lines: string[]; scan: HeaderScan } {
  const scan = scanHeader(lines);
  return { lines: lines.flatMap((line, i) => (scan.drop.has(i) ? [] : [scan.replace.get(i) ?? line])), scan };
}
