/** `npm run build` (after tsc): build the corpus snapshot so the first answer does not pay for it, and the reader site. */
// First: an unsupported Node stops here with one line.
import '../runtime/node-version.js';
import { join } from 'node:path';
import { openCorpus } from '../library/corpus-cache.js';
import { DEFAULT_SEEDS_DIR, PROJECT_ROOT } from '../runtime/paths.js';
import { buildSite } from '../site/build.js';
import { writeSite } from '../site/write.js';

const started = performance.now();
const opened = await openCorpus(DEFAULT_SEEDS_DIR);
for (const w of opened.warnings) process.stderr.write(`warning: ${w.file}: ${w.message}\n`);
const { index, events } = opened.corpus;
process.stdout.write(
  `corpus ${opened.cached ? 'up to date' : 'built'}: ${index.sources.size} sources, ${index.passageCount} passages, ` +
    `${events.length} events (${Math.round(performance.now() - started)} ms, key ${opened.key})\n`,
);
// The reader pages every citation links to (PUBLIC_READER_URL): host site/ anywhere static, or `npm run serve`.
const site = buildSite(opened.corpus);
writeSite(join(PROJECT_ROOT, 'site'), site);
process.stdout.write(`reader site: ${site.length} files in site/\n`);
