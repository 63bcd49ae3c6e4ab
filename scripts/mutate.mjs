/* global process, console */
// npm run mutate -- <module> [<module> …] [--tests a.test.ts,b.test.ts]
// Mutates the modules (StrykerJS) against the tests that import them from the mirrored folder under tests/
// (src/core/windows.ts: tests/core/*.test.ts importing core/windows.js), or the tests named.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const args = process.argv.slice(2);
const at = args.indexOf('--tests');
const named = at >= 0 ? args.splice(at, 2)[1] : undefined;
const modules = args.flatMap((a) => a.split(',')).filter(Boolean);
if (modules.length === 0) {
  console.error('usage: npm run mutate -- src/core/windows.ts [more modules] [--tests tests/core/windows.test.ts]');
  process.exit(2);
}

function testsIn(dir) {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

function testsOf(module) {
  const mirror = join('tests', relative('src', dirname(module)));
  const imported = `${basename(module, '.ts')}.js'`;
  return testsIn(mirror).filter((t) => readFileSync(t, 'utf8').includes(imported));
}

const tests = named ? named.split(',') : [...new Set(modules.flatMap(testsOf))];
if (tests.length === 0) {
  console.error(`mutate: no test under tests/ imports ${modules.join(', ')}; name them with --tests`);
  process.exit(2);
}
console.error(`mutate: ${modules.join(', ')} against ${tests.join(', ')}`);
const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', '--mutate', modules.join(',')], {
  stdio: 'inherit',
  env: { ...process.env, MUTATE_TESTS: tests.join(',') },
});
process.exit(run.status ?? 1);
