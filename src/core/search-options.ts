/**
 * Every number that tunes search and its excerpts, in one typed, documented object per module (as MiniSearch
 * keeps its `defaultSearchOptions`, and `summary/options.ts` the summary's): `search(index, q, { tuning })`
 * takes overrides, so `eval/` can sweep a value (`npm run eval -- --tune excerptWeight=0.6`) without editing code.
 */

/** How a passage's best window is scored and its excerpt cut (`excerpt.ts`). */
export interface ExcerptOptions {
  /** Excerpts aim at this many characters; a single longer sentence is cut around its matches. */
  maxChars: number;
  /** At most this many sentences in an excerpt window. */
  maxSentences: number;
  /** Added, in full, when every two neighbouring query words matched sit within `near` tokens of each other. */
  proximityBonus: number;
  /** Two matched terms this many tokens apart or closer count as near each other. */
  near: number;
  /** Added when the window holds the kind of answer the question asks for (a date for "when"…). */
  answerKindBonus: number;
  /** Taken off a window's score for each sentence past its first, so the shortest window that answers wins. */
  sentenceCost: number;
  /** A passage's opening read with the sentence before it counts for this share of what the two hold. */
  bridgeWeight: number;
  /** The opening of a long sentence after the window is shown only if at least this much of it fits. */
  minTailChars: number;
}

export const DEFAULT_EXCERPT_OPTIONS: Readonly<ExcerptOptions> = Object.freeze({
  maxChars: 400,
  maxSentences: 3,
  proximityBonus: 0.15,
  near: 3,
  answerKindBonus: 0.1,
  sentenceCost: 0.03,
  bridgeWeight: 0.9,
  minTailChars: 60,
});

/** How the index scores candidates (`search-index.ts`): MiniSearch's BM25+ over the passage fields. */
interface IndexScoring {
  /**
   * Field weights: the passage text decides; its section heading and article title add context; a question a
   * moderator confirmed it answers weighs less than its own words (it says what was asked, not what the source says).
   */
  fieldBoosts: { text: number; section: number; title: number; when: number; askedAs: number };
  /** BM25+ parameters (MiniSearch's defaults; `b` lowered a little because passages are of similar length). */
  bm25: { k: number; b: number; d: number };
}

/**
 * When an answer is sure of itself, and when it has nothing to say. A question's weight is the sum of its words'
 * weights (each its IDF as ranking weighs it; a word nothing in the library matches weighs the most any word can,
 * for it is the most specific). A quote holds a word when it holds the word itself, as typed or mistyped — never
 * a related word ("purple" reaching "rhetoric" through WordNet helps a ranking, not a claim to have answered).
 *
 * Measured on the eval question sets (`npm run eval`): the odds that the first quote answers rise with the weight
 * it holds, with its lead over the second result and with its best window's score; `odds` is that logistic
 * model, fitted on the dev, heldout, chat and written sets and checked on the blind ones.
 */
interface ConfidenceOptions {
  /**
   * A word is characteristic of the library when the library uses it this much more than everyday English does
   * (IDF in English minus IDF in the library; names English does not know always are). A question asking no such
   * word, whose first quote holds less than `minHeld` of it, is about something else: nothing is quoted. (So is
   * one most of whose weight matches nothing, for a quote never holds more than the library matched.)
   */
  characteristic: number;
  /**
   * …or of the article the best passage comes from: a word it uses in at least `recurs` passages, this much more
   * than everyday English does (IDF in English minus IDF among the article's passages). Measured on the library
   * grown with eval/articles-d: every value from 1.75 to 2.75 gives the same figures; 1.5 quotes an off-topic question.
   */
  article: { characteristic: number; recurs: number };
  minHeld: number;
  /**
   * …and so is one, answered by such a quote, that asks this many words the library lacks and everyday English seldom
   * uses (IDF in English `specific` or more: "dayton", "bosnian"), even with a word of the library's own ("agreement").
   */
  othersNamed: number;
  specific: number;
  /** …or whose words weigh less than one uncommon word (everyday words only: "what time is it"). */
  minWeight: number;
  /** The log-odds that the first quote answers: bias + held × ln(1 + weight held) + lead × score lead + window × window score. */
  odds: { bias: number; held: number; lead: number; window: number };
  /** High from these log-odds (a probability of 0.48), and only when the quote holds this share of the question itself. */
  highOdds: number;
  highHeld: number;
}

/** How a question is matched and its passages ranked (`search.ts`), and how sure the answer says it is. */
export interface SearchTuning {
  /** How many BM25 candidates the excerpt re-ranker looks at. */
  rerankDepth: number;
  /** Weight of the excerpt score against the normalised BM25 score in the final ranking. */
  excerptWeight: number;
  /** Weights of approximate matches (per edit, for a slip), relative to an exact one. */
  fuzzyWeight: number;
  prefixWeight: number;
  /** A word this long or longer may be one slip from a library word; this long or longer, two. Shorter: none. */
  oneSlipLength: number;
  twoSlipLength: number;
  /** A word the library lacks is matched to the library's words it begins, from this length on. */
  minPrefixLength: number;
  /** Weight of a related word (`synonyms.ts`), relative to an exact match. */
  relatedWeight: number;
  /**
   * Weight of a place within the place asked about ("Istanbul" for "Turkey", from WordNet), relative to an
   * exact match, and never more than the place asked about would weigh itself.
   */
  partWeight: number;
  /** Weight of a WordNet synonym of a word the library lacks (`lexicon.ts`), relative to an exact match. */
  synonymWeight: number;
  /**
   * A word the library lacks that WordNet knows is still read as a typo of a library word one edit away when
   * that word is in at least this share of passages: a slip lands on a common word far more often than a
   * reader asks for a rare one.
   */
  commonNeighbourShare: number;
  /** Expansions kept per unknown term (the most frequent first). */
  maxExpansions: number;
  /**
   * Terms in more than this share of passages are left out of the candidate search (BM25) when rarer terms
   * remain: on a large library they cost the most (the longest posting lists) and tell the least. The
   * excerpt re-ranking still counts them.
   */
  commonTermShare: number;
  /** The pruning starts at this many passages; below it every term is cheap. */
  commonTermMinPassages: number;
  /** A word this long that the library lacks but nearly spells is a slip for that word (shorter ones may be other words). */
  longSlip: number;
  /**
   * A question a moderator confirmed for a passage (`asked-as.ts`) ranks it as a window scoring this times how alike
   * the two questions are: asked the same way, it outranks a passage holding every word in its text; sharing a word
   * or two, it does not. Chosen on `npm run eval`'s confirmed halves (1.2–2 all gain; above 1.5 a set loses).
   */
  askedAsWeight: number;
  /** A first quote a confirmation ranked is sure of itself when the question was asked about this much as it was confirmed. */
  askedAsSure: number;
  /**
   * A confirmed question less like the one asked than this says nothing of it. Chosen on `npm run eval`'s confirmed
   * halves of all eight sets (165 confirmations): at 0 a confirmation sharing only "Kyiv" and "talks" outranked
   * another question's answer and two sets dropped; 0.3–0.4 lose none; 0.5 costs blind2.
   */
  askedAsFloor: number;
  scoring: IndexScoring;
  confidence: ConfidenceOptions;
  excerpt: ExcerptOptions;
}

export const DEFAULT_SEARCH_OPTIONS: Readonly<SearchTuning> = Object.freeze({
  rerankDepth: 40,
  excerptWeight: 0.7,
  fuzzyWeight: 0.7,
  prefixWeight: 0.5,
  oneSlipLength: 4,
  twoSlipLength: 8,
  minPrefixLength: 4,
  relatedWeight: 0.5,
  partWeight: 0.5,
  synonymWeight: 0.5,
  commonNeighbourShare: 0.05,
  maxExpansions: 6,
  commonTermShare: 0.1,
  commonTermMinPassages: 2000,
  longSlip: 7,
  askedAsWeight: 1.5,
  askedAsSure: 0.8,
  askedAsFloor: 0.4,
  scoring: Object.freeze({
    fieldBoosts: Object.freeze({ text: 1, section: 0.6, title: 0.25, when: 0.8, askedAs: 0.2 }),
    bm25: Object.freeze({ k: 1.2, b: 0.6, d: 0.5 }),
  }),
  confidence: Object.freeze({
    characteristic: 1.75,
    article: Object.freeze({ characteristic: 2.25, recurs: 2 }),
    minHeld: 0.5,
    othersNamed: 2,
    specific: 4.5,
    minWeight: 2.5,
    odds: Object.freeze({ bias: -3.99, held: 1.3, lead: 3.12, window: 1.85 }),
    highOdds: -0.08,
    highHeld: 0.35,
  }),
  excerpt: DEFAULT_EXCERPT_OPTIONS,
});

/** Overrides of the defaults: any field, and any field of the nested objects. */
export interface SearchTuningOverrides extends Partial<Omit<SearchTuning, 'scoring' | 'confidence' | 'excerpt'>> {
  scoring?: { fieldBoosts?: Partial<IndexScoring['fieldBoosts']>; bm25?: Partial<IndexScoring['bm25']> };
  confidence?: Partial<Omit<ConfidenceOptions, 'odds' | 'article'>> & {
    odds?: Partial<ConfidenceOptions['odds']>;
    article?: Partial<ConfidenceOptions['article']>;
  };
  excerpt?: Partial<ExcerptOptions>;
}

/** The defaults with `overrides` laid over them (the defaults themselves when there are none). */
export function searchTuning(overrides?: SearchTuningOverrides): Readonly<SearchTuning> {
  if (!overrides) return DEFAULT_SEARCH_OPTIONS;
  const d = DEFAULT_SEARCH_OPTIONS;
  const { scoring = {}, confidence = {}, excerpt = {}, ...top } = overrides;
  return {
    ...d,
    ...top,
    scoring: { fieldBoosts: { ...d.scoring.fieldBoosts, ...scoring.fieldBoosts }, bm25: { ...d.scoring.bm25, ...scoring.bm25 } },
    confidence: {
      ...d.confidence,
      ...confidence,
      odds: { ...d.confidence.odds, ...confidence.odds },
      article: { ...d.confidence.article, ...confidence.article },
    },
    excerpt: { ...d.excerpt, ...excerpt },
  };
}
