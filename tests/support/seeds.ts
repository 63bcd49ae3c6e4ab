/** Shared test fixtures: the real seed library, loaded once per test file. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Library } from '../../src/core/library.js';
import { loadLibrary } from '../../src/library/seed-files.js';
import { buildCorpus, type Corpus } from '../../src/core/corpus.js';
import { wordNetLexicon } from '../../src/library/lexicon-cache.js';
import type { SearchIndex } from '../../src/core/search-index.js';
import { DEFAULT_SEEDS_DIR, PROJECT_ROOT } from '../../src/runtime/paths.js';
import type { Source } from '../../src/core/types.js';

export const SEEDS = DEFAULT_SEEDS_DIR;
export const ROOT = PROJECT_ROOT;

let library: Library | undefined;
let corpus: Corpus | undefined;

export function seedLibrary(): Library {
  library ??= loadLibrary(SEEDS);
  return library;
}

/** The seed library built as the CLI builds it (with WordNet), once per test file. */
export function seedCorpus(): Corpus {
  corpus ??= buildCorpus(seedLibrary().sources, wordNetLexicon());
  return corpus;
}

export function seedIndex(): SearchIndex {
  return seedCorpus().index;
}

export function sourceById(id: string): Source {
  const s = seedLibrary().sources.find((x) => x.meta.id === id);
  if (!s) throw new Error(`no source ${id}`);
  return s;
}

/** A new empty folder for the running test, removed when the test finishes. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `talks-${name}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new folder holding one seed article and the manifest: a library small enough to rebuild in a test. */
export function smallLibrary(): string {
  const dir = tempDir('library');
  for (const f of ['003_2360bc79734d53f8.txt', 'sources.json']) copyFileSync(join(SEEDS, f), join(dir, f));
  return dir;
}

export function rawSeed(file: string): string {
  return readFileSync(join(SEEDS, file), 'utf8');
}

export function seedFiles(): string[] {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

/** Fold quotes, dashes and white space the way the evaluation scorer does. */
export { fold as foldForCompare } from '../../eval/score.js';

/** A new empty folder for a whole file of tests (made in `beforeAll`): remove it with the returned function in `afterAll`. */
export function suiteDir(name: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `talks-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
