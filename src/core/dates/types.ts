/** The dates the parser finds, and the context it resolves them in. */
import type { DatePrecision, IsoDate } from '../types.js';

export interface DateContext {
  /** The date the article speaks from (from its manifest), e.g. {value:'2022-08', precision:'month'}. */
  anchor: { value: IsoDate; precision: DatePrecision; derivation: 'explicit' | 'inferred' } | null;
  /** The last date the narrative mentioned before this sentence (running context), or null. See `nextContext`. */
  last: ResolvedDate | null;
}

/**
 * `future`: after the article's own date, or pointing ahead by its wording ("come fall", "next month").
 * `hypothetical`: governed by a modal or an expectation ("talks could restart by the end of August") but not
 * after the article's date.
 */
type DateModality = 'future' | 'hypothetical';

export interface ResolvedDate {
  /** 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' */
  date: IsoDate;
  /** The last unit of a range ("March-April 2022", "2014-2015", "June and July", "the past six months"). */
  end?: IsoDate;
  /** Precision of `date` (`end` has the same one). */
  precision: DatePrecision;
  /** explicit = the year is written in the phrase; inferred = from the anchor or the context. */
  derivation: 'explicit' | 'inferred';
  /** The matched text, with the words that shape its meaning ("the end of July", "back in May", "come fall"). */
  phrase: string;
  /** Offset of `phrase` in the sentence. */
  index: number;
  /**
   * Set when the year as printed contradicts its own context (a slip): `fits` are the years one keystroke away
   * that the narrative allows. With exactly one, `date` is already corrected to it; else `date` is as printed.
   */
  slip?: { printed: IsoDate; fits: number[] };
  /** How people say a date that year, month or day would over- or understate: "early 2000s", "late 2022". */
  label?: string;
  /** Set when the date is not of something that has happened as of the article. */
  modality?: DateModality;
}
