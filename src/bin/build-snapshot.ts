/**
 * `npm run build` (after build-index): the startup snapshot `bin/talks` starts from (see src/cli/snapshot.ts).
 *
 * 1. esbuild bundles dist/src/cli/snapshot.js into one CommonJS file, which is what `node --build-snapshot`
 *    takes. The build-time modules (date parser, manifest schema) and the interactive session stay out:
 *    the snapshot never runs them.
 * 2. node runs the bundle and writes the heap to dist/talks/talks.blob.
 * 3. bin/talks prints the stamp it will compare before each use (the node binary, the blob, the seeds, the
 *    built code), and we keep it beside the blob.
 *
 * Best effort: if any step fails the old blob and stamp are removed, and bin/talks runs the plain entry
 * point, which answers the same, only slower to start.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { PROJECT_ROOT } from '../paths.js';

const OUT = join(PROJECT_ROOT, 'dist', 'talks');
const ENTRY = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'snapshot.js');
const BUNDLE = join(OUT, 'snapshot.cjs');
const BLOB = join(OUT, 'talks.blob');
const STAMP = join(OUT, 'stamp');
const LAUNCHER = join(PROJECT_ROOT, 'bin', 'talks');

/** Loaded by dynamic import only where the snapshot never goes: building a library, the session. */
const LEFT_OUT = /\/dist\/src\/(core\/library|core\/corpus|cli\/session)\.js$/;
/** Packages that must not end up in the bundle (a check that LEFT_OUT still does its job). */
const FORBIDDEN = /node_modules\/(zod|chrono-node|discord\.js|@discordjs|pino)\//;

const plugin: Plugin = {
  name: 'talks-snapshot',
  setup(b) {
    // Each module keeps its own location, so paths.ts and corpus-cache.ts resolve the project as they do unbundled.
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'js' };
    });
    b.onResolve({ filter: /\.js$/ }, (args) =>
      args.kind === 'dynamic-import' && LEFT_OUT.test(join(args.resolveDir, args.path)) ? { path: join(args.resolveDir, args.path), external: true } : undefined,
    );
  },
};

function fail(step: string, detail: string): never {
  rmSync(BLOB, { force: true });
  rmSync(STAMP, { force: true });
  process.stderr.write(`warning: no startup snapshot (${step}: ${detail.trim().split('\n').slice(-3).join(' / ')}); talks starts without it\n`);
  process.exit(0);
}

const started = performance.now();
mkdirSync(OUT, { recursive: true });
rmSync(STAMP, { force: true });
try {
  const result = await build({
    entryPoints: [ENTRY],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node}`,
    // `import()` has no loader inside a snapshot; the terminal renderer is bundled and required instead.
    supported: { 'dynamic-import': false },
    plugins: [plugin],
    metafile: true,
    logLevel: 'silent',
  });
  const forbidden = Object.keys(result.metafile.inputs).filter((f) => FORBIDDEN.test(f));
  if (forbidden.length > 0) fail('bundle', `build-time modules got in: ${forbidden.slice(0, 3).join(', ')}`);
} catch (err) {
  fail('bundle', err instanceof Error ? err.message : String(err));
}

const tmp = `${BLOB}.tmp`;
const made = spawnSync(process.execPath, ['--snapshot-blob', tmp, '--build-snapshot', BUNDLE], { cwd: PROJECT_ROOT, encoding: 'utf8' });
// Node says which built-in modules it has not verified for snapshots; we load none it warns about at run time.
if (made.status !== 0) fail('node --build-snapshot', made.stderr || `exit ${made.status}`);
renameSync(tmp, BLOB);

const stamp = spawnSync('sh', [LAUNCHER], { env: { ...process.env, TALKS_PRINT_STAMP: '1' }, encoding: 'utf8' });
if (stamp.status !== 0) fail('stamp', stamp.stderr || `exit ${stamp.status}`);
writeFileSync(STAMP, stamp.stdout);
process.stdout.write(`startup snapshot built (${Math.round(performance.now() - started)} ms)\n`);
