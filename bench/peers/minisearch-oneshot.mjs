// The peer for the one-shot figure: raw MiniSearch loading its own saved index of the same passages and
// searching once (fuzzy 0.2 + prefix), printing the top results with their text as JSON, as `talks search
// --json` does. `node minisearch-oneshot.mjs <index json> <question>`
import { readFileSync } from 'node:fs';
import process from 'node:process';
import MiniSearch from 'minisearch';

const [file, question] = process.argv.slice(2);
const index = MiniSearch.loadJSON(readFileSync(file, 'utf8'), { fields: ['text'], storeFields: ['text'] });
const results = index.search(question, { fuzzy: 0.2, prefix: true }).slice(0, 5);
process.stdout.write(
  `${JSON.stringify({ query: question, results: results.map((r) => ({ id: r.id, score: r.score, text: r.text })) }, null, 2)}\n`,
);
