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
