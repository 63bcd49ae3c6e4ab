/**
 * Moderator summaries: quotes taken word for word from the sources (at least 3, as many as the budget
 * holds), chosen for relevance and coverage with maximal marginal relevance (no two saying the same
 * thing), each footnoted to its citation, ordered by when their sources speak from. Where two sources say opposite things about the
 * same matter, both sides are kept, side by side, and marked as a disagreement.
 */
import { analyze, terms } from './analyze.js';
import { citationFor } from './citation.js';
import type { Corpus } from './corpus.js';
import { bestWindow, textScore, type TermGroup } from './excerpt.js';
import { sentenceSpans } from './passages.js';
import { describesItself } from './sentences.js';
import { queryGroups, search } from './search.js';
import type { Citation, Passage } from './types.js';

export const MIN_SUMMARY_SENTENCES = 3;
export const MAX_SUMMARY_SENTENCES = 16;
/** Relevance against novelty in MMR: higher favours relevance. */
export const MMR_LAMBDA = 0.7;
/** Sentences shorter or longer than this are not quotable on their own. */
export const MIN_SENTENCE_CHARS = 40;
export const MAX_SENTENCE_CHARS = 600;
/** A candidate must reach this share of the best candidate's relevance. */
export const RELATIVE_FLOOR = 0.1;
/** A sentence led by one of these needs the one before: a pronoun's referent or what a contrast answers. */
const LEANS_ON_CONTEXT =
  /^(?:[“"‘(]\s*)?(?:this|that|these|those|it|its|they|their|them|he|his|she|her|one is|however|but|and|so|thus|therefore|hence|such|as such|instead|the latter|the former|both|neither)\b/i;
/** Connectives that read better with the sentence before but say nothing without it: kept when it is not there. */
const CONNECTS = /^(?:[“"‘(]\s*)?(?:moreover|meanwhile|furthermore|also|in addition)\b/i;
/** Passages whose sentences are considered. */
const PASSAGE_DEPTH = 20;
/**
 * A summary ranks its quotes by the topic's telling words more sharply than a search ranks passages: each
 * word of the topic weighs its IDF to this power, so "demands" outweighs "war" and "negotiations", which most
 * passages of a library about a war hold.
 * @default 1.5
 */
export const TOPIC_IDF_POWER = 1.5;
/** Share of a quote's relevance from that sharpened window score; the rest is the passage's search score. */
const SHARP_SHARE = 0.7;
/** A quote grows from its core sentences with the sentences after them, then before them, up to about this many characters. */
const UNIT_CHARS = 500;
/** How much a heading about the topic adds to its passages' relevance (a heading that is all topic doubles it). */
const HEADING_SHARE = 1;
/** A source gets a quote of its own when its best reaches this share of the best source's. */
const SOURCE_FLOOR = 0.2;

export interface SummarySentence {
  text: string;
  /** 1-based footnote number into `sources`. */
  footnote: number;
  /** Set on the two sentences of a disagreement: the footnote of the other side. */
  disagreesWith?: number;
}

export type SummaryAnswer =
  | {
      kind: 'summary';
      topic: string;
      sentences: SummarySentence[];
      /** Footnote n is `sources[n - 1]`. */
      sources: Citation[];
    }
  | {
      kind: 'no-results' | 'invalid';
      topic: string;
      sentences: [];
      sources: [];
      /** Why there is no summary. */
      message: string;
    };

/**
 * How much room a summary has, as its caller shows it: at most `chars` characters as `measure` counts them
 * (the renderers' is `SUMMARY_BUDGET` in `render/format.ts`). Past it, the last-ranked quotes are dropped,
 * never below MIN_SUMMARY_SENTENCES.
 */
export interface SummaryBudget {
  chars: number;
  measure: (answer: SummaryAnswer) => number;
}

interface Candidate {
  text: string;
  terms: Set<string>;
  relevance: number;
  citation: Citation;
  /** For reading order: the source's date, then position in the source. */
  order: string;
  /** Per sentence: its opposing words' contexts (a quote of several sentences may take a side in one of them). */
  polar: Array<Map<string, Set<string>>>;
  /** Where it is: its passage and its first and last sentence there. */
  at: { passage: Passage; from: number; to: number };
  /**
   * The sentence this quote's first sentence leans on ("This must include…"), when the quote does not hold
   * it: the last of the passage before, or the one before in its own passage. The quote stands only where
   * another quote holds that sentence.
   */
  needs?: { passage: Passage; sentence: number };
  /** For a quote that leans on the passage before: the quote brought along when nothing chosen ends that passage. */
  lead?: Candidate;
}

/** Opposing words: a sentence using one side and another using the other, on the same matter, disagree. */
const OPPOSITES: ReadonlyArray<[string, string]> = [
  ['strong strengthen growing increase increased rising', 'waning weak weaken dwindle dwindling declining drying decrease'],
  ['success successful succeeded worked', 'failed failure collapse collapsed unsuccessful'],
  ['possible plausible likely', 'impossible unlikely implausible'],
  ['optimism optimistic hope hopeful encouraging', 'pessimism pessimistic bleak hopeless'],
  ['willing ready eager', 'unwilling reluctant refuses rejects'],
  ['united unity intact', 'divided split'],
];
const SIDES = OPPOSITES.map(([a, b]) => [new Set(terms(a)), new Set(terms(b))] as const);

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(1, a.size + b.size - shared);
}

/** Words this close to an opposing word are what it is said about ("support … waning"). */
const POLAR_REACH = 5;

/** For each opposing pair and side the sentence uses: the terms near that word. Keys are `pair:side`. */
function polarContexts(text: string): Map<string, Set<string>> {
  const tokens = analyze(text);
  const out = new Map<string, Set<string>>();
  for (const [i, t] of tokens.entries()) {
    for (const [k, sides] of SIDES.entries()) {
      for (const [side, words] of sides.entries()) {
        if (!words.has(t.term)) continue;
        const key = `${k}:${side}`;
        const near = out.get(key) ?? new Set<string>();
        for (const u of tokens.slice(Math.max(0, i - POLAR_REACH), i + POLAR_REACH + 1)) if (u !== t) near.add(u.term);
        out.set(key, near);
      }
    }
  }
  return out;
}

/**
 * How strongly two sentences from different sources take opposite sides on the same matter: the number of
 * words both say near their opposing words ("support for Ukraine in Congress remains strong" against
 * "support for funding Ukraine is waning in Congress" → support, Ukraine, Congress). 0 when they do not.
 */
function disagreement(a: Candidate, b: Candidate): number {
  if (a.citation.sourceId === b.citation.sourceId) return 0;
  let best = 0;
  for (const pa of a.polar) {
    for (const pb of b.polar) {
      for (const [key, nearA] of pa) {
        const [k, side] = key.split(':');
        const nearB = pb.get(`${k}:${side === '0' ? 1 : 0}`);
        if (!nearB || pb.has(key) || pa.has(`${k}:${side === '0' ? 1 : 0}`)) continue;
        let shared = 0;
        for (const t of nearA) if (nearB.has(t)) shared++;
        best = Math.max(best, shared);
      }
    }
  }
  return best >= 2 ? best : 0;
}

/**
 * Nouns that name what is wanted about a subject rather than the subject ("the US role in…", "Turkey's
 * part in…", "the case for…"): a sentence using one of them is not thereby about the topic.
 */
const FRAME_NOUNS =
  /\b(?:role|roles|part|parts|stance|position|positions|view|views|attitude|response|reaction|influence|involvement|impact|effect|effects|importance|significance|case|argument|arguments|debate|history|story|question|issue|issues|state|status)\b/gi;

/** The parts of a topic joined by "and", "or" or commas, each one the summary may be about. */
function topicAspects(corpus: Corpus, topic: string): TermGroup[][] {
  return topic
    .replace(FRAME_NOUNS, ' ')
    .split(/\s+(?:and|or|&|versus|vs\.?)\s+|[,;]/i)
    .map((part) => queryGroups(corpus.index, part))
    .filter((g) => g.length > 0);
}

/** Share of a topic part's weight that a quote must hold close together, when it lacks the most telling word. */
export const ABOUT_SHARE = 0.5;

/** Words of a topic this close together (in analyzed words) are said of one thing. */
const ABOUT_SPAN = 12;

/** The share of a topic part's weight that `text` holds anywhere in it. */
function holds(text: string, aspect: readonly TermGroup[]): number {
  const words = new Set(analyze(text).map((t) => t.term));
  const total = aspect.reduce((sum, g) => sum + g.idf, 0);
  return aspect.filter((g) => [...g.terms.keys()].some((t) => words.has(t))).reduce((sum, g) => sum + g.idf, 0) / Math.max(total, 1e-9);
}

/**
 * Whether a quote is about one part of the topic: it holds the part's most telling word, or most of the
 * part's weight within a few words of each other (not "the West" in one clause and "war" in another).
 */
function isAbout(text: string, aspect: readonly TermGroup[]): boolean {
  const tokens = analyze(text);
  const top = aspect.reduce((a, b) => (b.idf > a.idf ? b : a));
  if (tokens.some((t) => top.terms.has(t.term))) return true;
  const total = aspect.reduce((sum, g) => sum + g.idf, 0);
  for (let i = 0; i < tokens.length; i++) {
    const near = new Set(tokens.slice(i, i + ABOUT_SPAN).map((t) => t.term));
    const held = aspect.filter((g) => [...g.terms.keys()].some((t) => near.has(t)));
    if (held.reduce((sum, g) => sum + g.idf, 0) >= ABOUT_SHARE * total) return true;
  }
  return false;
}

/** Sentences `from`…`to` of a passage, white space folded. */
function sentencesOf(passage: Passage, from: number, to: number): string {
  return sentenceSpans(passage)
    .slice(from, to + 1)
    .map((span) => passage.text.slice(...span).replace(/\s+/g, ' '))
    .join(' ');
}

/** A quote of sentences `from`…`to` of a passage, without its relevance. */
function quoteOf(corpus: Corpus, passage: Passage, from: number, to: number): Omit<Candidate, 'relevance'> | null {
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
    polar: spans.slice(from, to + 1).map((span) => polarContexts(passage.text.slice(...span))),
    at: { passage, from, to },
  };
}

/** Passage ids → their place in the library's reading order, to find the passage before one. */
const places = new WeakMap<Corpus['index'], Map<string, number>>();
function passageBefore(corpus: Corpus, passage: Passage): Passage | null {
  let place = places.get(corpus.index);
  if (!place) {
    place = new Map(corpus.index.order.map((id, i) => [id, i]));
    places.set(corpus.index, place);
  }
  const before = corpus.index.passages.get(corpus.index.order[(place.get(passage.id) ?? 0) - 1] ?? '');
  return before?.sourceId === passage.sourceId ? before : null;
}

/** Whether a quote may stand among `list`: one that leans on a sentence it does not hold needs a quote of that sentence there. */
function ready(c: Candidate, list: readonly Candidate[]): boolean {
  const needs = c.needs;
  return !needs || list.some((x) => quotes(x, needs));
}

/** Whether a quote holds one sentence of a passage. */
function quotes(c: Candidate, at: { passage: Passage; sentence: number }): boolean {
  return c.at.passage === at.passage && c.at.from <= at.sentence && at.sentence <= c.at.to;
}

/** Whether a quote can be added to `list`: ready, or able to bring its lead-in along within MAX_SUMMARY_SENTENCES. */
function placeable(c: Candidate, list: readonly Candidate[]): boolean {
  return ready(c, list) || (c.lead !== undefined && list.length + 2 <= MAX_SUMMARY_SENTENCES);
}

/**
 * Add a quote to `list`, with a lead-in first when the quote leans on what nothing in `list` ends: the best
 * quote of `pool` that ends the passage leaned on, else that passage's last sentence.
 */
function place(c: Candidate, list: Candidate[], pool: readonly Candidate[]): void {
  const needs = c.needs;
  if (needs && c.lead && !ready(c, list)) {
    const ending = pool.filter((x) => quotes(x, needs) && !list.includes(x)).sort((a, b) => b.relevance - a.relevance);
    // Remembered on the quote: the budget keeps the two together.
    c.lead = ending[0] ?? c.lead;
    list.push(c.lead);
  }
  list.push(c);
}

/**
 * The candidates: for each passage the topic finds, the one to three sentences that are most about it (the
 * window a search excerpt is grown from), with the sentence before when the first leans on it, grown to an
 * account of about UNIT_CHARS; its relevance is mostly how much of the topic's telling words the passage's best
 * window holds (TOPIC_IDF_POWER), the rest its search score. The passage's other sentences about the topic
 * follow at a share of it.
 */
function candidates(corpus: Corpus, topic: string): Candidate[] {
  const answer = search(corpus.index, topic, { limit: PASSAGE_DEPTH });
  if (answer.kind !== 'results') return [];
  const groups = queryGroups(corpus.index, topic);
  const telling = groups.map((g) => ({ ...g, idf: g.idf ** TOPIC_IDF_POWER }));
  const aspects = topicAspects(corpus, topic);
  const out: Candidate[] = [];
  for (const r of answer.results) {
    const passage = corpus.index.passages.get(r.id);
    const source = passage && corpus.index.sources.get(passage.sourceId);
    if (!passage || !source) continue;
    const spans = sentenceSpans(passage);
    const window = bestWindow(passage, groups);
    const passageRelevance = (1 - SHARP_SHARE) * r.score + SHARP_SHARE * bestWindow(passage, telling).score;
    let first = spans.findIndex(([s, e]) => s <= window.from && window.from < e);
    let last = spans.findIndex(([s, e]) => s < window.to && window.to <= e);
    if (first < 0 || last < 0) continue;
    const sentence = (k: number): string => passage.text.slice(...(spans[k] as [number, number])).replace(/\s+/g, ' ');
    const leans = (k: number): boolean => LEANS_ON_CONTEXT.test(sentence(k));
    const size = (a: number, b: number): number => (spans[b]?.[1] ?? 0) - (spans[a]?.[0] ?? 0);
    // A passage under a heading about the topic is part of the article's account of it.
    const heading = passage.section ? Math.min(1, textScore(passage.section, groups)) : 0;
    // Under a heading that holds most of a part of the topic (not just its rarest word), every sentence is
    // part of the article's account of it.
    const headed = passage.section !== null && aspects.some((a) => holds(passage.section ?? '', a) >= ABOUT_SHARE);
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
        text.length < MIN_SENTENCE_CHARS ||
        text.length > MAX_SENTENCE_CHARS ||
        !(headed || continues || aspects.some((a) => isAbout(text, a)))
      )
        return;
      const q = quoteOf(corpus, passage, from, to);
      if (!q) return;
      const score = relevance * (1 + HEADING_SHARE * heading);
      // Its lead-in: the last sentence of the passage it leans on, when that one stands on its own.
      const end = after ? sentenceSpans(after).length - 1 : -1;
      const leadQuote = after && end >= 0 && !LEANS_ON_CONTEXT.test(sentencesOf(after, end, end)) ? quoteOf(corpus, after, end, end) : null;
      const lead = leadQuote ? { ...leadQuote, relevance: score } : undefined;
      const needs = after ? { passage: after, sentence: end } : continues ? { passage, sentence: from - 1 } : null;
      out.push({ ...q, relevance: score, ...(needs ? { needs } : {}), ...(lead ? { lead } : {}) });
    };
    // A window that leans on the sentence before it ("This…", "It…") brings that one along; one that
    // opens its passage leans on the passage before, and is quoted only right after a quote of its end.
    if ((leans(first) || CONNECTS.test(sentence(first))) && first > 0) first--;
    const after = first === 0 && leans(0) ? passageBefore(corpus, passage) : null;
    const core = !leans(first) || after !== null;
    if (core) {
      while (last + 1 < spans.length && size(first, last + 1) <= UNIT_CHARS) last++;
      // Room left goes to the sentences before: the account often opens a sentence or two ahead of its
      // most telling words. Never to one that leans on what the quote would cut.
      let back = first;
      while (back > 0 && size(back - 1, last) <= UNIT_CHARS) back--;
      while (back < first && leans(back)) back++;
      first = back;
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
      if (share > 0) take(from, to, passageRelevance * share, undefined, continues && leans(from));
      k = to;
    }
  }
  const best = Math.max(0, ...out.map((c) => c.relevance));
  return out.filter((c) => c.relevance >= RELATIVE_FLOOR * best);
}

/** A summary of `topic`; without a budget, only MAX_SUMMARY_SENTENCES bounds its length. */
export function summarize(corpus: Corpus, topic: string, budget?: SummaryBudget): SummaryAnswer {
  const probe = search(corpus.index, topic, { limit: 1 });
  if (probe.kind === 'invalid') return { kind: 'invalid', topic, sentences: [], sources: [], message: probe.message };
  const pool = candidates(corpus, topic);
  if (pool.length === 0) {
    return { kind: 'no-results', topic, sentences: [], sources: [], message: `Nothing in the library is about “${probe.query}”.` };
  }
  // Every source with something to say gets its best quote first, then MMR: each step takes the candidate
  // most relevant and least like what is already chosen.
  const chosen: Candidate[] = [];
  const bySource = new Map<string, Candidate>();
  for (const c of [...pool].sort((a, b) => b.relevance - a.relevance))
    if (!bySource.has(c.citation.sourceId)) bySource.set(c.citation.sourceId, c);
  const best = Math.max(...pool.map((c) => c.relevance));
  for (const c of bySource.values())
    if (c.relevance >= SOURCE_FLOOR * best && chosen.length < MAX_SUMMARY_SENTENCES && placeable(c, chosen)) place(c, chosen, pool);
  const rest = pool.filter((c) => !chosen.includes(c));
  while (chosen.length < MAX_SUMMARY_SENTENCES && rest.length > 0) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    for (const [i, c] of rest.entries()) {
      if (!placeable(c, chosen)) continue;
      const redundancy = Math.max(0, ...chosen.map((x) => jaccard(x.terms, c.terms)));
      const value = MMR_LAMBDA * c.relevance - (1 - MMR_LAMBDA) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    if (bestValue === -Infinity) break;
    const [next] = rest.splice(bestIndex, 1);
    if (!next) break;
    // Past the minimum, stop adding sentences that mostly repeat what is there.
    if (chosen.length >= MIN_SUMMARY_SENTENCES && Math.max(...chosen.map((x) => jaccard(x.terms, next.terms))) > 0.5) continue;
    place(next, chosen, pool);
    if (next.lead) rest.splice(0, rest.length, ...rest.filter((x) => x !== next.lead));
  }
  // Disagreements: a chosen sentence and any candidate from another source on the other side.
  const pairs: Array<[Candidate, Candidate]> = [];
  for (const a of [...chosen]) {
    const b = pool
      .map((c) => ({ c, strength: disagreement(a, c) }))
      .filter((x) => x.strength > 0 && ready(x.c, chosen))
      .sort((x, y) => y.strength - x.strength)[0]?.c;
    if (!b || pairs.some(([x, y]) => x === b || y === b)) continue;
    if (!chosen.includes(b)) {
      if (chosen.length >= MAX_SUMMARY_SENTENCES)
        chosen.splice(
          chosen.findLastIndex((c) => !pairs.some(([x]) => x === c) && c !== a),
          1,
        );
      chosen.push(b);
    }
    pairs.push([a, b]);
  }
  return budget ? fit(topic, chosen, pairs, budget) : assemble(topic, chosen, pairs);
}

function assemble(topic: string, chosen: Candidate[], pairs: Array<[Candidate, Candidate]>): SummaryAnswer {
  // Reading order: by when each source speaks from; the two sides of a disagreement stay together.
  const partner = new Map<Candidate, Candidate>();
  for (const [a, b] of pairs) {
    partner.set(a, b);
    partner.set(b, a);
  }
  const ordered: Candidate[] = [];
  for (const c of [...chosen].sort((x, y) => (x.order < y.order ? -1 : 1))) {
    if (ordered.includes(c)) continue;
    // Quotes of one passage that meet read as one quote (a window and the passage's next sentences about the topic).
    const prev = ordered.at(-1);
    if (prev && !partner.has(prev) && !partner.has(c) && prev.at.passage === c.at.passage && c.at.from <= prev.at.to + 1) {
      const to = Math.max(prev.at.to, c.at.to);
      ordered[ordered.length - 1] = { ...prev, text: sentencesOf(prev.at.passage, prev.at.from, to), at: { ...prev.at, to } };
      continue;
    }
    ordered.push(c);
    const other = partner.get(c);
    if (other && chosen.includes(other) && !ordered.includes(other)) ordered.push(other);
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
  return { kind: 'summary', topic, sentences, sources };
}

/**
 * Take the quotes in the order they were chosen (most relevant first) while the summary fits its budget,
 * skipping one that would not fit for a later, shorter one: the budget, not reading order, decides what is
 * left out, so the least relevant quotes go first whichever source they come from.
 */
function fit(
  topic: string,
  chosen: readonly Candidate[],
  pairs: ReadonlyArray<[Candidate, Candidate]>,
  budget: SummaryBudget,
): SummaryAnswer {
  const kept: Candidate[] = [];
  const build = (list: Candidate[]): SummaryAnswer =>
    assemble(
      topic,
      list,
      pairs.filter(([a, b]) => list.includes(a) && list.includes(b)),
    );
  // A lead-in is kept only with the quote it leads into: the two fit together or not at all.
  const leads = new Set(chosen.flatMap((c) => (c.lead && chosen.includes(c.lead) ? [c.lead] : [])));
  for (const c of chosen) {
    if (leads.has(c) && !kept.includes(c)) continue;
    const unit = !ready(c, kept) && c.lead && leads.has(c.lead) && !kept.includes(c.lead) ? [c.lead, c] : [c];
    if (!ready(c, [...kept, ...unit])) continue;
    if (kept.length < MIN_SUMMARY_SENTENCES || budget.measure(build([...kept, ...unit])) <= budget.chars) kept.push(...unit);
  }
  return build(kept);
}
