/**
 * Questions about an article rather than about the talks: "who wrote the Parish piece?", "when was the
 * Conversation article published?". Their answer is the library's record of the article (its byline, outlet,
 * date and the article's own credit lines, which cleaning keeps as metadata), not a passage of it.
 */
import { terms } from './analyze.js';
import { sourceFacts, type SourceFacts } from './citation.js';
import { ARTICLE_NOUNS, AUTHOR_WORDS } from './source-mention.js';
import type { Source } from './types.js';

/** What the library knows of who wrote an article and where and when it appeared. */
export interface SourceCard extends SourceFacts {
  /** The article's own credit lines ("Co-authored with …. Originally published in …."), as printed. */
  credits: string[];
}

/** Asked who wrote or published something, or when or where it appeared. Rules of English, not of any article. */
const ASKS_ABOUT = [
  /\bwho\b[^?.!]{0,40}?\b(?:wrote|writes|written|authored|co-?authored|published|penned)\b/i,
  /\bwho(?:['’]s|\s+is|\s+are|\s+was|\s+were)?\s+(?:the\s+)?(?:authors?|writers?|co-?authors?)\b/i,
  /\b(?:authors?|writers?|co-?authors?)\s+of\b/i,
  /\b(?:when|where|which|what)\b[^?.!]{0,40}?\b(?:published|written|outlet|publication|newspaper|magazine)\b/i,
];

/** The words such a question asks with, and the nouns it names the article by: beside them, it asks nothing else. */
export const ABOUT_TERMS: ReadonlySet<string> = new Set(
  terms(
    `${ARTICLE_NOUNS} ${AUTHOR_WORDS} written writing authored co-authored coauthored co-author penned publish outlet newspaper ` +
      'magazine originally',
  ),
);

/** Whether a question asks who wrote or published an article, or when or where it appeared. */
export function asksAboutSource(question: string): boolean {
  return ASKS_ABOUT.some((re) => re.test(question));
}

export function sourceCard(source: Source): SourceCard {
  return { ...sourceFacts(source), credits: source.boilerplate.filter((b) => b.kind === 'credit').map((b) => b.text) };
}
