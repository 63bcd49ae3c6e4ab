/**
 * The README's examples print what the product prints (issue 21): every `text` block that opens with
 * `$ npx talks …` is run with the built command, piped (no colour, 80 columns), and must be the start of what it
 * prints, line for line. A line ending in " …" stands for the rest of that line, cut in the README for room.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/seeds.js';

const BIN = join(ROOT, 'dist', 'src', 'bin', 'talks.js');

/** Each README example: its command's arguments, as a shell would split them, and the lines shown under it. */
function examples(): Array<{ command: string; args: string[]; shown: string[] }> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```text\n\$ npx talks (.+)\n([\s\S]*?)```/g)].map(([, command = '', body = '']) => ({
    command,
    args: [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? ''),
    shown: body.replace(/\n$/, '').split('\n'),
  }));
}

describe('the README', () => {
  const found = examples();

  it('has examples of the talks command', () => {
    expect(found.map((e) => e.args[0])).toEqual(expect.arrayContaining(['search', 'timeline']));
  });

  it.each(found.map((e) => [e.command, e] as const))('prints what `talks %s` prints', (_, { args, shown }) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.status).toBe(0);
    // A line cut with " …" is compared on the words before it.
    const kept = shown.map((line) => (line.endsWith(' …') ? line.slice(0, -2) : line));
    const printed = r.stdout.split('\n').slice(0, shown.length);
    expect(printed.map((line, i) => (shown[i]?.endsWith(' …') ? line.slice(0, kept[i]?.length) : line))).toEqual(kept);
  });
});
