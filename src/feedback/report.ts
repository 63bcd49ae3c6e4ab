/**
 * The moderators' report (pure: recorded answers in, the report out): the questions most asked, those answered with
 * low confidence or nothing, those rated Not what I asked, and how often each source was cited. The same question
 * asked in other letter cases or spacing counts as one, shown as it was last worded.
 */
import type { AnswerWithVotes } from './store.js';

interface AskedRow {
  question: string;
  count: number;
  /** The latest answer to it: a moderator confirming from the report starts from this one. */
  answerId: string;
}

interface UnsureRow extends AskedRow {
  confidence: 'low' | 'none';
}

interface NotAskedRow extends AskedRow {
  notAsked: number;
  helpful: number;
}

interface SourceRow {
  sourceId: string;
  citations: number;
}

/** The days asked for, and the times they span (ms since the epoch, both included). */
export interface ReportWindow {
  days: number;
  from: number;
  to: number;
}

export interface Report extends ReportWindow {
  answers: number;
  helpful: number;
  notAsked: number;
  mostAsked: AskedRow[];
  unsure: UnsureRow[];
  notAskedRows: NotAskedRow[];
  sources: SourceRow[];
}

const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The buckets an answer is counted in (issue 24: a report must read a few rows, not every answer): its hour and its
 * day (UTC), as `h<hours since the epoch>` and `d<days since the epoch>`. Its hour lies within its day.
 */
export function answerSlots(at: number): { hour: string; day: string } {
  return { hour: `h${Math.floor(at / HOUR_MS)}`, day: `d${Math.floor(at / DAY_MS)}` };
}

/**
 * A window cut into what the buckets hold and what they cannot: whole days and whole hours read from buckets, and the
 * parts of an hour at either end (`raw`, times included) read from the answers themselves. No time is in two parts.
 */
export function windowParts(window: Pick<ReportWindow, 'from' | 'to'>): { raw: Array<[number, number]>; slots: string[] } {
  const firstHour = Math.ceil(window.from / HOUR_MS);
  // The hours that end by `to` (inclusive): those before this one.
  const endHour = Math.floor((window.to + 1) / HOUR_MS);
  if (firstHour >= endHour) return { raw: window.from <= window.to ? [[window.from, window.to]] : [], slots: [] };
  const raw: Array<[number, number]> = [
    [window.from, firstHour * HOUR_MS - 1],
    [endHour * HOUR_MS, window.to],
  ];
  const slots: string[] = [];
  const hours = (from: number, end: number): void => {
    for (let h = from; h < end; h++) slots.push(`h${h}`);
  };
  const firstDay = Math.ceil(firstHour / 24);
  const endDay = Math.floor(endHour / 24);
  if (firstDay >= endDay) hours(firstHour, endHour);
  else {
    hours(firstHour, firstDay * 24);
    for (let d = firstDay; d < endDay; d++) slots.push(`d${d}`);
    hours(endDay * 24, endHour);
  }
  return { raw: raw.filter(([lo, hi]) => lo <= hi), slots };
}

/** The same question whatever its case and spacing. */
export function questionKey(question: string): string {
  return question.toLowerCase().replace(/\s+/g, ' ').trim();
}

const byCount = <T extends { count: number; question: string }>(a: T, b: T): number =>
  b.count - a.count || (a.question < b.question ? -1 : a.question > b.question ? 1 : 0);

/** A question's rows, filled in one pass over the answers (oldest first: the latest wording and answer win). */
interface Group {
  asked: AskedRow;
  unsure: UnsureRow | null;
  notAsked: NotAskedRow | null;
}

/** How many of an answer's passages each source gave (`jacobin-2022#p3` is jacobin-2022's). */
export function citedSources(passages: readonly string[]): Map<string, number> {
  const cited = new Map<string, number>();
  for (const passage of passages) {
    const hash = passage.indexOf('#');
    const sourceId = hash < 0 ? passage : passage.slice(0, hash);
    cited.set(sourceId, (cited.get(sourceId) ?? 0) + 1);
  }
  return cited;
}

/** The report's rows in their order, wherever they were counted: most first, then by question (or source id). */
export function sortedReport(report: Report): Report {
  return {
    ...report,
    mostAsked: [...report.mostAsked].sort(byCount),
    unsure: [...report.unsure].sort(byCount),
    notAskedRows: [...report.notAskedRows].sort((a, b) => b.notAsked - a.notAsked || byCount(a, b)),
    sources: [...report.sources].sort(
      (a, b) => b.citations - a.citations || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0),
    ),
  };
}

/** The report from the answers themselves, oldest first (the Redis store's way; SQLite counts it in SQL). */
export function buildReport(answers: readonly AnswerWithVotes[], window: ReportWindow): Report {
  const groups = new Map<string, Group>();
  const cited = new Map<string, number>();
  let count = 0;
  let helpful = 0;
  let notAsked = 0;
  for (const a of answers) {
    if (a.at < window.from || a.at > window.to) continue;
    count++;
    helpful += a.helpful;
    notAsked += a.notAsked;
    const key = questionKey(a.question);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { asked: { question: a.question, count: 0, answerId: a.id }, unsure: null, notAsked: null }));
    g.asked = { question: a.question, count: g.asked.count + 1, answerId: a.id };
    if (a.confidence !== 'high')
      g.unsure = { question: a.question, count: (g.unsure?.count ?? 0) + 1, answerId: a.id, confidence: a.confidence };
    if (a.notAsked > 0) {
      g.notAsked = {
        question: a.question,
        count: (g.notAsked?.count ?? 0) + 1,
        answerId: a.id,
        notAsked: (g.notAsked?.notAsked ?? 0) + a.notAsked,
        helpful: (g.notAsked?.helpful ?? 0) + a.helpful,
      };
    }
    for (const [sourceId, n] of citedSources(a.passages)) cited.set(sourceId, (cited.get(sourceId) ?? 0) + n);
  }
  const all = [...groups.values()];
  return sortedReport({
    ...window,
    answers: count,
    helpful,
    notAsked,
    mostAsked: all.map((g) => g.asked),
    unsure: all.flatMap((g) => (g.unsure ? [g.unsure] : [])),
    notAskedRows: all.flatMap((g) => (g.notAsked ? [g.notAsked] : [])),
    sources: [...cited.entries()].map(([sourceId, citations]) => ({ sourceId, citations })),
  });
}
