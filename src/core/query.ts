/**
 * What a person typed, made safe to search: links, control characters and zero-width characters removed,
 * white space collapsed, length checked. Problems come back as data with a one-line message, never as
 * exceptions. Markup of the medium the text came from (Discord's mentions) is the edge's to remove.
 */

import { analyze } from './analyze.js';
import { idf, type SearchIndex } from './search-index.js';

/** Longer questions are refused: a question is a sentence, not an article. */
export const MAX_QUERY_CHARS = 300;

export type QueryProblem = 'empty' | 'too-long' | 'no-terms';

export type CleanQuery = { ok: true; text: string } | { ok: false; problem: QueryProblem; message: string };

/** Links, bare or in <…>: their pieces ("https", "com") are not words anyone asked about. */
const LINKS = /<?\b(?:https?:\/\/|www\.)[^\s<>]*>?/gi;

export function cleanQuery(raw: string): CleanQuery {
  const unlinked = raw.normalize('NFC').replace(LINKS, ' ');
  const text = unlinked
    // eslint-disable-next-line no-control-regex
    .replace(/\u001B\[[0-9;?]*[A-Za-z]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text && unlinked !== raw.normalize('NFC')) {
    return { ok: false, problem: 'no-terms', message: 'Links are not searched; ask about a person, place, event or idea.' };
  }
  if (!text) {
    return { ok: false, problem: 'empty', message: 'Ask a question about the Russia–Ukraine peace talks.' };
  }
  if (text.length > MAX_QUERY_CHARS) {
    return {
      ok: false,
      problem: 'too-long',
      message:
        `That question is ${text.length.toLocaleString('en-US')} characters long; ` +
        `please keep it to at most ${MAX_QUERY_CHARS} characters.`,
    };
  }
  return { ok: true, text };
}

/** Most distinctive words kept when a long text (a whole message) becomes a query. */
const MAX_TEXT_QUERY_WORDS = 16;

/**
 * A query for a piece of text (a message to find sources for): the text itself when it is short enough,
 * else its most distinctive words (highest IDF among words the library knows). Null if nothing is left.
 */
export function queryFromText(index: SearchIndex, text: string): string | null {
  const cleaned = cleanQuery(text);
  if (cleaned.ok) return analyze(cleaned.text, 'query').length > 0 ? cleaned.text : null;
  if (cleaned.problem !== 'too-long') return null;
  const flat = text.replace(LINKS, ' ').replace(/\s+/g, ' ');
  const seen = new Map<string, { word: string; idf: number; at: number }>();
  for (const t of analyze(flat, 'query')) {
    if (seen.has(t.term) || !index.vocabulary.has(t.term)) continue;
    seen.set(t.term, { word: flat.slice(t.start, t.end), idf: idf(index, t.term), at: t.start });
  }
  const best = [...seen.values()]
    .sort((a, b) => b.idf - a.idf)
    .slice(0, MAX_TEXT_QUERY_WORDS)
    .sort((a, b) => a.at - b.at);
  return best.length > 0 ? best.map((w) => w.word).join(' ') : null;
}
