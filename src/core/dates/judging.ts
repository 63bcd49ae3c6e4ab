/** Judging a date: is it governed by a modal or an expectation, and does it contradict its context (a likely typo)? */
import { contextPoint, type Point } from './calendar.js';
import type { ResolvedDate } from './types.js';

/**
 * Whether the clause a date sits in looks ahead: a modal ("could restart by the end of August") or an
 * expectation ("poised to take the US House in November"). Only the words between the last clause break and the
 * date count, so "said in June the war would end" stays past. Lowercase only: "May" is the month.
 */
const BOUND_TO = String.raw`(?:is|are|was|were|be|been|seems?|looks?)\s+(?:poised|expected|set|likely|scheduled|slated|going|about)\s+to`;
const MEANS_TO = [
  'plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|hop(?:es?|ed|ing)|aim(?:s|ed|ing)?|want(?:s|ed|ing)?|wish(?:es|ed|ing)?|seek(?:s|ing)?',
  'sought|promis(?:es?|ed|ing)|vow(?:s|ed|ing)?|expect(?:s|ed|ing)?',
].join('|');
const INTENTION = new RegExp(String.raw`\b(?:${BOUND_TO}|(?:${MEANS_TO})\s+to)\b`);

export function hasModalCue(sentence: string, at: number): boolean {
  const parts = sentence
    .slice(0, at)
    .split(/[,;:()—–"“”]|\b(?:that|which|who|whose|when|while|whereas|but|because|although|though|after|before|since|until|if)\b/);
  const clause = parts.at(-1) ?? '';
  const modal = /\b(?:will|would|could|might|shall|should|may)\b/.exec(clause);
  if (modal && !/\b(?:political|good|free|ill|the|his|her|their|its|popular|public|of)\s+will\b/.test(clause)) return true;
  // Intentions, in any tense: what someone hoped or planned to do at a date is not what happened then.
  return INTENTION.test(clause);
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
 * A month or day written with a year far (15+ years) before both the article's date and the running context is a
 * slip when a year one keystroke away fits that context: "since November 2002" in a 2025 article whose narrative
 * is at 2024, about the liberation of Kherson (November 2022). Returns the years that fit, or null when the date
 * is no slip. A year-only mention ("since 2014", "the 1990s") is routine background and is not checked.
 */
export function slipFits(p: Point, anchor: Point | null, last: ResolvedDate | null): number[] | null {
  if (p.m === undefined) return null;
  const refs = [anchor?.y, contextPoint(last)?.y].filter((y): y is number => y !== undefined);
  if (refs.length === 0) return null;
  const gap = Math.min(...refs.map((r) => r - p.y));
  if (gap < 15) return null;
  const lo = Math.min(...refs) - 3;
  const hi = anchor?.y ?? Math.max(...refs);
  const fits = nearYears(p.y)
    .filter((y) => y >= lo && y <= hi)
    .sort((a, b) => a - b);
  return fits.length > 0 ? fits : null;
}
