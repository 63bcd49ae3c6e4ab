/**
 * An article as blocks of plain text, in reading order: what HTML and Markdown both become before they are
 * written out in the seeds' layout (see `writeArticle`).
 */
import { normalizeText } from '../../core/clean.js';

export interface Piece {
  kind: 'heading' | 'paragraph' | 'item';
  text: string;
  /** 1–6 for headings. */
  level?: number;
}

/** White space as a browser shows it: runs collapse to one space. */
export function collapse(text: string): string {
  return text.replace(/[\s\u00A0]+/g, ' ').trim();
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * The seeds' layout, which `cleanText` reads: the headline on the first line, the byline under it, then one
 * block a line — headings on their own line, marked as Markdown marks them ("## Why it stalled": a heading in
 * sentence case is one too), paragraphs separated by a blank line, list items as "- " lines.
 */
export function writeArticle(title: string | null, byline: string | null, pieces: readonly Piece[]): string {
  const out: string[] = [];
  if (title) out.push(title, '');
  if (byline) out.push(byline, '');
  for (const [i, piece] of pieces.entries()) {
    const text =
      piece.kind === 'item' ? `- ${piece.text}` : piece.kind === 'heading' ? `${'#'.repeat(piece.level ?? 2)} ${piece.text}` : piece.text;
    // A list's items stay together; every other block stands alone.
    if (piece.kind === 'item' && pieces[i - 1]?.kind === 'item') out[out.length - 1] = text;
    else out.push(text);
    out.push('');
  }
  return tidy(out.join('\n'));
}

/** The core's white-space normalisation, blank lines kept single, no blank start or end. */
export function tidy(text: string): string {
  return normalizeText(text)
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  deg: '°',
  middot: '·',
  bull: '•',
  shy: '\u00AD',
};

/** Markdown's character references (&amp;, &#8212;, &#x2014;); an unknown name stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g,
    (whole, dec?: string, hex?: string, name?: string) => {
      if (name !== undefined) return NAMED[name] ?? whole;
      const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    },
  );
}
