/**
 * What a person typed, made safe to search: control characters, zero-width characters and Discord
 * mention syntax removed, white space collapsed, length checked. Problems come back as data with a
 * one-line message, never as exceptions.
 */

/** Longer questions are refused: a question is a sentence, not an article. */
export const MAX_QUERY_CHARS = 300;

export type QueryProblem = 'empty' | 'too-long' | 'no-terms';

export type CleanQuery = { ok: true; text: string } | { ok: false; problem: QueryProblem; message: string };

/** Everything Discord would turn into a ping or a link to a user, role or channel. */
const MENTIONS = /<@[!&]?\d+>|<#\d+>|<\/[\w -]+:\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b/g;

export function cleanQuery(raw: string): CleanQuery {
  const text = raw
    .normalize('NFC')
    .replace(MENTIONS, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/\u001B\[[0-9;?]*[A-Za-z]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) {
    return { ok: false, problem: 'empty', message: 'Ask a question about the Russia–Ukraine peace talks.' };
  }
  if (text.length > MAX_QUERY_CHARS) {
    return {
      ok: false,
      problem: 'too-long',
      message: `That question is ${text.length.toLocaleString('en-US')} characters long; please keep it under ${MAX_QUERY_CHARS}.`,
    };
  }
  return { ok: true, text };
}
