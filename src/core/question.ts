/**
 * What kind of answer a question asks for, and where a passage has that kind of thing: "when" wants a date,
 * "who" a person, "where" a place, "why" a cause. The excerpt ranking uses it as a soft signal: among windows
 * that hold the question's words, the one that also holds a date (a person, a place, a cause) is the answer
 * more often than the one that only repeats the question. Rules of English, not of any article.
 */
import { MONTHS } from './dates/calendar.js';
import { memoize, memoizeWeak } from './memo.js';
import type { Passage } from './types.js';

export type AnswerKind = 'when' | 'who' | 'where' | 'why';

const ASKED_OF_WHICH = 'year|month|day|person|people|leaders?|officials?|countries|country|city|cities|place';
const ASKS = new RegExp(String.raw`\b(when|who|whom|whose|where|why|what year|what month|what date|which (?:${ASKED_OF_WHICH}))\b`, 'i');

/** The kind of answer a question asks for, from its question word ("when did…", "…, why?"), if any. */
export function answerKind(question: string): AnswerKind | null {
  const m = ASKS.exec(question);
  const word = m?.[1]?.toLowerCase() ?? '';
  if (word === 'when' || /year|month|date|day/.test(word)) return 'when';
  if (word === 'why') return 'why';
  if (word === 'where' || /country|countries|city|cities|place/.test(word)) return 'where';
  if (word.startsWith('who') || /person|people|leader|official/.test(word)) return 'who';
  return null;
}

const MONTH_WORDS = [...MONTHS.map((m) => m.toLowerCase()), ...MONTHS.map((m) => m.slice(0, 3).toLowerCase()), 'sept'].join('|');
const WHEN_CUES = [
  String.raw`(?:1[89]|20)\d\d|(?:${MONTH_WORDS})\.?(?= \d| of |,| \d{4}|\b)|spring|summer|autumn|fall|winter|yesterday|today`,
  '(?:last|next|this|that|the following|the previous) (?:week|month|year)',
  'weeks? (?:ago|later|earlier)|months? (?:ago|later|earlier)|years? (?:ago|later|earlier)',
].join('|');
const OFFICES = [
  'president|prime minister|minister|chancellor|secretary|secretary-general|official|officials|spokesman|spokeswoman|spokesperson',
  'envoy|ambassador|diplomat|negotiator|leader|advisor|adviser|expert|scholar|analyst|professor|scientist|representative|general',
  'commander|king|pope',
].join('|');
const WHY_CUES = [
  'because|since|due to|owing to|as a result|result of|reason|reasons|so that|in order to|caused?|causing|led to|leads? to|lead to',
  'fear(?:s|ed|ing)?|aim(?:s|ed)? to|to avoid|given that|thanks to|driven by|motivated|means that|which is why|therefore|thus|hence',
].join('|');
const CUES: Record<AnswerKind, RegExp> = {
  when: new RegExp(String.raw`\b(?:${WHEN_CUES})\b`, 'gi'),
  // Two capitalised words in a row, after the first word of a sentence, or an office or role.
  who: new RegExp(String.raw`(?<=\S\s)\p{Lu}[\p{Ll}’'-]+(?:\s+(?:\p{Lu}\.\s+)?\p{Lu}[\p{Ll}’'-]+)+|\b(?:${OFFICES})s?\b`, 'giu'),
  where: new RegExp(
    String.raw`\b(?:in|at|to|from|into|near|across|inside|outside|between)\s+(?:the\s+)?\p{Lu}[\p{Ll}’'-]+` +
      String.raw`|\b(?:city|capital|border|region|territory|exclave|port|sea|country|countries)\b`,
    'giu',
  ),
  why: new RegExp(String.raw`\b(?:${WHY_CUES})\b`, 'gi'),
};

/** Where a passage holds each kind of answer: the start offsets of its cue words, per kind. */
export const answerCues = memoizeWeak(20_000, (passage: Passage): Record<AnswerKind, number[]> => {
  const at = (re: RegExp): number[] => [...passage.text.matchAll(re)].map((m) => m.index);
  return {
    // Dates the text only implies ("last month") count too.
    when: [...at(CUES.when), ...(passage.when ?? []).map(([offset]) => offset)],
    who: at(CUES.who),
    where: at(CUES.where),
    why: at(CUES.why),
  };
});

/** Whether a window [from, to) holds one of these cue offsets (from `answerCues`). */
export function holdsCue(offsets: readonly number[], from: number, to: number): boolean {
  return offsets.some((offset) => offset >= from && offset < to);
}

/** A word, as a question's words are cut for `writtenAsName`. */
const QUESTION_WORD = /\p{L}[\p{L}\p{N}’'-]*/gu;
/** A word capitalised, or in capitals: how a name is written, in a question or an article. */
export const capitalised = (word: string): boolean => /^\p{Lu}/u.test(word);

/** What a sentence may open after: a stop, a colon, an opening quote or bracket. */
const OPENERS = new Set(['.', '!', '?', ':', ';', '"', '“', '‘', '(', '[']);

/** Whether a word at `at` opens a sentence: at the start, after a line break, or after an opener and spaces. */
export function opensSentenceAt(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /\s/u.test(text[i] ?? '')) {
    if (text[i] === '\n') return true;
    i--;
  }
  return i < 0 || OPENERS.has(text[i] ?? '');
}

const YEAR = /^(?:1[89]|20)\d\d$/;

/**
 * Whether a number in a question is part of what it asks: a year, or the day of a month it names ("29 March",
 * "March 29th"). Any other number qualifies the question ("17 times 23", "the 12-point plan") and is not its subject.
 */
export function asksTheNumber(question: string, number: string): boolean {
  if (YEAR.test(number)) return true;
  if (!/^\d{1,2}$/.test(number)) return false;
  const day = String.raw`${number}(?:st|nd|rd|th)?`;
  return new RegExp(String.raw`\b${day}\s+(?:of\s+)?(?:${MONTH_WORDS})\b|\b(?:${MONTH_WORDS})\.?\s+${day}\b`, 'i').test(question);
}

/**
 * The words a question writes as names: capitalised, or in capitals, where no sentence starts ("who mediated in
 * Pretoria", "the TPLF"). A question written in capitals or title case says nothing by its case. One pass over the
 * question, however many of its words are asked about.
 */
export const namesWritten: (question: string) => ReadonlySet<string> = memoize(1000, (question: string) => {
  const words = [...question.matchAll(QUESTION_WORD)];
  const names = new Set<string>();
  if (words.filter((m) => m[0].length > 3).every((m) => capitalised(m[0]))) return names;
  for (const m of words) {
    // A compound ("US-led") or a word with a number names what its parts do.
    if (capitalised(m[0]) && /^\p{L}+$/u.test(m[0]) && !opensSentenceAt(question, m.index)) names.add(m[0]);
  }
  return names;
});

/** Whether a question writes `word` as a name (see `namesWritten`). */
export function writtenAsName(question: string, word: string): boolean {
  return namesWritten(question).has(word);
}
