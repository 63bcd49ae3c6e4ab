/** The corpus cache (src/library/corpus-cache.ts): snapshots keyed by the content and code that built them, read a line at a time. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeFiles, fileLines, loadSnapshotFile, MAX_CACHED_CORPORA, openCorpus } from '../../src/library/corpus-cache.js';
import { smallLibrary, tempDir } from '../support/seeds.js';

describe('the corpus cache', () => {
  it('loads the snapshot when nothing changed and rebuilds when an article changes', async () => {
    const dir = smallLibrary();
    const cacheDir = tempDir('cache');
    const first = await openCorpus(dir, { cacheDir });
    expect(first.cached).toBe(false);
    const second = await openCorpus(dir, { cacheDir });
    expect(second.cached).toBe(true);
    expect(second.key).toBe(first.key);
    // The loaded snapshot answers exactly like the built corpus.
    expect([...second.corpus.index.passages.keys()]).toEqual([...first.corpus.index.passages.keys()]);
    expect(second.corpus.events.length).toBe(first.corpus.events.length);
    writeFileSync(
      join(dir, 'new.txt'),
      'New Talks\n\nDelegations met in Geneva to discuss a prisoner exchange. Both sides called it useful.\n',
    );
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
    expect(files.some((f) => f.endsWith('/src/library/seed-files.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('/core/search.ts'))).toBe(true);
  });
});

describe('the snapshot file', () => {
  it('reads a file line by line whatever the chunk size: long lines, empty lines, no final newline', () => {
    const file = join(tempDir('lines'), 'lines.txt');
    const lines = ['x'.repeat(10_000), '', 'short', `{"a":${'1,'.repeat(3000)}2}`, 'last'];
    writeFileSync(file, lines.join('\n'));
    for (const chunk of [1, 7, 64, 1 << 20]) expect([...fileLines(file, chunk)]).toEqual(lines);
  });

  it('skips a snapshot of an older format without reading it, and rebuilds', async () => {
    const dir = smallLibrary();
    const cacheDir = tempDir('cache');
    await openCorpus(dir, { cacheDir });
    const [file] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, file ?? ''), `{"format":2,"key":"x","sources":[${'0,'.repeat(1000)}0]}`);
    expect(loadSnapshotFile(join(cacheDir, file ?? ''))).toBeNull();
    expect((await openCorpus(dir, { cacheDir })).cached).toBe(false);
  });

  it('keeps at most MAX_CACHED_CORPORA snapshots, dropping the oldest', async () => {
    const cacheDir = tempDir('cache');
    const dirs = Array.from({ length: MAX_CACHED_CORPORA + 2 }, () => smallLibrary());
    for (const dir of dirs) await openCorpus(dir, { cacheDir });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json'))).toHaveLength(MAX_CACHED_CORPORA);
    // The newest is still there: opening it again loads it.
    expect((await openCorpus(dirs.at(-1) ?? '', { cacheDir })).cached).toBe(true);
  });

  it('rebuilds when the cached snapshot is corrupt', async () => {
    const dir = smallLibrary();
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
