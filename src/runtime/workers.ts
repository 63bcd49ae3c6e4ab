/**
 * Worker threads for CPU work that must not stall answering (reading a hostile page, rebuilding the library).
 * Built, a worker runs its module's `.js` sibling; run from TypeScript sources (tests, tsx scripts), it loads the
 * `.ts` one through tsx, as its parent does, with no transform cache on disk (a test run leaves nothing behind).
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker running the module `name` (no extension) beside `from` (the caller's `import.meta.url`). */
export function spawnWorker(from: string, name: string, options: WorkerOptions = {}): Worker {
  if (!fileURLToPath(from).endsWith('.ts')) return new Worker(new URL(`./${name}.js`, from), options);
  // tsx's ESM entry, found from here (its package exports name a CommonJS file for require()).
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL(`./${name}.ts`, from).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, {
    ...options,
    eval: true,
    env: { ...process.env, ...(options.env as NodeJS.ProcessEnv | undefined), TSX_DISABLE_CACHE: '1' },
  });
}
