/**
 * Autocomplete suggestions for questions and topics: what the person typed first (so it can always be
 * sent as is), then example questions, section headings and the library's recurring phrases that match
 * the words typed so far (the last word as a prefix). Pure and fast: the phrase list is built once per index.
 */
import { analyze, fold } from './analyze.js';
import { EXAMPLE_QUESTIONS } from './examples.js';
import type { SearchIndex } from './search-index.js';

/** Phrases must recur in this many passages to be suggested. */
const MIN_PHRASE_PASSAGES = 2;
/** Suggestions returned at most (Discord shows 25). */
const MAX_SUGGESTIONS = 25;

interface Candidate {
  text: string;
  words: string[];
  weight: number;
}

const cache = new WeakMap<SearchIndex, Candidate[]>();

function candidatesOf(index: SearchIndex): Candidate[] {
  const cached = cache.get(index);
  if (cached) return cached;
  const list: Candidate[] = [];
  const add = (text: string, weight: number): void => {
    list.push({
      text,
      words: fold(text)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
      weight,
    });
  };
  for (const q of EXAMPLE_QUESTIONS) add(q, 3);
  for (const source of index.sources.values()) for (const s of source.sections) add(s, 2);
  // Recurring two-word phrases of content words ("grain deal", "security guarantees").
  const counts = new Map<string, { text: string; passages: Set<string> }>();
  for (const passage of index.passages.values()) {
    const tokens = analyze(passage.text);
    for (let i = 1; i < tokens.length; i++) {
      const a = tokens[i - 1];
      const b = tokens[i];
      if (!a || !b || b.start - a.end > 1 || /^\d/.test(a.term) || /^\d/.test(b.term)) continue;
      const key = `${a.term} ${b.term}`;
      const entry = counts.get(key) ?? { text: passage.text.slice(a.start, b.end), passages: new Set<string>() };
      entry.passages.add(passage.id);
      counts.set(key, entry);
    }
  }
  for (const { text, passages } of counts.values()) {
    if (passages.size >= MIN_PHRASE_PASSAGES) add(text.toLowerCase() === text ? text : text, 1 + passages.size / 10);
  }
  cache.set(index, list);
  return list;
}

/** Suggestions for what has been typed so far, best first, without duplicates. */
export function suggest(index: SearchIndex, typed: string, limit = MAX_SUGGESTIONS): string[] {
  const text = typed.replace(/\s+/g, ' ').trim();
  const words = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const last = /\s$/.test(typed) ? '' : (words.at(-1) ?? '');
  const whole = last ? words.slice(0, -1) : words;
  const scored: Array<[string, number]> = [];
  for (const c of candidatesOf(index)) {
    if (words.length === 0) {
      if (c.weight >= 2) scored.push([c.text, c.weight]);
      continue;
    }
    const hasAll = whole.every((w) => c.words.includes(w));
    const prefix = !last || c.words.some((w) => w.startsWith(last));
    if (hasAll && prefix) scored.push([c.text, c.weight + (c.words[0]?.startsWith(words[0] ?? '') ? 1 : 0)]);
  }
  scored.sort((a, b) => b[1] - a[1] || a[0].length - b[0].length);
  const out = text ? [text] : [];
  for (const [s] of scored) {
    if (out.length >= limit) break;
    if (!out.some((o) => fold(o) === fold(s))) out.push(s);
  }
  return out;
}
