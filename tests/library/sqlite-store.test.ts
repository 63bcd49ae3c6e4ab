/**
 * The library's store on one machine (src/library/sqlite-store.ts): changes with their audit, duplicates refused,
 * durable, shared by processes.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteLibraryStore } from '../../src/library/sqlite-store.js';
import type { AddedSource } from '../../src/library/store.js';
import { ROOT, tempDir } from '../support/seeds.js';

const ANA = { id: '1400000000000000001', name: 'Ana' };

function article(id: string, checksum = `sum-${id}`): AddedSource {
  return {
    meta: {
      id,
      file: `${id}.txt`,
      title: `Title of ${id}`,
      titleFrom: 'article',
      authors: ['A. Writer'],
      publication: 'Wire',
      date: null,
      url: null,
      notes: [],
    },
    text: `Title of ${id}\n\nA paragraph about the talks in Geneva, long enough to be a paragraph of an article.`,
    checksum,
    origin: { kind: 'file', ref: `${id}.txt` },
    addedBy: ANA,
    addedAt: 1_700_000_000_000,
  };
}

describe('the SQLite library store', () => {
  it('adds, removes and corrects, each change one revision with its audit record', async () => {
    const store = new SqliteLibraryStore(tempDir('store'));
    expect(await store.revision()).toBe(0);
    expect(await store.add(article('first-2026'))).toEqual({ ok: true, revision: 1 });
    expect(await store.add(article('second-2026'))).toEqual({ ok: true, revision: 2 });
    expect(await store.remove('first-2026', ANA, 1_700_000_001_000)).toBe(true);
    expect(await store.remove('first-2026', ANA, 1_700_000_002_000)).toBe(false);
    await store.edit('jacobin-2022', { ...article('jacobin-2022').meta, title: 'Corrected' }, ANA, 1_700_000_003_000, 'title');
    const state = await store.state();
    expect(state.revision).toBe(4);
    expect(state.added.map((a) => a.meta.id)).toEqual(['first-2026', 'second-2026']);
    expect([...state.removed.keys()]).toEqual(['first-2026']);
    expect(state.edited.get('jacobin-2022')?.title).toBe('Corrected');
    expect((await store.audit(10)).map((r) => [r.revision, r.action, r.sourceId, r.actor.name])).toEqual([
      [4, 'edit', 'jacobin-2022', 'Ana'],
      [3, 'remove', 'first-2026', 'Ana'],
      [2, 'add', 'second-2026', 'Ana'],
      [1, 'add', 'first-2026', 'Ana'],
    ]);
    await store.close();
  });

  it('refuses the same id or the same text twice, removed or not, and changes nothing', async () => {
    const store = new SqliteLibraryStore(tempDir('store'));
    await store.add(article('first-2026'));
    expect(await store.add(article('first-2026', 'other'))).toEqual({ ok: false, problem: 'same-id', existing: 'first-2026' });
    expect(await store.add(article('copy-2026', 'sum-first-2026'))).toEqual({ ok: false, problem: 'same-text', existing: 'first-2026' });
    await store.remove('first-2026', ANA, 1);
    expect((await store.add(article('first-2026', 'third'))).ok).toBe(false);
    expect(await store.revision()).toBe(2);
    await store.close();
  });

  // Two built processes (npm test builds first), killed as a crash would.
  it('keeps what it acknowledged through kill -9, and two processes adding at once both land', async () => {
    const dir = tempDir('store');
    const script = (id: string, n: number): string =>
      `import { SqliteLibraryStore } from '${join(ROOT, 'dist', 'src', 'library', 'sqlite-store.js')}';
       const store = new SqliteLibraryStore(${JSON.stringify(dir)});
       for (let i = 0; i < ${n}; i++) {
         const meta = { id: '${id}-' + i, file: 'x.txt', title: 't', titleFrom: 'article', authors: [], publication: null, date: null,
           url: null, notes: [] };
         const r = await store.add({ meta, text: 'text ${id} ' + i, checksum: '${id}' + i, origin: { kind: 'file', ref: 'x' },
           addedBy: { id: '1', name: 'n' }, addedAt: 1 });
         if (!r.ok) throw new Error('refused');
         process.stdout.write('acked ${id}-' + i + '\\n');
       }
       setInterval(() => {}, 1000);`;
    const run = (id: string, n: number): ReturnType<typeof spawn> =>
      spawn(process.execPath, ['--input-type=module', '-e', script(id, n)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const acked = (child: ReturnType<typeof spawn>, n: number): Promise<string[]> =>
      new Promise((resolve) => {
        const lines: string[] = [];
        child.stdout?.on('data', (d: Buffer) => {
          lines.push(...d.toString().split('\n').filter(Boolean));
          if (lines.length >= n) resolve(lines);
        });
      });
    const a = run('a', 20);
    const b = run('b', 20);
    const [fromA, fromB] = await Promise.all([acked(a, 20), acked(b, 20)]);
    // Killed without a chance to flush or close: what they acknowledged must be on disk.
    a.kill('SIGKILL');
    b.kill('SIGKILL');
    const store = new SqliteLibraryStore(dir);
    const ids = new Set((await store.state()).added.map((x) => x.meta.id));
    for (const line of [...fromA, ...fromB]) expect(ids.has(line.replace('acked ', '')), line).toBe(true);
    expect(ids.size).toBe(40);
    expect(await store.revision()).toBe(40);
    await store.close();
  }, 60_000);

  it('refuses a store file whose records were edited by hand into nonsense, by name', async () => {
    const dir = tempDir('store');
    const store = new SqliteLibraryStore(dir);
    await store.add(article('first-2026'));
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'library.sqlite'));
    db.prepare('UPDATE added SET meta = \'{"id": 5}\'').run();
    db.close();
    const again = new SqliteLibraryStore(dir);
    await expect(again.state()).rejects.toThrow(/malformed source record/);
    await again.close();
  });
});
