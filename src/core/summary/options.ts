/**
 * Every number that tunes a summary, in one typed, documented object (as MiniSearch keeps its
 * `defaultSearchOptions`): `summarize` takes overrides, so `eval/` can sweep a value without editing code.
 */
export interface SummaryOptions {
  /** A summary holds at least this many quotes, whatever its budget. */
  minSentences: number;
  /** And at most this many. */
  maxSentences: number;
  /** Relevance against novelty in MMR: higher favours relevance. */
  mmrLambda: number;
  /** Past `minSentences`, a quote sharing more than this share of its words (Jaccard) with a chosen one is left out. */
  repeatShare: number;
  /** Quotes shorter or longer than this are not quotable on their own. */
  minQuoteChars: number;
  maxQuoteChars: number;
  /** A candidate must reach this share of the best candidate's relevance. */
  relativeFloor: number;
  /** Passages (search results) whose sentences are considered. */
  passageDepth: number;
  /**
   * A summary ranks its quotes by the topic's telling words more sharply than a search ranks passages: each
   * word of the topic weighs its IDF to this power, so "demands" outweighs "war" and "negotiations", which most
   * passages of a library about a war hold.
   */
  topicIdfPower: number;
  /** Share of a quote's relevance from that sharpened window score; the rest is the passage's search score. */
  sharpShare: number;
  /** A quote grows from its core sentences with the sentences after them, then before them, to about this many characters. */
  unitChars: number;
  /** How much a heading about the topic adds to its passages' relevance (a heading that is all topic doubles it). */
  headingShare: number;
  /** A source gets a quote of its own when its best reaches this share of the best source's. */
  sourceFloor: number;
  /** Share of a topic part's weight that a quote must hold close together, when it lacks the most telling word. */
  aboutShare: number;
  /** Words of a topic this close together (in analyzed words) are said of one thing. */
  aboutSpan: number;
  /** Words this close to an opposing word are what it is said about ("support … waning"). */
  polarReach: number;
  /** Two quotes disagree when at least this many words are said near their opposing words. */
  minDisagreement: number;
}

export const DEFAULT_SUMMARY_OPTIONS: Readonly<SummaryOptions> = Object.freeze({
  minSentences: 3,
  maxSentences: 16,
  mmrLambda: 0.7,
  repeatShare: 0.5,
  minQuoteChars: 40,
  maxQuoteChars: 600,
  relativeFloor: 0.1,
  passageDepth: 20,
  topicIdfPower: 1.5,
  sharpShare: 0.7,
  unitChars: 500,
  headingShare: 1,
  sourceFloor: 0.2,
  aboutShare: 0.5,
  aboutSpan: 12,
  polarReach: 5,
  minDisagreement: 2,
});

export const MIN_SUMMARY_SENTENCES = DEFAULT_SUMMARY_OPTIONS.minSentences;
export const MAX_SUMMARY_SENTENCES = DEFAULT_SUMMARY_OPTIONS.maxSentences;
