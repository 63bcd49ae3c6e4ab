import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/seed-files.js';
import { buildCorpus } from '../../src/core/corpus.js';
import { listSources } from '../../src/core/sources-list.js';
import { compareEvents, MAX_EVENT_CHARS, MIN_EVENT_CHARS, type TimelineEvent } from '../../src/core/events.js';
import { formatDateRange, oneLine } from '../../src/render/format.js';
import { parseDateArg, SHORT_TIMELINE_EVENTS, timeline } from '../../src/core/timeline.js';
import { SEEDS, seedCorpus, seedLibrary, tempDir } from '../support/seeds.js';

const corpus = seedCorpus();
const events = corpus.events;

/** The events whose text contains `words`. */
function find(words: string): TimelineEvent[] {
  return events.filter((e) => e.text.includes(words));
}
function one(words: string): TimelineEvent {
  const found = find(words);
  expect(found, words).toHaveLength(1);
  return found[0] as TimelineEvent;
}

describe('dated events from the seeds', () => {
  it('each say where they are told: the passage, the sentence in it and the date phrase in the sentence', () => {
    for (const e of events) {
      const passage = corpus.index.passages.get(e.at.passageId);
      expect(passage?.id).toBe(e.citations[0]?.passageId);
      const sentence = (passage?.text.slice(e.at.sentence) ?? '').replace(/\s+/g, ' ');
      expect(sentence.slice(e.at.date).startsWith(e.phrase), e.phrase).toBe(true);
    }
    expect(events.length).toBeGreaterThan(40);
  });

  it('resolve every date form against the article date and the running context', () => {
    // Full month and year.
    expect(one('delegations from Kyiv and Moscow met in Istanbul')).toMatchObject({ date: '2022-03', precision: 'month', derivation: 'explicit' });
    // Day and month, year from the article (The Conversation, March 2022).
    expect(one('Antalya on March 10')).toMatchObject({ date: '2022-03-10', precision: 'day', derivation: 'inferred' });
    // Month only, year from the article (Jacobin, August 2022).
    expect(one('In July, Russia and Ukraine signed')).toMatchObject({ date: '2022-07', precision: 'month' });
    expect(one('In early August, former German chancellor')).toMatchObject({ date: '2022-08' });
    // "As of August 23".
    expect(one('thirty-three cargo ships')).toMatchObject({ date: '2022-08-23', precision: 'day' });
    // Years and ranges.
    expect(one('Minsk accords (2014-2015)')).toMatchObject({ date: '2014', end: '2015', precision: 'year' });
    expect(one('Early talks in Belarus and Turkey')).toMatchObject({ date: '2022-03', end: '2022-04' });
    expect(one('June and July saw a fortuitously defused standoff')).toMatchObject({ date: '2022-06', end: '2022-07' });
    // Decades.
    expect(one('in the early 2000s')).toMatchObject({ date: '2000', precision: 'year' });
  });

  it('resolve relative phrases from the article date and the last date mentioned', () => {
    // "last month" in an August 2022 article.
    expect(one('Rajan Menon, director of the grand strategy')).toMatchObject({ date: '2022-07', derivation: 'inferred' });
    expect(one('Lavrov declared last month')).toMatchObject({ date: '2022-07' });
    // "later that month" after "in June".
    expect(one('Later that month, US officials told CNN')).toMatchObject({ date: '2022-06' });
    expect(one('later that month at the NATO summit in Madrid')).toMatchObject({ date: '2022-06' });
    // "the following month" after "in April".
    expect(one('At least four separate times the following month')).toMatchObject({ date: '2022-05' });
    // "By the end of that year" after "In March 2022".
    expect(one('By the end of that year')).toMatchObject({ date: '2022-12' });
    // "earlier this year" in a 2022 article.
    expect(one('multi-dimensional warfare')).toMatchObject({ date: '2022', precision: 'year' });
  });

  it('leave out citation years, bibliography entries, book years and future plans', () => {
    const texts = events.map((e) => e.text).join('\n');
    expect(texts).not.toMatch(/Mearsheimer \(2014\) argue/);
    expect(find('Sakwa')).toHaveLength(0);
    expect(find('2019 book')).toHaveLength(0);
    expect(find('2020 article')).toHaveLength(0);
    expect(events.some((e) => e.text.includes('Kofman'))).toBe(false);
    // "Republicans are poised to take the US House in November" has not happened as of August 2022.
    expect(find('poised to take the US House')).toHaveLength(0);
    // Nothing dated after the article that reports it.
    for (const e of events) {
      for (const c of e.citations) {
        const source = corpus.index.sources.get(c.sourceId);
        const anchor = source?.meta.date?.value ?? '9999';
        expect(e.date.slice(0, anchor.length) <= anchor, `${e.date} ${e.text}`).toBe(true);
      }
    }
  });

  it('flag a date that contradicts its context instead of placing it silently', () => {
    const kherson = one('since November 2002 with the Ukrainian liberation of Kherson');
    expect(kherson.date).toBe('2002-11');
    expect(kherson.flagged).toMatch(/typo/);
  });

  it('keep the event text between 20 and 400 characters, with its citation', () => {
    for (const e of events) {
      expect(e.text.length).toBeGreaterThanOrEqual(MIN_EVENT_CHARS);
      expect(e.text.length).toBeLessThanOrEqual(MAX_EVENT_CHARS);
      expect(e.citations.length).toBeGreaterThan(0);
      for (const c of e.citations) {
        const passage = corpus.index.passages.get(c.passageId)?.text.replace(/\s+/g, ' ').toLowerCase() ?? '';
        // The event text is quoted from its passage: every run of words between "…" marks stands there as
        // written (clauses are cut, never reworded, and a cut is always marked).
        const runs = e.text.split('…').map((r) => r.trim().replace(/^[,;—–\s]+|[,;—–\s]+$/g, '')).filter(Boolean);
        expect(runs.length).toBeGreaterThan(0);
        for (const run of runs) expect(passage).toContain(run.toLowerCase());
      }
    }
  });

  it('start with "…" unless they start where their sentence does', () => {
    let cut = 0;
    for (const e of events) {
      if (e.text.startsWith('…')) {
        cut++;
        continue;
      }
      const passage = corpus.index.passages.get(e.citations[0]?.passageId ?? '')?.text.replace(/\s+/g, ' ') ?? '';
      const opening = e.text.split('…')[0]?.trim().replace(/[,;—–\s]+$/, '') ?? '';
      const at = passage.toLowerCase().indexOf(opening.toLowerCase());
      expect(at, e.text).toBeGreaterThanOrEqual(0);
      expect(passage.slice(0, at).trim(), e.text).toMatch(/(?:^|[.!?]["”’)]?)$/);
    }
    expect(cut).toBeGreaterThan(0);
  });

  it('cut from a dash aside keep what the aside is about', () => {
    const crimea = events.find((e) => e.date === '2014' && e.citations.some((c) => c.passageId === 'jacobin-2022#p4'));
    expect(crimea?.text).toMatch(/^Zelensky has now pledged to retake Crimea — illegally annexed by Russian president Vladimir Putin back in 2014 …$/);
  });

  it('are sorted by date, less precise before more precise in the same period', () => {
    for (let i = 1; i < events.length; i++) expect(compareEvents(events[i - 1] as TimelineEvent, events[i] as TimelineEvent)).toBeLessThanOrEqual(0);
    const march = events.filter((e) => e.date.startsWith('2022-03'));
    const firstDay = march.findIndex((e) => e.precision === 'day');
    expect(firstDay).toBeGreaterThan(0);
    expect(march.slice(0, firstDay).every((e) => e.precision === 'month')).toBe(true);
  });

  it('merge the same event told by two sources into one with both citations', () => {
    // A second article retelling the grain deal from the Jacobin piece.
    const dir = tempDir('merge');
    for (const f of ['003_2360bc79734d53f8.txt', 'sources.json']) copyFileSync(join(SEEDS, f), join(dir, f));
    writeFileSync(
      join(dir, 'echo.txt'),
      'Grain Deal Retold\n\nIn July 2022, Russia and Ukraine signed a deal brokered by Turkey and the UN to allow ships carrying grain to leave Ukrainian ports. Critics doubted it would last.\n',
    );
    const twoSources = buildCorpus(loadLibrary(dir).sources).events;
    const deal = twoSources.filter((e) => e.date === '2022-07' && /signed/.test(e.text));
    expect(deal).toHaveLength(1);
    expect(deal[0]?.citations.map((c) => c.sourceId).sort()).toEqual(['echo', 'jacobin-2022']);
    // Different events on the same date stay apart.
    expect(twoSources.filter((e) => e.date === '2022-07').length).toBeGreaterThan(2);

    const merged = events.filter((e) => new Set(e.citations.map((c) => c.sourceId)).size > 1);
    for (const e of merged) expect(e.citations.length).toBeGreaterThanOrEqual(2);
    // Nothing left that a reader would see as a duplicate: same date and the same first words.
    const keys = events.map((e) => `${e.date}|${e.text.slice(0, 40)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('timelines', () => {
  it('are short by default: at most ten lines, the rest counted', () => {
    const t = timeline(corpus);
    expect(t.events).toHaveLength(SHORT_TIMELINE_EVENTS);
    expect(t.total).toBe(events.length);
    expect(t.more).toBe(t.total - SHORT_TIMELINE_EVENTS);
    for (let i = 1; i < t.events.length; i++) expect(compareEvents(t.events[i - 1] as TimelineEvent, t.events[i] as TimelineEvent)).toBeLessThanOrEqual(0);
  });

  it('narrow to a topic through the search index, still in date order', () => {
    const t = timeline(corpus, { topic: 'grain deal' });
    expect(t.events.length).toBeGreaterThanOrEqual(2);
    expect(t.events.some((e) => e.text.includes('signed a Turkish and UN–brokered deal'))).toBe(true);
    for (const e of t.events) expect(e.text).toMatch(/grain|deal|agreement|cargo|food/i);
  });

  it('narrow to a date range', () => {
    const t = timeline(corpus, { from: '2022-06', to: '2022-06', limit: 100 });
    expect(t.events.length).toBeGreaterThan(3);
    // Overlap at the coarser precision: "2022" (a year) overlaps June 2022.
    const coarse = (a: string, b: string): [string, string] => [a.slice(0, Math.min(a.length, b.length)), b.slice(0, Math.min(a.length, b.length))];
    for (const e of t.events) {
      const [start, june] = coarse(e.date, '2022-06');
      const [end, june2] = coarse(e.end ?? e.date, '2022-06');
      expect(start <= june && end >= june2, `${e.date} ${e.end ?? ''}`).toBe(true);
    }
    expect(t.events.some((e) => e.date === '2022-05' && !e.end)).toBe(false);
  });

  it('format dates and one-line events for people', () => {
    expect(formatDateRange('2014', '2015', 'year')).toBe('2014–2015');
    expect(formatDateRange('2022-03', '2022-04', 'month')).toBe('Mar–Apr 2022');
    expect(formatDateRange('2022-03-07', '2022-03-10', 'day')).toBe('7–10 Mar 2022');
    expect(oneLine('word '.repeat(60))).toMatch(/^word( word)*…$/);
    expect(oneLine('word '.repeat(60)).length).toBeLessThanOrEqual(110);
  });

  it('parse dates people type, and refuse impossible ones', () => {
    expect(parseDateArg('2022')).toBe('2022');
    expect(parseDateArg('2022-3')).toBe('2022-03');
    expect(parseDateArg('March 2022')).toBe('2022-03');
    expect(parseDateArg('10 March 2022')).toBe('2022-03-10');
    expect(parseDateArg('Mar 10, 2022')).toBe('2022-03-10');
    expect(parseDateArg('2022-02-30')).toBeNull();
    expect(parseDateArg('2022-13')).toBeNull();
    expect(parseDateArg('yesterday')).toBeNull();
  });
});

describe('the library listing', () => {
  it('counts passages and events per source', () => {
    const list = listSources(corpus);
    expect(list.map((s) => s.meta.id)).toEqual(seedLibrary().sources.map((s) => s.meta.id));
    const jacobin = list.find((s) => s.meta.id === 'jacobin-2022');
    expect(jacobin?.events).toBeGreaterThan(20);
    expect(list.reduce((n, s) => n + s.passages, 0)).toBe(corpus.index.passageCount);
  });
});
