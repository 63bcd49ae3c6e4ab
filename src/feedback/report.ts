/**
 * The moderators' report (pure: recorded answers in, the report out): the questions most asked, those answered with
 * low confidence or nothing, those rated Not what I asked, and how often each source was cited. The same question
 * asked in other letter cases or spacing counts as one, shown as it was last worded.
 */
import type { AnswerWithVotes } from './store.js';

export interface AskedRow {
  question: string;
  count: number;
  /** The latest answer to it: a moderator confirming from the report starts from this one. */
  answerId: string;
}

export interface UnsureRow extends AskedRow {
  confidence: 'low' | 'none';
}

export interface NotAskedRow extends AskedRow {
  notAsked: number;
  helpful: number;
}

export interface SourceRow {
  sourceId: string;
  citations: number;
}

export interface Report {
  days: number;
  from: number;
  to: number;
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

/** Group answers (oldest first) by question: the count, and the latest answer's wording and id. */
function grouped<T extends AskedRow>(answers: readonly AnswerWithVotes[], row: (a: AnswerWithVotes, held: T | undefined) => T): T[] {
  const groups = new Map<string, T>();
  for (const a of answers) {
    const key = questionKey(a.question);
    groups.set(key, row(a, groups.get(key)));
  }
  return [...groups.values()].sort(byCount);
}

export function buildReport(answers: readonly AnswerWithVotes[], window: { days: number; from: number; to: number }): Report {
  const inWindow = answers.filter((a) => a.at >= window.from && a.at <= window.to);
  const mostAsked = grouped<AskedRow>(inWindow, (a, held) => ({ question: a.question, count: (held?.count ?? 0) + 1, answerId: a.id }));
  const unsure = grouped<UnsureRow>(
    inWindow.filter((a) => a.confidence !== 'high'),
    (a, held) => ({ question: a.question, count: (held?.count ?? 0) + 1, answerId: a.id, confidence: a.confidence as 'low' | 'none' }),
  );
  const notAskedRows = grouped<NotAskedRow>(
    inWindow.filter((a) => a.notAsked > 0),
    (a, held) => ({
      question: a.question,
      count: (held?.count ?? 0) + 1,
      answerId: a.id,
      notAsked: (held?.notAsked ?? 0) + a.notAsked,
      helpful: (held?.helpful ?? 0) + a.helpful,
    }),
  ).sort((a, b) => b.notAsked - a.notAsked || byCount(a, b));
  const cited = new Map<string, number>();
  for (const a of inWindow) {
    for (const passage of a.passages) {
      const sourceId = passage.split('#')[0] ?? passage;
      cited.set(sourceId, (cited.get(sourceId) ?? 0) + 1);
    }
  }
  const sources = [...cited.entries()]
    .map(([sourceId, citations]) => ({ sourceId, citations }))
    .sort((a, b) => b.citations - a.citations || (a.sourceId < b.sourceId ? -1 : 1));
  return {
    ...window,
    answers: inWindow.length,
    helpful: inWindow.reduce((n, a) => n + a.helpful, 0),
    notAsked: inWindow.reduce((n, a) => n + a.notAsked, 0),
    mostAsked,
    unsure,
    notAskedRows,
    sources,
  };
}
