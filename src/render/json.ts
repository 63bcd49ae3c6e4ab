/** JSON rendering: the answer object as a stable, documented shape for scripts and the HTTP API. */
import type { SearchAnswer } from '../core/search.js';

/** `{"query", "results": [{"id", "score", "excerpt", "highlights", "citation"}], …}` */
export function searchJson(answer: SearchAnswer): Record<string, unknown> {
  const base = { query: answer.query, results: answer.results };
  switch (answer.kind) {
    case 'results':
      return { ...base, unmatched: answer.unmatched, didYouMean: answer.didYouMean };
    case 'no-results':
      return { ...base, didYouMean: answer.didYouMean, examples: answer.examples };
    case 'invalid':
      return { ...base, error: { problem: answer.problem, message: answer.message }, examples: answer.examples };
  }
}
