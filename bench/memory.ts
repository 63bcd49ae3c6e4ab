/**
 * Child process for the memory figure: load one serialized index and report the load time and the heap
 * and RSS it holds after a full GC. Run with --expose-gc: `tsx bench/memory.ts ours|raw <file>`.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { fromSnapshot, type CorpusSnapshot } from '../src/core/snapshot.js';

const [mode, file] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
gc();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
let keep: unknown;
if (mode === 'ours') {
  keep = fromSnapshot(JSON.parse(readFileSync(file ?? '', 'utf8')) as CorpusSnapshot).corpus;
} else {
  keep = MiniSearch.loadJSON(readFileSync(file ?? '', 'utf8'), { fields: ['text'] });
}
const loadMs = performance.now() - started;
gc();
const usage = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ loadMs, heapMB: (usage.heapUsed - before) / 1e6, rssMB: usage.rss / 1e6, kept: keep !== undefined })}\n`);
