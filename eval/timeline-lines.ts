/**
 * The timeline as its auditors read it: every event `talks timeline --limit 500` prints, with the date as
 * printed and the citation, keyed so a verdict written once stays attached to the line it judged.
 *   npx tsx eval/timeline-lines.ts [--seeds DIR] > lines.json
 */
import { parseArgs } from 'node:util';
import { buildFromSeeds } from '../src/library/corpus-cache.js';
import { timeline } from '../src/core/timeline.js';
import { DEFAULT_SEEDS_DIR } from '../src/runtime/paths.js';
import { printedLines } from './timeline-audit.js';

const { values } = parseArgs({ options: { seeds: { type: 'string' } } });
const { corpus } = await buildFromSeeds(values.seeds ?? DEFAULT_SEEDS_DIR);
process.stdout.write(`${JSON.stringify(printedLines(timeline(corpus, { limit: 500 })), null, 1)}\n`);
