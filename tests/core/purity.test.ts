/** The core is pure data in, data out: no I/O, no Discord. The edges (CLI, bot, site, seed reading) do the rest. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/seeds.js';

const CORE = join(ROOT, 'src', 'core');
const files = readdirSync(CORE, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const imports = (file: string): string[] =>
  [...readFileSync(join(CORE, file), 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map((m) => m[1] ?? '');

describe('the core', () => {
  it('has its modules in src/core', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files)('%s imports no I/O and nothing of the edges', (file) => {
    const from = imports(file);
    // node:crypto hashes; every other built-in module reaches outside the process (files, network, terminal, clock).
    expect(
      from.filter((m) => m.startsWith('node:') && m !== 'node:crypto'),
      'node modules',
    ).toEqual([]);
    expect(
      from.filter((m) => /^(?:discord\.js|@discordjs\/|pino|ws|dotenv|wrap-ansi)/.test(m)),
      'packages of the edges',
    ).toEqual([]);
    // Relative imports stay inside src/core.
    const depth = file.split(/[\\/]/).length - 1;
    expect(
      from.filter((m) => m.startsWith('../'.repeat(depth + 1))),
      'modules outside the core',
    ).toEqual([]);
    const code = readFileSync(join(CORE, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code, 'process, console or fetch').not.toMatch(/\b(?:process|console)\.|\bfetch\(/);
  });
});
