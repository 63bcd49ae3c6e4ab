/**
 * Reading the seeds folder (src/library/seed-files.ts): a file the manifest does not list is read as an upload of
 * it is (src/library/ingest), by one rule for its date (src/core/article-date.ts, src/core/article-head.ts). The
 * articles here are invented for this test: made-up people, outlets and meetings.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../src/core/corpus.js';
import type { Source } from '../../src/core/types.js';
import { toSourceDate } from '../../src/core/article-date.js';
import { extractDraft } from '../../src/library/ingest/index.js';
import { loadLibrary } from '../../src/library/seed-files.js';
import { SEEDS, suiteDir } from '../support/seeds.js';

/** Seven paragraphs of invented events, headed as a news site prints them: headline, byline, a "Published" line. */
const PUBLISHED = [
  'Ferry Corridor Talks Resume in Valletta (an invented article for testing)',
  '',
  'By Ilse Marren',
  '',
  'Published 14 February 2026',
  '',
  'Negotiators from the invented republics of Varnia and Ostrel met in Valletta on 12 February to reopen talks ' +
    'on a ferry corridor across the Kessin strait, the mediators said. Both delegations called the meeting useful.',
  '',
  'The corridor would let up to twenty passenger ferries a week cross under joint inspection, according to a ' +
    'draft both delegations have seen. Cargo ships are left for a later round.',
  '',
  'On 10 February, the Maltese foreign ministry hosted a first informal dinner for the two chief negotiators, ' +
    'Petra Lund and Oskar Vell. Neither spoke to reporters afterwards.',
  '',
  'Lund said the inspection rota was the hardest question left, and that a compromise on the number of ' +
    'inspectors was close. She did not say how many inspectors each side wanted.',
  '',
  'Vell told reporters that his delegation wanted the corridor to open before the summer season, when families ' +
    'travel across the strait. He added that the ferry owners were ready.',
  '',
  'The mediators plan a second round in March, in Valletta again, to settle the inspection rota and the ' +
    'timetable. No date has been set for it.',
  '',
  'None of this happened: every name, place and meeting in this article is invented for a test of the seeds ' +
    'loader. It describes no real events.',
].join('\n');

/** A wire report: the date and the agency are in the dateline that opens the first paragraph. */
const WIRE = [
  'Harbour Pilots Agree on a Rota (an invented article for testing)',
  '',
  'KESSIN, 3 March 2026 (Invented Wire) — Harbour pilots from Varnia and Ostrel agreed on a shared rota for the ' +
    'Kessin strait on Tuesday, the port authority said.',
  '',
  'On 1 March, the pilots met in a hotel by the harbour to compare their lists of ships and shifts.',
].join('\n');

/** No date stated anywhere in its head: the latest date it reports is all there is. */
const UNDATED = [
  'Strait Inspections, a Year On (an invented article for testing)',
  '',
  'The first inspections in the Kessin strait began in June 2025, after months of talks between the invented republics.',
  '',
  'A review of the rota was published in September 2025, and its authors asked for more inspectors on the night shifts.',
].join('\n');

const ARTICLES = { 'zz-ferry.txt': PUBLISHED, 'zz-wire.txt': WIRE, 'zz-undated.txt': UNDATED };

let dir: { dir: string; remove: () => void };
let sources: Map<string, Source>;

beforeAll(() => {
  dir = suiteDir('seeds-copy');
  cpSync(SEEDS, dir.dir, { recursive: true });
  for (const [file, text] of Object.entries(ARTICLES)) writeFileSync(join(dir.dir, file), text);
  sources = new Map(loadLibrary(dir.dir).sources.map((s) => [s.meta.file, s]));
});
afterAll(() => dir.remove());

const source = (file: string): Source => {
  const s = sources.get(file);
  if (!s) throw new Error(`${file} did not load`);
  return s;
};

/** The date an upload of the same bytes is given, in the manifest's shape. */
function uploadDate(text: string, file: string): ReturnType<typeof toSourceDate> | null {
  const draft = extractDraft({ bytes: new TextEncoder().encode(text), fileName: file });
  return draft.date && toSourceDate(draft.date);
}

describe('a seed file the manifest does not list', () => {
  it('is dated by its "Published" line, which leaves the text as it leaves an upload’s', () => {
    const s = source('zz-ferry.txt');
    expect(s.meta.date).toEqual({
      value: '2026-02-14',
      precision: 'day',
      derivation: 'explicit',
      evidence: ['“Published 14 February 2026”'],
    });
    expect(s.meta.authors).toEqual(['Ilse Marren']);
    expect(s.sections).toEqual([]); // not a section heading "Published 14 February 2026"
    expect(s.paragraphs).toHaveLength(7);
    expect(s.text).not.toContain('Published');
  });

  it('is dated as an upload of the same file is: by a dateline, or by the latest date it reports', () => {
    for (const [file, text] of Object.entries(ARTICLES)) expect(source(file).meta.date, file).toEqual(uploadDate(text, file));
    expect(source('zz-wire.txt').meta).toMatchObject({
      date: { value: '2026-03-03', derivation: 'explicit' },
      publication: 'Invented Wire',
    });
    expect(source('zz-undated.txt').meta.date).toMatchObject({ value: '2025-09', precision: 'month', derivation: 'inferred' });
  });

  it('anchors the days its text names without a year to that date', () => {
    const events = buildCorpus([source('zz-ferry.txt')]).events;
    expect(events.map((e) => e.date)).toEqual(expect.arrayContaining(['2026-02-10', '2026-02-12']));
  });

  it('leaves the listed seeds as the manifest describes them', () => {
    const manifest = (JSON.parse(readFileSync(join(SEEDS, 'sources.json'), 'utf8')) as { sources: Array<{ file: string; date: unknown }> })
      .sources;
    expect(manifest).toHaveLength(5);
    for (const entry of manifest) expect(source(entry.file).meta.date, entry.file).toEqual(entry.date);
  });
});
