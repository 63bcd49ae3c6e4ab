/**
 * How a quote is cut, for search excerpts and summaries alike: which sentences lean on the one before them,
 * which sentence holds a place in a passage, and how a span of sentences grows to a budget.
 */
import { analyze } from './analyze.js';
import { sentenceSpans } from './passages.js';
import type { Passage, Range } from './types.js';

/** Opening words that stand for something said before: a pronoun, or a noun phrase pointing back. */
const REFERS = ['this', 'that', 'these', 'those', 'it', 'its', 'they', 'their', 'them', 'he', 'his', 'she', 'her'];
const POINTS_BACK = ['such', 'as such', 'both', 'neither', 'another', 'one is', 'the latter', 'the former'];
/** Connectives that answer the sentence before (a contrast, a consequence): without it they answer nothing. */
const ANSWERS = [
  'however',
  'but',
  'and',
  'yet',
  'still',
  'instead',
  'thus',
  'therefore',
  'hence',
  'so',
  'even so',
  'as a result',
  'for this reason',
  'for that reason',
  'nevertheless',
  'nonetheless',
  'by contrast',
  'in contrast',
  'on the other hand',
  'otherwise',
  'in response',
  'in return',
];
/** Connectives that add to the sentence before: they read better after it, but say something without it. */
const ADDS = [
  'also',
  'moreover',
  'meanwhile',
  'furthermore',
  'in addition',
  'additionally',
  'likewise',
  'similarly',
  'in particular',
  'in fact',
  'indeed',
  'for example',
  'for instance',
  'again',
  'then',
  'in turn',
  'after that',
  'after this',
  'afterwards',
  'later',
];

/** A sentence opening with one of `words`, after an opening quote mark or bracket. */
function opening(words: readonly string[]): RegExp {
  return new RegExp(String.raw`^(?:[“"‘(]\s*)?(?:${words.map((w) => w.replace(/ /g, String.raw`\s+`)).join('|')})\b`, 'i');
}

const NEEDS_BEFORE = opening([...REFERS, ...POINTS_BACK, ...ANSWERS]);
const ADDS_TO_BEFORE = opening(ADDS);

/** Whether a sentence needs the one before it to be understood: "It…", "These talks…", "However, …". */
export function needsBefore(sentence: string): boolean {
  return NEEDS_BEFORE.test(sentence);
}

/** Whether a sentence opens by adding to the one before: "Moreover, …", "Later, …". */
export function addsToBefore(sentence: string): boolean {
  return ADDS_TO_BEFORE.test(sentence);
}

/** Whether a sentence leans on the one before it at all: it needs it, or adds to it. */
export function leansBack(sentence: string): boolean {
  return needsBefore(sentence) || addsToBefore(sentence);
}

/** "The plant, Europe's largest, …" after a sentence about "the Zaporizhzhia nuclear plant": a noun phrase naming again. */
const DEFINITE = /^(?:[“"‘(]\s*)?the\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/iu;

/** Whether `sentence` leans on `before`: it opens by leaning back, or names again, with "the", a word of it. */
export function leansOn(sentence: string, before: string): boolean {
  if (leansBack(sentence)) return true;
  const m = DEFINITE.exec(sentence);
  if (!m) return false;
  const said = new Set(analyze(before).map((t) => t.term));
  return analyze(`${m[1] ?? ''} ${m[2] ?? ''}`).some((t) => said.has(t.term));
}

/** The sentences [first, last] of a passage that a character range [from, to) covers; null when it falls outside them. */
export function sentencesAt(passage: Passage, from: number, to: number): [number, number] | null {
  const spans = sentenceSpans(passage);
  const first = spans.findIndex(([s, e]) => s <= from && from < e);
  const last = spans.findIndex(([s, e]) => s < to && to <= e);
  return first < 0 || last < 0 ? null : [first, last];
}

/** How a span of sentences grows: always after first (where an account goes on), then before. */
export interface GrowPolicy {
  /** When the span opens by leaning on the sentence before (`leansOn`), take that one first. */
  leadIn?: boolean;
  /** Stop growing when the next sentence is too long to take whole but this many characters of it fit. */
  tailChars?: number;
  /** Grown before, the span never opens on a sentence that needs the one before it (`needsBefore`). */
  noDanglingStart?: boolean;
}

/**
 * The span of sentences [first, last] grown with its neighbours while it stays within `budget` characters (from
 * the first sentence's start to the last one's end): the sentences after, then those before, as `policy` says.
 */
export function grow(passage: Passage, span: readonly [number, number], budget: number, policy: GrowPolicy = {}): [number, number] {
  const spans = sentenceSpans(passage);
  const size = (a: number, b: number): number => (spans[b] as Range)[1] - (spans[a] as Range)[0];
  const text = (k: number): string => passage.text.slice(...(spans[k] as Range));
  let [i, j] = span;
  if (policy.leadIn && i > 0 && leansOn(text(i), text(i - 1)) && size(i - 1, j) <= budget) i--;
  for (;;) {
    if (j + 1 < spans.length && size(i, j + 1) <= budget) j++;
    // A next sentence too long to take whole, with room for its opening: that opening, not what came before.
    else if (
      policy.tailChars !== undefined &&
      j + 1 < spans.length &&
      budget - ((spans[j + 1] as Range)[0] - (spans[i] as Range)[0]) >= policy.tailChars
    )
      break;
    else if (i > 0 && size(i - 1, j) <= budget) i--;
    else break;
  }
  if (policy.noDanglingStart) while (i < span[0] && needsBefore(text(i))) i++;
  return [i, j];
}
