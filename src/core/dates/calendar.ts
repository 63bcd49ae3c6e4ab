/** Points in time at year, month or day precision, and the one table of month names. */
import type { DatePrecision, IsoDate } from '../types.js';
import type { ResolvedDate } from './types.js';

/** Month names in calendar order: the one table every date reader and writer uses. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface Point {
  y: number;
  m?: number;
  d?: number;
}

export function parseIso(iso: IsoDate): Point | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m?.[1]) return null;
  const p: Point = { y: Number(m[1]) };
  if (m[2]) p.m = Number(m[2]);
  if (m[3]) p.d = Number(m[3]);
  return p;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Two ISO dates compared at the coarser precision of the two: "2022-03-10" is neither before nor after "2022-03". */
export function compareIso(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  const [x, y] = [a.slice(0, n), b.slice(0, n)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function toIso(p: Point): IsoDate {
  if (p.m === undefined) return String(p.y);
  if (p.d === undefined) return `${p.y}-${pad(p.m)}`;
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

export function precisionOf(p: Point): DatePrecision {
  return p.d !== undefined ? 'day' : p.m !== undefined ? 'month' : 'year';
}

/** Compares at the coarser of the two precisions: "2022-08-23" is not after "2022-08". */
export function compare(a: Point, b: Point): number {
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
export function addDays(p: Point, n: number): Point | null {
  if (p.m === undefined) return null;
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d ?? 15) + n * 86_400_000);
  const q: Point = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1 };
  if (p.d !== undefined) q.d = t.getUTCDate();
  return q;
}

export type Unit = 'day' | 'week' | 'month' | 'year';

/** `p` moved by `n` units, or null when `p` is too coarse for the unit (weeks from a bare year). */
export function shift(p: Point, n: number, unit: Unit): Point | null {
  if (unit === 'year') return { y: p.y + n };
  if (unit === 'month') return p.m === undefined ? null : addMonths({ y: p.y, m: p.m }, n);
  return addDays(p, unit === 'week' ? 7 * n : n);
}

/** The point a context date leaves the narrative at: the end of a range, else its date. */
export function contextPoint(last: ResolvedDate | null): Point | null {
  return last ? parseIso(last.end ?? last.date) : null;
}
