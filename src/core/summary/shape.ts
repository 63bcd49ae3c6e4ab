/**
 * A summary made from chosen quotes, the one path for the summary first proposed and for every one a moderator
 * shapes from it: the candidate quotes of a topic (its pool, the same for the same library, so a quote is named by
 * its place in it), the quotes chosen by those places, most important first, and the summary composed from them —
 * lead-ins brought along, disagreements marked, fitted to the budget, in reading order, footnoted 1..n.
 */
import type { Corpus } from '../corpus.js';
import { search, topicMatch } from '../search.js';
import { arrange, fit, pairsAmong } from './budget.js';
import { place, quotes, ready } from './lead-ins.js';
import { DEFAULT_SUMMARY_OPTIONS, type SummaryOptions } from './options.js';
import { disagreement } from './polarity.js';
import { candidates } from './quotes.js';
import type { Candidate, SummaryAbout, SummaryAnswer, SummaryBudget } from './types.js';

/** The candidate quotes of a topic, how the topic matches, and a short mark of them that changes when the library's quotes do. */
export interface SummaryPool extends SummaryAbout {
  candidates: readonly Candidate[];
  fingerprint: string;
}

/** A summary composed from chosen quotes. */
export interface ComposedSummary {
  answer: Extract<SummaryAnswer, { kind: 'summary' }>;
  /** The quotes it holds, by their place in the pool, most important first (the order the budget keeps them in). */
  chosen: number[];
  /**
   * For each of its sentences, the quotes it is made of (two quotes of one passage that meet read as one sentence); a
   * lead-in from outside the pool is named by the quote it leads into, since the two stand or go together.
   */
  quotes: number[][];
}

/** FNV-1a, 32 bits, in base 36, cut to `FINGERPRINT_CHARS`: short enough to travel in a custom id. */
const FINGERPRINT_CHARS = 4;
function fingerprintOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36).padStart(FINGERPRINT_CHARS, '0').slice(-FINGERPRINT_CHARS);
}

/** The pool of `topic`, or why there is none. */
export function summaryPool(
  corpus: Corpus,
  topic: string,
  tuning: Partial<SummaryOptions> = {},
): SummaryPool | Extract<SummaryAnswer, { kind: 'invalid' | 'no-results' }> {
  const options: SummaryOptions = { ...DEFAULT_SUMMARY_OPTIONS, ...tuning };
  const probe = search(corpus.index, topic, { limit: 1 });
  if (probe.kind === 'invalid') return { kind: 'invalid', topic, sentences: [], sources: [], message: probe.message };
  const match = topicMatch(probe);
  // The candidates are what a search for the topic ranks: none when it would quote nothing.
  const pool = candidates(corpus, topic, options);
  if (pool.length === 0) {
    const unmatched = match.unmatched.length > 0 ? { unmatched: match.unmatched } : {};
    return {
      kind: 'no-results',
      topic,
      sentences: [],
      sources: [],
      message: `Nothing in the library is about “${probe.query}”.`,
      ...unmatched,
    };
  }
  const fingerprint = fingerprintOf(pool.map((c) => `${c.citation.passageId} ${c.at.from} ${c.at.to} ${c.text}`).join('\n'));
  return { topic, unmatched: match.unmatched, candidates: pool, fingerprint };
}

/**
 * The disagreements among `list`: each quote with the candidate of another source most opposed to it, when that one
 * is in the list too and not yet one side of another disagreement.
 */
function disagreements(list: readonly Candidate[], pool: readonly Candidate[], options: SummaryOptions): Array<[Candidate, Candidate]> {
  const pairs: Array<[Candidate, Candidate]> = [];
  for (const a of list) {
    const b = pool
      .map((c) => ({ c, strength: disagreement(a, c, options) }))
      .filter((x) => x.strength > 0 && ready(x.c, list))
      .sort((x, y) => y.strength - x.strength)[0]?.c;
    if (!b || !list.includes(b) || pairs.some(([x, y]) => x === b || y === b)) continue;
    pairs.push([a, b]);
  }
  return pairs;
}

/** The summary of the quotes at `chosen` in the pool (most important first); places outside the pool are ignored. */
export function composeSummary(
  pool: SummaryPool,
  chosen: readonly number[],
  budget?: SummaryBudget,
  tuning: Partial<SummaryOptions> = {},
): ComposedSummary {
  const options: SummaryOptions = { ...DEFAULT_SUMMARY_OPTIONS, ...tuning };
  // Copies: placing a quote remembers its lead-in on it, and one pool serves every composition.
  const all = pool.candidates.map((c) => ({ ...c }));
  const list: Candidate[] = [];
  const leadsInto = new Map<Candidate, Candidate>();
  for (const i of chosen) {
    const c = all[i];
    if (!c || list.includes(c)) continue;
    const before = list.length;
    place(c, list, all);
    const lead = list[before];
    if (list.length - before === 2 && lead && !all.includes(lead)) leadsInto.set(lead, c);
  }
  const pairs = disagreements(list, all, options);
  const about: SummaryAbout = { topic: pool.topic, unmatched: pool.unmatched };
  const kept = budget ? fit(about, list, pairs, budget, options) : list;
  const { answer, parts } = arrange(about, kept, pairsAmong(pairs, kept));
  const placeOf = (c: Candidate): number => all.indexOf(leadsInto.get(c) ?? c);
  const places = (list: readonly Candidate[]): number[] => [...new Set(list.map(placeOf).filter((i) => i >= 0))];
  return { answer, chosen: places(kept), quotes: parts.map(places) };
}

/**
 * The summary without its sentence number `sentence` (0-based), and without the quotes that lean on it (they
 * cannot stand without it); null when it has no such sentence, or when nothing would be left.
 */
export function withoutQuote(
  pool: SummaryPool,
  current: ComposedSummary,
  sentence: number,
  budget?: SummaryBudget,
  tuning: Partial<SummaryOptions> = {},
): ComposedSummary | null {
  const dropped = current.quotes[sentence];
  if (!dropped || dropped.length === 0) return null;
  const gone = new Set(dropped);
  const held = (i: number): Candidate | undefined => pool.candidates[i];
  for (let changed = true; changed;) {
    changed = false;
    for (const i of current.chosen) {
      const needs = held(i)?.needs;
      if (gone.has(i) || !needs || ![...gone].some((g) => quoted(held(g), needs))) continue;
      gone.add(i);
      changed = true;
    }
  }
  const rest = current.chosen.filter((i) => !gone.has(i));
  return rest.length === 0 ? null : composeSummary(pool, rest, budget, tuning);
}

/** Whether a quote (or the lead-in it brings) holds the sentence another leans on. */
function quoted(c: Candidate | undefined, at: NonNullable<Candidate['needs']>): boolean {
  return c !== undefined && (quotes(c, at) || (c.lead !== undefined && quotes(c.lead, at)));
}

/** Why a quote cannot be added: it is not a candidate, it is there already, the summary is full, or it does not fit. */
export type AddRefusal = 'unknown' | 'present' | 'full' | 'no-room';

/** The summary with the quote at `place` added, last in importance (so the budget leaves it out first). */
export function withQuote(
  pool: SummaryPool,
  current: ComposedSummary,
  place: number,
  budget?: SummaryBudget,
  tuning: Partial<SummaryOptions> = {},
): ComposedSummary | AddRefusal {
  const options: SummaryOptions = { ...DEFAULT_SUMMARY_OPTIONS, ...tuning };
  if (!Number.isInteger(place) || place < 0 || place >= pool.candidates.length) return 'unknown';
  if (current.chosen.includes(place) || current.quotes.some((q) => q.includes(place))) return 'present';
  if (current.chosen.length >= options.maxSentences) return 'full';
  const next = composeSummary(pool, [...current.chosen, place], budget, options);
  return next.chosen.includes(place) && next.chosen.length <= options.maxSentences ? next : 'no-room';
}

/**
 * The quotes a moderator may add, best first: candidates the summary does not hold (itself, or within a quote of
 * its), and able to stand there (a quote leaning on a sentence it cannot bring along is left out).
 */
export function addable(pool: SummaryPool, current: ComposedSummary, limit: number): number[] {
  const held = current.chosen.flatMap((i) => (pool.candidates[i] ? [pool.candidates[i]] : []));
  const within = (c: Candidate): boolean => held.some((h) => h.at.passage === c.at.passage && h.at.from <= c.at.from && c.at.to <= h.at.to);
  return pool.candidates
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !within(c) && (ready(c, held) || c.lead !== undefined))
    .sort((a, b) => b.c.relevance - a.c.relevance || a.i - b.i)
    .slice(0, limit)
    .map(({ i }) => i);
}
