/**
 * `npm run eval`: recall@1, recall@3 and MRR@5 of search on every `eval/*-questions.json`, and fact coverage
 * of summaries on every `eval/*-topics.json`, printed with the misses.
 *   npm run eval                  every set
 *   npm run eval -- chat --show   one set, with each miss's first excerpt
 *   npm run eval -- --tune excerptWeight=0.6 --tune summary.mmrLambda=0.6   with tuned options (eval/tune.ts)
 * `library-*` sets are asked of the library grown with the invented articles of eval/articles-d, each read the way
 * `/library add` reads an upload; the seed sets are asked of that library too, to show what a bigger library costs.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildFromSeeds } from '../src/library/corpus-cache.js';
import { DEFAULT_SEEDS_DIR } from '../src/runtime/paths.js';
import { timeline } from '../src/core/timeline.js';
import { growth, passageFor, teach } from './confirmed.js';
import { grownCorpus } from './grown.js';
import { readOffTopic, readQuestions, readTopics, scoreOffTopic, scoreQuestions, scoreSummaries, MAX_SCORED_EXCERPT } from './score.js';
import {
  printedLines,
  readHistorianEvents,
  readVerdicts,
  scoreAudit,
  scoreRecall,
  sentenceOf,
  type AuditScore,
  type RecallScore,
} from './timeline-audit.js';
import { parseTuning, type Tuning } from './tune.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  options: {
    show: { type: 'boolean', default: false },
    seeds: { type: 'string' },
    tune: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});
if (values.help) {
  process.stdout.write('usage: npm run eval [-- [set …] [--show] [--seeds DIR] [--tune name=number …]]\n');
  process.exit(0);
}
let tuning: Tuning;
try {
  tuning = parseTuning(values.tune ?? []);
} catch (err) {
  process.stderr.write(`eval: ${(err as Error).message}\n`);
  process.exit(2);
}
const wanted = (file: string): boolean => positionals.length === 0 || positionals.some((p) => basename(file).startsWith(p));
const files = readdirSync(HERE).filter(wanted).sort();
const seedsDir = values.seeds ?? DEFAULT_SEEDS_DIR;
const { corpus } = await buildFromSeeds(seedsDir);

const libraryFiles = files.filter((f) => f.startsWith('library-') && f.endsWith('-questions.json'));
const grown = libraryFiles.length > 0 || positionals.length === 0 ? await grownCorpus(seedsDir, corpus) : null;

const pad = (s: string, n: number): string => s.padEnd(n);
const fixed = (x: number, d = 2): string => x.toFixed(d);
const rows: string[] = [];
// The figures of the grown library and of confirmations below keep the defaults.
if (values.tune) rows.push(`tuned: ${values.tune.join(' ')}`);
for (const file of files.filter((f) => f.endsWith('-questions.json'))) {
  const name = file.replace(/-questions\.json$/, '');
  const asked = file.startsWith('library-') && grown ? grown : corpus;
  const score = scoreQuestions(asked, readQuestions(join(HERE, file)), tuning.search);
  rows.push(
    `${pad(name, 10)} n=${pad(String(score.n), 4)} recall@1 ${fixed(score.recall1)}  recall@3 ${fixed(score.recall3)}  ` +
      `MRR@5 ${fixed(score.mrr, 3)}  first excerpt ${Math.round(score.meanExcerpt)} chars (longest ${score.longestExcerpt})`,
    `  confidence: low marks ${fixed(score.lowOfMisses)} of the questions whose first quote misses, ` +
      `${fixed(score.lowOfHits)} of those it answers`,
  );
  const misses = score.results.filter((r) => r.rank !== 1);
  rows.push(`  not first: ${misses.map((r) => (r.rank ? `${r.id}@${r.rank}` : r.id)).join(' ') || '-'}`);
  const tooLong = score.results.reduce((a, r) => a + r.tooLong, 0);
  if (tooLong > 0) rows.push(`  excerpts over ${MAX_SCORED_EXCERPT} characters (never counted): ${tooLong}`);
  if (values.show) for (const r of misses) rows.push(`  ${r.id} ${r.q}\n      → ${r.first}`);
}
for (const file of files.filter((f) => f.endsWith('-topics.json'))) {
  const name = file.replace(/-topics\.json$/, '');
  const score = scoreSummaries(corpus, readTopics(join(HERE, file)), tuning.summary);
  rows.push(
    `${pad(name, 10)} n=${pad(String(score.n), 4)} facts covered ${fixed(score.coverage)}  ` +
      `every covering source cited ${fixed(score.allSourcesCited)}`,
  );
  for (const r of score.results.filter((x) => x.covered < x.facts || x.cited < x.sources)) {
    rows.push(
      `  ${r.id} ${r.covered}/${r.facts} facts, ${r.cited}/${r.sources} sources` +
        `${values.show ? ` — missing: ${r.missing.join(' | ')}` : ''}`,
    );
  }
}
for (const file of files.filter((f) => /^offtopic\d*\.json$/.test(f))) {
  const off = scoreOffTopic(corpus, readOffTopic(join(HERE, file)), tuning.search);
  rows.push(
    `${pad(file.replace('.json', ''), 10)} n=${pad(String(off.n), 4)} no quote ${fixed(1 - off.quoted.length / Math.max(1, off.n))}  ` +
      `quoted: ${off.quoted.join(' ') || '-'}  of them said to match well: ${off.sure.join(' ') || '-'}`,
  );
}
/** A timeline audit's precision, and what was wrong with the lines judged wrong. */
function judged(audit: AuditScore): string {
  return (
    `precision ${fixed(audit.right / Math.max(1, audit.judged))} (${audit.right}/${audit.judged} judged right; ` +
    `${audit.wrongDate} wrong date, ${audit.notAlone} not on their own, ${audit.notEvent} not events; ` +
    `${audit.unjudged.length} not yet judged)`
  );
}

/** The historian's events a timeline prints. */
function found(recall: RecallScore): string {
  return `recall of a historian's events ${fixed(recall.found / Math.max(1, recall.n))} (${recall.found}/${recall.n})`;
}

if (files.includes('timeline-audit-seeds.json')) {
  // Every event the timeline prints, judged line by line against its article (eval/timeline-audit.ts).
  const answer = timeline(corpus, { limit: 10_000 });
  const audit = scoreAudit(printedLines(answer), readVerdicts(join(HERE, 'timeline-audit-seeds.json')));
  rows.push(`timeline   n=${pad(String(audit.printed), 4)} ${judged(audit)}`);
  for (const w of audit.wrong)
    rows.push(`  wrong: ${w.date} — ${w.text.slice(0, 90)}${values.show ? `\n      ${w.verdict.note ?? ''}` : ''}`);
  for (const u of audit.unjudged) rows.push(`  not judged: ${u.date} — ${u.text.slice(0, 90)}`);
  if (files.includes('timeline-events.json')) {
    const recall = scoreRecall(answer, (e) => sentenceOf(corpus, e), readHistorianEvents(join(HERE, 'timeline-events.json')));
    rows.push(`  ${found(recall)}`);
    if (values.show) for (const m of recall.missed) rows.push(`  missed ${m.id} ${m.date} ${m.what}`);
  }
}
// The audits kept apart while the timeline's rules were written: invented articles, each line judged by an auditor who
// read only those articles and the printed lines, and the events a historian listed from them.
for (const [dir, verdicts, events] of [
  ['articles-c', 'timeline-audit-blind.json', 'timeline-events-blind.json'],
  ['articles', 'timeline-audit-invented.json', 'timeline-events-invented.json'],
  ['articles-e', 'timeline-audit-e.json', 'timeline-events-e.json'],
  ['articles-f', 'timeline-audit-f.json', 'timeline-events-f.json'],
] as const) {
  if (!files.includes(verdicts)) continue;
  const apart = (await buildFromSeeds(join(HERE, dir))).corpus;
  const answer = timeline(apart, { limit: 10_000 });
  const audit = scoreAudit(printedLines(answer), readVerdicts(join(HERE, verdicts)));
  const recall = scoreRecall(answer, (e) => sentenceOf(apart, e), readHistorianEvents(join(HERE, events)));
  rows.push(`  kept apart, eval/${dir}: ${judged(audit)}; ${found(recall)}`);
}
if (grown && files.includes('timeline-audit-d.json')) {
  // The lines of the articles added as uploads (eval/articles-d), judged by an auditor who read only those articles
  // and the printed lines (2026-12-08; the lines had been read once before, and three wrong dates fixed).
  const seeds = new Set(corpus.index.sources.keys());
  const added = printedLines(timeline(grown, { limit: 10_000 })).filter((l) => l.cites.some((c) => !seeds.has(c.split('#')[0] ?? '')));
  rows.push(
    `  kept apart, eval/articles-d read as uploads: ${judged(scoreAudit(added, readVerdicts(join(HERE, 'timeline-audit-d.json'))))}`,
  );
}
if (grown) {
  // The seed sets again, on the library grown with the added articles: a bigger library must not drown the seeds.
  const seedSets = files.filter((f) => f.endsWith('-questions.json') && !f.startsWith('library-'));
  const changes = seedSets.map((file) => {
    const questions = readQuestions(join(HERE, file));
    const before = scoreQuestions(corpus, questions).recall1;
    const after = scoreQuestions(grown, questions).recall1;
    return `${file.replace(/-questions\.json$/, '')} ${fixed(before)}→${fixed(after)}`;
  });
  rows.push(`grown library (seeds + eval/articles-d, ${grown.index.sources.size} sources): seed sets' recall@1 ${changes.join(', ')}`);
}
const seedQuestionSets = files.filter((f) => f.endsWith('-questions.json') && !f.startsWith('library-'));
if (positionals.length === 0 && seedQuestionSets.length > 0) {
  // Moderators confirm the first half of every seed set; the second halves are asked (eval/confirmed.ts).
  const sets = new Map(seedQuestionSets.map((f) => [f.replace(/-questions\.json$/, ''), readQuestions(join(HERE, f))]));
  const { halves, byPassage, taught, asked, sameFacts } = await teach(seedsDir, corpus, sets);
  const perSet = [...halves].map(([name, h]) => {
    const [before, after] = [scoreQuestions(corpus, h.asked), scoreQuestions(taught, h.asked)];
    return `${name} ${fixed(before.recall1)}→${fixed(after.recall1)}`;
  });
  const [all0, all1, same0, same1] = [
    scoreQuestions(corpus, asked),
    scoreQuestions(taught, asked),
    scoreQuestions(corpus, sameFacts),
    scoreQuestions(taught, sameFacts),
  ];
  // The promise itself: a question asked again as it was confirmed gets the confirmed passage.
  const confirmedQs = [...halves.values()].flatMap((h) => h.confirmed).filter((q) => passageFor(corpus, q));
  const [again0, again1] = [scoreQuestions(corpus, confirmedQs), scoreQuestions(taught, confirmedQs)];
  const curve = await growth(seedsDir, corpus, sets);
  rows.push(
    `confirmed  ${[...byPassage.values()].flat().length} confirmations (first halves of the seed sets, one a question); ` +
      `second halves n=${asked.length}: recall@1 ${fixed(all0.recall1)}→${fixed(all1.recall1)}  ` +
      `recall@3 ${fixed(all0.recall3)}→${fixed(all1.recall3)}`,
    `  about a fact confirmed in other words, n=${sameFacts.length}: recall@1 ${fixed(same0.recall1)}→${fixed(same1.recall1)}  ` +
      `recall@3 ${fixed(same0.recall3)}→${fixed(same1.recall3)}`,
    `  asked again as confirmed, n=${confirmedQs.length}: recall@1 ${fixed(again0.recall1)}→${fixed(again1.recall1)}`,
    `  per set, recall@1: ${perSet.join(', ')}`,
    `  as confirmations grow: ${curve.map((p) => `${p.confirmations} → ${fixed(p.recall1)}/${fixed(p.recall3)}`).join(', ')}`,
  );
  // Sets nothing was confirmed for must not drop: the questions on the added articles, asked of the grown library
  // with the seed sets' confirmations, and the off-topic questions, which stay unquoted.
  for (const file of libraryFiles) {
    const questions = readQuestions(join(HERE, file));
    const grownTaught = await grownCorpus(seedsDir, corpus, undefined, byPassage);
    const [before, after] = [scoreQuestions(grown ?? corpus, questions), scoreQuestions(grownTaught, questions)];
    rows.push(
      `  ${file.replace(/-questions\.json$/, '')} (nothing confirmed, on the grown library): ` +
        `recall@1 ${fixed(before.recall1)}→${fixed(after.recall1)}  recall@3 ${fixed(before.recall3)}→${fixed(after.recall3)}`,
    );
  }
  for (const file of files.filter((f) => /^offtopic\d*\.json$/.test(f))) {
    const questions = readOffTopic(join(HERE, file));
    const [before, after] = [scoreOffTopic(corpus, questions), scoreOffTopic(taught, questions)];
    rows.push(
      `  ${file.replace('.json', '')} (nothing confirmed): no quote ${fixed(1 - before.quoted.length / before.n)}→` +
        `${fixed(1 - after.quoted.length / after.n)}`,
    );
  }
}
process.stdout.write(`${rows.join('\n')}\n`);
