/**
 * The analyzer: text → index terms, used for documents and queries alike so both meet in the middle.
 * Steps: words (keeping "U.S." whole) → diacritic folding and lower case → multi-word aliases
 * ("United States") → stopwords → word aliases (Kiev → kyiv) → American spelling → Porter stem.
 * Hyphenated words also yield their joined form, so "cease-fire" meets "ceasefire".
 */
import { stemmer } from 'stemmer';
import { americanSpelling, CASED_ALIASES, PHRASE_ALIASES, WORD_ALIASES } from './aliases.js';
import { IRREGULAR_FORMS } from './irregular.js';
import { memoize } from './memo.js';
import { STOPWORDS } from './stopwords.js';

/** One index term and where it came from in the text. */
export interface Token {
  term: string;
  start: number;
  end: number;
}

/** Documents and queries differ in one way: a lower-case "us" in a query usually means the country. */
export type AnalyzeMode = 'document' | 'query';

const WORD = /(?:\p{Lu}\.){2,}|(?:\p{Ll}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', ł: 'l', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', ı: 'i' };
const PRONOUN_US_BEFORE = new Set(['tell', 'show', 'give', 'let', 'help', 'to', 'for', 'with', 'of', 'about', 'among', 'like']);

/** Lower case without diacritics: "Erdoğan" → "erdogan", "Schröder" → "schroder". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßłøđæœı]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/’/g, "'");
}

interface Word {
  surface: string;
  folded: string;
  start: number;
  end: number;
  /** Joined to the previous word by a hyphen. */
  hyphenated: boolean;
}

/** Distinct words whose folded form and term are remembered (bounded, for huge libraries). */
const TERM_CACHE_SIZE = 200_000;

/** `fold`, remembered per word (the same few thousand words recur in every passage). */
const foldWord = memoize(TERM_CACHE_SIZE, fold);

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const prev = out.at(-1);
    const between = prev ? text.slice(prev.end, start) : '';
    out.push({ surface: m[0], folded: foldWord(m[0]), start, end: start + m[0].length, hyphenated: /^[-‐‑]$/.test(between) });
  }
  return out;
}

/** Normalise one folded word to its index term, or null for a stopword (remembered per word). */
export const termOf: (folded: string) => string | null = memoize(TERM_CACHE_SIZE, (folded: string) => computeTerm(folded));

/**
 * The term a word would have were it no stopword: "go" is one, yet "going" is indexed as "go", and how common
 * "go" is in English is how common that term is.
 */
export function stemOfAnyWord(folded: string): string | null {
  return computeTerm(folded, true);
}

function computeTerm(folded: string, stopwordsToo = false): string | null {
  const stop = (w: string): boolean => !stopwordsToo && STOPWORDS.has(w);
  if (stop(folded)) return null;
  let word = folded.replace(/'s$/, '').replace(/'/g, '').replace(/\./g, '');
  if (!word || stop(word)) return null;
  if (word.length === 1 && !/\d/.test(word)) return null;
  // An alias's plural is the alias's too ("truces" as "truce").
  word =
    WORD_ALIASES.get(word) ?? (word.endsWith('s') ? WORD_ALIASES.get(word.slice(0, -1)) : undefined) ?? IRREGULAR_FORMS.get(word) ?? word;
  if (stop(word)) return null;
  if (/^\d/.test(word)) return word;
  word = americanSpelling(word);
  return stemmer(word);
}

function phraseAt(list: Word[], i: number): [number, string] | null {
  for (const [phrase, canonical] of PHRASE_ALIASES) {
    if (phrase.every((p, k) => list[i + k]?.folded === p)) return [phrase.length, canonical];
  }
  return null;
}

/** Analyze text into index terms with their spans. */
export function analyze(text: string, mode: AnalyzeMode = 'document'): Token[] {
  const list = words(text);
  const tokens: Token[] = [];
  for (let i = 0; i < list.length; i++) {
    const w = list[i] as Word;
    const phrase = phraseAt(list, i);
    if (phrase) {
      const last = list[i + phrase[0] - 1] as Word;
      tokens.push({ term: stemmer(phrase[1]), start: w.start, end: last.end });
      i += phrase[0] - 1;
      continue;
    }
    const cased = CASED_ALIASES.get(w.surface);
    if (cased) {
      tokens.push({ term: stemmer(cased), start: w.start, end: w.end });
    } else if (mode === 'query' && w.folded === 'us' && !PRONOUN_US_BEFORE.has(list[i - 1]?.folded ?? '')) {
      tokens.push({ term: 'usa', start: w.start, end: w.end });
    } else {
      const term = termOf(w.folded);
      if (term) tokens.push({ term, start: w.start, end: w.end });
    }
    // "cease-fire", "back-channel": also index the joined word.
    const next = list[i + 1];
    if (next?.hyphenated && /^\p{L}+$/u.test(w.folded) && /^\p{L}+$/u.test(next.folded)) {
      const joined = termOf(w.folded + next.folded);
      if (joined) tokens.push({ term: joined, start: w.start, end: next.end });
    }
  }
  return tokens;
}

/** Just the terms. */
export function terms(text: string, mode: AnalyzeMode = 'document'): string[] {
  return analyze(text, mode).map((t) => t.term);
}
