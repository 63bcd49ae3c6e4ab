/**
 * Markdown to blocks of plain text, read with a real Markdown parser (marked's lexer; nothing is rendered).
 * Markdown's own syntax goes (heading marks, emphasis, link targets, images, soft line breaks); everything the
 * writer typed stays as text — raw HTML and Discord mentions included: they are not interpreted here, and
 * renderers escape them later.
 */
import { Lexer, type MarkedToken, type Token, type Tokens } from 'marked';
import { collapse, decodeEntities, type Piece } from './pieces.js';

interface FrontMatter {
  title?: string;
  authors?: string[];
  date?: string;
  outlet?: string;
}

export interface MarkdownArticle {
  pieces: Piece[];
  front: FrontMatter;
}

const FRONT = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function unquote(value: string): string {
  return value
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
}

/** YAML front matter's plain `key: value` lines and `- item` lists: enough for a post's title, author and date. */
function readFrontMatter(block: string): FrontMatter {
  const front: FrontMatter = {};
  let listKey: string | null = null;
  const authors: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    const item = /^\s+-\s+(.+)$/.exec(line) ?? /^-\s+(.+)$/.exec(line);
    if (item?.[1] && listKey !== null) {
      if (/^authors?$/.test(listKey)) authors.push(unquote(item[1]));
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv?.[1]) continue;
    const key = kv[1].toLowerCase();
    const value = kv[2]?.trim() ?? '';
    listKey = value === '' ? key : null;
    if (!value) continue;
    if (key === 'title') front.title = unquote(value);
    else if (key === 'date' || key === 'published' || key === 'pubdate') front.date ??= unquote(value);
    else if (key === 'author' || key === 'authors') {
      const inline = /^\[(.*)\]$/.exec(value)?.[1];
      authors.push(...(inline !== undefined ? inline.split(',') : [value]).map(unquote).filter(Boolean));
    } else if (key === 'publication' || key === 'outlet' || key === 'publisher' || key === 'site') front.outlet ??= unquote(value);
  }
  if (authors.length > 0) front.authors = authors;
  return front;
}

/** Inline tokens to text: the words, without Markdown's marks. */
function inline(tokens: readonly Token[] | undefined): string {
  let out = '';
  for (const token of tokens ?? []) {
    const t = token as MarkedToken;
    switch (t.type) {
      case 'text':
        // A newline inside text is a soft break: a space. Hard breaks are 'br' tokens.
        out += t.tokens ? inline(t.tokens) : decodeEntities(t.text).replace(/\n/g, ' ');
        break;
      case 'escape':
      case 'codespan':
        out += t.text;
        break;
      case 'strong':
      case 'em':
      case 'del':
      case 'link':
        out += inline(t.tokens);
        break;
      case 'html':
        out += t.raw.replace(/\n/g, ' '); // markup a writer typed is text to us
        break;
      case 'br':
        out += '\n';
        break;
      case 'image':
      case 'checkbox':
        break;
      default:
        out += token.raw;
    }
  }
  return out;
}

/** Text whose line breaks are hard breaks: one block a line. */
function blocksOf(kind: Piece['kind'], text: string, level?: number): Piece[] {
  return text
    .split('\n')
    .map((line) => collapse(line))
    .filter(Boolean)
    .map((line) => (level === undefined ? { kind, text: line } : { kind, text: line, level }));
}

function walk(tokens: readonly Token[], out: Piece[]): void {
  for (const token of tokens) {
    const t = token as MarkedToken;
    switch (t.type) {
      case 'heading':
        out.push(...blocksOf('heading', inline(t.tokens).replace(/\n/g, ' '), t.depth));
        break;
      case 'paragraph':
        out.push(...blocksOf('paragraph', inline(t.tokens)));
        break;
      case 'blockquote':
        walk(t.tokens, out);
        break;
      case 'list':
        for (const item of t.items) listItem(item, out);
        break;
      case 'code':
        out.push(...blocksOf('paragraph', t.text));
        break;
      case 'table':
        for (const row of [t.header, ...t.rows]) {
          const text = row.map((cell) => collapse(inline(cell.tokens))).join(' | ');
          if (text.replace(/[|\s]/g, '')) out.push({ kind: 'paragraph', text });
        }
        break;
      case 'html':
        // Comments are notes to the writer, never shown; other raw HTML is kept as the text it is.
        if (!/^\s*<!--[\s\S]*-->\s*$/.test(t.raw)) out.push(...blocksOf('paragraph', t.raw));
        break;
      case 'hr':
      case 'space':
      case 'def':
        break;
      default:
        if ('tokens' in t && Array.isArray(t.tokens)) walk(t.tokens, out);
        else if (token.raw.trim()) out.push(...blocksOf('paragraph', token.raw));
    }
  }
}

function listItem(item: Tokens.ListItem, out: Piece[]): void {
  let first = true;
  for (const token of item.tokens) {
    const t = token as MarkedToken;
    if (t.type === 'list') {
      for (const nested of t.items) listItem(nested, out);
      continue;
    }
    const text = t.type === 'text' || t.type === 'paragraph' ? inline(t.tokens ?? [t]) : null;
    if (text === null) {
      walk([token], out);
      continue;
    }
    const line = collapse(text);
    if (!line) continue;
    out.push({ kind: first ? 'item' : 'paragraph', text: line });
    first = false;
  }
}

/** Read a Markdown article: its blocks, and what its front matter says. */
export function readMarkdown(source: string): MarkdownArticle {
  let body = source.replace(/^\uFEFF/, '');
  let front: FrontMatter = {};
  const fm = FRONT.exec(body);
  if (fm) {
    front = readFrontMatter(fm[1] ?? '');
    body = body.slice(fm[0].length);
  }
  const pieces: Piece[] = [];
  walk(Lexer.lex(body, { gfm: true }), pieces);
  return { pieces, front };
}
