/** Relative phrases: deictic ones count from the article's date, anaphoric ones from the last date mentioned. */
import { addDays, contextPoint, MONTHS, shift, type Point, type Unit } from './calendar.js';
import type { Candidate, Placed, Placement } from './candidates.js';
import { NUM, countOf } from './months.js';
import type { ResolvedDate } from './types.js';

const unitOf = (w: string): Unit => w.toLowerCase().replace(/s$/, '') as Unit;

/** In the order of `Date.prototype.getUTCDay`. */
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function relativeCandidates(sentence: string): Candidate[] {
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
        // "the end of that year" is late that year, not its December.
        const label =
          part === 'end' || part === 'close' ? `late ${base.y}` : part === 'beginning' || part === 'start' ? `early ${base.y}` : undefined;
        return label ? { start: { y: base.y }, explicit: false, label } : { start: { y: base.y }, explicit: false };
      },
    };
  });

  // Anaphoric steps: "the following month", "two weeks later", "a year earlier". "the next month" after
  // "over/within/in" is a span ahead of the article, not a step in the story, and is left alone.
  add(/\b(?:the\s+(?:following|next|subsequent)|following|subsequent)\s+(day|week|month|year)\b/gi, (m) => {
    if (/\b(?:over|within|in|during|for)\s+$/i.test(sentence.slice(0, m.index)) && /next/i.test(m[0])) return null;
    return { place: (f) => step(f.last, 1, unitOf(m[1] ?? '')) };
  });
  add(
    new RegExp(
      String.raw`\b(${NUM})\s+(day|week|month|year)s?\s+(later|afterwards?|after\s+that|on(?=[,.;]|$)|earlier|before\s+that|beforehand)\b`,
      'gi',
    ),
    (m) => {
      const sign = /earlier|before/i.test(m[3] ?? '') ? -1 : 1;
      return { place: (f) => step(f.last, sign * countOf(m[1], 1), unitOf(m[2] ?? '')) };
    },
  );

  // Deictic: "two years ago", "last month", "earlier this year", "next week".
  add(new RegExp(String.raw`\b(${NUM})\s+(day|week|month|year)s?\s+ago\b`, 'gi'), (m) => ({
    lean: 'past',
    place: (f) => deictic(f.now, -countOf(m[1], 1), unitOf(m[2] ?? '')),
  }));
  add(/(?<!\bthe\s)(?<!\bat\s)\b(?:(earlier|later)\s+)?(this|last|next)\s+(week|month|year)\b/gi, (m) => {
    const which = m[2]?.toLowerCase();
    const n = which === 'last' ? -1 : which === 'next' ? 1 : 0;
    const ahead = which === 'next' || m[1]?.toLowerCase() === 'later';
    const behind = which === 'last' || m[1]?.toLowerCase() === 'earlier';
    const rule: Rule = { place: (f) => deictic(f.now, n, unitOf(m[3] ?? '')) };
    if (ahead) rule.lean = 'future';
    else if (behind) rule.lean = 'past';
    return rule;
  });

  // A month of a year counted from the article: "in May this year", "June of last year" (not the narrative's May).
  // Capitalised, as every month name the dates read: "Kyiv may this year join" holds no May.
  add(new RegExp(String.raw`\b(${MONTHS.join('|')})\s+(?:of\s+)?([Tt]his|[Ll]ast|[Nn]ext)\s+year\b`, 'g'), (m) => {
    const month = MONTHS.indexOf(m[1] ?? '') + 1;
    const n = { this: 0, last: -1, next: 1 }[(m[2] ?? '').toLowerCase() as 'this' | 'last' | 'next'];
    const rule: Rule = { place: (f) => (f.now ? { start: { y: f.now.y + n, m: month }, explicit: false } : null) };
    if (n !== 0) rule.lean = n < 0 ? 'past' : 'future';
    return rule;
  });

  // A weekday, counted from an article dated to the day, as news writes them: "on Tuesday" is the latest Tuesday up
  // to the article's date (the next one when the sentence looks ahead), "last Tuesday" the latest before it. Not "a
  // (wet) Tuesday" or "every Tuesday"; one that opens a stated date ("Friday, 13 March") is part of that date.
  add(new RegExp(String.raw`\b(?:([Ll]ast|[Nn]ext|[Oo]n)\s+)?(${WEEKDAYS.join('|')})\b`, 'g'), (m) => {
    if (!m[1] && /\b(?:a|an|every|each|that|the|one|any)\s+(?:[\p{L}-]+\s+)?$/iu.test(sentence.slice(0, m.index))) return null;
    const which = m[1]?.toLowerCase();
    const weekday = WEEKDAYS.indexOf(m[2] ?? '');
    const rule: Rule = {
      place: (f) => {
        const now = f.now;
        if (!now || now.d === undefined || now.m === undefined) return null;
        const today = new Date(Date.UTC(now.y, now.m - 1, now.d)).getUTCDay();
        const back = (today - weekday + 7) % 7;
        const ahead = (weekday - today + 7) % 7 || 7;
        const days = which === 'next' || (which !== 'last' && f.forward) ? ahead : which === 'last' ? -(back || 7) : -back;
        const day = addDays(now, days);
        return day ? { start: day, explicit: false } : null;
      },
    };
    if (which === 'last') rule.lean = 'past';
    if (which === 'next') rule.lean = 'future';
    return rule;
  });

  // Periods up to the article's date: "the past six months", "in recent months", "the past week".
  // "the last week of June" is a part of June, not a period up to now.
  add(
    new RegExp(String.raw`\b(?:the\s+(?:past|last)\s+(?:(${NUM})\s+)?|recent\s+)(days?|weeks?|months?|years?)\b(?!\s+of\b)`, 'gi'),
    (m) => {
      const unit = unitOf(m[2] ?? '');
      const plural = /s$/i.test(m[2] ?? '');
      const n = countOf(m[1], plural ? 3 : 1);
      return { lean: 'past', place: (f) => period(f.now, n, unit) };
    },
  );
  return out;
}

/**
 * A step from the last date the narrative gave, no more precise than the unit stepped: "the following day" after 11
 * November is 12 November, but "two weeks later" is late in November at best, and "a month later" December.
 */
function step(last: ResolvedDate | null, n: number, unit: Unit): Placed | null {
  const base = contextPoint(last);
  const to = base && shift(base, n, unit);
  if (!to) return null;
  if (unit === 'day') return { start: to, explicit: false };
  return { start: unit === 'year' ? { y: to.y } : { y: to.y, ...(to.m === undefined ? {} : { m: to.m }) }, explicit: false };
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
