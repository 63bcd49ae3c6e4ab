/** What a summary is made of: its answer, the budget it is fitted to, and the candidate quotes it is chosen from. */
import type { Citation, Passage } from '../types.js';

export interface SummarySentence {
  text: string;
  /** 1-based footnote number into `sources`. */
  footnote: number;
  /** Set on the two sentences of a disagreement: the footnote of the other side. */
  disagreesWith?: number;
}

export type SummaryAnswer =
  | {
      kind: 'summary';
      topic: string;
      /** The topic's words no passage mentions, as typed (`topicMatch`): the quotes are about the rest of it. */
      unmatched: string[];
      sentences: SummarySentence[];
      /** Footnote n is `sources[n - 1]`. */
      sources: Citation[];
    }
  | {
      kind: 'no-results' | 'invalid';
      topic: string;
      sentences: [];
      sources: [];
      /** Why there is no summary. */
      message: string;
      /** The topic's words no passage mentions, as typed. */
      unmatched?: string[];
    };

/** What a summary says it is about: its topic, and how that matches the library. */
export type SummaryAbout = Pick<Extract<SummaryAnswer, { kind: 'summary' }>, 'topic' | 'unmatched'>;

/**
 * How much room a summary has, as its caller shows it: at most `chars` characters as `measure` counts them
 * (the renderers' is `SUMMARY_BUDGET` in `render/format.ts`). Past it, the last-ranked quotes are dropped,
 * never below MIN_SUMMARY_SENTENCES.
 */
export interface SummaryBudget {
  chars: number;
  measure: (answer: SummaryAnswer) => number;
}

export interface Candidate {
  text: string;
  terms: Set<string>;
  relevance: number;
  citation: Citation;
  /** For reading order: the source's date, then position in the source. */
  order: string;
  /** Per sentence: its opposing words' contexts (a quote of several sentences may take a side in one of them). */
  polar: Array<Map<string, Set<string>>>;
  /** Where it is: its passage and its first and last sentence there. */
  at: { passage: Passage; from: number; to: number };
  /**
   * The sentence this quote's first sentence leans on ("This must include…"), when the quote does not hold
   * it: the last of the passage before, or the one before in its own passage. The quote stands only where
   * another quote holds that sentence.
   */
  needs?: { passage: Passage; sentence: number };
  /** For a quote that leans on the passage before: the quote brought along when nothing chosen ends that passage. */
  lead?: Candidate;
}
