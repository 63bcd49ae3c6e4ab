/**
 * The head of an article: the lines before its prose that say who wrote it and when — "By Jane Doe",
 * "Published 14 February 2026", a bare date under the headline — and a wire dateline opening the first
 * paragraph ("GENEVA, 14 February 2026 (Wire) — …"). Lines that only carry a date are taken out of the text
 * (the date is kept as metadata, with the line as evidence); the dateline stays, as it is part of the sentence.
 * One rule for an article added from Discord and a seed file the manifest does not list.
 */
import { dateInPhrase, type DraftDate } from './article-date.js';

export interface HeaderScan {
  /** Indices of lines that were only a date: taken out of the text. */
  drop: Set<number>;
  /** Lines rewritten: a byline with a date in it keeps its names only ("By Jane Doe | 14 Feb 2026" → "By Jane Doe"). */
  replace: Map<number, string>;
  /** Indices of byline lines ("By …"). */
  bylines: Set<number>;
  authors: string[];
  /** Dates found, best first: publication dates in reading order (date line, byline, dateline), then "Updated …" ones. */
  dates: DraftDate[];
  /** The agency a dateline names: "(Wire)". */
  agency: string | null;
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

/**
 * The names of a byline ("By Jane Doe and Arno Vidal, Northwire"), or null when the line only starts with "By"
 * ("By the end of 2025, talks had stalled."): every word a name's (capitalised, or a particle like "van").
 */
function bylineNames(line: string): string | null {
  const names = line
    .replace(/^by\s+/i, '')
    .replace(/\s+(?:in|from|at)\s+\p{Lu}[\p{L}\s.'’-]*$/u, '') // "… in Geneva"
    .trim();
  const words = names.split(/[\s,;&]+/).filter(Boolean);
  if (words.length === 0 || words.length > 16 || /[.!?]$/.test(names.replace(/\b\p{Lu}\.$/u, ''))) return null;
  return words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || PARTICLES.has(w.toLowerCase())) ? names : null;
}

/**
 * A line that is a date and nothing else of substance: "Published 14 February 2026", "Updated: Feb 14, 2026,
 * 09:30 GMT", or a bare full date. A bare month or year ("March 2025") is more likely a section heading.
 */
function dateOnlyLine(line: string): { date: ReturnType<typeof dateInPhrase>; updated: boolean } | null {
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
  return { date, updated: /updated|modified/i.test(label?.[1] ?? '') };
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
  const scan: HeaderScan = { drop: new Set(), replace: new Map(), bylines: new Set(), authors: [], dates: [], agency: null };
  const published: DraftDate[] = [];
  const updated: DraftDate[] = [];
  let seen = 0;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    if (++seen > HEAD_LINES) break;
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
      const found: DraftDate = { value: only.date.value, precision: only.date.precision, how: 'dateline', evidence: `“${line}”` };
      (only.updated ? updated : published).push(found);
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
