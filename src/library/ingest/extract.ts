/**
 * From an upload's or a page's bytes to an article draft: its text in the seeds' layout (what `cleanText`
 * reads), and what could be found about it — title, authors, outlet, date and how the date was found — with a
 * warning for everything a moderator should look at before adding it. Pure apart from the clock (`now`, for
 * "not in the future"); nothing is stored here.
 */
import { cleanText, UnreadableTextError, type CleanedText } from '../../core/clean.js';
import { contentHash } from '../../core/source.js';
import { articleDate, dateFromMachineValue, dateFromUrl, datesDisagree, type DraftDate } from '../../core/article-date.js';
import { IngestError } from './errors.js';
import { looksLikeName, readTextHead, scanHeader, type HeaderScan } from '../../core/article-head.js';
import { readHtml } from './html.js';
import { readMarkdown } from './markdown.js';
import { collapse, tidy, wordCount, writeArticle, type Piece } from './pieces.js';
import { decodeInput, type ArticleFormat } from './sniff.js';

export interface ExtractInput {
  bytes: Uint8Array;
  /** The Content-Type header, or Discord's content_type for an attachment (parameters allowed). */
  contentType?: string;
  /** An attachment's file name: its extension decides the format when it names one. */
  fileName?: string;
  /** Where the bytes came from: a date in its path counts, and it is the draft's URL unless the page names a canonical one. */
  url?: string;
}

export interface ExtractOptions {
  /** Today, for telling reported dates from planned ones. Default: the clock. */
  now?: Date;
}

export interface Draft {
  /** The article as plain text in the seeds' layout: headline, byline, then headings and paragraphs a line each, blank lines between. */
  text: string;
  title: string | null;
  authors: string[];
  outlet: string | null;
  date: DraftDate | null;
  /**
   * One line each, for the preview: encoding, boilerplate removed, a short text, dates that disagree. (A missing
   * title or date shows as null.)
   */
  warnings: string[];
  /** `contentHash(text)`, as the core hashes a source: the same text is the same article. */
  checksum: string;
  format: ArticleFormat;
  /** The article's address: the page's canonical URL, else the URL it was fetched from; null for a file. */
  url: string | null;
}

/** Fewer words than this in the body: worth a second look (a paywall, a teaser, half a copy). */
const SHORT_ARTICLE_WORDS = 150;
/** A page's furniture removed beyond this many words is reported. */
const BOILERPLATE_REPORT_WORDS = 20;
/** A body that has no paragraph at least this long, ending like a sentence, is not an article. */
const PROSE_WORDS = 12;

/** Read an article's bytes into a draft. Throws `IngestError` for anything that is not an article. */
export function extractDraft(input: ExtractInput, options: ExtractOptions = {}): Draft {
  const now = options.now ?? new Date();
  const decoded = decodeInput(input);
  const warnings = [...decoded.warnings];
  const built =
    decoded.format === 'html'
      ? fromHtml(decoded.text, warnings)
      : decoded.format === 'markdown'
        ? fromMarkdown(decoded.text)
        : fromText(decoded.text);

  const cleaned = cleanOrRefuse(built.text);
  const paragraphs = cleaned.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
  if (decoded.format === 'html' && !paragraphs.some(isProse)) {
    throw new IngestError('no-article', 'the page has no article in it (only navigation, links or short fragments)');
  }
  if (paragraphs.length === 0) throw new IngestError('empty', 'the file has no body text (only a title, a byline or headings)');

  const title = built.title ?? usableTitle(cleaned.title);
  // The core takes any short "By …" line under the headline for a byline; only names count as authors.
  const authors = built.authors.length > 0 ? built.authors : cleaned.byline.authors.filter(looksLikeName);
  const url = built.canonical ?? input.url ?? null;
  const byUrl = dateFromUrl(input.url) ?? dateFromUrl(built.canonical);
  const date = articleDate(built.dates, cleaned, { url: byUrl, paragraphs, now });

  const words = paragraphs.reduce((n, p) => n + wordCount(p), 0);
  if (words < SHORT_ARTICLE_WORDS) warnings.push(`the article is short (${words} words); check that the whole text came through`);
  if (date && byUrl && date.how !== 'url' && datesDisagree(date.value, byUrl.value)) {
    warnings.push(
      `the dates disagree: the ${date.how === 'meta' ? 'page’s metadata' : date.how} says ${date.value}, its URL ${byUrl.value}`,
    );
  }
  return {
    text: built.text,
    title,
    authors,
    outlet: built.outlet,
    date,
    warnings,
    checksum: contentHash(built.text),
    format: decoded.format,
    url,
  };
}

interface Built {
  text: string;
  /** null: let `cleanText` say what the headline is. */
  title: string | null;
  authors: string[];
  outlet: string | null;
  dates: DraftDate[];
  canonical: string | null;
}

function cleanOrRefuse(text: string): CleanedText {
  try {
    return cleanText(text);
  } catch (err) {
    if (err instanceof UnreadableTextError) throw new IngestError('empty', `the file has no text in it (${err.message})`, { cause: err });
    throw err;
  }
}

function isProse(paragraph: string): boolean {
  return wordCount(paragraph) >= PROSE_WORDS && /[.!?…]["”’)\]]*$/.test(paragraph);
}

/** The core's headline rule can take a lone "By …" line for a headline; that is never one. */
function usableTitle(title: string | null): string | null {
  return title && !/^by\s/i.test(title) ? title : null;
}

/** "A", "A and B", "A, B and C". */
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** The core's cleaning reads a byline of up to 60 characters under the headline; longer, the names stay metadata. */
function bylineLine(authors: readonly string[]): string | null {
  const line = `By ${joinNames(authors)}`;
  return authors.length > 0 && line.length <= 60 ? line : null;
}

/** Blocks without the lines the header scan took as metadata. */
function withoutHeader(pieces: readonly Piece[], scan: HeaderScan): Piece[] {
  return pieces.filter((_, i) => !scan.drop.has(i) && !scan.bylines.has(i));
}

function headingsOf(pieces: readonly Piece[]): Set<number> {
  return new Set(pieces.flatMap((p, i) => (p.kind === 'heading' ? [i] : [])));
}

function sameText(a: string, b: string): boolean {
  return collapse(a).toLowerCase() === collapse(b).toLowerCase();
}

function fromHtml(html: string, warnings: string[]): Built {
  const page = readHtml(html);
  let pieces = page.pieces;
  const title = page.meta.title;
  // The headline again at the top of the content: it is written once, as the first line.
  const repeated = pieces.findIndex((p, i) => i < 3 && p.kind === 'heading' && title !== null && sameText(p.text, title));
  if (repeated >= 0) pieces = pieces.filter((_, i) => i !== repeated);
  const scan = scanHeader(
    pieces.map((p) => p.text),
    headingsOf(pieces),
  );
  pieces = withoutHeader(pieces, scan);

  const removed = page.pageWords - page.articleWords;
  if (removed >= BOILERPLATE_REPORT_WORDS) {
    const share = page.pageWords > 0 ? Math.round((100 * removed) / page.pageWords) : 0;
    warnings.push(
      `removed ${removed} words of navigation, links, comments and other page matter around the article (${share}% of the page)`,
    );
  }
  const authors = page.meta.authors.length > 0 ? page.meta.authors : scan.authors;
  return {
    text: writeArticle(title, bylineLine(authors), pieces),
    title,
    authors,
    outlet: page.meta.outlet ?? scan.agency,
    dates: [...page.meta.dates, ...scan.dates],
    canonical: page.meta.canonical,
  };
}

function fromMarkdown(source: string): Built {
  const { pieces: all, front } = readMarkdown(source);
  let pieces = all;
  let title = front.title ?? null;
  // "# Headline" at the top (after nothing but byline or date lines) is the headline.
  const top = pieces.findIndex((p) => p.kind === 'heading');
  const head = pieces[top];
  if (head && head.level === 1 && top < 3 && pieces.slice(0, top).every((p) => p.text.length <= 80)) {
    if (title === null || sameText(title, head.text)) {
      title = head.text;
      pieces = pieces.filter((_, i) => i !== top);
    }
  }
  const scan = scanHeader(
    pieces.map((p) => p.text),
    headingsOf(pieces),
  );
  // Without a headline, a byline moved to the top would be read as one: leave the head as it is.
  if (title !== null) pieces = withoutHeader(pieces, scan);
  else pieces = pieces.filter((_, i) => !scan.drop.has(i));
  const authors = front.authors ?? scan.authors;
  const frontDate = front.date ? dateFromMachineValue(front.date) : null;
  const dates: DraftDate[] = frontDate
    ? [{ value: frontDate.value, precision: frontDate.precision, how: 'meta', evidence: `front matter date “${front.date ?? ''}”` }]
    : [];
  return {
    text: writeArticle(title, title !== null ? bylineLine(authors) : null, pieces),
    title,
    authors,
    outlet: front.outlet ?? scan.agency,
    dates: [...dates, ...scan.dates],
    canonical: null,
  };
}

function fromText(source: string): Built {
  const { lines, scan } = readTextHead(unwrapHardWrapped(tidy(source).split('\n')));
  return {
    text: tidy(lines.join('\n')),
    title: null,
    authors: scan.authors,
    outlet: scan.agency,
    dates: scan.dates,
    canonical: null,
  };
}

const BULLET = /^[-•*]\s|^\d{1,3}[.)]\s/;
const ENDS_SENTENCE = /[.!?…:;]["”’)\]]*$/;

/**
 * A text file wrapped at a fixed width (72 or 80 columns) has its paragraphs broken mid-sentence on every line;
 * the core reads each line as a unit, so join them back. Only when the file clearly is wrapped: most lines that
 * run on into another stop mid-sentence, and no line is longer than a wrap width.
 */
export function unwrapHardWrapped(lines: readonly string[]): string[] {
  let runOn = 0;
  let midSentence = 0;
  for (const [i, line] of lines.entries()) {
    const next = lines[i + 1];
    if (!line || !next || BULLET.test(next)) continue;
    runOn++;
    if (!ENDS_SENTENCE.test(line)) midSentence++;
  }
  const longest = Math.max(0, ...lines.map((l) => l.length));
  if (runOn < 3 || midSentence / runOn < 0.5 || longest > 100) return [...lines];
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    if (prev && line && !BULLET.test(line)) out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out;
}
