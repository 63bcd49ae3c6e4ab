/** The candidate quotes of a summary: for each passage about the topic, its account of it, cut where it stands alone. */
import { citationFor } from '../citation.js';
import type { Corpus } from '../corpus.js';
import { bestWindow, textScore } from '../excerpt.js';
import { terms } from '../analyze.js';
import { sentenceSpans } from '../passages.js';
import { passageBefore } from '../search-index.js';
import { queryGroups, search } from '../search.js';
import { describesItself } from '../sentences.js';
import type { Passage } from '../types.js';
import { addsToBefore, grow, needsBefore, sentencesAt } from '../windows.js';
import { holds, isAbout, topicAspects } from './aboutness.js';
import type { SummaryOptions } from './options.js';
import { polarContexts } from './polarity.js';
import type { Candidate } from './types.js';

/** Sentences `from`…`to` of a passage, white space folded. */
export function sentencesOf(passage: Passage, from: number, to: number): string {
  return sentenceSpans(passage)
    .slice(from, to + 1)
    .map((span) => passage.text.slice(...span).replace(/\s+/g, ' '))
    .join(' ');
}

/** A quote of sentences `from`…`to` of a passage, without its relevance. */
function quoteOf(corpus: Corpus, passage: Passage, from: number, to: number, options: SummaryOptions): Omit<Candidate, 'relevance'> | null {
  const source = corpus.index.sources.get(passage.sourceId);
  if (!source) return null;
  const spans = sentenceSpans(passage);
  const text = sentencesOf(passage, from, to);
  const order = `${source.meta.date?.value ?? '9999'}|${String(passage.start + (spans[from]?.[0] ?? 0)).padStart(7, '0')}`;
  return {
    text,
    terms: new Set(terms(text)),
    citation: citationFor(source, passage),
    order,
    polar: spans.slice(from, to + 1).map((span) => polarContexts(passage.text.slice(...span), options.polarReach)),
    at: { passage, from, to },
  };
}

/**
 * The candidates: for each passage the topic finds, the one to three sentences that are most about it (the
 * window a search excerpt is grown from), with the sentence before when the first leans on it, grown to an
 * account of about `unitChars`; its relevance is mostly how much of the topic's telling words the passage's best
 * window holds (`topicIdfPower`), the rest its search score. The passage's other sentences about the topic
 * follow at a share of it.
 */
export function candidates(corpus: Corpus, topic: string, options: SummaryOptions): Candidate[] {
  const answer = search(corpus.index, topic, { limit: options.passageDepth });
  if (answer.kind !== 'results') return [];
  const groups = queryGroups(corpus.index, topic);
  const telling = groups.map((g) => ({ ...g, idf: g.idf ** options.topicIdfPower }));
  const aspects = topicAspects(corpus, topic);
  const out: Candidate[] = [];
  for (const r of answer.results) {
    const passage = corpus.index.passages.get(r.id);
    const source = passage && corpus.index.sources.get(passage.sourceId);
    if (!passage || !source) continue;
    const spans = sentenceSpans(passage);
    const window = bestWindow(passage, groups);
    const passageRelevance = (1 - options.sharpShare) * r.score + options.sharpShare * bestWindow(passage, telling).score;
    const at = sentencesAt(passage, window.from, window.to);
    if (!at) continue;
    let [first, last] = at;
    const sentence = (k: number): string => passage.text.slice(...(spans[k] as [number, number])).replace(/\s+/g, ' ');
    const leans = (k: number): boolean => needsBefore(sentence(k));
    // A passage under a heading about the topic is part of the article's account of it.
    const heading = passage.section ? Math.min(1, textScore(passage.section, groups)) : 0;
    // Under a heading that holds most of a part of the topic (not just its rarest word), every sentence is
    // part of the article's account of it.
    const headed = passage.section !== null && aspects.some((a) => holds(passage.section ?? '', a) >= options.aboutShare);
    const quote = (from: number, to: number): string => sentencesOf(passage, from, to);
    // `continues`: the quote goes on from the core quote (its first sentence leans on the core's last), so it
    // is part of the account the core is about.
    const take = (from: number, to: number, relevance: number, after?: Passage, continues = false): void => {
      // An article describing itself ("This analysis scrutinizes…") is no finding: the quote stops before it.
      while (from <= to && describesItself(sentence(from))) from++;
      for (let k = from + 1; k <= to; k++) if (describesItself(sentence(k))) to = k - 1;
      if (from > to) return;
      const text = quote(from, to);
      if (
        text.length < options.minQuoteChars ||
        text.length > options.maxQuoteChars ||
        !(headed || continues || aspects.some((a) => isAbout(text, a, options)))
      )
        return;
      const q = quoteOf(corpus, passage, from, to, options);
      if (!q) return;
      const score = relevance * (1 + options.headingShare * heading);
      // Its lead-in: the last sentence of the passage it leans on, when that one stands on its own.
      const end = after ? sentenceSpans(after).length - 1 : -1;
      const leadQuote = after && end >= 0 && !needsBefore(sentencesOf(after, end, end)) ? quoteOf(corpus, after, end, end, options) : null;
      const lead = leadQuote ? { ...leadQuote, relevance: score } : undefined;
      const needs = after ? { passage: after, sentence: end } : continues ? { passage, sentence: from - 1 } : null;
      out.push({ ...q, relevance: score, ...(needs ? { needs } : {}), ...(lead ? { lead } : {}) });
    };
    // A window that leans on the sentence before it ("This…", "It…") brings that one along; one that
    // opens its passage leans on the passage before, and is quoted only right after a quote of its end.
    if ((leans(first) || addsToBefore(sentence(first))) && first > 0) first--;
    const after = first === 0 && leans(0) ? passageBefore(corpus.index, passage) : null;
    const core = !leans(first) || after !== null;
    if (core) {
      // Room left after the sentences after goes to those before: the account often opens a sentence or two
      // ahead of its most telling words. Never to one that leans on what the quote would cut.
      [first, last] = grow(passage, [first, last], options.unitChars, { noDanglingStart: true });
      take(first, last, passageRelevance, after ?? undefined);
    }
    // The passage's other sentences about the topic are quotes too (a passage is often one account of it),
    // each with the sentences it leans on, ranked by how much of the topic they hold against the window.
    const coreScore = core ? textScore(quote(first, last), groups) : 0;
    for (let k = 0; k < spans.length; k++) {
      if (core && k >= first && k <= last) continue;
      let from = k;
      while (from > 0 && leans(from) && !(core && from - 1 <= last && from - 1 >= first)) from--;
      // Leaning on the core quote is fine: the two meet and read as one quote.
      const continues = core && from - 1 >= first && from - 1 <= last;
      if (leans(from) && !continues) continue;
      let to = k;
      while (to + 1 < spans.length && leans(to + 1) && !(core && to + 1 === first)) to++;
      const share = Math.min(1, textScore(quote(k, k), groups) / Math.max(coreScore, 1e-9));
      // A sentence with none of the topic is quoted only as what a later one leans on: that one's turn brings it.
      if (share === 0) continue;
      take(from, to, passageRelevance * share, undefined, continues && leans(from));
      k = to;
    }
  }
  const best = Math.max(0, ...out.map((c) => c.relevance));
  return out.filter((c) => c.relevance >= options.relativeFloor * best);
}
