/** Plain-text formatting shared by every renderer: dates, one-line citations and events, the summary as text. */
import { MONTHS } from '../core/dates/calendar.js';
import type { SourceCard } from '../core/about.js';
import type { SummaryAnswer, SummaryBudget } from '../core/summary.js';
import type { Citation, DatePrecision, IsoDate } from '../core/types.js';

const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));

/** "2022-03-10" → "10 Mar 2022"; "2022-08" → "Aug 2022"; "2023" → "2023". */
export function formatDate(date: IsoDate | null, precision?: DatePrecision | null): string {
  if (!date) return 'undated';
  const [y, m, d] = date.split('-');
  const month = m ? SHORT_MONTHS[Number(m) - 1] : undefined;
  if (precision === 'year' || !month) return y ?? date;
  if (precision === 'month' || !d) return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

/** A date or a range: "2014–2015", "Mar–Apr 2022", "7–10 Mar 2022", "Jun 2022–Feb 2023". */
export function formatDateRange(date: IsoDate, end: IsoDate | undefined, precision: DatePrecision): string {
  const a = formatDate(date, precision);
  if (!end || end === date) return a;
  const b = formatDate(end, precision);
  const [ya, ma] = date.split('-');
  const [yb, mb] = end.split('-');
  if (precision === 'day' && ya === yb && ma === mb) return `${a.split(' ')[0]}–${b}`;
  if (precision === 'month' && ya === yb) return `${a.split(' ')[0]}–${b}`;
  return `${a}–${b}`;
}

/** "¶14" or "¶14–15". */
export function formatParagraph(c: Pick<Citation, 'paragraph' | 'paragraphEnd'>): string {
  return c.paragraphEnd > c.paragraph ? `¶${c.paragraph}–${c.paragraphEnd}` : `¶${c.paragraph}`;
}

/** Who wrote it, as a reader would want it: authors, else the publication, else "unknown author". */
export function formatByline(c: Pick<Citation, 'authors' | 'publication'>): string {
  return c.authors.length > 0 ? c.authors.join(', ') : 'unknown author';
}

/** The parts of a citation line, in order: title · author · publication · date · section ¶ · id. */
export function citationParts(c: Citation): string[] {
  return [
    c.title,
    formatByline(c),
    ...(c.publication ? [c.publication] : []),
    formatDate(c.date, c.datePrecision),
    `${c.section ? `${c.section} ` : ''}${formatParagraph(c)}`,
    c.passageId,
  ];
}

export function formatCitation(c: Citation): string {
  return citationParts(c).join(' · ');
}

/**
 * The library's record of an article, for "who wrote…": “Title”: by …, in …, on …; and the article's own credit line.
 * The copy's silence is said as such ("the copy names no author").
 */
export function aboutSource(card: SourceCard): string {
  const by = card.authors.length > 0 ? `by ${card.authors.join(', ')}` : 'the copy names no author';
  const where = card.publication ? `, in ${card.publication}` : '';
  const when = card.date ? `, ${formatDate(card.date, card.datePrecision)}` : '';
  const credits = card.credits.length > 0 ? ` It closes: ${card.credits.join(' ')}` : '';
  return `“${card.title}”: ${by}${where}${when}.${credits}`;
}

/** What a search answer says about the sources its question named: answered from them first, or not found there. */
export function scopeNote(scope: { names: readonly string[]; found: number } | undefined): string | null {
  if (!scope) return null;
  const names = scope.names.join(' and ');
  return scope.found > 0
    ? `From ${names} first, as your question names it.`
    : `Nothing in ${names} matches; these come from the other articles.`;
}

/** A one-line event is cut to about this many characters. */
export const ONE_LINE_CHARS = 110;

/** The event as one line of at most about ONE_LINE_CHARS characters, cut at a word with "…". */
export function oneLine(text: string, max = ONE_LINE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, max - 1).replace(/[\s,;:—–-]+\S*$/, '')}…`;
}

/** The summary as plain text: each quote with its footnote mark, then the numbered source list. */
export function summaryText(answer: SummaryAnswer): string {
  const body = answer.sentences.map((s) => `${s.text} [${s.footnote}]`).join(' ');
  const list = answer.sources.map((c, i) => `[${i + 1}] ${formatCitation(c)}`).join('\n');
  return `${body}\n\n${list}`;
}

/**
 * A summary's room, counted as `summaryText` draws it: 3,800 characters, so that a Discord embed (4,096)
 * never cuts it (the terminal shows what Discord shows). `talks summary` passes it; `/talks summary` passes
 * `summaryEmbedBudget` (render/discord.ts), which also counts the reader's links.
 */
export const SUMMARY_BUDGET: SummaryBudget = { chars: 3800, measure: (answer) => summaryText(answer).length };
