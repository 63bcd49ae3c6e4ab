/** A summary from its chosen quotes: in reading order, footnoted, and fitted to its budget. */
import type { Citation } from '../types.js';
import { ready } from './lead-ins.js';
import type { SummaryOptions } from './options.js';
import { sentencesOf } from './quotes.js';
import type { Candidate, SummaryAbout, SummaryAnswer, SummaryBudget, SummarySentence } from './types.js';

function assemble(about: SummaryAbout, chosen: Candidate[], pairs: ReadonlyArray<[Candidate, Candidate]>): SummaryAnswer {
  return arrange(about, chosen, pairs).answer;
}

/** The summary, and for each of its sentences the chosen quotes it is made of (two that meet read as one). */
export function arrange(
  about: SummaryAbout,
  chosen: readonly Candidate[],
  pairs: ReadonlyArray<[Candidate, Candidate]>,
): { answer: Extract<SummaryAnswer, { kind: 'summary' }>; parts: Candidate[][] } {
  // Reading order: by when each source speaks from; the two sides of a disagreement stay together.
  const partner = new Map<Candidate, Candidate>();
  for (const [a, b] of pairs) {
    partner.set(a, b);
    partner.set(b, a);
  }
  const ordered: Candidate[] = [];
  const parts: Candidate[][] = [];
  for (const c of [...chosen].sort((x, y) => (x.order < y.order ? -1 : 1))) {
    if (ordered.includes(c)) continue;
    // Quotes of one passage that meet read as one quote (a window and the passage's next sentences about the topic).
    const prev = ordered.at(-1);
    if (prev && !partner.has(prev) && !partner.has(c) && prev.at.passage === c.at.passage && c.at.from <= prev.at.to + 1) {
      const to = Math.max(prev.at.to, c.at.to);
      ordered[ordered.length - 1] = { ...prev, text: sentencesOf(prev.at.passage, prev.at.from, to), at: { ...prev.at, to } };
      parts.at(-1)?.push(c);
      continue;
    }
    ordered.push(c);
    parts.push([c]);
    const other = partner.get(c);
    if (other && chosen.includes(other) && !ordered.includes(other)) {
      ordered.push(other);
      parts.push([other]);
    }
  }
  const sources: Citation[] = [];
  const footnoteOf = (c: Citation): number => {
    const i = sources.findIndex((s) => s.passageId === c.passageId);
    if (i >= 0) return i + 1;
    sources.push(c);
    return sources.length;
  };
  const sentences: SummarySentence[] = ordered.map((c) => ({ text: c.text, footnote: footnoteOf(c.citation) }));
  for (const [i, c] of ordered.entries()) {
    const other = partner.get(c);
    const j = other ? ordered.indexOf(other) : -1;
    const s = sentences[i];
    const o = sentences[j];
    if (s && o) s.disagreesWith = o.footnote;
  }
  return { answer: { kind: 'summary', ...about, sentences, sources }, parts };
}

/**
 * The quotes kept: taken in the order they were chosen (most relevant first) while the summary fits its budget,
 * skipping one that would not fit for a later, shorter one: the budget, not reading order, decides what is
 * left out, so the least relevant quotes go first whichever source they come from.
 */
export function fit(
  about: SummaryAbout,
  chosen: readonly Candidate[],
  pairs: ReadonlyArray<[Candidate, Candidate]>,
  budget: SummaryBudget,
  options: SummaryOptions,
): Candidate[] {
  const kept: Candidate[] = [];
  const build = (list: Candidate[]): SummaryAnswer => assemble(about, list, pairsAmong(pairs, list));
  // A lead-in is kept only with the quote it leads into: the two fit together or not at all.
  const leads = new Set(chosen.flatMap((c) => (c.lead && chosen.includes(c.lead) ? [c.lead] : [])));
  for (const c of chosen) {
    if (leads.has(c) && !kept.includes(c)) continue;
    const unit = !ready(c, kept) && c.lead && leads.has(c.lead) && !kept.includes(c.lead) ? [c.lead, c] : [c];
    if (!ready(c, [...kept, ...unit])) continue;
    if (kept.length < options.minSentences || budget.measure(build([...kept, ...unit])) <= budget.chars) kept.push(...unit);
  }
  return kept;
}

/** The disagreements both of whose sides are in `list`. */
export function pairsAmong(pairs: ReadonlyArray<[Candidate, Candidate]>, list: readonly Candidate[]): Array<[Candidate, Candidate]> {
  return pairs.filter(([a, b]) => list.includes(a) && list.includes(b));
}
