/**
 * The offline playground (`npm start` without a token, the built JavaScript) shaping a summary: a person types the
 * number of a menu's option as they would a button's, reading each reply before typing the next line.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROOT, tempDir } from '../support/seeds.js';

const START = join(ROOT, 'dist', 'src', 'start.js');
let child: ChildProcessWithoutNullStreams | null = null;

afterEach(() => {
  child?.kill('SIGTERM');
  child = null;
});

/** The playground as a process: what it printed so far, and a way to type a line once it printed `after`. */
function playground() {
  const proc = spawn(process.execPath, [START], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', DATA_DIR: tempDir('playground-summary') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child = proc;
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  return {
    output: () => out,
    exited,
    /** Waits until the output holds `count` matches of `pattern`, then returns what follows the last line typed. */
    async waitFor(pattern: RegExp, count = 1): Promise<string> {
      await vi.waitFor(() => expect(out.match(new RegExp(pattern, 'g'))?.length ?? 0).toBeGreaterThanOrEqual(count), {
        timeout: 20_000,
        interval: 50,
      });
      return out.slice(out.lastIndexOf('you> '));
    },
    type(line: string): void {
      proc.stdin.write(`${line}\n`);
    },
    end(): void {
      proc.stdin.end();
    },
  };
}

/** The options listed under a menu's placeholder in the last reply: number and first words. */
function optionsUnder(reply: string, placeholder: string): Array<{ number: number; words: string }> {
  const lines = reply.split('\n');
  const start = lines.findIndex((l) => l.startsWith(placeholder));
  const options: Array<{ number: number; words: string }> = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    const m = /^ {2}\[(\d+)\] “(.{20})/.exec(line);
    if (m?.[1] && m[2]) options.push({ number: Number(m[1]), words: m[2] });
  }
  return start < 0 ? [] : options;
}

/** The footnote marks of the quotes drawn in an embed (`┃ “…” [n]`), in order. */
function marks(drawn: string): number[] {
  return [...drawn.matchAll(/” \[(\d+)\]$/gm)].map((m) => Number(m[1]));
}

describe('npm start without a token: shaping a summary', () => {
  it('drops a quote and adds another by their numbers, then Post [1] posts exactly that preview, footnotes 1..n', async () => {
    const p = playground();
    // Without a terminal, the playground starts on the first line typed.
    p.type('/talks summary topic:mediation');
    const first = await p.waitFor(/Post it to #general\?/);
    const drops = optionsUnder(first, 'Drop a quote');
    expect(drops.length).toBeGreaterThan(1);
    // Buttons keep their numbers: Post is [1], whatever the menus offer; the options follow them.
    expect(first).toMatch(/\[1\] Post to channel {2}\[2\] Cancel/);
    expect(drops[0]?.number).toBe(3);

    const dropped = drops[0];
    p.type(String(dropped?.number));
    const second = await p.waitFor(/Post it to #general\?/, 2);
    expect(optionsUnder(second, 'Drop a quote').length).toBeLessThan(drops.length);
    expect(second.slice(0, second.indexOf('Drop a quote'))).not.toContain(dropped?.words);

    const offered = optionsUnder(second, 'Add a quote')[0];
    if (!offered) throw new Error('nothing offered to add');
    p.type(String(offered.number));
    const third = await p.waitFor(/Post it to #general\?/, 3);
    const preview = third.slice(third.indexOf('┃ Summary: mediation'), third.indexOf('Drop a quote'));
    expect(preview).toContain(offered.words);
    const shown = marks(preview);
    expect(shown.filter((n, i) => shown.indexOf(n) === i)).toEqual(Array.from({ length: Math.max(...shown) }, (_, i) => i + 1));

    p.type('1');
    const posted = await p.waitFor(/#general — the bot posted:/);
    const drawn = posted.slice(posted.indexOf('┃ Summary: mediation'));
    // What the channel shows is the preview approved, line for line (its reader links included).
    expect(drawn.trimEnd()).toBe(preview.trimEnd());
    p.end();
    expect(await p.exited).toBe(0);
  }, 60_000);
});
