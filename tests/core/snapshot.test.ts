/** The corpus snapshot (src/core/snapshot.ts): a loaded corpus answers exactly like the one it was written from. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it, vi } from 'vitest';
import { CompactMiniSearch } from '../../src/core/compact-minisearch.js';
import { PostingList } from '../../src/core/postings.js';
import { search } from '../../src/core/search.js';
import { decodePostings, encodePostings, readSnapshot, serializeSnapshot, toSnapshot } from '../../src/core/snapshot.js';
import { ROOT, seedCorpus } from '../support/seeds.js';

describe('the snapshot format', () => {
  it('round-trips the seed corpus: same passages, texts, events and answers', () => {
    const built = seedCorpus();
    const snapshot = toSnapshot(built, [], 'test');
    const text = serializeSnapshot(snapshot);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/); // ASCII only: each line reads as a one-byte string
    // A header, then one line per source, passage and index term.
    expect(text.split('\n').filter(Boolean)).toHaveLength(
      1 + snapshot.sources.length + snapshot.passages.length + snapshot.index.postings.length,
    );
    // Every text is stored once: passages and paragraphs are slices of their source.
    expect(snapshot.passages.filter((p) => p.text !== '')).toEqual([]);
    expect(snapshot.sources.flatMap((s) => s.paragraphs).filter((p) => p.text !== '')).toEqual([]);
    expect(readSnapshot(text.split('\n')[Symbol.iterator](), 'another key')).toBeNull();
    const loaded = readSnapshot(text.split('\n')[Symbol.iterator](), 'test')?.corpus;
    if (!loaded) throw new Error('the snapshot did not load');
    expect([...loaded.index.passages.values()]).toEqual([...built.index.passages.values()]);
    expect([...loaded.index.sources.values()]).toEqual([...built.index.sources.values()]);
    expect(loaded.events).toEqual(built.events);
    expect(loaded.index.names).toEqual(built.index.names);
    expect(loaded.index.names.size).toBeGreaterThan(100);
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
      for (const q of ['grain deal', 'Who tried to mediate in March 2022?', 'Kiev ceasefire'])
        expect(search(loaded.index, q)).toEqual(search(built.index, q));
    } finally {
      check.mockRestore();
      load.mockRestore();
    }
    expect(CompactMiniSearch.isCompatible()).toBe(true);
  });

  it('encodes posting lists losslessly', () => {
    const entry = fc.dictionary(fc.nat({ max: 10_000_000 }).map(String), fc.integer({ min: 1, max: 5000 }), { minKeys: 1 });
    fc.assert(
      fc.property(entry, (e) => {
        expect(decodePostings(encodePostings(e))).toEqual(Object.fromEntries(Object.entries(e).map(([k, v]) => [Number(k), v])));
      }),
    );
  });
});
