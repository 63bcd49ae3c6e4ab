/**
 * The answer yardstick, as a library: score `talks search --json` answers against question files.
 * A result hits when its excerpt, folded the way the shared scorer folds it (markdown escapes and bold
 * removed, quotes, dashes and white space folded, lower case), contains one of the question's anchors;
 * an excerpt longer than MAX_SCORED_EXCERPT after folding never counts (a cited excerpt is a quote, not a page).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Corpus } from '../src/core/corpus.js';
import { search } from '../src/core/search.js';
import type { SearchTuningOverrides } from '../src/core/search-options.js';
import { summarize, type SummaryOptions } from '../src/core/summary/index.js';
import { SUMMARY_BUDGET, summaryText } from '../src/render/format.js';
import { searchJson } from '../src/render/json.js';

/** Same bound as the shared scorer (`score_search.py`). */
export const MAX_SCORED_EXCERPT = 480;
/** Results looked at for MRR. */
export const MRR_DEPTH = 5;

const Question = z.object({ id: z.string(), q: z.string(), any: z.array(z.string()).min(1) });
const Topic = z.object({
  id: z.string(),
  topic: z.string(),
  sources: z.array(z.string()),
  facts: z.array(z.array(z.string()).min(1)).min(1),
});
export type Question = z.infer<typeof Question>;
export type Topic = z.infer<typeof Topic>;

export function readQuestions(file: string): Question[] {
  return z.array(Question).parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function readTopics(file: string): Topic[] {
  return z.array(Topic).parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Quotes, dashes, ellipses and white space folded, lower case: how the scorer compares texts. */
export function fold(s: string): string {
  const quotes = s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
  return quotes.replace(/[–—]/g, '-').replace(/…/g, '...').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The shared scorer's folding: Discord's markdown escapes and bold dropped, then `fold`. */
export function norm(s: string): string {
  return fold(s.replace(/\\(.)/g, '$1').replace(/\*\*|__/g, ''));
}

export interface QuestionResult {
  id: string;
  q: string;
  /** 1-based rank of the first hit within MRR_DEPTH, or null. */
  rank: number | null;
  /** The answer said it only partly matches, or quoted nothing. */
  low: boolean;
  /** The first result's excerpt, for reading the misses. */
  first: string;
  /** Excerpts over MAX_SCORED_EXCERPT among those looked at. */
  tooLong: number;
}

export interface SetScore {
  n: number;
  /** Share of the questions whose first quote misses that the answer marks low (or leaves unquoted). */
  lowOfMisses: number;
  /** Share of the questions whose first quote answers that the answer marks low anyway. */
  lowOfHits: number;
  recall1: number;
  recall3: number;
  mrr: number;
  /** Mean and longest folded length of the first result's excerpt. */
  meanExcerpt: number;
  longestExcerpt: number;
  results: QuestionResult[];
}

export function scoreQuestions(corpus: Corpus, questions: readonly Question[], tuning?: SearchTuningOverrides): SetScore {
  const results = questions.map((question): QuestionResult => {
    const answer = search(corpus.index, question.q, { limit: MRR_DEPTH, ...(tuning ? { tuning } : {}) });
    const json = searchJson(answer);
    const excerpts = (json.results as Array<{ excerpt: string }>).map((r) => norm(r.excerpt));
    const anchors = question.any.map(norm);
    let tooLong = 0;
    let rank: number | null = null;
    for (const [i, excerpt] of excerpts.entries()) {
      if (excerpt.length > MAX_SCORED_EXCERPT) {
        tooLong++;
        continue;
      }
      if (anchors.some((a) => excerpt.includes(a))) {
        rank = i + 1;
        break;
      }
    }
    return {
      id: question.id,
      q: question.q,
      rank,
      low: answer.kind !== 'results' || answer.confidence === 'low',
      first: excerpts[0] ?? '',
      tooLong,
    };
  });
  const n = results.length;
  const share = (f: (r: QuestionResult) => boolean): number => results.filter(f).length / Math.max(1, n);
  const lengths = results.map((r) => r.first.length);
  const misses = results.filter((r) => r.rank !== 1);
  const hits = results.filter((r) => r.rank === 1);
  return {
    n,
    lowOfMisses: misses.filter((r) => r.low).length / Math.max(1, misses.length),
    lowOfHits: hits.filter((r) => r.low).length / Math.max(1, hits.length),
    recall1: share((r) => r.rank === 1),
    recall3: share((r) => r.rank !== null && r.rank <= 3),
    mrr: results.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / Math.max(1, n),
    meanExcerpt: lengths.reduce((a, b) => a + b, 0) / Math.max(1, n),
    longestExcerpt: Math.max(0, ...lengths),
    results,
  };
}

export interface TopicResult {
  id: string;
  topic: string;
  /** Facts the summary states (any of its phrasings), of all the topic's facts. */
  covered: number;
  facts: number;
  /** Sources that cover the topic and that the summary cites. */
  cited: number;
  sources: number;
  missing: string[];
}

export interface SummaryScore {
  n: number;
  /** Share of all facts covered, over every topic. */
  coverage: number;
  /** Share of topics whose summary cites every source that covers it. */
  allSourcesCited: number;
  results: TopicResult[];
}

export function scoreSummaries(corpus: Corpus, topics: readonly Topic[], tuning: Partial<SummaryOptions> = {}): SummaryScore {
  const results = topics.map((t): TopicResult => {
    const answer = summarize(corpus, t.topic, SUMMARY_BUDGET, tuning);
    // A summary prints quotes within a quote with single marks, as quotations are printed: a fact's words are
    // the same whichever marks surround its inner quote.
    const marks = (x: string): string => norm(x).replace(/'/g, '"');
    const text = marks(summaryText(answer));
    const missing = t.facts.filter((alternatives) => !alternatives.some((a) => text.includes(marks(a)))).map((f) => f[0] ?? '');
    const cited = new Set(answer.sources.map((c) => c.sourceId));
    return {
      id: t.id,
      topic: t.topic,
      covered: t.facts.length - missing.length,
      facts: t.facts.length,
      cited: t.sources.filter((s) => cited.has(s)).length,
      sources: t.sources.length,
      missing,
    };
  });
  const facts = results.reduce((a, r) => a + r.facts, 0);
  return {
    n: results.length,
    coverage: results.reduce((a, r) => a + r.covered, 0) / Math.max(1, facts),
    allSourcesCited: results.filter((r) => r.cited === r.sources).length / Math.max(1, results.length),
    results,
  };
}

const OffTopic = z.object({ id: z.string(), q: z.string() });

export function readOffTopic(file: string): Array<z.infer<typeof OffTopic>> {
  return z.array(OffTopic).parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Questions the library has nothing on (weather, sport, recipes, word salad): the ones that still get a quote, and
 * of those the ones that say they match well (the worst: a confident answer to a question it cannot answer).
 */
export function scoreOffTopic(
  corpus: Corpus,
  questions: ReadonlyArray<z.infer<typeof OffTopic>>,
  tuning?: SearchTuningOverrides,
): { n: number; quoted: string[]; sure: string[] } {
  const answers = questions.map((q) => ({ id: q.id, answer: search(corpus.index, q.q, tuning ? { tuning } : {}) }));
  const quoted = answers.filter((a) => a.answer.results.length > 0);
  return {
    n: questions.length,
    quoted: quoted.map((a) => a.id),
    sure: quoted.filter((a) => a.answer.kind === 'results' && a.answer.confidence === 'high').map((a) => a.id),
  };
}
