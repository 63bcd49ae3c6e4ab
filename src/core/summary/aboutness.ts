/** Whether a quote is about a topic, part by part ("the US role and Turkey's mediation" is two parts). */
import { analyze } from '../analyze.js';
import type { Corpus } from '../corpus.js';
import type { TermGroup } from '../excerpt.js';
import { queryGroups } from '../search.js';
import type { SummaryOptions } from './options.js';

/**
 * Nouns that name what is wanted about a subject rather than the subject ("the US role in…", "Turkey's
 * part in…", "the case for…"): a sentence using one of them is not thereby about the topic.
 */
const FRAME_NOUN_WORDS = [
  'role roles part parts stance position positions view views attitude response reaction influence involvement impact effect effects',
  'importance significance case argument arguments debate history story question issue issues state status',
].join(' ');
const FRAME_NOUNS = new RegExp(String.raw`\b(?:${FRAME_NOUN_WORDS.replaceAll(' ', '|')})\b`, 'gi');

/** The parts of a topic joined by "and", "or" or commas, each one the summary may be about. */
export function topicAspects(corpus: Corpus, topic: string): TermGroup[][] {
  return topic
    .replace(FRAME_NOUNS, ' ')
    .split(/\s+(?:and|or|&|versus|vs\.?)\s+|[,;]/i)
    .map((part) => queryGroups(corpus.index, part))
    .filter((g) => g.length > 0);
}

/** The share of a topic part's weight that `text` holds anywhere in it. */
export function holds(text: string, aspect: readonly TermGroup[]): number {
  const words = new Set(analyze(text).map((t) => t.term));
  const total = aspect.reduce((sum, g) => sum + g.idf, 0);
  return aspect.filter((g) => [...g.terms.keys()].some((t) => words.has(t))).reduce((sum, g) => sum + g.idf, 0) / Math.max(total, 1e-9);
}

/**
 * Whether a quote is about one part of the topic: it holds the part's most telling word, or most of the
 * part's weight within a few words of each other (not "the West" in one clause and "war" in another).
 */
export function isAbout(text: string, aspect: readonly TermGroup[], options: SummaryOptions): boolean {
  const tokens = analyze(text);
  const top = aspect.reduce((a, b) => (b.idf > a.idf ? b : a));
  if (tokens.some((t) => top.terms.has(t.term))) return true;
  const total = aspect.reduce((sum, g) => sum + g.idf, 0);
  for (let i = 0; i < tokens.length; i++) {
    const near = new Set(tokens.slice(i, i + options.aboutSpan).map((t) => t.term));
    const held = aspect.filter((g) => [...g.terms.keys()].some((t) => near.has(t)));
    if (held.reduce((sum, g) => sum + g.idf, 0) >= options.aboutShare * total) return true;
  }
  return false;
}
