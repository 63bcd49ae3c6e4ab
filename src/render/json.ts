/** JSON rendering: the answer object as a stable, documented shape for scripts and the HTTP API. */
import type { SourceSummary } from '../core/sources-list.js';
import type { SearchAnswer } from '../core/search.js';
import type { SummaryAnswer } from '../core/summary.js';
import type { TimelineAnswer } from '../core/timeline.js';

/** Echoed input is cut to this many characters where it was refused: a 10 MB line is not sent back whole. */
export const MAX_ECHO_CHARS = 300;

/** `text`, or its first MAX_ECHO_CHARS characters and "…". */
export function clipEcho(text: string): string {
  return text.length > MAX_ECHO_CHARS ? `${text.slice(0, MAX_ECHO_CHARS)}…` : text;
}

/** `{"query", "results": [{"id", "score", "excerpt", "highlights", "citation"}], …}` */
export function searchJson(answer: SearchAnswer): Record<string, unknown> {
  const base = { query: answer.query, results: answer.results };
  switch (answer.kind) {
    case 'results':
      return { ...base, unmatched: answer.unmatched, didYouMean: answer.didYouMean, ...(answer.scope ? { scope: answer.scope } : {}) };
    case 'no-results':
      return { ...base, didYouMean: answer.didYouMean, examples: answer.examples };
    case 'invalid':
      return { ...base, query: clipEcho(answer.query), error: { problem: answer.problem, message: answer.message }, examples: answer.examples };
  }
}

/** `{"events": [{"date", "end"?, "precision", "text", "citations"}], "total", "more", …}` */
export function timelineJson(answer: TimelineAnswer): Record<string, unknown> {
  return {
    topic: answer.topic,
    from: answer.from,
    to: answer.to,
    events: answer.events.map((e) => ({
      date: e.date,
      ...(e.end ? { end: e.end } : {}),
      precision: e.precision,
      derivation: e.derivation,
      text: e.text,
      citations: e.citations,
      ...(e.flagged ? { flagged: e.flagged } : {}),
    })),
    total: answer.total,
    more: answer.more,
  };
}

export function summaryJson(answer: SummaryAnswer): Record<string, unknown> {
  return answer.kind === 'invalid' ? { ...answer, topic: clipEcho(answer.topic) } : { ...answer };
}

export function sourcesJson(sources: readonly SourceSummary[]): Record<string, unknown> {
  return { sources };
}
