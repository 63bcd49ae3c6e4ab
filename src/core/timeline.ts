/**
 * Timelines: the library's dated events, optionally narrowed to a topic (through the search index) and a
 * date range, in date order. The short form people read keeps the most relevant events (about ten) and
 * counts the rest.
 */
import type { Corpus } from './corpus.js';
import type { TimelineEvent } from './events.js';
import { textScore } from './excerpt.js';
import { queryGroups, search, topicMatch, type TopicMatch } from './search.js';
import type { IsoDate } from './types.js';
import { compareIso, MONTHS } from './dates/calendar.js';

/** Events shown in a short timeline unless the caller asks for another number. */
export const SHORT_TIMELINE_EVENTS = 10;
/** What "relevant to peace talks" means when no topic is given. */
const DEFAULT_TOPIC_WORDS = 'peace talks negotiations ceasefire agreement mediation deal diplomacy';

/** An event belongs to a topic timeline from this relevance (its sentence's match plus half its passage's). */
const MIN_TOPIC_RELEVANCE = 0.35;

export interface TimelineOptions {
  topic?: string;
  /** ISO prefixes: `2022`, `2022-03`, `2022-03-10`; inclusive. */
  from?: IsoDate;
  to?: IsoDate;
  limit?: number;
}

export interface TimelineAnswer {
  topic: string | null;
  from: IsoDate | null;
  to: IsoDate | null;
  /** The events shown, in date order. */
  events: TimelineEvent[];
  /** How many events matched in all (shown + hidden). */
  total: number;
  /** Events that matched but were left out of the short form. */
  more: number;
  /** With a topic: how it matches the library, as a search for it does (not found: no event is about it). */
  match?: TopicMatch;
}

/** ISO prefix comparison at the coarser precision: "2022-03-10" is within "2022-03". */
function startsBefore(a: IsoDate, b: IsoDate): boolean {
  return compareIso(a, b) <= 0;
}

/** The event overlaps [from, to]. */
function inRange(e: TimelineEvent, from?: IsoDate, to?: IsoDate): boolean {
  if (from && !startsBefore(from, e.end ?? e.date)) return false;
  if (to && !startsBefore(e.date, to)) return false;
  return true;
}

/** How well an event's text answers the topic, on the excerpt scale. */
function topicScore(corpus: Corpus, event: TimelineEvent, topic: string): number {
  return textScore(event.text, queryGroups(corpus.index, topic));
}

/** Quality of an event as a timeline line: exact dates, several sources and no warnings first. */
function eventQuality(e: TimelineEvent): number {
  const precision = { day: 0.3, month: 0.2, year: 0 }[e.precision];
  return precision + (e.derivation === 'explicit' ? 0.1 : 0) + 0.15 * (e.citations.length - 1) - (e.end || e.relation ? 0.1 : 0);
}

export function timeline(corpus: Corpus, options: TimelineOptions = {}): TimelineAnswer {
  const topic = options.topic?.trim() || null;
  const limit = Math.max(1, Math.floor(options.limit ?? SHORT_TIMELINE_EVENTS));
  let candidates = corpus.events.filter((e) => inRange(e, options.from, options.to));
  let relevance: Map<TimelineEvent, number>;
  let match: TopicMatch | null = null;
  if (topic) {
    // An event is on topic when its own sentence matches, or its passage ranks for the topic; none is when a search
    // for the topic would quote nothing.
    const answer = search(corpus.index, topic, { limit: 25 });
    match = answer.kind === 'invalid' ? null : topicMatch(answer);
    if (match?.found === false) candidates = [];
    const passageScore = new Map(answer.results.map((r) => [r.id, r.score]));
    relevance = new Map(
      candidates.map((e) => {
        const own = topicScore(corpus, e, topic);
        const passage = Math.max(0, ...e.citations.map((c) => passageScore.get(c.passageId) ?? 0));
        return [e, own > 0 ? own + 0.5 * passage : 0];
      }),
    );
    candidates = candidates.filter((e) => (relevance.get(e) ?? 0) >= MIN_TOPIC_RELEVANCE);
  } else {
    relevance = new Map(candidates.map((e) => [e, topicScore(corpus, e, DEFAULT_TOPIC_WORDS) + eventQuality(e)]));
  }
  const ranked = [...candidates].sort(
    (a, b) => (relevance.get(b) ?? 0) - (relevance.get(a) ?? 0) + 0.01 * (eventQuality(b) - eventQuality(a)),
  );
  const shown = new Set(ranked.slice(0, limit));
  return {
    topic,
    from: options.from ?? null,
    to: options.to ?? null,
    events: candidates.filter((e) => shown.has(e)),
    total: candidates.length,
    more: Math.max(0, candidates.length - shown.size),
    ...(match ? { match } : {}),
  };
}

const MONTH_NAMES = MONTHS.map((m) => m.slice(0, 3).toLowerCase());

/**
 * A date typed by a person, as an ISO prefix: "2022", "2022-03", "2022-03-10", "March 2022", "10 March 2022".
 * Returns null when it is not a real date.
 */
export function parseDateArg(input: string): IsoDate | null {
  const text = input.trim().toLowerCase();
  let y: number;
  let m: number | undefined;
  let d: number | undefined;
  const iso = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  const words = /^(?:(\d{1,2})\s+)?([a-z]+)\.?,?\s+(\d{4})$/.exec(text) ?? /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  if (iso) {
    y = Number(iso[1]);
    m = iso[2] === undefined ? undefined : Number(iso[2]);
    d = iso[3] === undefined ? undefined : Number(iso[3]);
  } else if (words) {
    const monthFirst = /^[a-z]/.test(words[1] ?? '');
    const name = monthFirst ? words[1] : words[2];
    const day = monthFirst ? words[2] : words[1];
    const index = MONTH_NAMES.findIndex((n) => name?.startsWith(n));
    if (index < 0 || (name?.length ?? 0) < 3) return null;
    y = Number(words[3]);
    m = index + 1;
    d = day === undefined ? undefined : Number(day);
  } else {
    return null;
  }
  if (y < 1000 || y > 2999 || (m !== undefined && (m < 1 || m > 12))) return null;
  if (d !== undefined && m !== undefined) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (d < 1 || d > last) return null;
  }
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${y}${m === undefined ? '' : `-${pad(m)}`}${d === undefined ? '' : `-${pad(d)}`}`;
}

/** Whether a range starts after it ends, at the coarser of the two precisions ("2022-03" to "2022" is not). */
export function isReversed(from: IsoDate | undefined, to: IsoDate | undefined): boolean {
  return from !== undefined && to !== undefined && from.slice(0, to.length) > to;
}
