/**
 * Excerpts: the one to three consecutive sentences of a passage that best answer the query.
 * A window's score is the share of the query's weight (IDF × match weight) it contains, with a small
 * bonus when query terms sit close together and a small cost per extra sentence, so the shortest
 * window that answers wins.
 */
import { analyze, type Token } from './analyze.js';
import { memoizeWeak } from './memo.js';
import { answerCues, holdsCue, type AnswerKind } from './question.js';
import { sentenceSpans } from './passages.js';
import { DEFAULT_EXCERPT_OPTIONS, type ExcerptOptions } from './search-options.js';
import { grow, leansBack, sentencesAt } from './windows.js';
import type { Passage, Range } from './types.js';

/** Excerpts aim at this many characters, unless tuned (`ExcerptOptions.maxChars`). */
export const MAX_EXCERPT_CHARS = DEFAULT_EXCERPT_OPTIONS.maxChars;
export const ELLIPSIS = '…';

/** One query term and the index terms it matches (itself, or fuzzy/prefix expansions), with weights. */
export interface TermGroup {
  query: string;
  /** The other words of a name this group stands for ("skylar", "mastro" with "oriana"). */
  also?: readonly string[];
  terms: ReadonlyMap<string, number>;
  /** The terms that stand for the query word itself (not related words): these are highlighted. */
  direct: ReadonlySet<string>;
  /**
   * The terms that are the query word itself, as typed or mistyped (exact, one slip away, or a prefix), never a
   * word related to it: what an answer's confidence counts.
   */
  own: ReadonlySet<string>;
  idf: number;
}

export interface Excerpt {
  text: string;
  highlights: Range[];
  /** Share of the query's weight the excerpt contains (0–1), plus the proximity bonus. */
  score: number;
  /** The weight (IDF) of the query groups the excerpt holds as asked: their `own` terms, never related words. */
  held: number;
}

/** The query's whole weight: each group's IDF times its best match weight. A window's score is its share. */
const weights = new WeakMap<readonly TermGroup[], number>();
function queryWeight(groups: readonly TermGroup[]): number {
  let total = weights.get(groups);
  if (total === undefined) {
    total = groups.reduce((sum, g) => sum + g.idf * Math.max(...g.terms.values()), 0);
    weights.set(groups, total);
  }
  return total;
}

/** What one index term means to a question: the groups it is in and its weight in each, in group order. */
interface TermMatch {
  groups: number[];
  weights: number[];
}

/** Per question (its groups), every term that matches anything: re-ranking looks up each passage word once. */
const lookups = new WeakMap<readonly TermGroup[], Map<string, TermMatch>>();
function lookupOf(groups: readonly TermGroup[]): Map<string, TermMatch> {
  let lookup = lookups.get(groups);
  if (lookup) return lookup;
  lookup = new Map();
  for (const [g, group] of groups.entries()) {
    for (const [term, weight] of group.terms) {
      const entry = lookup.get(term) ?? { groups: [], weights: [] };
      entry.groups.push(g);
      entry.weights.push(group.idf * weight);
      lookup.set(term, entry);
    }
  }
  lookups.set(groups, lookup);
  return lookup;
}

/** Per question (its groups): each term that is a query word as asked (`own`), and the groups it is in. */
const ownLookups = new WeakMap<readonly TermGroup[], Map<string, number[]>>();
function ownLookup(groups: readonly TermGroup[]): Map<string, number[]> {
  let lookup = ownLookups.get(groups);
  if (lookup) return lookup;
  lookup = new Map();
  for (const [i, g] of groups.entries()) for (const t of g.own) lookup.set(t, [...(lookup.get(t) ?? []), i]);
  ownLookups.set(groups, lookup);
  return lookup;
}

/** The tokens of a passage that match the question, in order: most words match nothing and are skipped. */
interface Matched {
  /** Token index of each matching token. */
  at: number[];
  match: TermMatch[];
}

function match(tokens: readonly Token[], groups: readonly TermGroup[]): Matched {
  const lookup = lookupOf(groups);
  const at: number[] = [];
  const matches: TermMatch[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const m = lookup.get((tokens[k] as Token).term);
    if (m) {
      at.push(k);
      matches.push(m);
    }
  }
  return { at, match: matches };
}

/** Each group's best weight in the window being scored: one buffer, reused (windows are scored one at a time). */
let bestOfGroup = new Float64Array(16);

/** Score the window holding matched tokens [a, b) (indices into `m`) against the query groups. */
function windowScore(a: number, b: number, m: Matched, groups: number, total: number, options: ExcerptOptions): number {
  if (total === 0) return 0;
  if (bestOfGroup.length < groups) bestOfGroup = new Float64Array(groups);
  const best = bestOfGroup.fill(0, 0, groups);
  for (let i = a; i < b; i++) {
    const { groups: gs, weights } = m.match[i] as TermMatch;
    for (let j = 0; j < gs.length; j++) {
      const g = gs[j] as number;
      best[g] = Math.max(best[g] as number, weights[j] as number);
    }
  }
  let covered = 0;
  for (let g = 0; g < groups; g++) covered += best[g] as number;
  // Proximity: distinct query groups matched within `near` tokens of each other (a token counts for its first group).
  let near = 0;
  let prevAt = -1;
  let prevGroup = -1;
  for (let i = a; i < b; i++) {
    const k = m.at[i] as number;
    const g = (m.match[i] as TermMatch).groups[0] as number;
    if (prevAt >= 0 && g !== prevGroup && k - prevAt <= options.near) near++;
    prevAt = k;
    prevGroup = g;
  }
  const pairs = Math.max(1, groups - 1);
  return covered / total + options.proximityBonus * Math.min(1, near / pairs);
}

/** How well `text` answers the query groups, on the excerpt scale (share of the query's weight, 0–1+). */
export function textScore(text: string, groups: readonly TermGroup[], options: ExcerptOptions = DEFAULT_EXCERPT_OPTIONS): number {
  const total = queryWeight(groups);
  const matched = match(analyze(text), groups);
  return windowScore(0, matched.at.length, matched, groups.length, total, options);
}

/** Cut one over-long sentence to about `maxChars` around its matches, at word boundaries. */
function trimAround(text: string, matches: readonly Token[], maxChars: number): { from: number; to: number } {
  if (text.length <= maxChars) return { from: 0, to: text.length };
  const first = matches[0]?.start ?? 0;
  const last = matches.at(-1)?.end ?? 0;
  const centre = Math.floor((first + last) / 2);
  let from = Math.max(0, Math.min(centre - maxChars / 2, text.length - maxChars));
  let to = Math.min(text.length, from + maxChars);
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (to < text.length) to = text.lastIndexOf(' ', to) > from ? text.lastIndexOf(' ', to) : to;
  return { from, to };
}

/** Passages whose analyzed words are remembered: re-ranking looks at the same popular passages again and again. */
const TOKEN_CACHE_SIZE = 20_000;

/** A passage's words, with its implied dates as zero-width words of their sentence (nothing to highlight). */
export const passageTokens = memoizeWeak(TOKEN_CACHE_SIZE, (passage: Passage): Token[] => {
  const implied = (passage.when ?? []).flatMap(([at, words]) => analyze(words).map((t) => ({ term: t.term, start: at, end: at })));
  return [...analyze(passage.text), ...implied].sort((a, b) => a.start - b.start);
});

/** The best window of a passage: its sentences' span and score. */
export interface ExcerptWindow {
  from: number;
  to: number;
  score: number;
}

/**
 * Find the best window without drawing it: re-ranking scores every candidate, but only the few shown need
 * their text cut and highlighted (`excerptAt`).
 */
export function bestWindow(
  passage: Passage,
  groups: readonly TermGroup[],
  kind: AnswerKind | null = null,
  options: ExcerptOptions = DEFAULT_EXCERPT_OPTIONS,
): ExcerptWindow {
  const tokens = passageTokens(passage);
  // Sentence i spans [bounds[2i], bounds[2i + 1]): the passage's flat offsets, read in place (every candidate
  // passage of every question comes through here).
  const bounds = passage.sentences.length > 0 ? passage.sentences : [0, passage.text.length];
  const count = Math.floor(bounds.length / 2);
  const total = queryWeight(groups);
  const matched = match(tokens, groups);
  // Tokens are in text order, so each sentence's matched tokens are one run: [firstMatch[i], firstMatch[i + 1]).
  const firstMatch: number[] = [];
  let k = 0;
  for (let i = 0; i < count; i++) {
    const start = bounds[2 * i] ?? 0;
    while (k < matched.at.length && (tokens[matched.at[k] as number] as Token).start < start) k++;
    firstMatch.push(k);
  }
  firstMatch.push(matched.at.length);
  // Where the passage holds the kind of answer asked for (looked up once, not per window).
  const cues = kind ? answerCues(passage)[kind] : null;
  let best = { score: -Infinity, from: 0, to: 0 };
  for (let i = 0; i < count; i++) {
    for (let j = i; j < Math.min(count, i + options.maxSentences); j++) {
      const from = bounds[2 * i] ?? 0;
      const to = bounds[2 * j + 1] ?? 0;
      if (j > i && to - from > options.maxChars) break;
      const cue = cues && holdsCue(cues, from, to) ? options.answerKindBonus : 0;
      const windowed = windowScore(firstMatch[i] ?? 0, firstMatch[j + 1] ?? 0, matched, groups.length, total, options);
      const score = windowed - options.sentenceCost * (j - i) + cue;
      if (score > best.score + 1e-9) best = { score, from, to };
    }
  }
  return best;
}

/**
 * The window of a passage that opens by leaning on the passage before it ("These efforts failed, because…"):
 * its first sentence, scored with the last sentence of `before`, which holds what "these efforts" were. The
 * question's words are often there and the answer here; alone, this passage would not be found for them.
 */
export function bridgeWindow(
  before: Passage,
  passage: Passage,
  groups: readonly TermGroup[],
  kind: AnswerKind | null = null,
  options: ExcerptOptions = DEFAULT_EXCERPT_OPTIONS,
): ExcerptWindow | null {
  const bridge = bridgeOf(before, passage);
  if (!bridge) return null;
  const cues = kind ? answerCues(passage)[kind] : null;
  const cue = cues && holdsCue(cues, ...bridge.first) ? options.answerKindBonus : 0;
  const matched = match(bridge.tokens, groups);
  const both = windowScore(0, matched.at.length, matched, groups.length, queryWeight(groups), options);
  const score = options.bridgeWeight * (both - options.sentenceCost) + cue;
  return { from: bridge.first[0], to: bridge.first[1], score };
}

/** Per passage, its first sentence and the words of it with the sentence before (null when it does not lean back). */
const bridges = new WeakMap<Passage, { first: Range; tokens: Token[] } | null>();
function bridgeOf(before: Passage, passage: Passage): { first: Range; tokens: Token[] } | null {
  let bridge = bridges.get(passage);
  if (bridge !== undefined) return bridge;
  const first = passage.sentences.length > 0 ? sentenceSpans(passage)[0] : undefined;
  const last = before.sentences.length > 0 ? sentenceSpans(before).at(-1) : undefined;
  bridge =
    first && last && leansBack(passage.text.slice(...first))
      ? { first, tokens: analyze(`${before.text.slice(...last)} ${passage.text.slice(...first)}`) }
      : null;
  bridges.set(passage, bridge);
  return bridge;
}

/** The opening of a long sentence after the window is shown only if at least this much of it fits, unless tuned. */
export const MIN_TAIL_CHARS = DEFAULT_EXCERPT_OPTIONS.minTailChars;

/**
 * Grow a window to the excerpt budget with its neighbouring sentences, so the quote holds the answer and not
 * only the sentence that repeats the question's words: the whole passage when it fits; else the sentence
 * before first when the window opens by leaning on it, then the sentences after (where an answer usually
 * goes on), then the opening of the next sentence if it is too long to take whole, else those before, each
 * while the excerpt stays within `maxChars`.
 */
export function fillWindow(passage: Passage, window: ExcerptWindow, options: ExcerptOptions = DEFAULT_EXCERPT_OPTIONS): ExcerptWindow {
  const { maxChars, minTailChars } = options;
  if (passage.text.length <= maxChars) return { ...window, from: 0, to: passage.text.length };
  const sentences = sentenceSpans(passage);
  const at = sentencesAt(passage, window.from, window.to);
  if (!at || (sentences[at[1]] as Range)[1] - (sentences[at[0]] as Range)[0] > maxChars) return window;
  const [i, j] = grow(passage, at, maxChars, { leadIn: true, tailChars: minTailChars });
  const from = (sentences[i] as Range)[0];
  let to = (sentences[j] as Range)[1];
  // Room left and a sentence after too long to take whole: take its opening, to a clause or word break ("…").
  const next = sentences[j + 1];
  if (next && maxChars - (next[0] - from) >= minTailChars) {
    const room = passage.text.slice(next[0], from + maxChars);
    const clause = Math.max(...[...room.matchAll(/[,;:—–](?=\s)/g)].map((m) => m.index + 1), -1);
    const word = room.lastIndexOf(' ');
    const cut = clause >= minTailChars / 2 ? clause : word;
    if (cut > 0) to = next[0] + cut;
  }
  return { ...window, from, to };
}

/** The excerpt for a window found by `bestWindow`: grown to the budget, cut around its matches, highlighted. */
export function excerptAt(
  passage: Passage,
  groups: readonly TermGroup[],
  window: ExcerptWindow,
  options: ExcerptOptions = DEFAULT_EXCERPT_OPTIONS,
): Excerpt {
  const best = fillWindow(passage, window, options);
  const tokens = passageTokens(passage);
  const matched = (t: Token): boolean => groups.some((g) => g.direct.has(t.term));
  const windowMatches = tokens.filter((t) => t.start >= best.from && t.end <= best.to && t.end > t.start && matched(t));
  const local = windowMatches.map((t) => ({ ...t, start: t.start - best.from, end: t.end - best.from }));
  const sentenceText = passage.text.slice(best.from, best.to);
  const cut = trimAround(sentenceText, local, options.maxChars);
  const from = best.from + cut.from;
  const to = best.from + cut.to;
  // What the excerpt holds of the question as asked: each group once, for any of its own terms.
  const own = ownLookup(groups);
  const heldGroups = new Set<number>();
  // Tokens are in text order: from the first at the excerpt's start (a binary search) to its end.
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < tokens.length && (tokens[k] as Token).start < to; k++) {
    const t = tokens[k] as Token;
    if (t.end > to || t.end <= t.start) continue;
    const g = own.get(t.term);
    if (g !== undefined) for (const i of g) heldGroups.add(i);
  }
  let held = 0;
  for (const i of heldGroups) held += (groups[i] as TermGroup).idf;
  const lead = from > 0 ? `${ELLIPSIS} ` : '';
  const tail = to < passage.text.length ? ` ${ELLIPSIS}` : '';
  const raw = passage.text.slice(from, to);
  const body = raw.replace(/\s*\n\n\s*/g, ' ');
  const highlights: Range[] = [];
  if (body === raw) {
    for (const t of tokens)
      if (t.start >= from && t.end <= to && t.end > t.start && matched(t))
        highlights.push([t.start - from + lead.length, t.end - from + lead.length]);
  } else {
    // Offsets shift where a paragraph break became one space: find the words again in the text shown.
    for (const t of analyze(body)) if (matched(t)) highlights.push([t.start + lead.length, t.end + lead.length]);
  }
  return { text: `${lead}${body}${tail}`, highlights: mergeRanges(highlights), score: best.score, held };
}

/** Sort and merge overlapping ranges (a hyphenated word yields overlapping tokens). */
function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
