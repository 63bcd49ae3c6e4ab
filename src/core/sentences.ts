/**
 * Sentence boundaries. ICU's sentence segmenter (Intl.Segmenter) already keeps "U.S." and "e.g." whole;
 * it breaks after titles and middle initials ("Carol E. Lee"), which we join back.
 */
import { ARTICLE_NOUNS } from './source-mention.js';
import type { Range } from './types.js';

// Created on first use: loading ICU's sentence rules takes time a cached start-up need not pay.
let segmenter: Intl.Segmenter | undefined;

/** Words that end in a full stop without ending a sentence. */
const TITLE_ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'lt',
  'col',
  'capt',
  'sgt',
  'sen',
  'rep',
  'gov',
  'st',
  'jr',
  'sr',
  'vs',
  'no',
  'fig',
  'vol',
  'pres',
  'amb',
  'adm',
  'maj',
  'rev',
  'hon',
]);

function endsWithoutEnding(segment: string): boolean {
  const m = /(?:^|[\s(“"'‘])([A-Za-z]+)\.\s*$/.exec(segment);
  if (!m?.[1]) return false;
  const word = m[1];
  // A lone capital is a middle initial; a known title never ends a sentence.
  return (word.length === 1 && word === word.toUpperCase()) || TITLE_ABBREVIATIONS.has(word.toLowerCase());
}

/** Opening minus closing curly double quotes. */
function unbalancedQuotes(text: string): number {
  let n = 0;
  for (const c of text) {
    if (c === '“') n++;
    else if (c === '”') n--;
  }
  return n;
}

/** Sentence ranges [start, end) over `text`, trimmed of surrounding white space. */
export function sentenceRanges(text: string): Range[] {
  const raw: Range[] = [];
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  for (const { segment, index } of segmenter.segment(text)) {
    const last = raw.at(-1);
    const previous = last ? text.slice(last[0], last[1]) : '';
    // A quotation with a full stop inside it ("… like I do. Nobody,” he told Time.") is one sentence.
    const closesQuote = unbalancedQuotes(previous) > 0 && unbalancedQuotes(segment) < 0;
    if (last && ((endsWithoutEnding(previous) && /^\s*[A-Z]/.test(segment)) || closesQuote)) {
      last[1] = index + segment.length;
    } else {
      raw.push([index, index + segment.length]);
    }
  }
  const out: Range[] = [];
  for (const [s, e] of raw) {
    let a = s;
    let b = e;
    while (a < b && /\s/.test(text[a] ?? '')) a++;
    while (b > a && /\s/.test(text[b - 1] ?? '')) b--;
    if (b > a) out.push([a, b]);
  }
  return out;
}

/** The sentences of `text` as strings. */
export function splitSentences(text: string): string[] {
  return sentenceRanges(text).map(([s, e]) => text.slice(s, e));
}

/** What an article calls itself: its nouns for an article, and the scholarly ones ("This investigative analysis"). */
const SELF_NOUNS = [
  ...ARTICLE_NOUNS.split(' '),
  'study',
  'studies',
  'chapter',
  'brief',
  'commentary',
  'examination',
  'review',
  'investigation',
  'post',
  'blog',
].join('|');
const SELF = new RegExp(
  String.raw`^(?:[“"‘(]\s*)?(?:in\s+)?(?:this|the\s+present|the\s+following)\s+(?:[\p{L}-]+\s+){0,2}?(?:${SELF_NOUNS})\b`,
  'iu',
);

/**
 * Whether a sentence is its article describing itself ("This investigative analysis scrutinizes the obstacles…",
 * "In this paper, …"): what the article sets out to do, not what it found; never quoted as a finding.
 */
export function describesItself(sentence: string): boolean {
  return SELF.test(sentence.trim());
}
