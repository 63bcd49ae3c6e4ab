/** `npm run build` (after tsc): build the corpus snapshot so the first answer does not pay for it. */
// First: an unsupported Node stops here with one line.
import '../node-version.js';
import { openCorpus } from '../corpus-cache.js';
import { DEFAULT_SEEDS_DIR } from '../paths.js';

const started = performance.now();
const opened = await openCorpus(DEFAULT_SEEDS_DIR);
for (const w of opened.warnings) process.stderr.write(`warning: ${w.file}: ${w.message}\n`);
const { index, events } = opened.corpus;
process.stdout.write(
  `corpus ${opened.cached ? 'up to date' : 'built'}: ${index.sources.size} sources, ${index.passageCount} passages, ${events.length} events ` +
    `(${Math.round(performance.now() - started)} ms, key ${opened.key})\n`,
);
