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
 * ("poised to take the US House in November", "come fall"), and `slip` for a year its context shows to be a
 * typo (corrected when one year fits). Use `isTimelineEvent` to keep only reported events.
 */
import { compare, parseIso, precisionOf, toIso } from './calendar.js';
import { place, type Candidate } from './candidates.js';
import { hasModalCue, slipFits } from './judging.js';
import { chronoCandidates, dayRangeCandidates, mergeMonthPairs, monthCandidates, withModifiers } from './months.js';
import { relativeCandidates } from './relative.js';
import { seasonCandidates } from './seasons.js';
import type { DateContext, ResolvedDate } from './types.js';
import { yearCandidates } from './years.js';

export type { DateContext, ResolvedDate } from './types.js';

/** True for dates of things the article reports as having happened: neither future nor hypothetical. */
export function isTimelineEvent(d: ResolvedDate): boolean {
  return d.modality === undefined;
}

/** A slip the narrative cannot settle (no year, or several, fit it): the date is known to be wrong. */
export function isUnsettledSlip(d: ResolvedDate): boolean {
  return d.slip !== undefined && d.slip.fits.length !== 1;
}

/**
 * The context for the next sentence: the last date of this one that can anchor what follows. Future,
 * hypothetical and unsettled dates never do: the narrative has not moved there.
 */
export function nextContext(ctx: DateContext, found: ResolvedDate[]): DateContext {
  const carried = found.filter((d) => !d.modality && !isUnsettledSlip(d)).at(-1);
  return { anchor: ctx.anchor, last: carried ?? ctx.last };
}

/** Finds the event dates in `sentence`, in order of appearance, resolved with `ctx`. */
export function findDates(sentence: string, ctx: DateContext): ResolvedDate[] {
  // The value's shape carries its precision (the manifest checks that they agree).
  const anchor = ctx.anchor ? parseIso(ctx.anchor.value) : null;
  // "Over the past few days" counts from the article's date at the precision the article vouches for: a date
  // the project inferred never yields a day.
  const now = anchor && ctx.anchor?.derivation === 'inferred' && anchor.m !== undefined ? { y: anchor.y, m: anchor.m } : anchor;
  const candidates = select(
    [
      ...chronoCandidates(sentence, anchor ?? (ctx.last ? parseIso(ctx.last.date) : null)),
      ...monthCandidates(sentence),
      ...dayRangeCandidates(sentence),
      ...yearCandidates(sentence),
      ...seasonCandidates(sentence),
      ...relativeCandidates(sentence),
    ].map((c) => (c.kind === 'calendar' || c.kind === 'year' ? withModifiers(sentence, c) : c)),
    sentence,
  );

  const out: ResolvedDate[] = [];
  let last = ctx.last;
  let scene: number | null = null;
  for (const c of candidates) {
    const cued = c.lean !== 'past' && (c.lean === 'future' || hasModalCue(sentence, c.start));
    const placed = place(c, { anchor, now, last, scene, forward: cued });
    if (!placed) continue;
    const r: ResolvedDate = {
      date: toIso(placed.start),
      precision: precisionOf(placed.start),
      derivation: placed.explicit ? 'explicit' : 'inferred',
      phrase: sentence.slice(c.start, c.end),
      index: c.start,
    };
    if (placed.end && toIso(placed.end) !== r.date) r.end = toIso(placed.end);
    if (placed.label) r.label = placed.label;
    if (c.lean === 'future' || (anchor && compare(placed.start, anchor) > 0)) r.modality = 'future';
    else if (cued) r.modality = 'hypothetical';
    const fits = placed.explicit && !r.modality ? slipFits(placed.start, anchor, last) : null;
    if (fits) {
      r.slip = { printed: r.date, fits };
      if (fits.length === 1) r.date = toIso({ ...placed.start, y: fits[0] as number });
    }
    out.push(r);
    if (!r.modality && !isUnsettledSlip(r)) {
      last = r;
      scene = isScene(sentence, c) ? placed.start.y : r.precision === 'year' ? scene : null;
    }
  }
  return out;
}

/**
 * A lone year introduced, at the start of the sentence or of a clause, as the time of what follows ("In 2014, …",
 * "…; during 2015"), which the bare months after it in the same sentence belong to. "since 2014", "back in 2014"
 * and "— first drafted in 2021 —" are asides and do not count.
 */
function isScene(sentence: string, c: Candidate): boolean {
  return (
    c.kind === 'year' &&
    c.ey === undefined &&
    c.mod === undefined &&
    c.lean === undefined &&
    /(?:^|[,;:]\s*)(?:in|during|throughout)\s+$/i.test(sentence.slice(0, c.start))
  );
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
