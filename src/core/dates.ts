/**
 * Dates of events in one sentence, resolved against the date the article speaks from (its anchor) and the last
 * date the narrative mentioned (running context). Pure: no I/O, and never today's date.
 *
 * chrono-node finds the calendar dates it knows well (a month with a day and/or a year, numeric dates, month
 * ranges such as "March-April 2022"); everything else is rules here: bare months (with the May/March guard),
 * years, year ranges, decades, seasons, and relative phrases. chrono's own guesses for a missing year are ignored:
 * the year of a bare month follows the rules below, which need the narrative context chrono does not have.
 *
 * What is not returned at all: numbers that are not event dates — citation years ("Mearsheimer (2014)",
 * "(BBC, 2022)", "Kofman, 2023)"), bibliography lines ("(2022)."), publication years ("her 2019 book",
 * "a 2020 article"), counts and quantities ("2000 troops", "53 percent"), and durations or ordinal periods, which
 * are written in words ("two years", "its fourth year", "the two-year mark") and never match a rule.
 *
 * What is returned but marked: `modality` for dates of things that have not happened as of the article
 * ("poised to take the US House in November", "come fall"), and `flagged` for dates that contradict their
 * context (a likely typo). Use `isTimelineEvent` to keep only reported events.
 */
import * as chrono from 'chrono-node';
import type { DatePrecision, IsoDate } from './types.js';

export interface DateContext {
  /** The date the article speaks from (from its manifest), e.g. {value:'2022-08', precision:'month'}. */
  anchor: { value: IsoDate; precision: DatePrecision } | null;
  /** The last date the narrative mentioned before this sentence (running context), or null. See `nextContext`. */
  last: ResolvedDate | null;
}

/**
 * `future`: after the article's own date, or pointing ahead by its wording ("come fall", "next month").
 * `hypothetical`: governed by a modal or an expectation ("talks could restart by the end of August") but not
 * after the article's date.
 */
export type DateModality = 'future' | 'hypothetical';

export interface ResolvedDate {
  /** 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' */
  date: IsoDate;
  /** The last unit of a range ("March-April 2022", "2014-2015", "June and July", "the past six months"). */
  end?: IsoDate;
  /** Precision of `date` (`end` has the same one). */
  precision: DatePrecision;
  /** explicit = the year is written in the phrase; inferred = from the anchor or the context. */
  derivation: 'explicit' | 'inferred';
  /** The matched text, with the words that shape its meaning ("the end of July", "back in May", "come fall"). */
  phrase: string;
  /** Offset of `phrase` in the sentence. */
  index: number;
  /** Set when the date contradicts its own context (a likely typo); the date is kept as written. */
  flagged?: string;
  /** Set when the date is not of something that has happened as of the article. */
  modality?: DateModality;
}

/** True for dates of things the article reports as having happened: neither future nor hypothetical. */
export function isTimelineEvent(d: ResolvedDate): boolean {
  return d.modality === undefined;
}

/**
 * The context for the next sentence: the last date of this one that can anchor what follows. Future,
 * hypothetical and flagged dates never do: the narrative has not moved there.
 */
export function nextContext(ctx: DateContext, found: ResolvedDate[]): DateContext {
  const carried = found.filter((d) => !d.modality && !d.flagged).at(-1);
  return { anchor: ctx.anchor, last: carried ?? ctx.last };
}

/** Finds the event dates in `sentence`, in order of appearance, resolved with `ctx`. */
export function findDates(sentence: string, ctx: DateContext): ResolvedDate[] {
  // The value's shape carries its precision (the manifest checks that they agree).
  const anchor = ctx.anchor ? parseIso(ctx.anchor.value) : null;
  const candidates = select([
    ...chronoCandidates(sentence, anchor ?? (ctx.last ? parseIso(ctx.last.date) : null)),
    ...monthCandidates(sentence),
    ...yearCandidates(sentence),
    ...seasonCandidates(sentence),
    ...relativeCandidates(sentence),
  ].map((c) => (c.kind === 'calendar' || c.kind === 'year' ? withModifiers(sentence, c) : c)), sentence);

  const out: ResolvedDate[] = [];
  let last = ctx.last;
  let scene: number | null = null;
  for (const c of candidates) {
    const cued = c.lean !== 'past' && (c.lean === 'future' || hasModalCue(sentence, c.start));
    const placed = place(c, { anchor, last, scene, forward: cued });
    if (!placed) continue;
    const r: ResolvedDate = {
      date: toIso(placed.start),
      precision: precisionOf(placed.start),
      derivation: placed.explicit ? 'explicit' : 'inferred',
      phrase: sentence.slice(c.start, c.end),
      index: c.start,
    };
    if (placed.end && toIso(placed.end) !== r.date) r.end = toIso(placed.end);
    if (c.lean === 'future' || (anchor && compare(placed.start, anchor) > 0)) r.modality = 'future';
    else if (cued) r.modality = 'hypothetical';
    if (placed.explicit && !r.modality) {
      const why = typoSuspicion(placed.start, anchor, last);
      if (why) r.flagged = why;
    }
    out.push(r);
    if (!r.modality && !r.flagged) {
      last = r;
      scene = isScene(sentence, c) ? placed.start.y : r.precision === 'year' ? scene : null;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Points in time at year, month or day precision

interface Point {
  y: number;
  m?: number;
  d?: number;
}

function parseIso(iso: IsoDate): Point | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m?.[1]) return null;
  const p: Point = { y: Number(m[1]) };
  if (m[2]) p.m = Number(m[2]);
  if (m[3]) p.d = Number(m[3]);
  return p;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function toIso(p: Point): IsoDate {
  if (p.m === undefined) return String(p.y);
  if (p.d === undefined) return `${p.y}-${pad(p.m)}`;
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

function precisionOf(p: Point): DatePrecision {
  return p.d !== undefined ? 'day' : p.m !== undefined ? 'month' : 'year';
}

/** Compares at the coarser of the two precisions: "2022-08-23" is not after "2022-08". */
function compare(a: Point, b: Point): number {
  if (a.y !== b.y) return a.y - b.y;
  if (a.m === undefined || b.m === undefined) return 0;
  if (a.m !== b.m) return a.m - b.m;
  if (a.d === undefined || b.d === undefined) return 0;
  return a.d - b.d;
}

function addMonths(p: Point & { m: number }, n: number): Point {
  const i = p.y * 12 + (p.m - 1) + n;
  return { y: Math.floor(i / 12), m: (((i % 12) + 12) % 12) + 1 };
}

/**
 * Moves by days. A month-precision point stands for its middle and the result keeps month precision, so
 * "two weeks later" after "in June" says June or July rather than inventing a day.
 */
function addDays(p: Point, n: number): Point | null {
  if (p.m === undefined) return null;
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d ?? 15) + n * 86_400_000);
  const q: Point = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1 };
  if (p.d !== undefined) q.d = t.getUTCDate();
  return q;
}

type Unit = 'day' | 'week' | 'month' | 'year';

/** `p` moved by `n` units, or null when `p` is too coarse for the unit (weeks from a bare year). */
function shift(p: Point, n: number, unit: Unit): Point | null {
  if (unit === 'year') return { y: p.y + n };
  if (unit === 'month') return p.m === undefined ? null : addMonths({ y: p.y, m: p.m }, n);
  return addDays(p, unit === 'week' ? 7 * n : n);
}

/** The point a context date leaves the narrative at: the end of a range, else its date. */
function contextPoint(last: ResolvedDate | null): Point | null {
  return last ? parseIso(last.end ?? last.date) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Candidates: spans of the sentence with a way to place them in time

interface Placement {
  anchor: Point | null;
  last: ResolvedDate | null;
  /** A year that set the scene earlier in this sentence ("In 2014, Russia annexed Crimea in March"). */
  scene: number | null;
  /** The sentence points ahead (modal or expectation): place a yearless month at its next occurrence. */
  forward: boolean;
}

interface Placed {
  start: Point;
  end?: Point;
  explicit: boolean;
}

/** A month with an optional day and year, and an optional end (a range). */
interface CalendarSpec {
  m: number;
  d?: number;
  y?: number;
  em?: number;
  ed?: number;
  ey?: number;
}

type YearModifier = 'end' | 'start' | undefined;

type Candidate = { start: number; end: number; lean?: 'future' | 'past' } & (
  | { kind: 'calendar'; spec: CalendarSpec; bare: boolean }
  | { kind: 'year'; y: number; ey?: number; mod?: YearModifier }
  | { kind: 'other'; place: (f: Placement) => Placed | null }
);

function place(c: Candidate, f: Placement): Placed | null {
  switch (c.kind) {
    case 'calendar':
      return placeCalendar(c.spec, f);
    case 'year': {
      const start: Point = { y: c.y };
      if (c.mod === 'end') start.m = 12;
      if (c.mod === 'start') start.m = 1;
      return c.ey === undefined ? { start, explicit: true } : { start, end: { y: c.ey }, explicit: true };
    }
    case 'other':
      return c.place(f);
  }
}

/**
 * The year of a month written without one: the running context's year when the context is at month or day
 * precision (a narrative moving month by month), else the anchor's; then moved back until the month is not after
 * the article's own date. A year-only context from an earlier sentence ("since 2014", "back in 2014") is
 * background, not a scene the following months belong to; within one sentence, "In 2014, … in March" is.
 * When the sentence points ahead, the month is its next occurrence instead.
 */
function yearForMonth(m: number, endM: number | undefined, f: Placement): number | null {
  const ctx = contextPoint(f.last);
  const ref = ctx?.m !== undefined ? ctx : null;
  if (f.forward) {
    const from = ref ?? f.anchor;
    if (!from) return null;
    return from.m === undefined || m >= from.m ? from.y : from.y + 1;
  }
  let y = f.scene ?? ref?.y ?? f.anchor?.y;
  if (y === undefined) return null;
  if (f.anchor) {
    const last = endM ?? m;
    const wraps = endM !== undefined && endM < m;
    while (compare({ y: wraps ? y + 1 : y, m: last }, f.anchor) > 0) y--;
  }
  return y;
}

function placeCalendar(s: CalendarSpec, f: Placement): Placed | null {
  let y: number | null;
  let explicit = true;
  if (s.y !== undefined) y = s.y;
  else if (s.ey !== undefined) y = s.em !== undefined && s.em < s.m ? s.ey - 1 : s.ey;
  else {
    y = yearForMonth(s.m, s.em, f);
    explicit = false;
  }
  if (y === null) return null;
  const start: Point = { y, m: s.m };
  if (s.d !== undefined) start.d = s.d;
  if (s.em === undefined) return { start, explicit };
  const end: Point = { y: s.ey ?? (s.em < s.m ? y + 1 : y), m: s.em };
  if (s.ed !== undefined) end.d = s.ed;
  else if (s.d !== undefined && s.em === s.m) return { start, explicit };
  return { start, end, explicit };
}

/**
 * A lone year introduced as the time of what follows ("In 2014, …", "during 2015"), which the bare months after
 * it in the same sentence belong to. "since 2014" and "back in 2014" are asides and do not count.
 */
function isScene(sentence: string, c: Candidate): boolean {
  return c.kind === 'year' && c.ey === undefined && c.mod === undefined && c.lean === undefined &&
    /\b(?:in|during|throughout)\s+$/i.test(sentence.slice(0, c.start));
}

/** Longest spans win; what is left is put in sentence order. */
function select(cands: Candidate[], sentence: string): Candidate[] {
  const merged = mergeMonthPairs(cands, sentence);
  const byLength = [...merged].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of byLength) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------------------------
// Months

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const MONTH_TOKEN =
  /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/gi;

/** Words before "May" or "March" that make them months rather than a verb, a noun or a surname. */
const MONTH_CUE =
  /(?:\b(?:in|on|by|since|until|till|through|throughout|during|from|before|after|between|of|early|late|last|next|this|that|come)\s+|\bmid-\s*)$/i;

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, few: 3, 'a few': 3, several: 3, 'a couple of': 2, couple: 2,
};
const NUM = String.raw`(?:a few|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|\d{1,2})`;

function countOf(word: string | undefined, fallback: number): number {
  if (!word) return fallback;
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  return NUMBER_WORDS[w] ?? (Number.isFinite(Number(w)) ? Number(w) : fallback);
}

/** Full month names standing alone. chrono drops "May" unless "in" precedes it, so these are ours. */
function monthCandidates(sentence: string): Candidate[] {
  const out: Candidate[] = [];
  const re = new RegExp(`\\b(${MONTHS.join('|')})\\b`, 'g');
  for (const m of sentence.matchAll(re)) {
    const name = m[1] ?? '';
    const start = m.index;
    const end = start + name.length;
    const before = sentence.slice(0, start);
    const after = sentence.slice(end);
    if ((name === 'May' || name === 'March') && !ambiguousMonthIsDate(before, after)) continue;
    out.push({ kind: 'calendar', start, end, spec: { m: MONTHS.indexOf(name) + 1 }, bare: true });
  }
  return out;
}

/** "May"/"March" count as months only after a date word, or next to another month ("April and May"). */
function ambiguousMonthIsDate(before: string, after: string): boolean {
  if (/^['’]s\b/.test(after)) return false;
  if (MONTH_CUE.test(before)) return true;
  const months = MONTHS.join('|');
  return new RegExp(`\\b(?:${months})\\s*(?:and|or|to|through|-|–)\\s*$`).test(before) ||
    new RegExp(`^\\s*(?:and|or|to|through|-|–)\\s*(?:${months})\\b`).test(after);
}

/**
 * Calendar dates chrono parses well: with a day, a year or a range. Bare months are left to `monthCandidates`,
 * and chrono's relative and casual results ("two weeks later", "now", "sat") are dropped: their meaning depends
 * on the narrative, which is handled by `relativeCandidates`.
 */
function chronoCandidates(sentence: string, ref: Point | null): Candidate[] {
  // The reference is the anchor, never today; its only effect is on values we ignore (implied years).
  const instant = ref ? new Date(Date.UTC(ref.y, (ref.m ?? 1) - 1, ref.d ?? 1, 12)) : new Date(0);
  const out: Candidate[] = [];
  for (const r of chrono.en.casual.parse(sentence, { instant, timezone: 0 })) {
    const tags = r.tags();
    if ([...tags].some((t) => t.startsWith('result/relativeDate') || t.startsWith('casualReference'))) continue;
    let text = r.text;
    let start = r.index;
    const newline = text.indexOf('\n');
    const crossesLine = newline >= 0;
    if (crossesLine) text = text.slice(0, newline);
    const lead = /^(?:(?:on|in|at|of|from|since|by|until)\s+)?(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?/i.exec(text);
    const cut = lead?.[0].length ?? 0;
    start += cut;
    text = text.slice(cut).replace(/[\s,.;:]+$/, '');
    const months = [...text.matchAll(MONTH_TOKEN)].map((m) => m[0]);
    if (months.length === 0 && !/\d{1,4}[-/.]\d{1,2}/.test(text)) continue;
    // Month names are capitalised; "a march", "may" and "august" (the adjective) are not dates.
    if (months.some((m) => !/^[A-Z]/.test(m))) continue;
    const s = r.start;
    const e = crossesLine ? undefined : r.end;
    const month = s.get('month');
    if (!s.isCertain('month') || month === null) continue;
    const endOfPeriod = tags.has('refiner/ENEndOfPeriodRefiner');
    const spec: CalendarSpec = { m: month };
    const day = s.get('day');
    if (s.isCertain('day') && day !== null && !endOfPeriod) spec.d = day;
    const year = s.get('year');
    if (s.isCertain('year') && year !== null) spec.y = year;
    if (e?.isCertain('month')) {
      spec.em = e.get('month') ?? undefined;
      const ed = e.get('day');
      if (e.isCertain('day') && ed !== null) spec.ed = ed;
      const ey = e.get('year');
      if (e.isCertain('year') && ey !== null) spec.ey = ey;
    }
    if (spec.d === undefined && spec.y === undefined && spec.em === undefined) continue;
    out.push({ kind: 'calendar', start, end: start + text.length, spec, bare: false });
  }
  return out;
}

/**
 * "June and July", "between June and August", "from March to May": two months joined into a range. With "and"
 * only consecutive months are a range; "in April and June" names two separate months.
 */
function mergeMonthPairs(cands: Candidate[], sentence: string): Candidate[] {
  const cal = cands
    .filter((c): c is Candidate & { kind: 'calendar' } => c.kind === 'calendar')
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [...cands];
  for (let i = 0; i + 1 < cal.length; i++) {
    const a = cal[i];
    const b = cal[i + 1];
    if (!a || !b || !a.bare || b.spec.d !== undefined || b.spec.em !== undefined) continue;
    const gap = sentence.slice(a.end, b.start);
    const joint = /^\s*(and|or|to|through|until|-|–|—)\s*$/i.exec(gap)?.[1]?.toLowerCase();
    if (!joint || joint === 'or') continue;
    const framed = /\b(?:between|from)\s+$/i.test(sentence.slice(0, a.start));
    const consecutive = b.spec.m === (a.spec.m % 12) + 1;
    if (joint === 'and' && !framed && !consecutive) continue;
    const spec: CalendarSpec = { m: a.spec.m, em: b.spec.m };
    if (b.spec.y !== undefined) spec.ey = b.spec.y;
    out.push({ kind: 'calendar', start: a.start, end: b.end, spec, bare: false });
  }
  return out;
}

/**
 * Words before a month or year that belong to the phrase. "the end of July" stays a month: a timeline needs
 * where the event falls, not an invented last day. "back in" rules out a future reading, "come" asks for one.
 */
function withModifiers(sentence: string, c: Candidate): Candidate {
  const out = { ...c };
  for (;;) {
    const before = sentence.slice(0, out.start);
    let m: RegExpExecArray | null;
    if ((m = /\b(?:the\s+)?(?:very\s+)?(end|close|beginning|start|middle)\s+of\s+$/i.exec(before))) {
      if (out.kind === 'year') out.mod = /end|close/i.test(m[1] ?? '') ? 'end' : /middle/i.test(m[1] ?? '') ? undefined : 'start';
    } else if ((m = /\b(?:early|late)\s+$|\bmid-?\s*$/i.exec(before))) {
      // precision stays as written: "early August" is August
    } else if ((m = /\bback\s+in\s+$/i.exec(before))) {
      out.lean = 'past';
    } else if ((m = new RegExp(String.raw`\b(?:${NUM}\s+)?(?:days|weeks|months|years)\s+later,?\s+(?:in|on)\s+$`, 'i').exec(before))) {
      // "Months later in May": the month carries the date; the lead-in only says it came after
    } else if ((m = /\bcome\s+$/i.exec(before))) {
      out.lean = 'future';
    } else {
      return out;
    }
    out.start = m.index;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Years, year ranges and decades

const YEAR = String.raw`(?:1[89]\d\d|20\d\d)`;

/** Capitalised words that open phrases, not names: "In 2014)" is not a citation. */
const NOT_NAMES = new Set([
  'In', 'On', 'At', 'By', 'Since', 'Until', 'From', 'During', 'Before', 'After', 'Of', 'The', 'A', 'An', 'And', 'Or',
  'To', 'For', 'Through', 'Between', 'Early', 'Late', 'Mid', 'Back', 'As', 'Spring', 'Summer', 'Fall', 'Autumn',
  'Winter', ...MONTHS,
]);

const isNameLike = (w: string): boolean => /^\p{Lu}/u.test(w) && !NOT_NAMES.has(w.replace(/[.,]+$/, ''));

/**
 * A year that cites a work rather than dates an event: "Mearsheimer (2014)", "(BBC, 2022)", "Kofman, 2023)",
 * a bibliography line "(2022).", "Smith et al. (2019)". "the Minsk accords (2014-2015)" is an event: a lowercase
 * word before the bracket is not an author.
 */
function isCitation(sentence: string, start: number, end: number): boolean {
  if (!/^[a-z]?(?:,\s*pp?\.\s*[\d–-]+)?\s*[);]/.test(sentence.slice(end))) return false;
  const before = sentence.slice(0, start);
  const bracket = /\(\s*$/.exec(before);
  const pre = (bracket ? before.slice(0, bracket.index) : before.replace(/,?\s*$/, '')).trimEnd();
  if (/\bet al\.?$/.test(pre)) return true;
  const word = /([\p{L}][\p{L}.'’&-]*)$/u.exec(pre)?.[1];
  if (!word) return bracket !== null;
  return isNameLike(word);
}

const PUBLICATION =
  /^\s+(?:\p{Lu}[\p{L}’'&.-]*\s+){0,3}(?:book|article|paper|essay|study|report|op-ed|column|memoir|monograph|volume|edition|chapter|piece|review|thesis|dissertation|documentary|film|novel|poem)s?\b/u;
const COUNT =
  /^\s*(?:%|per\s?cent\b|-(?:year|strong)\b|(?:people|persons|troops|soldiers|civilians|casualties|deaths|refugees|prisoners|POWs|tons|tonnes|km|kilomet(?:er|re)s|miles|met(?:er|re)s|dollars|euros|pounds|rubles|roubles|hryvnias?|men|women|children|votes|units|tanks|shells|missiles|drones|rounds|years|months|weeks|days|hours|minutes|times)\b)/;

/** Whether a number that looks like a year is a citation, a publication year or a quantity. */
function notAnEvent(sentence: string, start: number, end: number): boolean {
  const after = sentence.slice(end);
  return isCitation(sentence, start, end) || PUBLICATION.test(after) || COUNT.test(after) ||
    /(?:[$€£₴₽#]|\bNo\.)\s*$/.test(sentence.slice(0, start));
}

function yearCandidates(sentence: string): Candidate[] {
  const out: Candidate[] = [];
  const edge = String.raw`(?<![\d,.$€£-])`;
  // A year followed by "-2015" belongs to the range rule, which decides for both.
  const stop = String.raw`(?!\d|[,.]\d|\s*[-–—]\s*\d)`;

  for (const m of sentence.matchAll(new RegExp(`${edge}\\b(${YEAR})\\b${stop}`, 'g'))) {
    const start = m.index;
    const end = start + (m[1]?.length ?? 0);
    if (notAnEvent(sentence, start, end)) continue;
    out.push({ kind: 'year', start, end, y: Number(m[1]) });
  }

  // "2014-2015", "2014–15", "between 2014 and 2015", "2023 and 2024" (consecutive only: "2014 and 2022" are two).
  const range = new RegExp(
    String.raw`${edge}\b(?:(between|from)\s+)?(${YEAR})\s*(-|–|—|to|through|until|and)\s*(${YEAR}|\d\d)\b${stop}`,
    'gi',
  );
  for (const m of sentence.matchAll(range)) {
    const from = Number(m[2]);
    const raw = m[4] ?? '';
    const to = raw.length === 2 ? Math.floor(from / 100) * 100 + Number(raw) : Number(raw);
    if (!(to > from)) continue;
    if (m[3]?.toLowerCase() === 'and' && !m[1] && to !== from + 1) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (notAnEvent(sentence, start + m[0].indexOf(m[2] ?? ''), end)) continue;
    out.push({ kind: 'year', start, end, y: from, ey: to });
  }

  // "the early 2000s", "the 1990s", "the mid-'90s"
  const decade = /(?:\bthe\s+)?(?:\b(early|mid|late)[\s-]+)?(?:\b(1[89]\d0|20\d0)|['’](\d0))s\b/gi;
  for (const m of sentence.matchAll(decade)) {
    const base = m[2] ? Number(m[2]) : Number(m[3]) >= 30 ? 1900 + Number(m[3]) : 2000 + Number(m[3]);
    const part = m[1]?.toLowerCase();
    const [a, b] = part === 'early' ? [0, 3] : part === 'mid' ? [4, 6] : part === 'late' ? [7, 9] : [0, 9];
    const start = m.index;
    const end = start + m[0].length;
    out.push({
      kind: 'other',
      start,
      end,
      place: () => ({ start: { y: base + a }, end: { y: base + b }, explicit: true }),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Seasons (northern hemisphere, which is where these wars are fought)

const SEASONS: Record<string, [number, number]> = {
  spring: [3, 5], summer: [6, 8], fall: [9, 11], autumn: [9, 11], winter: [12, 2],
};

function seasonAt(name: string, y: number): { start: Point; end: Point } {
  const [s, e] = SEASONS[name] ?? [1, 12];
  return { start: { y, m: s }, end: { y: e < s ? y + 1 : y, m: e } };
}

function seasonCandidates(sentence: string): Candidate[] {
  const out: Candidate[] = [];
  const re = /\b(spring|summer|fall|autumn|winter)\b/gi;
  for (const m of sentence.matchAll(re)) {
    const word = m[1] ?? '';
    // "Arab Spring", "Prague Spring": a capitalised season mid-sentence is a name.
    if (/^[A-Z]/.test(word) && m.index > 0) continue;
    const name = word.toLowerCase();
    const before = sentence.slice(0, m.index);
    const after = sentence.slice(m.index + word.length);
    const yearAfter = new RegExp(`^\\s+(?:of\\s+)?(${YEAR})\\b`).exec(after);
    // "the fall of Kabul" is a collapse, "prices fall" a verb: a season needs a date word or a year.
    if (!yearAfter && /^\s+of\b/.test(after)) continue;
    const lead =
      /\b(come|this|last|next|early|late|mid)[\s-]+$/i.exec(before) ??
      /\bthe\s+(coming|upcoming|past|previous|following)\s+$/i.exec(before) ??
      /\b(?:in|during|by|until|through|throughout|over|before|after)\s+(the)\s+$/i.exec(before);
    if (!yearAfter && !lead) continue;
    const how = (lead?.[1] ?? '').toLowerCase();
    const start = lead ? lead.index + (how === 'the' ? lead[0].lastIndexOf('the') : 0) : m.index;
    const end = yearAfter ? m.index + word.length + yearAfter[0].length : m.index + word.length;
    const lean = ['come', 'next', 'coming', 'upcoming'].includes(how) ? 'future' : how === 'last' || how === 'past' || how === 'previous' ? 'past' : undefined;
    const c: Candidate = {
      kind: 'other',
      start,
      end,
      place: (f) => placeSeason(name, how, yearAfter?.[1], f),
    };
    if (lean) c.lean = lean;
    out.push(c);
  }
  return out;
}

function placeSeason(name: string, how: string, year: string | undefined, f: Placement): Placed | null {
  if (year) return { ...seasonAt(name, Number(year)), explicit: true };
  const a = f.anchor;
  const ref = how === 'following' ? contextPoint(f.last) : a;
  if (!ref) return null;
  let y: number;
  if (['come', 'next', 'coming', 'upcoming', 'following'].includes(how)) {
    if (ref.m === undefined) return null;
    y = ref.y - 1;
    while (compare(seasonAt(name, y).start, ref) <= 0) y++;
  } else if (how === 'last' || how === 'past' || how === 'previous') {
    if (ref.m === undefined) return { ...seasonAt(name, ref.y - 1), explicit: false };
    y = ref.y + 1;
    while (compare(seasonAt(name, y).end, ref) >= 0) y--;
  } else if (how === 'this') {
    y = name === 'winter' && ref.m !== undefined && ref.m <= 2 ? ref.y - 1 : ref.y;
  } else {
    const ctx = contextPoint(f.last);
    y = ctx?.m !== undefined ? ctx.y : ref.y;
    if (a) while (compare(seasonAt(name, y).start, a) > 0) y--;
  }
  return { ...seasonAt(name, y), explicit: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Relative phrases: deictic ones count from the article's date, anaphoric ones from the last date mentioned

const unitOf = (w: string): Unit => w.toLowerCase().replace(/s$/, '') as Unit;

function relativeCandidates(sentence: string): Candidate[] {
  const out: Candidate[] = [];
  type Rule = { place: (f: Placement) => Placed | null; lean?: 'future' | 'past' };
  const add = (re: RegExp, build: (m: RegExpExecArray) => Rule | null): void => {
    for (const m of sentence.matchAll(re)) {
      const made = build(m);
      if (made) out.push({ kind: 'other', start: m.index, end: m.index + m[0].length, ...made });
    }
  };

  // Anaphoric: "later that month", "the end of that year", "the same month".
  add(/\b(?:(later|earlier)\s+)?(?:the\s+(end|close|beginning|start|middle)\s+of\s+)?(?:that|the\s+same)\s+(month|year)\b/gi, (m) => {
    const part = m[2]?.toLowerCase();
    const unit = m[3]?.toLowerCase();
    return {
      place: (f) => {
        const base = contextPoint(f.last);
        if (!base) return null;
        if (unit === 'month') return base.m === undefined ? null : { start: { y: base.y, m: base.m }, explicit: false };
        const start: Point = { y: base.y };
        if (part === 'end' || part === 'close') start.m = 12;
        else if (part === 'beginning' || part === 'start') start.m = 1;
        return { start, explicit: false };
      },
    };
  });

  // Anaphoric steps: "the following month", "two weeks later", "a year earlier". "the next month" after
  // "over/within/in" is a span ahead of the article, not a step in the story, and is left alone.
  add(/\b(?:the\s+(?:following|next|subsequent)|following|subsequent)\s+(day|week|month|year)\b/gi, (m) => {
    if (/\b(?:over|within|in|during|for)\s+$/i.test(sentence.slice(0, m.index)) && /next/i.test(m[0])) return null;
    return { place: (f) => step(f.last, 1, unitOf(m[1] ?? '')) };
  });
  add(new RegExp(String.raw`\b(${NUM})\s+(day|week|month|year)s?\s+(later|afterwards?|after\s+that|on(?=[,.;]|$)|earlier|before\s+that|beforehand)\b`, 'gi'), (m) => {
    const sign = /earlier|before/i.test(m[3] ?? '') ? -1 : 1;
    return { place: (f) => step(f.last, sign * countOf(m[1], 1), unitOf(m[2] ?? '')) };
  });

  // Deictic: "two years ago", "last month", "earlier this year", "next week".
  add(new RegExp(String.raw`\b(${NUM})\s+(day|week|month|year)s?\s+ago\b`, 'gi'), (m) => ({
    lean: 'past',
    place: (f) => deictic(f.anchor, -countOf(m[1], 1), unitOf(m[2] ?? '')),
  }));
  add(/(?<!\bthe\s)(?<!\bat\s)\b(?:(earlier|later)\s+)?(this|last|next)\s+(week|month|year)\b/gi, (m) => {
    const which = m[2]?.toLowerCase();
    const n = which === 'last' ? -1 : which === 'next' ? 1 : 0;
    const ahead = which === 'next' || m[1]?.toLowerCase() === 'later';
    const behind = which === 'last' || m[1]?.toLowerCase() === 'earlier';
    const rule: Rule = { place: (f) => deictic(f.anchor, n, unitOf(m[3] ?? '')) };
    if (ahead) rule.lean = 'future';
    else if (behind) rule.lean = 'past';
    return rule;
  });

  // Periods up to the article's date: "the past six months", "in recent months", "the past week".
  // "the last week of June" is a part of June, not a period up to now.
  add(new RegExp(String.raw`\b(?:the\s+(?:past|last)\s+(?:(${NUM})\s+)?|recent\s+)(days?|weeks?|months?|years?)\b(?!\s+of\b)`, 'gi'), (m) => {
    const unit = unitOf(m[2] ?? '');
    const plural = /s$/i.test(m[2] ?? '');
    const n = countOf(m[1], plural ? 3 : 1);
    return { lean: 'past', place: (f) => period(f.anchor, n, unit) };
  });
  return out;
}

function step(last: ResolvedDate | null, n: number, unit: Unit): Placed | null {
  const base = contextPoint(last);
  const to = base && shift(base, n, unit);
  return to ? { start: to, explicit: false } : null;
}

/** A point relative to the article's date; weeks and days from a month-precision anchor stay months. */
function deictic(anchor: Point | null, n: number, unit: Unit): Placed | null {
  if (!anchor) return null;
  if (unit === 'week' && anchor.d !== undefined) {
    // "last week" is the calendar week before the one the article speaks from (Monday to Sunday).
    const monday = addDays(anchor, -((new Date(Date.UTC(anchor.y, (anchor.m ?? 1) - 1, anchor.d)).getUTCDay() + 6) % 7));
    const start = monday && addDays(monday, 7 * n);
    const end = start && addDays(start, 6);
    if (!start || !end) return null;
    return n === 0 ? { start, end: anchor, explicit: false } : { start, end, explicit: false };
  }
  const to = shift(anchor, n, unit);
  if (!to) return null;
  // A month-precision anchor keeps day arithmetic at month precision (addDays), never finer than the anchor.
  return { start: to, explicit: false };
}

/** The `n` units up to the article's date, as a range at the finest precision the anchor allows. */
function period(anchor: Point | null, n: number, unit: Unit): Placed | null {
  if (!anchor) return null;
  const start = shift(anchor, -n, unit);
  if (!start) return null;
  const end = unit === 'year' ? { y: anchor.y } : anchor;
  return { start, end, explicit: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Modality and typos

/**
 * Whether the clause a date sits in looks ahead: a modal ("could restart by the end of August") or an
 * expectation ("poised to take the US House in November"). Only the words between the last clause break and the
 * date count, so "said in June the war would end" stays past. Lowercase only: "May" is the month.
 */
function hasModalCue(sentence: string, at: number): boolean {
  const parts = sentence
    .slice(0, at)
    .split(/[,;:()—–"“”]|\b(?:that|which|who|whose|when|while|whereas|but|because|although|though|after|before|since|until|if)\b/);
  const clause = parts.at(-1) ?? '';
  const modal = /\b(?:will|would|could|might|shall|should|may)\b/.exec(clause);
  if (modal && !/\b(?:political|good|free|ill|the|his|her|their|its|popular|public|of)\s+will\b/.test(clause)) return true;
  return /\b(?:(?:is|are|was|were|be|been|seems?|looks?)\s+(?:poised|expected|set|likely|scheduled|slated|going|about)\s+to|plans?\s+to|planning\s+to|intends?\s+to|hopes?\s+to|aims?\s+to)\b/.test(clause);
}

/** Years one keystroke away from `y`: one digit changed, or two neighbours swapped. */
function nearYears(y: number): number[] {
  const s = String(y);
  const out = new Set<number>();
  for (let i = 0; i < 4; i++) {
    for (let d = 0; d <= 9; d++) out.add(Number(s.slice(0, i) + d + s.slice(i + 1)));
    if (i < 3) out.add(Number(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2)));
  }
  out.delete(y);
  return [...out];
}

/**
 * A month or day written with a year far (15+ years) before both the article's date and the running context,
 * when a year one keystroke away fits that context: "since November 2002" in a 2025 article whose narrative is
 * at 2024, about the liberation of Kherson (November 2022). A year-only mention ("since 2014", "the 1990s") is
 * routine background and is not checked.
 */
function typoSuspicion(p: Point, anchor: Point | null, last: ResolvedDate | null): string | undefined {
  if (p.m === undefined) return undefined;
  const refs = [anchor?.y, contextPoint(last)?.y].filter((y): y is number => y !== undefined);
  if (refs.length === 0) return undefined;
  const gap = Math.min(...refs.map((r) => r - p.y));
  if (gap < 15) return undefined;
  const lo = Math.min(...refs) - 3;
  const hi = anchor?.y ?? Math.max(...refs);
  const fits = nearYears(p.y).filter((y) => y >= lo && y <= hi).sort((a, b) => a - b);
  if (fits.length === 0) return undefined;
  return `${p.y} is ${gap} years before the surrounding narrative (${[...new Set(refs)].join(', ')}); ` +
    `${fits.join(' or ')} would fit it, so it is probably a typo`;
}
