/**
 * Part 1: the `talks` command, run as a process (`node dist/src/bin/talks.js …`), one process per case, with a
 * fixed environment: NO_COLOR=1, COLUMNS=80, TZ=UTC, LANG=C.UTF-8, PATH and HOME only (so TALKS_NO_CACHE,
 * TALKS_SEEDS_DIR and anything else of the caller's is unset). stdout is a pipe, as in a script. Each case
 * records its arguments, stdin (if any), exit code, stdout and stderr. One file per command.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blob, caseHeader, field, type Normaliser } from './format.js';

export const CLI_MAIN = join('dist', 'src', 'bin', 'talks.js');

export interface CliCase {
  file: string;
  id: string;
  args: string[];
  stdin?: string;
}

interface Question {
  set: string;
  id: string;
  q: string;
}

/**
 * The search questions: 60 of the evaluation sets' questions, frozen in golden/questions.json so that editing an
 * evaluation set never changes the golden set. They were picked (and `npm run golden -- questions` picks them
 * again) by taking every eval/*-questions.json in name order, their questions in file order, and the question
 * at index floor(k × total / 60) for k = 0…59.
 */
export function pickQuestions(root: string): Question[] {
  const all: Question[] = [];
  for (const f of readdirSync(join(root, 'eval'))
    .filter((x) => x.endsWith('-questions.json'))
    .sort()) {
    const set = f.replace(/-questions\.json$/, '');
    for (const q of JSON.parse(readFileSync(join(root, 'eval', f), 'utf8')) as Array<{ id: string; q: string }>)
      all.push({ set, id: q.id, q: q.q });
  }
  return Array.from({ length: 60 }, (_, k) => all[Math.floor((k * all.length) / 60)] as Question);
}

export function questionsFileText(questions: Question[]): string {
  return `[\n${questions.map((q) => JSON.stringify(q).replace(/","/g, '", "').replace(/":"/g, '": "')).join(',\n')}\n]\n`;
}

/** Summary topics: the twelve of eval/summary-topics.json (as of this harness) and three more. */
const SUMMARY_TOPICS = [
  'the role of Turkey in the talks',
  'the US role in negotiations',
  'war fatigue and waning support in the West',
  'how the Bucha atrocities affected the peace talks',
  'humanitarian corridors and the evacuation of civilians',
  "China's part in mediation efforts",
  'the Black Sea grain deal',
  'security guarantees and enforcement in a settlement',
  'the case for early mediation and back-channel talks',
  'NATO expansion as a factor in the war and the talks',
  'the risk of escalation into a wider war with NATO',
  "Zelensky's stance on negotiating with Russia",
  'grain deal',
  'mediation',
  'US Congress support for Ukraine',
];

const LIMITS: Array<string[]> = [[], ['--limit', '1'], ['--limit', '3'], ['--limit', '10']];

export function cliCases(questionsFile: string): CliCase[] {
  const cases: CliCase[] = [];
  const counters = new Map<string, number>();
  const add = (file: string, args: string[], stdin?: string): void => {
    const n = (counters.get(file) ?? 0) + 1;
    counters.set(file, n);
    cases.push({ file, id: `${file}/${String(n).padStart(3, '0')}`, args, ...(stdin !== undefined ? { stdin } : {}) });
  };

  // search: each question as text, the limit cycling through default, 1, 3 and 10; every third question
  // also with --json (pretty-printed, one process each); and every question's JSON once more through
  // --stdin --json (JSONL), one process per limit, so that all 60 answers are recorded as JSON without 60
  // more processes (the CPU budget of a record: see README.md).
  const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as Question[];
  questions.forEach((q, k) => {
    const limit = LIMITS[k % LIMITS.length] ?? [];
    add('search', ['search', q.q, ...limit]);
    if (k % 3 === 0) add('search', ['search', q.q, ...limit, '--json']);
  });
  LIMITS.forEach((limit, l) => {
    const lines = questions.filter((_, k) => k % LIMITS.length === l).map((q) => `${q.q}\n`);
    add('search', ['search', '--stdin', '--json', ...limit], lines.join(''));
  });
  add('search', ['search', 'negotiations', '--source', 'parish-2025']);
  add('search', ['search', 'negotiations', '--source', 'conversation-2022', '--json']);
  add('search', ['search', 'grain deal', '--source', 'jacobin-2022', '--limit', '3', '--json']);
  add('search', ['search', 'Istanbul', '--source', 'early-mediation-2024', '--limit', '10']);
  add('search', ['search', 'grain', 'deal', '--limit', '3']);
  add('search', ['search', 'Who tried to mediate in March 2022?']);
  add('search', ['search', 'xylophone quokka']);
  add('search', ['search', 'xylophone quokka', '--json']);
  add('search', ['search', 'zelenskky ceasfire']);
  add('search', ['search', 'the and of']);
  add('search', ['search', 'the and of', '--json']);
  add('search', ['search', 'war '.repeat(80).trim()]);
  add('search', ['search', '']);
  add('search', ['search', '@everyone <@&1234567890123456789> **grain** deal', '--limit', '1']);
  add(
    'search',
    ['search', '--stdin', '--json'],
    'kiev\nzelenskyy\n\nthe and of\nxylophone quokka\nWhat did the grain deal show about cooperation?\n',
  );
  add('search', ['search', '--stdin', '--limit', '1', '--source', 'parish-2025'], 'negotiations\nceasefire\n');
  add('search', ['search']);
  add('search', ['search', 'grain deal', '--limit', '0']);
  add('search', ['search', 'grain deal', '--limit', '26']);
  add('search', ['search', 'grain deal', '--limit', 'abc']);
  add('search', ['search', 'grain deal', '--source', 'nope']);
  add('search', ['search', 'grain deal', '--bogus']);
  add('search', ['search', 'grain deal', '--stdin']);
  add('search', ['search', '--limit']);
  add('search', ['search', '--help']);
  add('search', ['help', 'search']);

  // timeline
  // [arguments, also with --json]
  const timelines: Array<[string[], boolean]> = [
    [[], true],
    [['grain deal'], true],
    [['Zelensky'], true],
    [['Istanbul talks'], false],
    [['ceasefire'], false],
    [['Bucha'], false],
    [['NATO', 'expansion'], false],
    [['--from', '2022-06', '--to', 'August 2022', '--limit', '50'], true],
    [['Istanbul talks', '--from', '2022-03', '--to', 'June 2022'], false],
    [['--from', '2022', '--to', '2022-03'], true],
    [['--limit', '50'], false],
    [['xylophone quokka'], true],
  ];
  for (const [t, json] of timelines) {
    add('timeline', ['timeline', ...t]);
    if (json) add('timeline', ['timeline', ...t, '--json']);
  }
  add('timeline', ['timeline', '--limit', '500', '--json']);
  add('timeline', ['timeline', '--from', 'someday']);
  add('timeline', ['timeline', '--from', '2023', '--to', '2022']);
  add('timeline', ['timeline', '--limit', '0']);
  add('timeline', ['timeline', '--limit', '501']);
  add('timeline', ['timeline', '--help']);
  add('timeline', ['help', 'timeline']);

  // summary
  for (const topic of SUMMARY_TOPICS) {
    add('summary', ['summary', topic]);
    add('summary', ['summary', topic, '--json']);
  }
  add('summary', ['summary', 'xylophone quokka']);
  add('summary', ['summary', 'xylophone quokka', '--json']);
  add('summary', ['summary', 'the and of']);
  add('summary', ['summary']);
  add('summary', ['summary', '--help']);
  add('summary', ['help', 'summary']);

  // sources
  add('sources', ['sources']);
  add('sources', ['sources', '--json']);
  add('sources', ['sources', '--help']);
  add('sources', ['help', 'sources']);

  // the command itself
  add('talks', []);
  add('talks', ['--help']);
  add('talks', ['-h']);
  add('talks', ['help']);
  add('talks', ['help', 'nope']);
  add('talks', ['frobnicate']);
  add('talks', ['--bogus']);
  return cases;
}

export interface CliResult {
  code: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: Buffer;
}

export const CLI_ENV = { NO_COLOR: '1', COLUMNS: '80', TZ: 'UTC', LANG: 'C.UTF-8' } as const;

function runOne(root: string, c: CliCase): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, CLI_MAIN), ...c.args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', ...CLI_ENV },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(c.stdin ?? '');
  });
}

/** Run every case, `jobs` processes at a time; results in case order. */
export async function runCliCases(root: string, cases: CliCase[], jobs: number): Promise<CliResult[]> {
  // One run first on its own: if the corpus snapshot in .cache/ is stale, it is rebuilt once here, not by
  // every process at the same time.
  await runOne(root, { file: 'warm-up', id: 'warm-up', args: ['sources', '--json'] });
  const results: CliResult[] = new Array<CliResult>(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runOne(root, cases[i] as CliCase);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

/** The CLI files' text, by file name (`cli-search.txt`, …). */
export function cliFiles(cases: CliCase[], results: CliResult[], normaliser: Normaliser): Map<string, string> {
  const files = new Map<string, string>();
  cases.forEach((c, i) => {
    const r = results[i] as CliResult;
    const name = `cli-${c.file}.txt`;
    let text = caseHeader(c.id, ['talks', ...c.args.map((a) => (/^[\w./:@-]+$/.test(a) ? a : JSON.stringify(a)))].join(' '));
    text += field('argv', JSON.stringify(c.args));
    if (c.stdin !== undefined) text += blob('stdin', c.stdin);
    text += field('exit', r.signal ? `signal ${r.signal}` : String(r.code));
    text += blob('stdout', normaliser.apply(r.stdout.toString('utf8')));
    text += blob('stderr', normaliser.apply(r.stderr.toString('utf8')));
    files.set(name, (files.get(name) ?? '') + text);
  });
  return files;
}
