/**
 * The entry point of `talks`'s V8 startup snapshot (dist/talks/talks.blob; `bin/talks` starts node from it).
 *
 * `npm run build` runs this file once, bundled, under `node --build-snapshot` (src/bin/build-snapshot.ts). It
 * loads the bundled library, runs every command once on a throwaway copy so V8 has compiled the code they
 * use, forgets what that computed, and leaves a freshly loaded library in the heap. Each `talks` run then
 * starts from that heap: no modules to import, no snapshot file to read, no cold code — a one-shot
 * command costs about what starting node costs. It serves the bundled seeds only; anything else (another
 * seeds folder, the interactive session) runs the plain entry point (main.js) as a child process.
 *
 * The launcher checks that the build still matches the checkout, the seeds and the node binary before it
 * uses the snapshot, so this file never sees a stale library.
 */
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import v8 from 'node:v8';
import { EXAMPLE_QUESTIONS } from '../core/examples.js';
import { analysePassages } from '../core/excerpt.js';
import { forgetAll } from '../core/memo.js';
import { openCorpus, type OpenedCorpus } from '../corpus-cache.js';
import { DEFAULT_SEEDS_DIR, PROJECT_ROOT } from '../paths.js';
import { runCli, usesBundledLibrary, type CliIO } from './run.js';

/** Run main.js as a child with our stdio and signals, and leave with its exit. */
async function runPlain(argv: readonly string[]): Promise<void> {
  // Loaded only here: node warns that child_process is not verified for snapshots.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js'), ...argv], { stdio: 'inherit' });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  for (const s of signals) process.on(s, forward);
  child.once('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}

/** A stream that swallows what the warm-up prints. */
function nullOutput(): NodeJS.WriteStream {
  return new Writable({ write: (_chunk, _encoding, done) => done() }) as NodeJS.WriteStream;
}

/**
 * Run each command once on a throwaway copy of the library. JSON output only: the terminal renderer's
 * libraries create ICU objects as they load, which a snapshot cannot hold, so it loads on first use instead.
 */
async function warmUp(): Promise<void> {
  const copy = await openCorpus(DEFAULT_SEEDS_DIR);
  // No process.stdin here: its handle could not be saved in the snapshot.
  const io: CliIO = { stdin: Readable.from([]), stdout: nullOutput(), stderr: nullOutput(), env: {} };
  const runs = [
    ...EXAMPLE_QUESTIONS.map((q) => ['search', q]),
    ['timeline'],
    ['timeline', 'Istanbul'],
    ...EXAMPLE_QUESTIONS.slice(0, 2).map((q) => ['summary', q]),
    ['sources'],
  ];
  for (const args of runs) await runCli([...args, '--json'], io, copy);
  await runCli(['help'], io, copy);
}

/** Building: warm up, forget, then hold a fresh library for every run to share. */
async function prepare(): Promise<OpenedCorpus> {
  await warmUp();
  forgetAll();
  const library = await openCorpus(DEFAULT_SEEDS_DIR);
  // Each passage's words, as re-ranking reads them: part of the library, like its index, not of any answer.
  analysePassages(library.corpus.index.passages.values());
  return library;
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  let library: OpenedCorpus | undefined;
  prepare().then(
    (opened) => (library = opened),
    (err: unknown) => {
      process.stderr.write(`talks snapshot: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    // Started from the snapshot there is no script path: argv[1] is the first argument.
    const argv = process.argv.slice(1);
    if (!library || !usesBundledLibrary(argv, process.env)) return void runPlain(argv);
    if (process.env.TALKS_DEBUG_START) process.stderr.write('talks: started from the startup snapshot\n');
    const io: CliIO = {
      get stdin() {
        return process.stdin;
      },
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
    };
    void runCli(argv, io, library).then((code) => (process.exitCode = code));
  });
}
