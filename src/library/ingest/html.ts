/**
 * An article out of a web page: the page parsed with linkedom, its metadata read from meta tags and JSON-LD,
 * the article found by Mozilla's Readability (the Firefox Reader View extractor, which drops navigation,
 * scripts, styles, comments, ads and link lists), then its content walked into blocks of plain text.
 */
import { Readability } from '@mozilla/readability';
import { z } from 'zod';
import { dateFromMachineValue, type DraftDate } from '../../core/article-date.js';
import { all, isElement, parseDocument, TEXT_NODE, type DomDocument, type DomNode } from './dom.js';
import { IngestError } from './errors.js';
import { splitAuthors } from '../../core/article-head.js';
import { collapse, wordCount, type Piece } from './pieces.js';

interface HtmlMeta {
  title: string | null;
  authors: string[];
  outlet: string | null;
  /** Machine-written publication dates, best first. */
  dates: DraftDate[];
  /** The page's canonical URL, when it names an absolute http(s) one. */
  canonical: string | null;
}

export interface HtmlArticle {
  meta: HtmlMeta;
  pieces: Piece[];
  /** Words in the whole page's visible text, and in the article Readability found. */
  pageWords: number;
  articleWords: number;
}

// ---- metadata -------------------------------------------------------------------------------------------

/** Meta tags by name, property or itemprop (lowercased), every value in document order. */
function metaTags(doc: DomDocument): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const el of all(doc.querySelectorAll('meta'))) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop'))?.trim().toLowerCase();
    const value = collapse(el.getAttribute('content') ?? '');
    if (!key || !value) continue;
    tags.set(key, [...(tags.get(key) ?? []), value]);
  }
  return tags;
}

const named = z.union([z.string(), z.looseObject({ name: z.string() })]);
const names = z.union([named, z.array(z.unknown())]);
/** The JSON-LD fields an article uses; each field is optional and a malformed one is dropped, not the rest. */
const ldArticle = z.looseObject({
  '@type': z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined),
  headline: z.string().optional().catch(undefined),
  name: z.string().optional().catch(undefined),
  author: names.optional().catch(undefined),
  creator: names.optional().catch(undefined),
  publisher: named.optional().catch(undefined),
  datePublished: z.string().optional().catch(undefined),
  dateCreated: z.string().optional().catch(undefined),
});
type LdArticle = z.infer<typeof ldArticle>;

const ARTICLE_TYPE = /article|posting|report|story|chapter|paper/i;

/** Objects found in JSON-LD: top-level, in arrays, and in @graph. */
function ldObjects(data: unknown, out: unknown[], depth = 0): void {
  if (depth > 4 || data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    for (const item of data) ldObjects(item, out, depth + 1);
    return;
  }
  out.push(data);
  const graph = (data as Record<string, unknown>)['@graph'];
  if (graph !== undefined) ldObjects(graph, out, depth + 1);
}

function jsonLdArticle(doc: DomDocument): LdArticle | null {
  for (const script of all(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // a broken block is common on the web; the page's other metadata still counts
    }
    const found: unknown[] = [];
    ldObjects(data, found);
    for (const obj of found) {
      const parsed = ldArticle.safeParse(obj);
      if (!parsed.success) continue;
      const types = [parsed.data['@type'] ?? []].flat();
      if (types.some((t) => ARTICLE_TYPE.test(t))) return parsed.data;
    }
  }
  return null;
}

function namesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.flatMap((v) => {
    const parsed = named.safeParse(v);
    if (!parsed.success) return [];
    return splitAuthors(typeof parsed.data === 'string' ? parsed.data : parsed.data.name);
  });
}

function nameOf(value: unknown): string | null {
  const parsed = named.safeParse(value);
  if (!parsed.success) return null;
  return collapse(typeof parsed.data === 'string' ? parsed.data : parsed.data.name) || null;
}

const DATE_TAGS = [
  'article:published_time',
  'citation_publication_date',
  'citation_date',
  'datepublished',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.date',
  'dcterms.created',
  'date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'sailthru.date',
  'parsely-pub-date',
];
const AUTHOR_TAGS = ['author', 'citation_author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author'];

function absoluteUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function readMeta(doc: DomDocument): HtmlMeta {
  const tags = metaTags(doc);
  const first = (...keys: string[]): string | null => keys.map((k) => tags.get(k)?.[0]).find((v) => v !== undefined) ?? null;
  const ld = jsonLdArticle(doc);

  const dates: DraftDate[] = [];
  const addDate = (raw: string | null | undefined, where: string): void => {
    if (!raw) return;
    const d = dateFromMachineValue(raw);
    if (d) dates.push({ value: d.value, precision: d.precision, how: 'meta', evidence: `${where} “${raw}”` });
  };
  addDate(ld?.datePublished ?? ld?.dateCreated, 'JSON-LD datePublished');
  for (const key of DATE_TAGS) addDate(tags.get(key)?.[0], `meta ${key}`);
  // <time> elements: the one marked as the publication date, else the first inside an <article>.
  const time =
    doc.querySelector('time[pubdate], time[itemprop="datePublished"], [itemprop="datePublished"][datetime]') ??
    doc.querySelector('article time[datetime]');
  if (time) addDate(time.getAttribute('datetime') ?? time.textContent, '<time datetime>');

  const outlet =
    nameOf(ld?.publisher) ?? first('og:site_name', 'application-name', 'citation_publisher', 'citation_journal_title', 'dc.publisher');
  let authors = namesOf(ld?.author ?? ld?.creator);
  if (authors.length === 0) authors = AUTHOR_TAGS.flatMap((k) => tags.get(k) ?? []).flatMap(splitAuthors);
  authors = [...new Set(authors)].filter((a) => a !== outlet);

  const title = ld?.headline ?? first('og:title', 'twitter:title', 'citation_title', 'dc.title') ?? null;
  const canonical = absoluteUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')) ?? absoluteUrl(first('og:url'));
  return { title: title ? collapse(title) : null, authors, outlet, dates, canonical };
}

/** "Talks Resume | The Example Times" → "Talks Resume", when the tail is the outlet's name. */
function withoutSiteName(title: string, outlet: string | null): string {
  if (!outlet) return title;
  const m = /^(.*?)\s+[|\-–—:·•]\s+(.+)$/.exec(title);
  return m?.[1] && m[2]?.toLowerCase() === outlet.toLowerCase() ? m[1] : title;
}

// ---- content --------------------------------------------------------------------------------------------

/** Never shown on a page: not counted as page text either. */
const INVISIBLE = ['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas'];
/** Not article text: the invisible, plus media, forms, navigation and captions under pictures. */
const NOT_ARTICLE = new Set([
  ...INVISIBLE,
  'img',
  'picture',
  'video',
  'audio',
  'source',
  'button',
  'input',
  'select',
  'textarea',
  'form',
  'nav',
  'figcaption',
]);
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'footer',
  'header',
  'hgroup',
  'hr',
  'html',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'ul',
]);

/** Walks content into blocks: text gathers into the current line until a block boundary flushes it. */
class Collector {
  readonly pieces: Piece[] = [];
  constructor(private readonly skip: ReadonlySet<string>) {}

  private line = '';
  private preformatted = 0;
  /** One entry per open <li>: whether its first line (the "- " item) has been written. */
  private items: boolean[] = [];

  flush(kind?: Piece['kind'], level?: number): void {
    const lines = this.line.split('\n').map(collapse).filter(Boolean);
    this.line = '';
    for (const text of lines) {
      let k = kind ?? 'paragraph';
      if (kind === undefined && this.items.length > 0 && this.items[this.items.length - 1] === false) {
        k = 'item';
        this.items[this.items.length - 1] = true;
      }
      this.pieces.push(level === undefined ? { kind: k, text } : { kind: k, text, level });
    }
  }

  visit(node: DomNode): void {
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      this.line += this.preformatted > 0 ? text : text.replace(/\s+/g, ' ');
      return;
    }
    if (!isElement(node)) return;
    const tag = node.localName.toLowerCase();
    if (this.skip.has(tag) || node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return;
    if (tag === 'br') {
      this.line += '\n';
      return;
    }
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      this.flush();
      this.children(node);
      this.flush('heading', Number(heading[1]));
      return;
    }
    if (tag === 'li') {
      this.flush();
      this.items.push(false);
      this.children(node);
      this.flush();
      this.items.pop();
      return;
    }
    if (tag === 'tr') {
      this.flush();
      const cells = all(node.querySelectorAll('td, th')).filter((c) => c.closest('tr') === node);
      const text = cells.map((c) => collapse(c.textContent ?? '')).filter(Boolean);
      if (text.length > 0) this.pieces.push({ kind: 'paragraph', text: text.join(' | ') });
      return;
    }
    if (tag === 'pre') {
      this.flush();
      this.preformatted++;
      this.children(node);
      this.preformatted--;
      this.flush();
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) this.flush();
    this.children(node);
    if (block) this.flush();
  }

  private children(node: DomNode): void {
    for (const child of Array.from(node.childNodes)) this.visit(child);
  }
}

function piecesOf(root: DomNode, skip: ReadonlySet<string> = NOT_ARTICLE): Piece[] {
  const c = new Collector(skip);
  c.visit(root);
  c.flush();
  return c.pieces;
}

/** The words a visitor sees on the whole page (before Readability takes the page apart). */
function visibleWords(doc: DomDocument): number {
  const body = doc.body ?? doc.documentElement;
  if (!body) return 0;
  return piecesOf(body, new Set(INVISIBLE)).reduce((n, p) => n + wordCount(p.text), 0);
}

/**
 * Limits on the page's shape. Real pages nest a few dozen elements deep and hold a few thousand; Readability's
 * work grows with the square of the nesting (3,000 levels took minutes), and every walk here recurses.
 */
export const MAX_DEPTH = 400;
export const MAX_ELEMENTS = 60_000;

/** How deeply the page nests, walked without recursion (the page may be built to overflow a stack). */
function depthOf(root: DomNode): number {
  let deepest = 0;
  const stack: [DomNode, number][] = [[root, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > deepest) deepest = depth;
    if (depth > MAX_DEPTH) break;
    for (const child of Array.from(node.childNodes)) if (isElement(child)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Read a web page: its metadata, and the article in it. Throws 'no-article' when there is none. */
export function readHtml(html: string): HtmlArticle {
  const doc = parseDocument(html);
  const root = doc.documentElement;
  if (root && depthOf(root) > MAX_DEPTH)
    throw new IngestError('no-article', `the page nests its markup over ${MAX_DEPTH} levels deep; it cannot be read`);
  const elements = doc.querySelectorAll('*').length;
  if (elements > MAX_ELEMENTS) {
    throw new IngestError('too-large', `the page has ${elements} elements, over the ${MAX_ELEMENTS} that can be read`);
  }
  const meta = readMeta(doc);
  const pageWords = visibleWords(doc);

  let parsed: ReturnType<Readability<DomNode>['parse']>;
  try {
    // linkedom's document is the DOM Readability expects; the cast is only for the compiler (see dom.ts).
    const page = doc as unknown as ConstructorParameters<typeof Readability>[0];
    parsed = new Readability<DomNode>(page, { serializer: (node: unknown) => node as DomNode }).parse();
  } catch (err) {
    throw new IngestError('no-article', 'the page could not be read as an article', { cause: err });
  }
  const content = parsed?.content;
  if (!parsed || !content) throw new IngestError('no-article', 'the page has no article in it');

  const outlet = meta.outlet ?? (parsed.siteName ? collapse(parsed.siteName) : null);
  const rawTitle = meta.title ?? (parsed.title ? collapse(parsed.title) : null) ?? (collapse(doc.title) || null);
  const title = rawTitle ? withoutSiteName(rawTitle, outlet) : null;
  const authors = meta.authors.length > 0 ? meta.authors : splitAuthors(collapse(parsed.byline ?? ''));
  const pieces = piecesOf(content);
  const articleWords = pieces.reduce((n, p) => n + wordCount(p.text), 0);
  return { meta: { ...meta, title, authors, outlet }, pieces, pageWords, articleWords };
}
