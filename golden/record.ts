/**
 * The golden set of issue 13: what the CLI prints, what the HTTP endpoint answers and what the gateway bot
 * sends, recorded so that a behaviour-preserving refactor can be checked byte for byte. See golden/README.md.
 *
 *   npm run golden -- record DIR          record into DIR (its *.txt files are replaced)
 *   npm run golden -- check DIR           record afresh into a temporary folder and compare with DIR
 *   npm run golden -- compare DIR1 DIR2   compare two records
 *   npm run golden -- questions           print the question subset rule's result (golden/questions.json)
 *
 * Options: --jobs N (CLI processes at a time; default: the number of cores), --only cli,http,gateway.
 * Exit codes: 0 recorded / identical, 1 different, 2 bad usage, the build missing or older than the code, or
 * the record could not be made.
 */
process.env.TZ = 'UTC';

import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openGoldenCorpus, PROJECT_ROOT } from './app.js';
import { CLI_MAIN, cliCases, cliFiles, pickQuestions, questionsFileText, runCliCases } from './cli.js';
import { compareDirs, recordFiles } from './compare.js';
import { CASE_MARK, Normaliser } from './format.js';
import { newEmulator, recordGateway } from './gateway.js';
import { recordHttp } from './http.js';
import { RecordingProxy } from './proxy.js';

const PARTS = ['cli', 'http', 'gateway'] as const;
type Part = (typeof PARTS)[number];

class UsageError extends Error {}

const QUESTIONS = join(PROJECT_ROOT, 'golden', 'questions.json');

function log(line: string): void {
  process.stderr.write(`golden: ${line}\n`);
}

/** The newest modification time of the .ts files under `dir`. */
function newestSource(dir: string): { file: string; at: number } {
  let newest = { file: '', at: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = newestSource(path);
      if (inner.at > newest.at) newest = inner;
    } else if (entry.name.endsWith('.ts')) {
      const at = statSync(path).mtimeMs;
      if (at > newest.at) newest = { file: path, at };
    }
  }
  return newest;
}

/** The CLI part runs the build: refuse to compare a build older than the code the other parts run. */
function checkBuild(): void {
  const main = join(PROJECT_ROOT, CLI_MAIN);
  let built: number;
  try {
    built = statSync(main).mtimeMs;
  } catch {
    throw new UsageError(`${CLI_MAIN} is missing: run npm run build first`);
  }
  for (const dir of ['src', 'commands']) {
    const newest = newestSource(join(PROJECT_ROOT, dir));
    if (newest.at > built)
      throw new UsageError(`${relative(PROJECT_ROOT, newest.file)} is newer than ${CLI_MAIN}: run npm run build first`);
  }
}

function fileName(part: Part): (f: string) => boolean {
  return part === 'cli' ? (f) => f.startsWith('cli-') : (f) => f === `${part}.txt`;
}

async function record(dir: string, parts: readonly Part[], jobs: number): Promise<void> {
  checkBuild();
  const started = performance.now();
  const files = new Map<string, string>();
  const timings: string[] = [];

  const cli = parts.includes('cli')
    ? (async () => {
        const t = performance.now();
        const cases = cliCases(QUESTIONS);
        const results = await runCliCases(PROJECT_ROOT, cases, jobs);
        for (const [name, text] of cliFiles(cases, results, new Normaliser(PROJECT_ROOT))) files.set(name, text);
        timings.push(`cli ${((performance.now() - t) / 1000).toFixed(1)} s (${cases.length} processes, ${jobs} at a time)`);
      })()
    : Promise.resolve();

  const inProcess =
    parts.includes('http') || parts.includes('gateway')
      ? (async () => {
          const t = performance.now();
          const corpus = await openGoldenCorpus();
          timings.push(`corpus ${((performance.now() - t) / 1000).toFixed(1)} s`);
          const emulator = newEmulator();
          const { port } = await emulator.start(0);
          const proxy = new RecordingProxy({ host: '127.0.0.1', port });
          const apiUrl = await proxy.start();
          try {
            if (parts.includes('http')) {
              const t2 = performance.now();
              const http = await recordHttp(corpus, proxy, apiUrl, new Normaliser(PROJECT_ROOT));
              files.set('http.txt', http);
              timings.push(`http ${((performance.now() - t2) / 1000).toFixed(1)} s`);
            }
            if (parts.includes('gateway')) {
              const t3 = performance.now();
              const gateway = await recordGateway(corpus, emulator, proxy, apiUrl, new Normaliser(PROJECT_ROOT));
              files.set('gateway.txt', gateway);
              timings.push(`gateway ${((performance.now() - t3) / 1000).toFixed(1)} s`);
            }
          } finally {
            await proxy.stop();
            await emulator.stop();
          }
        })()
      : Promise.resolve();

  await Promise.all([cli, inProcess]);
  mkdirSync(dir, { recursive: true });
  for (const f of recordFiles(dir)) if (parts.some((p) => fileName(p)(f))) rmSync(join(dir, f));
  for (const [name, text] of [...files].sort((a, b) => a[0].localeCompare(b[0]))) writeFileSync(join(dir, name), text);
  const counts = [...files]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([name, text]) => `${name} ${text.split('\n').filter((l) => l.startsWith(CASE_MARK)).length}`);
  log(`recorded ${counts.join(', ')} cases into ${dir}`);
  log(`took ${((performance.now() - started) / 1000).toFixed(1)} s: ${timings.join(', ')}`);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { jobs: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  const [command, ...dirs] = positionals;
  const jobs = values.jobs === undefined ? availableParallelism() + 1 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number from 1 (got "${values.jobs}")`);
  const parts = (values.only?.split(',') ?? [...PARTS]).map((p) => p.trim()) as Part[];
  for (const p of parts) if (!PARTS.includes(p)) throw new UsageError(`--only takes ${PARTS.join(', ')} (got "${p}")`);
  const only = (f: string): boolean => parts.some((p) => fileName(p)(f));

  switch (command) {
    case 'record': {
      if (dirs.length !== 1) throw new UsageError('record takes one folder: npm run golden -- record DIR');
      await record(resolve(dirs[0] as string), parts, jobs);
      return 0;
    }
    case 'check': {
      if (dirs.length !== 1) throw new UsageError('check takes one folder: npm run golden -- check DIR');
      const golden = resolve(dirs[0] as string);
      if (recordFiles(golden).filter(only).length === 0) throw new UsageError(`no golden record in ${golden}: record one first`);
      const fresh = mkdtempSync(join(tmpdir(), 'golden-check-'));
      await record(fresh, parts, jobs);
      const { identical, report } = compareDirs(golden, fresh, only);
      process.stdout.write(report);
      if (identical) {
        rmSync(fresh, { recursive: true, force: true });
        process.stdout.write('golden: identical\n');
        return 0;
      }
      process.stdout.write(
        `golden: DIFFERENT from ${golden}; the new recording is kept in ${fresh} (diff -u ${golden}/FILE ${fresh}/FILE)\n`,
      );
      return 1;
    }
    case 'compare': {
      if (dirs.length !== 2) throw new UsageError('compare takes two folders: npm run golden -- compare DIR1 DIR2');
      const { identical, report } = compareDirs(resolve(dirs[0] as string), resolve(dirs[1] as string), only);
      process.stdout.write(report);
      process.stdout.write(identical ? 'golden: identical\n' : 'golden: DIFFERENT\n');
      return identical ? 0 : 1;
    }
    case 'questions':
      process.stdout.write(questionsFileText(pickQuestions(PROJECT_ROOT)));
      return 0;
    default:
      throw new UsageError(
        'usage: npm run golden -- record DIR | check DIR | compare DIR1 DIR2 | questions [--jobs N] [--only cli,http,gateway]',
      );
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // Never 1, which means "different": a record that could not be made is 2, like bad usage.
  if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) log((err as Error).message);
  else log(`could not record: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(2);
}
