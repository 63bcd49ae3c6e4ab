/**
 * From a cleaned article and its manifest entry to a `Source`: numbered paragraphs under their
 * sections, with character offsets into the cleaned body text.
 */
import { createHash } from 'node:crypto';
import { cleanText } from './clean.js';
import type { Paragraph, Source, SourceMeta } from './types.js';
import { truncate } from './truncate.js';

/** The separator between paragraphs in `Source.text`. */
const PARAGRAPH_SEPARATOR = '\n\n';

export function contentHash(raw: string): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** A stable slug from a file name: `005_Some Article.txt` → `005-some-article`. */
function slugFromFile(file: string): string {
  const stem = file.replace(/\.[^.]+$/, '');
  const slug = stem
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'source';
}

/** A title made from a file's first sentence is cut to this. */
const DERIVED_TITLE_CHARS = 90;

/** Metadata for a file the manifest does not describe: title from the text, nothing guessed. */
export function derivedMeta(file: string, raw: string): SourceMeta {
  const cleaned = cleanText(raw);
  const firstParagraph = cleaned.blocks.find((b) => b.kind === 'paragraph')?.text ?? '';
  const fallback = firstParagraph.split(/(?<=[.!?])\s/)[0] ?? file;
  const title = cleaned.title ?? truncate(fallback, DERIVED_TITLE_CHARS);
  return {
    id: slugFromFile(file),
    file,
    title: title || file,
    titleFrom: 'article',
    authors: cleaned.byline.authors,
    publication: null,
    date: null,
    url: null,
    notes: ['Not in the manifest: title derived from the text.'],
  };
}

/** Clean `raw` and lay its paragraphs out as a `Source`. Throws `UnreadableTextError` for non-text. */
export function buildSource(meta: SourceMeta, raw: string): Source {
  const cleaned = cleanText(raw);
  const paragraphs: Paragraph[] = [];
  const sections: string[] = [];
  let section: string | null = null;
  let offset = 0;
  for (const block of cleaned.blocks) {
    if (block.kind === 'heading') {
      section = block.text;
      sections.push(section);
      continue;
    }
    if (paragraphs.length > 0) offset += PARAGRAPH_SEPARATOR.length;
    paragraphs.push({
      number: paragraphs.length + 1,
      section,
      text: block.text,
      start: offset,
      end: offset + block.text.length,
    });
    offset += block.text.length;
  }
  return {
    meta,
    text: paragraphs.map((p) => p.text).join(PARAGRAPH_SEPARATOR),
    paragraphs,
    sections,
    boilerplate: cleaned.boilerplate,
    hash: contentHash(raw),
  };
}
