import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Corpus } from '../src/core/corpus.js';
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { search } from '../src/core/search.js';
import { CompactMiniSearch } from '../src/core/compact-minisearch.js';
import { postingBytes, PostingList, PostingPool } from '../src/core/postings.js';
import { decodePostings, encodePostings, readSnapshot, serializeSnapshot, toSnapshot } from '../src/core/snapshot.js';
import { codeFiles, fileLines, loadSnapshotFile, MAX_CACHED_CORPORA, openCorpus } from '../src/corpus-cache.js';
import { createLogger } from '../src/logger.js';
import { reloadCorpus, watchCorpus, type CorpusWatcher } from '../src/reload.js';
import { ROOT, SEEDS, seedCorpus, tempDir } from './helpers.js';

let watcher: CorpusWatcher | null = null;
afterEach(() => watcher?.close());

function library(): string {
  const dir = tempDir('reload');
  for (const f of ['003_2360bc79734d53f8.txt', 'sources.json']) copyFileSync(join(SEEDS, f), join(dir, f));
  return dir;
}

describe('the corpus cache', () => {
  it('loads the snapshot when nothing changed and rebuilds when an article changes', async () => {
    const dir = library();
    const cacheDir = tempDir('cache');
    const first = await openCorpus(dir, { cacheDir });
    expect(first.cached).toBe(false);
    const second = await openCorpus(dir, { cacheDir });
    expect(second.cached).toBe(true);
    expect(second.key).toBe(first.key);
    // The loaded snapshot answers exactly like the built corpus.
    expect([...second.corpus.index.passages.keys()]).toEqual([...first.corpus.index.passages.keys()]);
    expect(second.corpus.events.length).toBe(first.corpus.events.length);
    writeFileSync(join(dir, 'new.txt'), 'New Talks\n\nDelegations met in Geneva to discuss a prisoner exchange. Both sides called it useful.\n');
    const third = await openCorpus(dir, { cacheDir });
    expect(third.cached).toBe(false);
    expect(third.key).not.toBe(first.key);
    expect(third.corpus.index.sources.has('new')).toBe(true);
  });
});

describe('the corpus key', () => {
  it("covers all the code that builds a corpus: the core's folders too, and the seeds folder's reader", () => {
    const files = codeFiles().map((f) => f.replaceAll('\\', '/'));
    expect(files.some((f) => f.endsWith('/core/dates/calendar.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('/src/seed-files.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('/core/search.ts'))).toBe(true);
  });
});

describe('the snapshot format', () => {
  it('round-trips the seed corpus: same passages, texts, events and answers', () => {
    const built = seedCorpus();
    const snapshot = toSnapshot(built, [], 'test');
    const text = serializeSnapshot(snapshot);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/); // ASCII only: each line reads as a one-byte string
    // A header, then one line per source, passage and index term.
    expect(text.split('\n').filter(Boolean)).toHaveLength(1 + snapshot.sources.length + snapshot.passages.length + snapshot.index.postings.length);
    // Every text is stored once: passages and paragraphs are slices of their source.
    expect(snapshot.passages.filter((p) => p.text !== '')).toEqual([]);
    expect(snapshot.sources.flatMap((s) => s.paragraphs).filter((p) => p.text !== '')).toEqual([]);
    expect(readSnapshot(text.split('\n')[Symbol.iterator](), 'another key')).toBeNull();
    const loaded = readSnapshot(text.split('\n')[Symbol.iterator](), 'test')?.corpus;
    if (!loaded) throw new Error('the snapshot did not load');
    expect([...loaded.index.passages.values()]).toEqual([...built.index.passages.values()]);
    expect([...loaded.index.sources.values()]).toEqual([...built.index.sources.values()]);
    expect(loaded.events).toEqual(built.events);
    expect(loaded.index.mini.documentCount).toBe(built.index.mini.documentCount);
    expect(loaded.index.mini.termCount).toBe(built.index.mini.termCount);
    // The whole index, postings included, reads back the same; and the postings are the compact ones
    // (a MiniSearch that keeps its terms elsewhere would load maps instead: correct, but four times larger).
    // (Terms are compared as a dictionary: the radix tree's order depends on the order they were added in.)
    const plain = (json: ReturnType<MiniSearch['toJSON']>) => ({ ...json, index: Object.fromEntries(json.index) });
    expect(plain(loaded.index.mini.toJSON())).toEqual(plain(built.index.mini.toJSON()));
    const terms = (loaded.index.mini as unknown as { _index: { get(term: string): Map<number, unknown> | undefined } })._index;
    expect(terms.get('grain')?.get(0)).toBeInstanceOf(PostingList);
    const questions = JSON.parse(readFileSync(join(ROOT, 'eval', 'heldout-questions.json'), 'utf8')) as Array<{ q: string }>;
    for (const { q } of questions) expect(search(loaded.index, q)).toEqual(search(built.index, q));
  });

  it('loads as a CompactMiniSearch, or, where MiniSearch at run time keeps its state elsewhere, with its own Maps', () => {
    const built = seedCorpus();
    const text = serializeSnapshot(toSnapshot(built, [], 'test'));
    const compact = readSnapshot(text.split('\n')[Symbol.iterator](), 'test')?.corpus;
    expect(compact?.index.mini).toBeInstanceOf(CompactMiniSearch);
    // The fallback, run for real: MiniSearch's documented loader builds every posting list as a Map.
    const check = vi.spyOn(CompactMiniSearch, 'isCompatible').mockReturnValue(false);
    const load = vi.spyOn(MiniSearch, 'loadJS');
    try {
      const loaded = readSnapshot(text.split('\n')[Symbol.iterator](), 'test')?.corpus;
      if (!loaded) throw new Error('the snapshot did not load');
      expect(load).toHaveBeenCalledTimes(1);
      expect(loaded.index.mini).not.toBeInstanceOf(CompactMiniSearch);
      const plain = (json: ReturnType<MiniSearch['toJSON']>) => ({ ...json, index: Object.fromEntries(json.index) });
      expect(plain(loaded.index.mini.toJSON())).toEqual(plain(built.index.mini.toJSON()));
      for (const q of ['grain deal', 'Who tried to mediate in March 2022?', 'Kiev ceasefire']) expect(search(loaded.index, q)).toEqual(search(built.index, q));
    } finally {
      check.mockRestore();
      load.mockRestore();
    }
    expect(CompactMiniSearch.isCompatible()).toBe(true);
  });

  it('reads a file line by line whatever the chunk size: long lines, empty lines, no final newline', () => {
    const file = join(tempDir('lines'), 'lines.txt');
    const lines = ['x'.repeat(10_000), '', 'short', `{"a":${'1,'.repeat(3000)}2}`, 'last'];
    writeFileSync(file, lines.join('\n'));
    for (const chunk of [1, 7, 64, 1 << 20]) expect([...fileLines(file, chunk)]).toEqual(lines);
  });

  it('skips a snapshot of an older format without reading it, and rebuilds', async () => {
    const dir = library();
    const cacheDir = tempDir('cache');
    await openCorpus(dir, { cacheDir });
    const [file] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, file ?? ''), `{"format":2,"key":"x","sources":[${'0,'.repeat(1000)}0]}`);
    expect(loadSnapshotFile(join(cacheDir, file ?? ''))).toBeNull();
    expect((await openCorpus(dir, { cacheDir })).cached).toBe(false);
  });

  it('encodes posting lists losslessly', () => {
    const entry = fc.dictionary(fc.nat({ max: 10_000_000 }).map(String), fc.integer({ min: 1, max: 5000 }), { minKeys: 1 });
    fc.assert(fc.property(entry, (e) => { expect(decodePostings(encodePostings(e))).toEqual(Object.fromEntries(Object.entries(e).map(([k, v]) => [Number(k), v]))); }));
  });

  it('reads posting lists back as read-only maps from short id to frequency', () => {
    const entry = fc.dictionary(fc.nat({ max: 10_000_000 }).map(String), fc.integer({ min: 1, max: 70_000 }), { minKeys: 1 });
    fc.assert(
      fc.property(entry, fc.nat({ max: 10_000_001 }), (e, probe) => {
        const expected = new Map(Object.entries(e).map(([k, v]) => [Number(k), v]));
        // Sized exactly: another list before it in the pool, then this one.
        const pool = new PostingPool(postingBytes({ 1: 1, 2: 3 }) + postingBytes(e));
        pool.decode('1,1:3');
        const list = pool.decode(encodePostings(e));
        expect(list.size).toBe(expected.size);
        expect([...list.keys()]).toEqual([...expected.keys()].sort((a, b) => a - b));
        expect(new Map(list)).toEqual(expected);
        for (const id of list.keys()) expect(list.get(id)).toBe(expected.get(id));
        // Any order, not only the one MiniSearch's scoring uses.
        const fresh = new PostingPool(postingBytes(e)).decode(encodePostings(e));
        for (const id of [...expected.keys()].reverse()) expect(fresh.get(id)).toBe(expected.get(id));
        expect(list.get(probe)).toBe(expected.get(probe));
        expect(list.has(probe)).toBe(expected.has(probe));
      }),
    );
    const list = new PostingPool(1).decode('5');
    expect([...list]).toEqual([[5, 1]]);
    expect(() => list.set()).toThrow(/read-only/);
    expect([...new PostingPool(0).decode('')]).toEqual([]);
    expect(postingBytes({})).toBe(0);
    expect(() => new PostingPool(1).decode('5,6')).toThrow(/more postings/);
    expect(() => new PostingPool(2).decode('5;')).toThrow(/damaged/);
  });

  it('keeps at most MAX_CACHED_CORPORA snapshots, dropping the oldest', async () => {
    const cacheDir = tempDir('cache');
    const dirs = Array.from({ length: MAX_CACHED_CORPORA + 2 }, () => library());
    for (const dir of dirs) await openCorpus(dir, { cacheDir });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json'))).toHaveLength(MAX_CACHED_CORPORA);
    // The newest is still there: opening it again loads it.
    expect((await openCorpus(dirs.at(-1) ?? '', { cacheDir })).cached).toBe(true);
  });

  it('rebuilds when the cached snapshot is corrupt', async () => {
    const dir = library();
    const cacheDir = tempDir('cache');
    await openCorpus(dir, { cacheDir });
    const [file] = readdirSync(cacheDir);
    const good = readFileSync(join(cacheDir, file ?? ''), 'utf8');
    // Cut short in the middle of the index, then not even a header.
    for (const damaged of [good.slice(0, Math.floor(good.length * 0.9)), '{"format":3,"key":"x"']) {
      writeFileSync(join(cacheDir, file ?? ''), damaged);
      const again = await openCorpus(dir, { cacheDir });
      expect(again.cached).toBe(false);
      expect(again.corpus.index.passageCount).toBeGreaterThan(0);
    }
  });
});

describe('reload without restart', () => {
  it('refuses a rebuild by what its warnings are about: a file left out or the manifest, not a Latin-1 or unlisted file', async () => {
    const dir = library();
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 Talks\n\nDelegations met at a caf\xe9 in Geneva to discuss a prisoner exchange.\n', 'latin1'));
    expect(await reloadCorpus(dir)).toMatchObject({ swapped: true });
    writeFileSync(join(dir, 'sources.json'), '{"sources": 3}');
    const refused = await reloadCorpus(dir);
    expect(refused.swapped ? [] : refused.broken.map((w) => w.kind)).toEqual(['manifest']);
  });


  const quiet = () => {
    let text = '';
    const logger = createLogger({ level: 'info', destination: new Writable({ write: (c, _e, cb) => ((text += String(c)), cb()) }) });
    return { logger, text: () => text };
  };

  it('picks up an added article, and keeps the previous library when a file is broken', async () => {
    const dir = library();
    let current: Corpus | null = null;
    const log = quiet();
    watcher = watchCorpus(dir, (c) => (current = c), log.logger, 50);
    writeFileSync(join(dir, 'geneva.txt'), 'Geneva Talks\n\nDelegations met in Geneva to discuss a prisoner exchange. Both sides called it useful.\n');
    const added = await watcher.settled();
    expect(added?.swapped).toBe(true);
    expect((current as Corpus | null)?.index.sources.has('geneva')).toBe(true);
    const before = current;

    writeFileSync(join(dir, 'broken.txt'), Buffer.from([0, 1, 2, 3, 0xff]));
    const broken = await watcher.settled();
    expect(broken?.swapped).toBe(false);
    expect(current).toBe(before);
    expect(log.text()).toMatch(/"file":"broken.txt"/);
    expect(log.text()).toContain('still serving the previous library');
  });
});
