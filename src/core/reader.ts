/**
 * Reader links: where a citation opens in the reader site (`src/site/`). The one place that knows the URL
 * shape: one page per article, `<source id>.html`, every passage anchored by the part of its id after `#`
 * (`jacobin-2022#p14.2` → `jacobin-2022.html#p14.2`), and the quoted sentences as a text fragment
 * (`#p14:~:text=start,end`), which the browser scrolls to and highlights with no script on the page.
 * Renderers join a path to the configured base URL (`PUBLIC_READER_URL`) with `readerLink`.
 */
import { sentenceRanges } from './sentences.js';
import type { Citation } from './types.js';

/** The library's index page. */
export const READER_INDEX = 'index.html';

/** Words taken from each end of a quote for its text fragment: enough to be unique, short enough for a link. */
export const FRAGMENT_WORDS = 4;

/** The page of an article: `jacobin-2022.html`. */
export function readerFile(sourceId: string): string {
  return `${encodeURIComponent(sourceId)}.html`;
}

/** The anchor of a passage on its page: the part of its id after `#` (`p14`, `p14.2`). */
export function passageAnchor(passageId: string): string {
  return passageId.slice(passageId.indexOf('#') + 1);
}

/** Percent-encode a fragment term: also `-`, `,` and `&` (the directive's syntax) and `()!'*~` (so a link stays whole in Markdown). */
function encodeTerm(text: string): string {
  return encodeURIComponent(text).replace(/[-!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Runs of the article's words shorter than this (between cuts and additions) are not used to find a quote. */
const MIN_PIECE_WORDS = 3;

/** The words of each sentence of `text`. */
function sentenceWords(text: string): string[][] {
  return sentenceRanges(text).map(([s, e]) => text.slice(s, e).split(' '));
}

/**
 * One `text=` directive for a quote: the quote itself when short, else its first words and its last words
 * (`text=start,end`), each taken inside one sentence, so neither crosses a paragraph break on the page. The
 * ellipses an excerpt or a timeline line puts where it cut the article, and the words it adds in [brackets], are
 * not in the article, so the start and the end come from the article's own words around them.
 */
export function textDirective(quote: string): string | null {
  const all = quote
    .replace(/\s+/g, ' ')
    .split(/\s*…\s*|\s*\[[^\]]*\]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  // A word or two between cuts ("The [Zaporizhzhia nuclear] plant") would be found anywhere on the page.
  const long = all.filter((p) => p.split(' ').length >= MIN_PIECE_WORDS);
  const pieces = long.length > 0 ? long : all;
  if (pieces.length === 0) return null;
  const first = sentenceWords(pieces[0] ?? '')[0] ?? [];
  const last = sentenceWords(pieces.at(-1) ?? '').at(-1) ?? [];
  if (pieces.length === 1 && sentenceWords(pieces[0] ?? '').length === 1 && first.length <= 2 * FRAGMENT_WORDS) {
    return `text=${encodeTerm(first.join(' '))}`;
  }
  return `text=${encodeTerm(first.slice(0, FRAGMENT_WORDS).join(' '))},${encodeTerm(last.slice(-FRAGMENT_WORDS).join(' '))}`;
}

/** A citation's place in the reader: `jacobin-2022.html#p14`, with the quotes as a text fragment when given. */
export function readerPath(citation: Pick<Citation, 'sourceId' | 'passageId'>, quotes: readonly string[] = []): string {
  const directives = quotes.map(textDirective).filter((d): d is string => d !== null);
  const fragment = directives.length > 0 ? `:~:${directives.join('&')}` : '';
  return `${readerFile(citation.sourceId)}#${encodeURIComponent(passageAnchor(citation.passageId))}${fragment}`;
}

/** `base` (an absolute http(s) URL of the site's folder) joined to a reader path; undefined when there is no base. */
export function readerLink(base: string | undefined, path: string): string | undefined {
  if (!base) return undefined;
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

/** The link to a citation's passage (with the quoted text highlighted), or undefined when no reader is configured. */
export function citationLink(
  base: string | undefined,
  citation: Pick<Citation, 'sourceId' | 'passageId'>,
  quotes: readonly string[] = [],
): string | undefined {
  return base ? readerLink(base, readerPath(citation, quotes)) : undefined;
}

type Cited = Pick<Citation, 'sourceId' | 'passageId'>;

/**
 * Links for a timeline event's citations, in order: the first source tells the event in the words shown, so its
 * link highlights them; a second source told it in its own words, so its link opens the passage only.
 */
export function eventLinks(base: string | undefined, event: { text: string; citations: readonly Cited[] }): Array<string | undefined> {
  return event.citations.map((c, i) => citationLink(base, c, i === 0 ? [event.text] : []));
}

/** Links for a summary's footnotes, in order: each highlights the sentences quoted under it. */
export function footnoteLinks(
  base: string | undefined,
  summary: { sources: readonly Cited[]; sentences: ReadonlyArray<{ text: string; footnote: number }> },
): Array<string | undefined> {
  return summary.sources.map((c, i) =>
    citationLink(
      base,
      c,
      summary.sentences.filter((s) => s.footnote === i + 1).map((s) => s.text),
    ),
  );
}

/** The link to an article's page. */
export function articleLink(base: string | undefined, sourceId: string): string | undefined {
  return readerLink(base, readerFile(sourceId));
}
