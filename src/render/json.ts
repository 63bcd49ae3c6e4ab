/** JSON rendering: the answer object as a stable, documented shape for scripts and the HTTP API. */
import { articleLink, citationLink, eventLinks, footnoteLinks } from '../core/reader.js';
import type { SourceSummary } from '../core/sources-list.js';
import type { SearchAnswer } from '../core/search.js';
import type { SummaryAnswer } from '../core/summary/index.js';
import type { TimelineAnswer } from '../core/timeline.js';
import type { Citation } from '../core/types.js';
import { truncate } from '../core/truncate.js';
import { formatEventDate } from './format.js';

/** Echoed input is cut to this many characters where it was refused: a 10 MB line is not sent back whole. */
const MAX_ECHO_CHARS = 300;

/** `text`, or about its first MAX_ECHO_CHARS characters and "…". */
function clipEcho(text: string): string {
  return truncate(text, MAX_ECHO_CHARS + 1);
}

/** A citation with the link to its passage (`url`), when the reader's address is configured; else unchanged. */
function linked(citation: Citation, url: string | undefined): Citation | (Citation & { url: string }) {
  return url ? { ...citation, url } : citation;
}

function zipLinks(citations: readonly Citation[], urls: ReadonlyArray<string | undefined>): Array<Citation | (Citation & { url: string })> {
  return citations.map((c, i) => linked(c, urls[i]));
}

/**
 * `{"query", "results": [{"id", "score", "excerpt", "highlights", "citation", "match"}], "confidence", …}`: `confidence`
 * is "high", "low" (the passages only partly match) or "none" (nothing quoted); with a reader, each citation has a `url`.
 */
export function searchJson(answer: SearchAnswer, readerUrl?: string): Record<string, unknown> {
  const results = readerUrl
    ? answer.results.map((r) => ({ ...r, citation: linked(r.citation, citationLink(readerUrl, r.citation, [r.excerpt])) }))
    : answer.results;
  const base = { query: answer.query, results };
  switch (answer.kind) {
    case 'results':
      return {
        ...base,
        confidence: answer.confidence,
        unmatched: answer.unmatched,
        didYouMean: answer.didYouMean,
        ...(answer.scope ? { scope: answer.scope } : {}),
        ...(answer.about ? { about: answer.about } : {}),
      };
    case 'no-results':
      return {
        ...base,
        confidence: 'none',
        ...(answer.unmatched ? { unmatched: answer.unmatched } : {}),
        didYouMean: answer.didYouMean,
        ...(answer.scope ? { scope: answer.scope } : {}),
        examples: answer.examples,
      };
    case 'invalid':
      return {
        ...base,
        query: clipEcho(answer.query),
        error: { problem: answer.problem, message: answer.message },
        examples: answer.examples,
      };
  }
}

/**
 * `{"events": [{"when", "date", "end"?, "precision", "derivation", "relation"?, "label"?, "printed"?, "text",
 * "citations"}], "total", "more", …}`: `when` is the date as the other renderers print it. With a topic, `match`
 * (`{"found", "unmatched"}`) says whether the library is about it, and which of its words no passage mentions.
 */
export function timelineJson(answer: TimelineAnswer, readerUrl?: string): Record<string, unknown> {
  return {
    topic: answer.topic,
    from: answer.from,
    to: answer.to,
    events: answer.events.map((e) => ({
      when: formatEventDate(e),
      date: e.date,
      ...(e.end ? { end: e.end } : {}),
      precision: e.precision,
      derivation: e.derivation,
      ...(e.relation ? { relation: e.relation } : {}),
      ...(e.label ? { label: e.label } : {}),
      ...(e.printed ? { printed: e.printed } : {}),
      text: e.text,
      citations: readerUrl ? zipLinks(e.citations, eventLinks(readerUrl, e)) : e.citations,
    })),
    total: answer.total,
    more: answer.more,
    ...(answer.match ? { match: answer.match } : {}),
  };
}

export function summaryJson(answer: SummaryAnswer, readerUrl?: string): Record<string, unknown> {
  if (answer.kind === 'invalid') return { ...answer, topic: clipEcho(answer.topic) };
  if (!readerUrl) return { ...answer };
  return { ...answer, sources: zipLinks(answer.sources, footnoteLinks(readerUrl, answer)) };
}

export function sourcesJson(sources: readonly SourceSummary[], readerUrl?: string): Record<string, unknown> {
  if (!readerUrl) return { sources };
  return { sources: sources.map((s) => ({ ...s, url: articleLink(readerUrl, s.meta.id) })) };
}
