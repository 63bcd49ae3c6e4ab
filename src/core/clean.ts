/**
 * Cleaning: raw article text (a web copy) → title, byline, section headings and body paragraphs.
 *
 * The seed files come from different web copies, so cleaning works by general rules, never by file:
 * - white space and invisible characters are normalised;
 * - a copy with one sentence per line has its broken lines repaired ("U." / "S." → "U.S.") and its headings,
 *   glued to the sentence after them, split off;
 * - bylines, read-time lines, photo captions, credits, reader prompts and bibliographies are kept as
 *   metadata (`Boilerplate`), never as searchable body text;
 * - every other sentence of the file ends up in exactly one body paragraph (tests check that nothing is lost).
 */
import { isBylineLine, looksLikeName, scanHeader } from './article-head.js';
import { MONTHS } from './dates/calendar.js';
import { sentenceRanges } from './sentences.js';
import type { Boilerplate } from './types.js';

/** A cleaned article, before it is given its manifest entry. */
export interface CleanedText {
  title: string | null;
  byline: Byline;
  /** Headings and body paragraphs in reading order. */
  blocks: Block[];
  boilerplate: Boilerplate[];
  /** How the copy was laid out: one paragraph per line/block, or one sentence per line. */
  layout: 'paragraphs' | 'sentence-per-line';
}

interface Byline {
  authors: string[];
  /** The date as printed ("Jun 18"); interpreting it is the manifest's job. */
  date: string | null;
  readTime: string | null;
}

type Block = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string };

/** Thrown for input that is not an article at all (binary, empty). */
export class UnreadableTextError extends Error {}

/** Short words that stay lowercase in Title Case headings. */
const SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'nor',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'with',
  'by',
  'from',
  'as',
  'vs',
  'per',
  'via',
  'into',
  'over',
  'under',
  'toward',
  'towards',
  'about',
  'is',
  'it',
  'its',
  'than',
  'up',
]);

/** A month's name or any abbreviation of it ("Sept."). */
const MONTH = `(?:${MONTHS.map((m) => m.slice(0, 3)).join('|')})[a-z]*\\.?`;
const BYLINE_DATE = new RegExp(`^(?:${MONTH}\\s+\\d{1,2}(?:,?\\s+\\d{4})?|\\d{1,2}\\s+${MONTH}(?:\\s+\\d{4})?|\\d{4}-\\d{2}-\\d{2})$`, 'i');
const READ_TIME = /^\d+\s*(?:min|mins|minute|minutes)\.?\s+read$/i;
const PHOTO_CREDIT = /\((?:[^()]*\/[^()]*|[^()]*\b(?:Getty Images|Reuters|AFP|AP Photo|Shutterstock|EPA|Photo|Image)\b[^()]*)\)\s*$/;
const CREDIT =
  /^\(?\s*(?:co-authored|originally published|this article (?:was|is) (?:originally )?(?:published|republished)|republished|reprinted)/i;
const READER_PROMPT = /^(?:share your|tell us|let us know|leave a comment|what do you think|subscribe|sign up for|follow us)/i;

/** Normalise white space and strip invisible characters, line by line. */
export function normalizeText(raw: string): string {
  return (
    raw
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[\u00A0\u2007\u202F\u2000-\u200A]/g, ' ')
      .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\t/g, ' ')
      .split('\n')
      .map((line) => line.replace(/ {2,}/g, ' ').trim())
      .join('\n')
  );
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function bareWord(token: string): string {
  return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** True when most content words start with a capital (or digit): "Reluctance at the Top". */
function isTitleCase(text: string): boolean {
  const content = words(text)
    .map(bareWord)
    .filter((w, i) => w && (i === 0 || !SMALL_WORDS.has(w.toLowerCase())));
  if (content.length === 0) return false;
  const capped = content.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length;
  return capped / content.length >= 0.75;
}

function endsLikeSentence(text: string): boolean {
  return /[.!?…]["”’)\]]*$/.test(text);
}

/** A head's line past this length is its prose: the head ends there. */
const HEAD_PROSE_CHARS = 200;
/** The head ends at its first prose: a long line, or a sentence of some length. */
function isHeadProse(text: string): boolean {
  return text.length > HEAD_PROSE_CHARS || (endsLikeSentence(text) && words(text).length >= 12);
}

/** A signature stands among an article's last lines. */
const SIGN_OFF_LINES = 3;

/**
 * A line of who wrote it, in the head: names, roles and institutes, in Title Case, two or more of them side by side
 * ("Ilse Marwood, Senior Fellow, Baltic Institute for Negotiation Studies, Tallinn"); a section heading is one.
 */
function isCreditLine(labelled: string): boolean {
  // "Hosts: Anna Kessler (Berlin), Marko Lis (Kyiv)", "Guest: Dr Ada Ross, Vienna Policy Forum", "Authors:".
  const label = CREDIT_LABEL.exec(labelled);
  const text = label ? labelled.slice(label[0].length) : labelled;
  if (label && text.trim() === '') return true;
  if (endsLikeSentence(text) || text.length > 160) return false;
  const named = text.replace(/\([^()]*\)/g, '');
  if (label && looksLikeName(named.trim())) return true;
  const parts = named
    .replace(/\*\*|__/g, '')
    .split(/\s*[,|·•]\s*/)
    .filter((p) => p.trim());
  if (parts.length === 1 && !/\s(?:and|&)\s/.test(parts[0] ?? '')) return false;
  const names = parts.flatMap((p) => p.split(/\s+(?:and|&)\s+/));
  return names.length >= 2 && names.every((p) => isTitleCase(p) && !/^\d|:/.test(p));
}

/** A head line's label for who made it: "Hosts:", "Guest:", "Authors:", "Edited by:". */
const CREDIT_LABEL =
  /^(?:(?:co-)?authors?|hosts?|guests?|presenters?|editors?|interviewers?|panel(?:lists)?|(?:written|edited|produced|reported) by)\s*:\s*/i;

/** A Markdown heading ("## Why it stalled"): a heading whatever its case, read without its marks. */
const ATX_HEADING = /^#{1,6}\s+(?=\S)/;

/** A speaker's turn in a transcript: a label in capitals, then what was said ("HOST: What happens next?"). */
const SPEAKER_TURN = /^\p{Lu}[\p{Lu}\s.'’-]{0,30}:\s+.*\p{Ll}/u;

/** A standalone line that reads as a section heading. */
export function isHeading(text: string): boolean {
  const n = words(text).length;
  if (n === 0 || n > 12 || text.length > 90) return false;
  if (/[.,;:]["”’]?$/.test(text)) return false;
  if (/^[-•*]\s/.test(text)) return false;
  if (SPEAKER_TURN.test(text)) return false;
  // A table's row ("Date | Development | Note") heads its columns, not a section.
  if ((text.match(/\s\|\s/g)?.length ?? 0) >= 2) return false;
  return isTitleCase(text) || (text.endsWith('?') && n <= 6);
}

/**
 * Web copies that flatten a page sometimes glue a heading to the sentence after it:
 * "Thesis Statement Despite intermittent…". Split such a line into heading and sentence.
 */
export function splitGluedHeading(line: string): [string, string] | null {
  const tokens = words(line);
  let run = 0;
  for (const token of tokens) {
    const bare = bareWord(token);
    const small = SMALL_WORDS.has(bare.toLowerCase()) && !/^\p{Lu}/u.test(bare);
    if (!bare || /^\p{N}/u.test(bare) || /,$/.test(token)) break;
    if (!/^\p{Lu}/u.test(bare) && !small) break;
    run++;
  }
  if (run < 3 || run === tokens.length) return null;
  let cut = -1;
  for (let j = 2; j < run; j++) {
    const prev = tokens[j - 1] ?? '';
    if (/^(?:The|A|An)$/.test(tokens[j] ?? '') && !/:$/.test(prev) && !SMALL_WORDS.has(prev.toLowerCase())) {
      cut = j;
      break;
    }
    if (/[?!]$/.test(prev)) {
      cut = j;
      break;
    }
  }
  if (cut < 0) cut = run - 1;
  if (cut < 2) return null;
  const heading = tokens.slice(0, cut).join(' ');
  const sentence = tokens.slice(cut).join(' ');
  if (SMALL_WORDS.has((tokens[cut - 1] ?? '').toLowerCase())) return null;
  if (!isTitleCase(heading) || words(heading).length > 12 || !endsLikeSentence(sentence)) return null;
  return [heading, sentence];
}

/** Join lines a web copy broke in the middle of a sentence or abbreviation. */
function repairLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    if (prev !== undefined && line !== '' && prev !== '') {
      // "(e." + "g." → "(e.g." ; "U." + "S." → "U.S." ; "e.g." + ", Kofman" → "e.g., Kofman"
      const abbreviationPiece = /(?:^|[\s(])\p{L}\.$/u.test(prev) && /^\p{L}\.(?:\s|,|$)/u.test(line);
      if (abbreviationPiece || /^[,.;:)\]]/.test(line)) {
        out[out.length - 1] = prev + line;
        continue;
      }
      // A line that stops mid-sentence (or on "U.S."), then one that starts in lower case: one sentence.
      if (/^\p{Ll}/u.test(line) && !/^[-•*]\s/.test(line) && !endsLikeSentence(prev.replace(/(?:\p{L}\.){2,}$/u, 'x'))) {
        out[out.length - 1] = `${prev} ${line}`;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

/** Bibliography entries broken over several lines ("- BBC." / "(2022)."): continuations join their bullet. */
function joinListContinuations(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    const continues =
      prev !== undefined &&
      /^[-•*]\s/.test(prev) &&
      line !== '' &&
      !/^[-•*]\s/.test(line) &&
      line.length <= 80 &&
      (/^\(\d{4}[a-z]?\)\.?$/.test(line) || /\(\d{4}[a-z]?\)\.$/.test(prev));
    if (continues) out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out;
}

function isSentencePerLine(lines: string[]): boolean {
  const long = lines.filter((l) => l.length > 40);
  if (long.length < 8) return false;
  const multi = long.filter((l) => sentenceRanges(l).length >= 2).length;
  return multi / long.length < 0.15;
}

/** A list item's text without its bullet. */
function unbulleted(text: string): string {
  return text.replace(/^[-•*]\s+/, '');
}

function isCitationEntry(text: string): boolean {
  return /^[-•*]\s/.test(text) && /\(\d{4}[a-z]?\)|\b\d{4}\b/.test(text);
}

/** A heading over a paper's sources: "References", "6. Bibliography", "Notes". */
const REFERENCES_HEADING = /^(?:\d+\.?\s+)?(?:references|bibliography|sources|works cited|notes|endnotes)$/i;

/**
 * An entry of such a list, with its year: a bullet, a note number ("[6] Joint verification cell, …, 2 April 2026"),
 * or an author-year reference ("Kovalenko, O. (2024). The Istanbul Drafts Revisited. …").
 */
function isReferenceEntry(text: string): boolean {
  if (/^\[\d{1,3}\]\s/.test(text)) return true;
  if (!/\b(?:1[89]|20)\d\d\b/.test(text)) return false;
  // A bullet or a number, or an author and a year ("Lind, A. (2024).", "Baltic Marine Underwriters (2023-2025).").
  return /^(?:[-•*]\s|\d{1,3}\.\s)/.test(text) || /^\p{Lu}[^()]{1,80}?\s\((?:1[89]|20)\d\d(?:[-–]\d{2,4})?[a-z]?\)\./u.test(text);
}

/** Clean one article's raw text. Throws `UnreadableTextError` when there is no text to read. */
export function cleanText(raw: string): CleanedText {
  if (raw.includes('\u0000') || (raw.match(/\uFFFD/g)?.length ?? 0) > Math.max(3, raw.length / 100)) {
    throw new UnreadableTextError('not a text file (binary or wrongly encoded content)');
  }
  const normalized = normalizeText(raw);
  if (!/\p{L}/u.test(normalized)) throw new UnreadableTextError('no text in the file');

  const rawLines = normalized.split('\n');
  const nonEmpty = rawLines.filter(Boolean);
  const layout = isSentencePerLine(repairLines(nonEmpty)) ? 'sentence-per-line' : 'paragraphs';
  const lines = joinListContinuations(repairLines(rawLines));

  // Units: one per line, remembering which lines stood alone (followed by a blank line).
  interface Unit {
    text: string;
    blankAfter: boolean;
  }
  const units: Unit[] = [];
  for (const [i, line] of lines.entries()) {
    if (!line) continue;
    units.push({ text: line, blankAfter: lines[i + 1] === '' || i === lines.length - 1 });
  }

  const boilerplate: Boilerplate[] = [];
  const byline: Byline = { authors: [], date: null, readTime: null };
  let title: string | null = null;
  let k = 0;

  // The head's lines that say who wrote it and when, wherever they stand in it ("By …" under a standfirst, a
  // masthead "The Meridian Review | Vienna, 16 March 2026", a line of authors and their institutes): never a
  // headline or a section heading (one rule with an upload's head: `scanHeader`).
  const scan = scanHeader(
    units.map((u) => u.text),
    new Set(units.flatMap((u, i) => (ATX_HEADING.test(u.text) ? [i] : []))),
  );
  const prose = units.findIndex((u) => isHeadProse(u.text));
  const headEnd = prose < 0 ? scan.end : Math.min(scan.end, prose);
  const credits = new Set<number>();
  for (const [i, unit] of units.entries()) {
    if (i >= headEnd) break;
    const dated = scan.drop.has(i) && !scan.bare.has(i);
    if (dated || scan.replace.has(i) || scan.bylines.has(i) || (i > 0 && isCreditLine(unit.text))) credits.add(i);
  }
  byline.authors.push(...scan.authors);
  while (credits.has(k)) {
    boilerplate.push({ kind: 'byline', text: units[k]?.text ?? '' });
    k++;
  }

  // Headline: a short first line that stands alone, is in Title Case, or has a byline under it.
  const first = units[k];
  const second = units[k + 1];
  if (first && words(first.text).length <= 25 && first.text.length <= 160) {
    const bylineNext = second !== undefined && (/^[-•*]\s|^by\s/i.test(second.text) || credits.has(k + 1));
    if (first.blankAfter || bylineNext || (isTitleCase(first.text) && !endsLikeSentence(first.text))) {
      title = first.text;
      k++;
    }
  }
  // Byline: short bullet lines or a "By …" line right under the headline.
  while (title !== null && k < units.length) {
    const text = units[k]?.text ?? '';
    const item = unbulleted(text);
    if (credits.has(k)) {
      boilerplate.push({ kind: 'byline', text });
      k++;
      continue;
    }
    if (!(/^[-•*]\s/.test(text) || /^by\s/i.test(text)) || item.length > 60) break;
    if (READ_TIME.test(item)) byline.readTime = item;
    else if (BYLINE_DATE.test(item)) byline.date = item;
    else
      byline.authors.push(
        ...item
          .replace(/^by\s+/i, '')
          .split(/\s*(?:,|\band\b|&)\s*/)
          .filter(Boolean),
      );
    boilerplate.push({ kind: 'byline', text: item });
    k++;
  }

  // Bibliography: the trailing run of citation-like bullet entries.
  let end = units.length;
  while (end > k && isCitationEntry(units[end - 1]?.text ?? '')) end--;
  const references = units.slice(end).map((u) => unbulleted(u.text));
  // …and the entries under a heading naming them, wherever the list ends (a disclaimer may follow it).
  const listed = new Set<number>();
  for (let heading = k; heading < end - 1; heading++) {
    if (!REFERENCES_HEADING.test(units[heading]?.text ?? '') || !isReferenceEntry(units[heading + 1]?.text ?? '')) continue;
    listed.add(heading);
    for (let i = heading + 1; i < end && isReferenceEntry(units[i]?.text ?? ''); i++) listed.add(i);
  }

  // A letter or column signed at its foot: the author's name, and the place under it.
  const authors = new Set(byline.authors.map((a) => a.toLowerCase()));
  const signed = units.findIndex((u, i) => i >= Math.max(k, end - SIGN_OFF_LINES) && i < end && authors.has(u.text.toLowerCase()));
  const signOff =
    signed >= 0 && units.slice(signed + 1, end).every((u) => looksLikeName(u.text) && words(u.text).length <= 4)
      ? units.slice(signed, end)
      : [];
  end -= signOff.length;

  const blocks: Block[] = [];
  const body = units.slice(k, end);
  for (const [i, unit] of body.entries()) {
    const text = unit.text;
    const isLast = i === body.length - 1;
    // A byline under a standfirst is one, wherever it stands; as a heading it would claim every paragraph after it.
    if (credits.has(k + i) || (isBylineLine(text) && !isLast)) {
      boilerplate.push({ kind: 'byline', text });
      continue;
    }
    if (listed.has(k + i)) {
      boilerplate.push({ kind: 'reference', text: unbulleted(text) });
      continue;
    }
    if (PHOTO_CREDIT.test(text) && text.length <= 400 && sentenceRanges(text).length <= 3) {
      boilerplate.push({ kind: 'caption', text });
      continue;
    }
    if (CREDIT.test(text)) {
      boilerplate.push({ kind: 'credit', text });
      continue;
    }
    const oneQuestion = text.endsWith('?') && sentenceRanges(text).length === 1;
    if (READER_PROMPT.test(text) || (oneQuestion && i >= body.length - 2 && /\byour?s?\b/i.test(text))) {
      boilerplate.push({ kind: 'reader-prompt', text });
      continue;
    }
    if (ATX_HEADING.test(text) && !isLast) {
      blocks.push({ kind: 'heading', text: text.replace(ATX_HEADING, '') });
      continue;
    }
    if (!isLast && isHeading(text)) {
      blocks.push({ kind: 'heading', text });
      continue;
    }
    if (layout === 'sentence-per-line') {
      const glued = splitGluedHeading(text);
      if (glued) {
        blocks.push({ kind: 'heading', text: glued[0] });
        blocks.push({ kind: 'paragraph', text: glued[1] });
        continue;
      }
    }
    blocks.push({ kind: 'paragraph', text });
  }

  // A headline glued to the first sentence, right under a short first line: that line was a site header.
  if (title !== null && layout === 'sentence-per-line' && blocks[0]?.kind === 'heading' && k === 1) {
    boilerplate.push({ kind: 'site-header', text: title });
    title = blocks.shift()?.text ?? title;
  }
  title &&= title.replace(ATX_HEADING, '');
  if (title !== null) boilerplate.unshift({ kind: 'title', text: title });
  for (const unit of signOff) boilerplate.push({ kind: 'byline', text: unit.text });
  for (const text of references) boilerplate.push({ kind: 'reference', text });

  // One sentence per line: the sentences of a section make one paragraph.
  const merged: Block[] = [];
  for (const block of blocks) {
    const prev = merged.at(-1);
    if (layout === 'sentence-per-line' && block.kind === 'paragraph' && prev?.kind === 'paragraph') {
      prev.text = `${prev.text} ${block.text}`;
    } else {
      merged.push({ ...block });
    }
  }
  return { title, byline, blocks: merged, boilerplate, layout };
}
