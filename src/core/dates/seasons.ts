/** Seasons (northern hemisphere, which is where these wars are fought). */
import { compare, contextPoint, type Point } from './calendar.js';
import type { Candidate, Placed, Placement } from './candidates.js';
import { YEAR } from './years.js';

const SEASONS: Record<string, [number, number]> = {
  spring: [3, 5],
  summer: [6, 8],
  fall: [9, 11],
  autumn: [9, 11],
  winter: [12, 2],
};

function seasonAt(name: string, y: number): { start: Point; end: Point } {
  const [s, e] = SEASONS[name] ?? [1, 12];
  return { start: { y, m: s }, end: { y: e < s ? y + 1 : y, m: e } };
}

export function seasonCandidates(sentence: string): Candidate[] {
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
    const lean = ['come', 'next', 'coming', 'upcoming'].includes(how)
      ? 'future'
      : how === 'last' || how === 'past' || how === 'previous'
        ? 'past'
        : undefined;
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
