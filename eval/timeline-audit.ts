/**
 * Timeline precision, judged by people: each printed event line gets a verdict from an auditor who read the
 * article and the line (never the code). A line is right when its date is right at its printed precision, it
 * reads on its own, and it is an event. Verdicts are keyed by the line as printed, so a line whose date or
 * words change is judged again; lines with no verdict are counted apart, never as right.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Corpus } from '../src/core/corpus.js';
import type { TimelineEvent } from '../src/core/events.js';
import { sentenceSpans } from '../src/core/passages.js';
import type { TimelineAnswer } from '../src/core/timeline.js';
import { formatEventDate } from '../src/render/format.js';

export interface PrintedLine {
  key: string;
  date: string;
  text: string;
  cites: string[];
}

/** The line's date as every renderer prints it. */
export function printedLines(answer: TimelineAnswer): PrintedLine[] {
  return answer.events.map((e) => {
    const date = formatEventDate(e);
    const cites = e.citations.map((c) => c.passageId);
    return { key: `${cites.join(',')}|${date}|${e.text}`, date, text: e.text, cites };
  });
}

const Verdict = z.object({
  key: z.string(),
  date_ok: z.boolean(),
  reads_alone: z.boolean(),
  is_event: z.boolean(),
  note: z.string().optional(),
});
export type Verdict = z.infer<typeof Verdict>;

export function readVerdicts(file: string): Verdict[] {
  return z.array(Verdict).parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface AuditScore {
  printed: number;
  judged: number;
  right: number;
  /** Judged lines by what is wrong with them (a line may have several flaws). */
  wrongDate: number;
  notAlone: number;
  notEvent: number;
  unjudged: PrintedLine[];
  wrong: Array<PrintedLine & { verdict: Verdict }>;
}

export function scoreAudit(lines: readonly PrintedLine[], verdicts: readonly Verdict[]): AuditScore {
  const byKey = new Map(verdicts.map((v) => [v.key, v]));
  const score: AuditScore = { printed: lines.length, judged: 0, right: 0, wrongDate: 0, notAlone: 0, notEvent: 0, unjudged: [], wrong: [] };
  for (const line of lines) {
    const v = byKey.get(line.key);
    if (!v) {
      score.unjudged.push(line);
      continue;
    }
    score.judged++;
    if (v.date_ok && v.reads_alone && v.is_event) score.right++;
    else score.wrong.push({ ...line, verdict: v });
    if (!v.date_ok) score.wrongDate++;
    if (!v.reads_alone) score.notAlone++;
    if (!v.is_event) score.notEvent++;
  }
  return score;
}

const HistorianEvent = z.object({ id: z.string(), source: z.string(), quote: z.string(), date: z.string(), what: z.string() });
export type HistorianEvent = z.infer<typeof HistorianEvent>;

export function readHistorianEvents(file: string): HistorianEvent[] {
  return z.array(HistorianEvent).parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** `a` and `b` (ISO prefixes, or ranges "a/b") overlap, compared at the coarser precision of each pair of ends. */
function overlaps(a: [string, string], b: [string, string]): boolean {
  const before = (x: string, y: string): boolean => x.slice(0, Math.min(x.length, y.length)) <= y.slice(0, Math.min(x.length, y.length));
  return before(a[0], b[1]) && before(b[0], a[1]);
}

export interface RecallScore {
  n: number;
  found: number;
  missed: HistorianEvent[];
}

/**
 * Timeline recall: the events a historian listed from the articles that the timeline prints, from the sentence
 * that tells them (the historian's quote stands in it) and at a date that agrees with the historian's. A bound
 * ("by Aug 2022", "soon after Feb 2022") agrees when the historian's date is on its side of the bound.
 */
export function scoreRecall(
  answer: TimelineAnswer,
  sentenceOf: (e: TimelineAnswer['events'][number]) => string,
  wanted: readonly HistorianEvent[],
): RecallScore {
  const norm = (s: string): string => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').toLowerCase();
  const missed = wanted.filter((h) => {
    const [from, to] = h.date.split('/') as [string, string | undefined];
    const span: [string, string] = [from, to ?? from];
    return !answer.events.some((e) => {
      if (!e.citations.some((c) => c.sourceId === h.source) || !norm(sentenceOf(e)).includes(norm(h.quote))) return false;
      const at: [string, string] = [e.date, e.end ?? e.date];
      if (e.relation === 'before') return span[0] <= e.date;
      if (e.relation === 'by') return span[0].slice(0, e.date.length) <= e.date;
      if (e.relation === 'after' || e.relation === 'soon after') return span[1] >= e.date.slice(0, span[1].length);
      return overlaps(at, span);
    });
  });
  return { n: wanted.length, found: wanted.length - missed.length, missed };
}

/** The sentence an event is told in, as its passage holds it. */
export function sentenceOf(corpus: Corpus, e: TimelineEvent): string {
  const passage = corpus.index.passages.get(e.at.passageId);
  const span = passage && sentenceSpans(passage).find(([start]) => start === e.at.sentence);
  return passage && span ? passage.text.slice(...span) : '';
}
