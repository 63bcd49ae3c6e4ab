/** Months: bare month names (with the May/March guard), the dates chrono-node knows, ranges and modifiers. */
import * as chrono from 'chrono-node';
import { MONTHS, type Point } from './calendar.js';
import type { CalendarSpec, Candidate } from './candidates.js';

/** A month's name, whole or cut to its first three letters ("Sept" too), in any case. */
const MONTH_TOKEN = new RegExp(`\\b(${[...MONTHS.map((m) => `${m.slice(0, 3)}(?:${m.slice(3)})?`), 'sept'].join('|')})\\b`, 'gi');

/** Words before "May" or "March" that make them months rather than a verb, a noun or a surname. */
const MONTH_CUE_WORDS = [
  'in on by since until till through throughout during from before after between of',
  'early late last next this that come',
].join(' ');
const MONTH_CUE = new RegExp(String.raw`(?:\b(?:${MONTH_CUE_WORDS.replaceAll(' ', '|')})\s+|\bmid-\s*)$`, 'i');

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  few: 3,
  'a few': 3,
  several: 3,
  'a couple of': 2,
  couple: 2,
};
export const NUM = String.raw`(?:a few|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|\d{1,2})`;

export function countOf(word: string | undefined, fallback: number): number {
  if (!word) return fallback;
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  return NUMBER_WORDS[w] ?? (Number.isFinite(Number(w)) ? Number(w) : fallback);
}

/** "3 and 4 March", "3–4 March 2026", "March 3 and 4": two days of one month, said as a range. */
export function dayRangeCandidates(sentence: string): Candidate[] {
  const names = MONTHS.join('|');
  const out: Candidate[] = [];
  const at = (m: RegExpExecArray, month: string, d: string, ed: string, y: string | undefined): void => {
    const spec: CalendarSpec = { m: MONTHS.indexOf(month) + 1, d: Number(d), em: MONTHS.indexOf(month) + 1, ed: Number(ed) };
    if (y) spec.y = Number(y);
    if (spec.ed === undefined || spec.d === undefined || spec.ed <= spec.d || spec.ed > 31) return;
    out.push({ kind: 'calendar', start: m.index, end: m.index + m[0].length, spec, bare: false });
  };
  for (const m of sentence.matchAll(
    new RegExp(String.raw`\b(\d{1,2})\s*(?:and|to|–|-)\s*(\d{1,2})\s+(${names})(?:,?\s+(\d{4}))?\b`, 'g'),
  )) {
    at(m, m[3] ?? '', m[1] ?? '', m[2] ?? '', m[4]);
  }
  for (const m of sentence.matchAll(
    new RegExp(String.raw`\b(${names})\s+(\d{1,2})\s*(?:and|to|–|-)\s*(\d{1,2})(?:,?\s+(\d{4}))?\b`, 'g'),
  )) {
    at(m, m[1] ?? '', m[2] ?? '', m[3] ?? '', m[4]);
  }
  return out;
}

/** Full month names standing alone. chrono drops "May" unless "in" precedes it, so these are ours. */
export function monthCandidates(sentence: string): Candidate[] {
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
  return (
    new RegExp(`\\b(?:${months})\\s*(?:and|or|to|through|-|–)\\s*$`).test(before) ||
    new RegExp(`^\\s*(?:and|or|to|through|-|–)\\s*(?:${months})\\b`).test(after)
  );
}

/**
 * Calendar dates chrono parses well: with a day, a year or a range. Bare months are left to `monthCandidates`,
 * and chrono's relative and casual results ("two weeks later", "now", "sat") are dropped: their meaning depends
 * on the narrative, which is handled by `relativeCandidates`.
 */
export function chronoCandidates(sentence: string, ref: Point | null): Candidate[] {
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
export function mergeMonthPairs(cands: Candidate[], sentence: string): Candidate[] {
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
export function withModifiers(sentence: string, c: Candidate): Candidate {
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
