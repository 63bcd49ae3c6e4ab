/**
 * Child process for the memory figures: load one serialized index, then report the load time, the memory it
 * holds after a full GC (heap and external), and the process's peak RSS. For ours also the memory of the
 * index alone (MiniSearch, vocabulary, spellings), measured by letting the passage store go. Run with
 * --expose-gc: `tsx bench/memory.ts ours|raw <file>`.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { loadSnapshotFile } from '../src/library/corpus-cache.js';

const [mode, file] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
// What the load keeps after a full GC: the V8 heap and what it holds outside it (ArrayBuffer contents,
// external strings), since an index may keep its postings in typed arrays.
const heap = (): number => {
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};
const before = heap();
const started = performance.now();
let indexMB: number | null = null;
let kept: unknown;
if (mode === 'ours') {
  // In a function, so the passage store is out of scope (collectable) once it returns.
  const load = (): { loadMs: number; all: number; index: object } => {
    const loaded = loadSnapshotFile(file ?? '');
    if (!loaded) throw new Error(`cannot load ${file}`);
    const { index } = loaded.corpus;
    const loadMs = performance.now() - started;
    return { loadMs, all: heap(), index: { mini: index.mini, vocabulary: index.vocabulary, surface: index.surface } };
  };
  const { loadMs, all, index } = load();
  kept = index;
  indexMB = (heap() - before) / 1e6;
  report(loadMs, (all - before) / 1e6);
} else {
  kept = MiniSearch.loadJSON(readFileSync(file ?? '', 'utf8'), { fields: ['text'] });
  const loadMs = performance.now() - started;
  report(loadMs, (heap() - before) / 1e6);
}

function report(loadMs: number, heapMB: number): void {
  const peakRssMB = process.resourceUsage().maxRSS / 1e3;
  process.stdout.write(`${JSON.stringify({ loadMs, heapMB, indexMB, peakRssMB, kept: kept !== undefined })}\n`);
}
