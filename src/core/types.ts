/**
 * The domain of Peace Talks Bot, as plain data. Everything the core returns is made of these types,
 * and every renderer (Discord, HTTP, terminal, JSON) draws from them.
 */

/** How exact a date is: a year, a month or a day. */
export type DatePrecision = 'year' | 'month' | 'day';

/** A date as far as it is known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, matching its precision. */
export type IsoDate = string;

/** Whether a date was written out in full in the text or worked out from context. */
export type DateDerivation = 'explicit' | 'inferred';

/** The date an article speaks from, as the manifest records it (with the evidence in the text). */
export interface SourceDate {
  value: IsoDate;
  precision: DatePrecision;
  derivation: DateDerivation;
  /** Quotes from the article, or reasoning from them, that fix the date. */
  evidence: string[];
}

/** What the manifest says about one article (validated in `manifest.ts`). */
export interface SourceMeta {
  /** Stable slug, used in passage ids: `jacobin-2022`. */
  id: string;
  /** File name inside `seeds/`. */
  file: string;
  title: string;
  /** `project` when the copy has no headline and the title was written for the library (it is marked so where listed). */
  titleFrom: 'article' | 'project';
  authors: string[];
  publication: string | null;
  date: SourceDate | null;
  url: string | null;
  notes: string[];
}

/** A heading-delimited block of body text, as cleaned. */
export interface Paragraph {
  /** 1-based position among the body paragraphs of the source. */
  number: number;
  /** The section heading the paragraph sits under, or null before the first heading. */
  section: string | null;
  text: string;
  /** Character offsets into `Source.text`. */
  start: number;
  end: number;
}

/** Text that is not body prose, kept as metadata rather than searched. */
export interface Boilerplate {
  kind: 'title' | 'byline' | 'caption' | 'credit' | 'reader-prompt' | 'reference' | 'site-header';
  text: string;
}

/** One article, loaded and cleaned. */
export interface Source {
  meta: SourceMeta;
  /** The cleaned body: paragraphs joined by blank lines. Passage offsets point into it. */
  text: string;
  paragraphs: Paragraph[];
  /** Section headings in order of appearance. */
  sections: string[];
  boilerplate: Boilerplate[];
  /** Content hash of the raw file, so caches and ids can tell when it changed. */
  hash: string;
}

/**
 * What a load warning is about: `skipped`, a file left out of the library (unreadable, not text, empty, a
 * duplicate id); `manifest`, a missing or malformed manifest (titles are derived from the texts);
 * `unlisted`, a file the manifest does not describe (loaded with a derived title); `encoding`, a file read
 * as Windows-1252; `missing`, a manifest entry whose file is not there.
 */
export type LoadWarningKind = 'skipped' | 'manifest' | 'unlisted' | 'encoding' | 'missing';

/** A problem found while loading the library; the rest of the library still loads. */
export interface LoadWarning {
  kind: LoadWarningKind;
  file: string;
  message: string;
}

/** A quotable unit of text: a paragraph, part of a long one, or short ones merged. */
export interface Passage {
  /** Stable id: `<source id>#p<first paragraph>` plus `.<part>` when a paragraph is split. */
  id: string;
  sourceId: string;
  section: string | null;
  /** First and last paragraph numbers covered (equal unless fragments were merged). */
  paragraphStart: number;
  paragraphEnd: number;
  text: string;
  /** Character offsets into `Source.text`. */
  start: number;
  end: number;
  /**
   * Sentence boundaries within `text`, relative to the passage: [start, end) pairs laid flat as
   * `[start, end, start, end, …]` (one small array a passage, not one more per sentence: a large library
   * keeps millions). Read them as pairs with `sentenceSpans`.
   */
  sentences: number[];
  /**
   * When its sentences happened, where the text does not say it in full: "on March 10" in an article of
   * March 2022 adds "March 2022" at that sentence, so a question about March 2022 finds it.
   * Pairs of [sentence start, date words].
   */
  when?: Array<[number, string]>;
  /**
   * Questions moderators confirmed this passage answers, as asked: indexed as a separate, lighter field, so a later
   * question worded alike finds it (members' votes never land here).
   */
  askedAs?: string[];
}

/** Everything a reader needs to find a quote in its article. */
export interface Citation {
  sourceId: string;
  title: string;
  authors: string[];
  publication: string | null;
  date: IsoDate | null;
  datePrecision: DatePrecision | null;
  /** `inferred` when the project worked the date out (it then reads "c. …"), null when undated. */
  dateDerivation: DateDerivation | null;
  section: string | null;
  /** Paragraph number (or first of a range), 1-based, within the article body. */
  paragraph: number;
  paragraphEnd: number;
  passageId: string;
}

/** A [start, end) character range inside an excerpt. */
export type Range = [number, number];
