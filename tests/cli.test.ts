/** The `talks` CLI end to end, as a subprocess of the built JavaScript (npm test builds first). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const START = join(ROOT, 'dist', 'src', 'start.js');

function talks(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('what a one-shot command loads', () => {
  it('search loads the snapshot, never discord.js nor the build-time modules (date parser, manifest schema)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'talks-imports-')), 'imports.txt');
    const r = spawnSync(process.execPath, ['--import', join(ROOT, 'tests', 'support', 'record-imports.mjs'), BIN, 'search', 'grain deal', '--json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', RECORD_IMPORTS: file },
    });
    expect(r.status).toBe(0);
    const loaded = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    // The recorder sees the modules the command does use.
    expect(loaded.some((u) => u.includes('/minisearch/'))).toBe(true);
    expect(loaded.some((u) => u.endsWith('/dist/src/core/search.js'))).toBe(true);
    expect(loaded.filter((u) => /discord\.js|@discordjs|\/zod\/|chrono-node|\/pino\/|\/core\/(library|dates|manifest)\.js$/.test(u))).toEqual([]);
  });
});

describe('talks search', () => {
  it('prints readable, cited results without colour when piped', () => {
    const { code, out, err } = talks(['search', 'Who tried to broker peace after the invasion?', '--limit', '2']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/^1\. “/);
    expect(out).toMatch(/\n2\. “/);
    expect(out).not.toMatch(/\n3\. /);
    expect(out).toMatch(/— [\s\S]* · [\s\S]*¶\d+ · [a-z0-9-]+#p\d+/);
    expect(out).not.toContain('\u001b[');
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('--json prints the documented shape', () => {
    const { code, out } = talks(['search', 'grain deal', '--json', '--limit', '3']);
    expect(code).toBe(0);
    const data = JSON.parse(out);
    expect(data.query).toBe('grain deal');
    expect(data.results).toHaveLength(3);
    for (const r of data.results) {
      expect(Object.keys(r)).toEqual(['id', 'score', 'excerpt', 'highlights', 'citation']);
      expect(r.citation).toMatchObject({ sourceId: expect.any(String), title: expect.any(String), paragraph: expect.any(Number), passageId: r.id });
      for (const [s, e] of r.highlights) expect(r.excerpt.slice(s, e).length).toBe(e - s);
    }
  });

  it('--stdin answers one JSON line per input line, strange lines included', () => {
    const input = ['grain deal', '', 'x'.repeat(2000), 'what is it', 'Kiev'].join('\n') + '\n';
    const { code, out } = talks(['search', '--stdin', '--json'], input);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0].results.length).toBeGreaterThan(0);
    expect(lines[1].error.problem).toBe('empty');
    expect(lines[2].error.problem).toBe('too-long');
    expect(lines[3].error.problem).toBe('no-terms');
    expect(lines[4].results.length).toBeGreaterThan(0);
  });

  it.each([
    [['search', ''], 2, /Ask a question/],
    [['search', 'x'.repeat(2000)], 2, /2,000 characters long/],
    [['search', 'xylophone quokka'], 1, /Nothing in the library matches/],
    [['search'], 2, /what should I search for/],
    [['search', 'grain', '--limit', 'lots'], 2, /--limit must be a whole number/],
    [['search', 'grain', '--source', 'nope'], 2, /unknown source "nope"/],
    [['search', 'grain', '--frobnicate'], 2, /Unknown option '--frobnicate'/],
    [['frobnicate'], 2, /unknown command/],
  ])('talks %s exits %i with a one-line message, never a stack trace', (args, exit, message) => {
    const { code, out, err } = talks(args);
    expect(code).toBe(exit);
    expect(out + err).toMatch(message);
    expect(out + err).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    if (err) expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--help describes every command and option', () => {
    const main = talks(['--help']);
    expect(main.code).toBe(0);
    for (const word of ['search', 'session', '--seeds']) expect(main.out).toContain(word);
    const sub = talks(['search', '--help']);
    for (const word of ['--limit', '--json', '--stdin', '--source', 'NO_COLOR', 'Exit codes']) expect(sub.out).toContain(word);
  });

  it('reports a broken seed file by name and answers from the rest', async () => {
    const { mkdtempSync, copyFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'talks-cli-'));
    copyFileSync(join(ROOT, 'seeds', '003_2360bc79734d53f8.txt'), join(dir, '003_2360bc79734d53f8.txt'));
    writeFileSync(join(dir, 'broken.txt'), Buffer.from([0, 1, 2, 3]));
    const { code, out, err } = talks(['search', 'grain deal', '--seeds', dir, '--limit', '1']);
    expect(code).toBe(0);
    expect(err).toMatch(/^warning: broken\.txt: skipped: not a text file/m);
    expect(out).toMatch(/#p\d+/);
  });
});

describe('npm start without a Discord token', () => {
  it('opens the offline playground: the real bot on the local emulator, replies drawn in the terminal', () => {
    const r = spawnSync(process.execPath, [START], {
      input: '/talks search grain deal\n2\ngrain deal Odessa\n/talks sources\n',
      encoding: 'utf8',
      cwd: ROOT,
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('No DISCORD_TOKEN set');
    expect(r.stdout).toContain('offline playground');
    // The search reply: quotes and citations, with numbered buttons.
    expect(r.stdout).toMatch(/you> \/talks search grain deal\n┃ 1\. /);
    expect(r.stdout).toMatch(/\[2\] Next ▶/);
    // Pressing [2] pages to results 4–6.
    expect(r.stdout).toMatch(/you> 2\n┃ 4\. /);
    // Plain text is a search too; sources lists the library.
    expect(r.stdout).toMatch(/you> grain deal Odessa\n┃ 1\. /);
    expect(r.stdout).toContain('jacobin-2022');
  });
});

describe('talks timeline, summary and sources', () => {
  it('timeline prints at most ten cited, dated lines and counts the rest', () => {
    const { code, out } = talks(['timeline']);
    expect(code).toBe(0);
    const lines = out.split('\n').filter((l) => / — /.test(l));
    expect(lines.length).toBe(10);
    for (const l of lines) expect(l).toMatch(/^(\d{1,2}[–-]?\d{0,2} )?([A-Z][a-z]{2}[–-]?)*\s?\d{4}/);
    expect(out).toMatch(/\[[a-z0-9-]+ ¶\d+/);
    expect(out).toMatch(/^\+\d+ more/m);
  });

  it('timeline --json prints the documented shape, in date order', () => {
    const { code, out } = talks(['timeline', 'grain deal', '--from', '2022', '--to', 'August 2022', '--json']);
    expect(code).toBe(0);
    const data = JSON.parse(out);
    expect(data.events.length).toBeGreaterThan(0);
    const dates = data.events.map((e: { date: string }) => e.date);
    expect([...dates].sort()).toEqual(dates);
    for (const e of data.events) {
      expect(e).toMatchObject({ date: expect.stringMatching(/^2022/), precision: expect.any(String), text: expect.any(String) });
      expect(e.text.length).toBeGreaterThanOrEqual(20);
      expect(e.text.length).toBeLessThanOrEqual(400);
      expect(e.citations[0]).toMatchObject({ sourceId: expect.any(String), paragraph: expect.any(Number) });
    }
  });

  it.each([
    [['timeline', '--from', 'someday'], /--from must be a date/],
    [['timeline', '--from', '2023', '--to', '2022'], /is after --to/],
    [['summary'], /what should I summarize/],
  ])('talks %s is a one-line usage error', (args, message) => {
    const { code, err } = talks(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('summary prints footnoted sentences and the source list', () => {
    const { code, out } = talks(['summary', 'grain deal']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Summary: grain deal/);
    expect(out).toMatch(/\[1\]/);
    expect(out).toMatch(/^\[1\] [\s\S]*? · [a-z0-9-]+#p\d+/m);
    const json = JSON.parse(talks(['summary', 'grain deal', '--json']).out);
    expect(json.kind).toBe('summary');
    expect(json.sources.length).toBeGreaterThan(0);
  });

  it('sources lists every article with its metadata and counts', () => {
    const { code, out } = talks(['sources', '--json']);
    expect(code).toBe(0);
    const { sources } = JSON.parse(out);
    expect(sources).toHaveLength(5);
    for (const s of sources) {
      expect(s.meta).toMatchObject({ id: expect.any(String), title: expect.any(String), file: expect.any(String) });
      expect(s.passages).toBeGreaterThan(0);
    }
    expect(talks(['sources']).out).toContain('dated events');
  });
});
