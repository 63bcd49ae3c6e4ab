/** What moderators and operators do to the library (src/library/manage.ts), on the seeds and a store. */
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../src/core/corpus.js';
import { withChanges } from '../../src/core/library.js';
import { extractDraft } from '../../src/library/ingest/index.js';
import {
  addDraft,
  applyDetails,
  editSource,
  idFor,
  LibraryRefusal,
  listLibrary,
  previewDraft,
  removeSource,
} from '../../src/library/manage.js';
import { SqliteLibraryStore } from '../../src/library/sqlite-store.js';
import { EMPTY_STATE } from '../../src/library/store.js';
import { seedCorpus, seedLibrary, tempDir } from '../support/seeds.js';

const corpus = seedCorpus();
const ANA = { id: '1400000000000000001', name: 'Ana' };
const WIRE = [
  'Envoys agree on a Black Sea inspection office (invented)',
  '',
  'By Mira Okonjo',
  '',
  'Published 14 February 2026',
  '',
  'VARNA, 14 February 2026 (Invented Wire) — Ukrainian and Russian envoys agreed on Friday to open a joint inspection office for ' +
    'grain ships in the Bulgarian port of Varna, Turkish mediators said.',
  '',
  'The office will clear up to forty ships a week, according to the draft seen by reporters, and will be chaired by Turkish ' +
    'officials for its first ninety days.',
  '',
  'On 12 February, Turkish mediators met both delegations in Istanbul to settle the last questions.',
  '',
  'Two days later, the first twelve ships were cleared, the port authority said in a statement.',
].join('\n');
const draft = (): ReturnType<typeof extractDraft> =>
  extractDraft({ bytes: new TextEncoder().encode(WIRE), fileName: 'varna.txt' }, { now: new Date('2026-03-01') });

describe('a preview', () => {
  it('is the record the draft would be added as, with what it gives, and stores nothing', () => {
    const p = previewDraft(draft(), corpus, EMPTY_STATE);
    expect(p.meta).toMatchObject({
      title: 'Envoys agree on a Black Sea inspection office (invented)',
      authors: ['Mira Okonjo'],
      date: { value: '2026-02-14', precision: 'day' },
    });
    expect(p.meta.id).toBe('envoys-agree-black-sea-inspection-2026');
    expect(p.dateHow).toBe('dateline');
    expect(p.paragraphs).toBeGreaterThanOrEqual(3);
    expect(p.passages).toBeGreaterThan(0);
    expect(p.events).toBeGreaterThan(0);
    expect(p.firstPassage).toMatch(/^VARNA, 14 February 2026/);
  });

  it('takes the moderator’s corrections, and says when a date was given rather than found', () => {
    const p = previewDraft(
      draft(),
      corpus,
      EMPTY_STATE,
      { title: 'Varna office agreed', date: 'March 2026', outlet: 'Invented Wire' },
      'Ana',
    );
    expect(p.meta).toMatchObject({
      title: 'Varna office agreed',
      publication: 'Invented Wire',
      date: { value: '2026-03', precision: 'month', derivation: 'explicit' },
    });
    expect(p.dateHow).toBe('given by Ana');
    expect(() => previewDraft(draft(), corpus, EMPTY_STATE, { date: 'someday' })).toThrow(LibraryRefusal);
    expect(() => previewDraft(draft(), corpus, EMPTY_STATE, { url: 'javascript:alert(1)' })).toThrow(/must start with http/);
    expect(() => previewDraft(draft(), corpus, EMPTY_STATE, { title: 'x'.repeat(201) })).toThrow(/over 200 characters/);
  });

  it('warns of a near-duplicate: the same title, or most paragraphs word for word', () => {
    const seed = [...corpus.index.sources.values()][0];
    if (!seed) throw new Error('no seeds');
    const copy = extractDraft({ bytes: new TextEncoder().encode(`${seed.meta.title}\n\n${seed.text}`), fileName: 'copy.txt' });
    expect(previewDraft(copy, corpus, EMPTY_STATE).warnings.join('\n')).toMatch(new RegExp(`same title as ${seed.meta.id}`));
    const retitled = extractDraft({ bytes: new TextEncoder().encode(`A new headline\n\n${seed.text}`), fileName: 'copy.txt' });
    expect(previewDraft(retitled, corpus, EMPTY_STATE).warnings.join('\n')).toMatch(
      new RegExp(`\\d+% of its paragraphs are in ${seed.meta.id}`),
    );
    expect(previewDraft(draft(), corpus, EMPTY_STATE).warnings.join('\n')).not.toMatch(/near-duplicate|same title/);
  });
});

describe('ids', () => {
  it('are read from the title and year, and never taken twice', () => {
    const taken = new Set(['talks-resume-geneva-2026']);
    expect(idFor('Talks resume in Geneva', '2026', (id) => taken.has(id))).toBe('talks-resume-geneva-2026-2');
    expect(idFor('¿Qué pasó? — Kyiv, Київ', null, () => false)).toBe('que-paso-kyiv');
  });
});

describe('the library with its changes', () => {
  it('adds, hides and corrects sources; an added article with a seed’s id is left out with a warning', async () => {
    const store = new SqliteLibraryStore(tempDir('manage'));
    const d = draft();
    const p = previewDraft(d, corpus, await store.state());
    expect(await addDraft(store, d, p, { kind: 'file', ref: 'varna.txt' }, ANA, 1_770_000_000_000)).toMatchObject({ ok: true });
    // The same text again: refused, whoever adds it.
    expect(() => previewDraft(d, corpus, EMPTY_STATE)).not.toThrow();
    await expect(store.state().then((s) => previewDraft(d, corpus, s))).rejects.toThrow(/same text/);
    let state = await store.state();
    const grown = buildCorpus(
      withChanges(seedLibrary(), { added: state.added, removed: new Set(state.removed.keys()), edited: state.edited }).sources,
    );
    expect(grown.index.sources.has(p.meta.id)).toBe(true);
    const listed = listLibrary(grown, state);
    expect(listed.find((l) => l.meta.id === p.meta.id)?.origin).toMatchObject({
      kind: 'added',
      by: ANA,
      from: { kind: 'file', ref: 'varna.txt' },
    });
    expect(listed.find((l) => l.meta.id === 'jacobin-2022')?.origin).toEqual({ kind: 'seed' });

    await removeSource(store, grown, 'jacobin-2022', ANA, 1_770_000_001_000);
    await expect(removeSource(store, grown, 'jacobin-2022', ANA, 1_770_000_002_000)).rejects.toThrow(/removed already/);
    await expect(removeSource(store, grown, 'nope', ANA, 1)).rejects.toThrow(/no source/);
    await editSource(store, grown, p.meta.id, { outlet: 'The Invented Wire' }, ANA, 1_770_000_003_000);
    await expect(editSource(store, grown, p.meta.id, {}, ANA, 1)).rejects.toThrow(/nothing to change/);
    state = await store.state();
    const after = withChanges(seedLibrary(), { added: state.added, removed: new Set(state.removed.keys()), edited: state.edited });
    expect(after.sources.some((s) => s.meta.id === 'jacobin-2022')).toBe(false);
    expect(after.sources.find((s) => s.meta.id === p.meta.id)?.meta.publication).toBe('The Invented Wire');
    const clash = withChanges(seedLibrary(), {
      added: [{ meta: { ...p.meta, id: 'parish-2025' }, text: d.text }],
      removed: new Set(),
      edited: new Map(),
    });
    expect(clash.warnings.some((w) => /id "parish-2025" of a seed/.test(w.message))).toBe(true);
    await store.close();
  });
});

describe('details typed by a moderator', () => {
  it('are split and checked', () => {
    const meta = [...corpus.index.sources.values()][0]?.meta;
    if (!meta) throw new Error('no seeds');
    expect(applyDetails(meta, { authors: 'Ana Lima, Ben Ode and Cy Park' }, 'Ana').authors).toEqual(['Ana Lima', 'Ben Ode', 'Cy Park']);
    expect(applyDetails(meta, { outlet: '' }, 'Ana').publication).toBeNull();
  });
});
