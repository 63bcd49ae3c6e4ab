/** Plain-text formatting shared by every renderer: dates, one-line citations and events, the summary as text. */
import { MONTHS } from '../core/dates/calendar.js';
import type { SourceCard } from '../core/about.js';
import type { Transliterated } from '../core/transliterate.js';
import type { SearchAnswer, SearchResult, SearchScope } from '../core/search.js';
import type { TimelineEvent } from '../core/events.js';
import type { SummaryAnswer, SummaryBudget } from '../core/summary/index.js';
import type { Citation, DateDerivation, DatePrecision, IsoDate, SourceMeta } from '../core/types.js';
import { truncate } from '../core/truncate.js';
import type { Listed, Preview } from '../library/manage.js';

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

/** An article's date as a citation prints it: "c. 10 Mar 2022" when the project inferred it, for the copy does not say. */
export function formatSourceDate(date: IsoDate | null, precision: DatePrecision | null, derivation: DateDerivation | null): string {
  const when = formatDate(date, precision);
  return date && derivation === 'inferred' ? `c. ${when}` : when;
}

/** An article's title where the library is listed, marked when the project wrote it because the copy has none. */
export function formatListedTitle(meta: Pick<SourceMeta, 'title' | 'titleFrom'>): string {
  return meta.titleFrom === 'project' ? `${meta.title} [title supplied: the copy has none]` : meta.title;
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

/**
 * An event's date as every timeline prints it: "Mar–Apr 2022", "early 2000s", "soon after Feb 2022", "by Aug 2022",
 * and where the article's year is a slip, the year it prints: "Nov 2022 (the article prints 2002)".
 */
export function formatEventDate(e: Pick<TimelineEvent, 'date' | 'end' | 'precision' | 'relation' | 'label' | 'printed'>): string {
  const when = e.label ?? formatDateRange(e.date, e.end, e.precision);
  const bounded = e.relation ? `${e.relation} ${when}` : when;
  return e.printed ? `${bounded} (the article prints ${e.printed.slice(0, 4)})` : bounded;
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
    formatSourceDate(c.date, c.datePrecision, c.dateDerivation),
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
  const when = card.date ? `, ${formatSourceDate(card.date, card.datePrecision, card.dateDerivation)}` : '';
  const credits = card.credits.length > 0 ? ` It closes: ${card.credits.join(' ')}` : '';
  return `“${card.title}”: ${by}${where}${when}.${credits}`;
}

/** "“banana”, “quantum”": the words of a question no passage mentions, as typed. */
function quotedWords(words: readonly string[]): string {
  return words.map((w) => `“${w}”`).join(', ');
}

/**
 * How a search answer says it matches, when it must: plainly that its passages only partly match (a low
 * answer), or which words no passage mentions. Null for a sure answer that found every word.
 */
export function matchNote(answer: Pick<Extract<SearchAnswer, { kind: 'results' }>, 'confidence' | 'unmatched' | 'results'>): string | null {
  if (answer.results.length === 0) return null;
  if (answer.confidence !== 'low') return topicNote(answer.unmatched);
  const missing = answer.unmatched.length > 0 ? `: no passage mentions ${quotedWords(answer.unmatched)}` : '';
  return `These passages only partly match your question${missing}.`;
}

/** Which words of a question or a topic no passage mentions, said as a search says them; null when every one is found. */
export function topicNote(unmatched: readonly string[] = []): string | null {
  return unmatched.length > 0 ? `No passage mentions ${quotedWords(unmatched)}; showing the closest matches.` : null;
}

/** What an answer about a topic the library is not about says: so, and which of its words no passage mentions. */
export function nothingAboutNote(topic: string, unmatched: readonly string[] = []): string {
  return `Nothing in the library is about “${topic}”.${missingWords(unmatched)}`;
}

/** " No passage mentions “banana”." after a sentence saying nothing matches, or nothing when every word is found. */
function missingWords(unmatched: readonly string[]): string {
  return unmatched.length > 0 ? ` No passage mentions ${quotedWords(unmatched)}.` : '';
}

/** Said under a quote that a moderator's confirmation ranked, so a reader knows why it is there. */
export function confirmedNote(result: Pick<SearchResult, 'confirmedFor'>): string | null {
  return result.confirmedFor === undefined ? null : `Moderators confirmed this passage answers “${oneLine(result.confirmedFor)}”.`;
}

/** What a search that quotes nothing says: nothing matches, and which words no passage mentions. */
export function nothingNote(answer: Extract<SearchAnswer, { kind: 'no-results' }>): string {
  if (answer.scope) {
    const searched = transliteratedNote(answer.scope);
    return answer.scope.searched
      ? `${searched.slice(0, -1)}, and nothing matches.`
      : `The library is in English, and no word of “${answer.query}” is a name it knows; please ask in English.`;
  }
  return `Nothing in the library matches “${answer.query}”.${missingWords(answer.unmatched ?? [])}`;
}

/** A question asked in Cyrillic: the library is in English, and what was searched instead. */
function transliteratedNote(scope: Transliterated): string {
  const names = scope.names.map((n) => `${n.from} → ${n.to}`).join(', ');
  return names
    ? `The library is in English: searched “${scope.searched}” instead (${names}).`
    : `The library is in English: searched “${scope.searched}” alone (no word in Cyrillic is a name it knows).`;
}

/**
 * What a search answer says about how its question was read: answered first from the sources it named (or not
 * found there), or, asked in Cyrillic, what was searched instead.
 */
export function scopeNote(scope: SearchScope | Transliterated | undefined): string | null {
  if (!scope) return null;
  if ('kind' in scope) return transliteratedNote(scope);
  const names = scope.names.join(' and ');
  return scope.found > 0
    ? `From ${names} first, as your question names it.`
    : `Nothing in ${names} matches; these come from the other articles.`;
}

/** A one-line event is cut to about this many characters. */
const ONE_LINE_CHARS = 110;

/** The event as one line of at most about ONE_LINE_CHARS characters, cut at a word with "…". */
export function oneLine(text: string, max = ONE_LINE_CHARS): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/** Words as a quote: in quotation marks, the quotes within turned to single marks, as quotations are printed. */
export function asQuote(text: string): string {
  return `“${text.replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/**
 * One quote of a summary as it is printed: in quotation marks with its footnote, each on a line of its own, so a
 * reader sees where the article's words begin and end; what the bot adds ("(sources differ)") stands outside them.
 */
export function summaryQuote(
  s: SummaryAnswer['sentences'][number],
  style: { differ?: string; quote?: (text: string) => string; mark?: (n: number) => string } = {},
): string {
  const { differ = '(sources differ) ', quote = asQuote, mark = (n: number): string => `[${n}]` } = style;
  return `${s.disagreesWith ? differ : ''}${quote(s.text)} ${mark(s.footnote)}`;
}

/** The summary as plain text: each quote on its own line with its footnote mark, then the numbered source list. */
export function summaryText(answer: SummaryAnswer): string {
  const body = answer.sentences.map((s) => summaryQuote(s)).join('\n');
  const list = answer.sources.map((c, i) => `[${i + 1}] ${formatCitation(c)}`).join('\n');
  return `${body}\n\n${list}`;
}

/**
 * A summary's room, counted as `summaryText` draws it: 3,800 characters, so that a Discord embed (4,096)
 * never cuts it (the terminal shows what Discord shows). `talks summary` passes it; `/talks summary` passes
 * `summaryEmbedBudget` (render/discord.ts), which also counts the reader's links.
 */
export const SUMMARY_BUDGET: SummaryBudget = { chars: 3800, measure: (answer) => summaryText(answer).length };

/** A draft's record as the preview shows it, label by label (the terminal and Discord lay these out). */
export function previewFacts(p: Preview): Array<[string, string]> {
  const date = p.meta.date ? formatSourceDate(p.meta.date.value, p.meta.date.precision, p.meta.date.derivation) : 'undated';
  return [
    ['Title', p.meta.title],
    ['By', formatByline(p.meta)],
    ['Outlet', p.meta.publication ?? 'not found'],
    ['Date', p.dateHow ? `${date} (${p.dateHow})` : date],
    ['Id', p.meta.id],
    ['Gives', `${p.paragraphs} paragraphs, ${p.passages} passages, ${p.events} dated events`],
  ];
}

/** Where a listed source came from: "seed", or "added by Ana on 14 Feb 2026 (file report.txt)". */
export function originNote(l: Listed): string {
  if (l.origin.kind === 'seed') return 'seed';
  const day = new Date(l.origin.at).toISOString().slice(0, 10);
  return `added by ${l.origin.by.name} on ${formatDate(day, 'day')} (${l.origin.from.kind} ${l.origin.from.ref})`;
}
