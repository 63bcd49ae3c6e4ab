/** Candidates: spans of a sentence with a way to place them in time. */
import { compare, contextPoint, type Point } from './calendar.js';
import type { ResolvedDate } from './types.js';

export interface Placement {
  anchor: Point | null;
  /** The article's date at the precision it vouches for: what "last week" and "the past days" count from. */
  now: Point | null;
  last: ResolvedDate | null;
  /** A year that set the scene earlier in this sentence ("In 2014, Russia annexed Crimea in March"). */
  scene: number | null;
  /** The sentence points ahead (modal or expectation): place a yearless month at its next occurrence. */
  forward: boolean;
}

export interface Placed {
  start: Point;
  end?: Point;
  explicit: boolean;
  /** The date as people say it when its precision would mislead: "early 2000s", "late 2022". */
  label?: string;
}

/** A month with an optional day and year, and an optional end (a range). */
export interface CalendarSpec {
  m: number;
  d?: number;
  y?: number;
  em?: number;
  ed?: number;
  ey?: number;
}

type YearModifier = 'end' | 'start' | undefined;

export type Candidate = { start: number; end: number; lean?: 'future' | 'past' } & (
  | { kind: 'calendar'; spec: CalendarSpec; bare: boolean }
  | { kind: 'year'; y: number; ey?: number; mod?: YearModifier }
  | { kind: 'other'; place: (f: Placement) => Placed | null }
);

export function place(c: Candidate, f: Placement): Placed | null {
  switch (c.kind) {
    case 'calendar':
      return placeCalendar(c.spec, f);
    case 'year': {
      const start: Point = { y: c.y };
      // "the end of 2022" is late 2022, not December: a timeline must not invent the month.
      const label = c.mod === 'end' ? `late ${c.y}` : c.mod === 'start' ? `early ${c.y}` : undefined;
      const placed: Placed = c.ey === undefined ? { start, explicit: true } : { start, end: { y: c.ey }, explicit: true };
      return label ? { ...placed, label } : placed;
    }
    case 'other':
      return c.place(f);
  }
}

/**
 * The year of a month written without one: where the running context is at month or day precision (a narrative
 * moving month by month), the one that puts the month nearest to it (which may lie ahead of the article: a
 * future); else the anchor's, moved back until the month is not after the article's own date. A year-only
 * context from an earlier sentence ("since 2014", "back in 2014") is background, not a scene the following months
 * belong to; within one sentence, "In 2014, … in March" is. When the sentence points ahead, the month is its next
 * occurrence instead.
 */
/**
 * The year putting month `m` nearest to `ref` (a tie goes to the earlier). A narrative mostly moves forward, so a
 * month ahead counts half as far as one behind: "11 March" after a story at October is the March after.
 */
function nearestYear(m: number, ref: Point & { m: number }): number {
  let best = ref.y;
  let gap = Infinity;
  for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
    const months = 12 * (y - ref.y) + (m - ref.m);
    const d = months > 0 ? months / 2 : -months;
    if (d < gap) {
      gap = d;
      best = y;
    }
  }
  return best;
}

function yearForMonth(m: number, endM: number | undefined, f: Placement): number | null {
  const ctx = contextPoint(f.last);
  const ref = ctx?.m !== undefined ? ctx : null;
  if (f.forward) {
    const from = ref ?? f.anchor;
    if (!from) return null;
    return from.m === undefined || m >= from.m ? from.y : from.y + 1;
  }
  // In a narrative at month precision, the occurrence nearest to where it stands: "in January" after "24
  // November 2025" is January 2026, not the January ten months back; "in May" after "in June" is that May.
  const near = ref?.m !== undefined && f.scene === null ? nearestYear(m, ref as Point & { m: number }) : undefined;
  let y = f.scene ?? near ?? f.anchor?.y;
  if (y === undefined) return null;
  // Nearest to the narrative, a month after the article's date is ahead of it ("stocks through March" in early
  // February): it stays there, a future the caller marks, rather than jumping back a year.
  if (f.anchor && near === undefined) {
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
