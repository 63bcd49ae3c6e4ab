/** The `talks` CLI end to end, as a subprocess of the built JavaScript (npm test builds first). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src/core/search.js';
import type { SourceSummary } from '../../src/core/sources-list.js';
import type { SummaryAnswer } from '../../src/core/summary/index.js';
import type { Citation } from '../../src/core/types.js';
import { match } from '../support/matchers.js';
import { ROOT, tempDir } from '../support/seeds.js';

const BIN = join(ROOT, 'dist', 'src', 'bin', 'talks.js');

function talks(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The documented `--json` shapes (src/render/json.ts), as far as these tests read them. */
interface SearchJson {
  query: string;
  results: SearchResult[];
  confidence?: string;
  error?: { problem: string; message: string };
}
interface TimelineJson {
  events: Array<{ date: string; precision: string; text: string; citations: Citation[] }>;
  match?: { found: boolean; unmatched: string[] };
}
interface SourcesJson {
  sources: SourceSummary[];
}

describe('what a one-shot command loads', () => {
  it('search loads the snapshot, never discord.js nor the build-time modules (date parser, manifest schema)', () => {
    const file = join(tempDir('imports'), 'imports.txt');
    const r = spawnSync(
      process.execPath,
      ['--import', join(ROOT, 'tests', 'support', 'record-imports.mjs'), BIN, 'search', 'grain deal', '--json'],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', RECORD_IMPORTS: file },
      },
    );
    expect(r.status).toBe(0);
    const loaded = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    // The recorder sees the modules the command does use.
    expect(loaded.some((u) => u.includes('/minisearch/'))).toBe(true);
    expect(loaded.some((u) => u.endsWith('/dist/src/core/search.js'))).toBe(true);
    expect(
      loaded.filter((u) =>
        /discord\.js|@discordjs|\/zod\/|chrono-node|\/pino\/|\/core\/(library|manifest)\.js$|\/core\/dates\/(?!calendar\.js)/.test(u),
      ),
    ).toEqual([]);
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
    const data = JSON.parse(out) as SearchJson;
    expect(data.query).toBe('grain deal');
    expect(data.results).toHaveLength(3);
    expect(['high', 'low']).toContain(data.confidence);
    for (const r of data.results) {
      expect(Object.keys(r)).toEqual(['id', 'score', 'excerpt', 'highlights', 'citation', 'match']);
      expect(r.match).toBeGreaterThan(0);
      expect(r.match).toBeLessThanOrEqual(1);
      expect(r.citation).toMatchObject({
        sourceId: match.any(String),
        title: match.any(String),
        paragraph: match.any(Number),
        passageId: r.id,
      });
      for (const [s, e] of r.highlights) expect(r.excerpt.slice(s, e).length).toBe(e - s);
    }
  });

  it('--stdin answers one JSON line per input line, strange lines included', () => {
    const input = ['grain deal', '', 'x'.repeat(2000), 'what is it', 'Kiev'].join('\n') + '\n';
    const { code, out } = talks(['search', '--stdin', '--json'], input);
    expect(code).toBe(0);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as SearchJson);
    expect(lines).toHaveLength(5);
    expect(lines[0]?.results.length).toBeGreaterThan(0);
    expect(lines[1]?.error?.problem).toBe('empty');
    expect(lines[2]?.error?.problem).toBe('too-long');
    expect(lines[3]?.error?.problem).toBe('no-terms');
    expect(lines[4]?.results.length).toBeGreaterThan(0);
  });

  it.each([
    ['search ""', ['search', ''], /^talks: Ask a question/],
    ['search <10,000 characters>', ['search', 'x'.repeat(10_000)], /^talks: That question is 10,000 characters long/],
    ['search "what is it about"', ['search', 'what is it about'], /^talks: That question has no words to search for/],
    ['search "what is it about" --json', ['search', 'what is it about', '--json'], /^talks: That question has no words to search for/],
    ['search', ['search'], /^talks: what should I search for/],
    ['search grain --limit lots', ['search', 'grain', '--limit', 'lots'], /^talks: --limit must be a whole number/],
    ['search grain --limit -1', ['search', 'grain', '--limit', '-1'], /^talks: --limit must be a whole number from 1 to \d+ \(got "-1"\)/],
    ['timeline --limit -5', ['timeline', '--limit', '-5'], /^talks: --limit must be a whole number from 1 to 500 \(got "-5"\)/],
    ['search grain --source nope', ['search', 'grain', '--source', 'nope'], /^talks: unknown source "nope"/],
    ['search grain --frobnicate', ['search', 'grain', '--frobnicate'], /^talks: unknown option --frobnicate \(see talks search --help\)$/m],
    ['search grain --limti 3', ['search', 'grain', '--limti', '3'], /^talks: unknown option --limti \(did you mean --limit\?\)$/m],
    ['serch grain', ['serch', 'grain'], /^talks: unknown command "serch" \(did you mean "search"\?\)$/m],
    ['search grain --source', ['search', 'grain', '--source'], /^talks: --source needs a value/],
    ['sources --json=yes', ['sources', '--json=yes'], /^talks: --json takes no value/],
    [
      'search grain --seeds /nonexistent',
      ['search', 'grain', '--seeds', '/nonexistent'],
      /^talks: --seeds: "\/nonexistent" is not a folder/,
    ],
    ['sources extra', ['sources', 'extra'], /^talks: sources takes no arguments \(got "extra"\)/],
    ['session now', ['session', 'now'], /^talks: session takes no arguments/],
    ['summary x --limit 3', ['summary', 'x', '--limit', '3'], /^talks: summary does not take --limit/],
    ['sources --stdin', ['sources', '--stdin'], /^talks: sources does not take --stdin/],
    ['timeline --source jacobin-2022', ['timeline', '--source', 'jacobin-2022'], /^talks: timeline does not take --source/],
    ['summary "what is it"', ['summary', 'what is it'], /^talks: That question has no words to search for/],
    ['help nope', ['help', 'nope'], /^talks: no help for "nope"/],
    ['frobnicate', ['frobnicate'], /^talks: unknown command/],
  ])('talks %s exits 2 with one line on stderr, never a stack trace', (_label, args, message) => {
    const { code, out, err } = talks(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.endsWith('\n')).toBe(true);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(out + err).not.toMatch(/\n\s+at /);
    // Whatever follows on stdout (examples to copy, or the JSON asked for) is short: nothing echoed whole.
    expect(out.length).toBeLessThan(2000);
  });

  it('--json says a question in Cyrillic was searched in English, found or not', () => {
    const found = JSON.parse(talks(['search', 'Що сталося в Стамбулі?', '--json', '--limit', '1']).out) as SearchJson & {
      scope?: { kind: string; names: Array<{ to: string }> };
    };
    expect(found.scope).toMatchObject({ kind: 'transliterated', names: [{ to: 'Istanbul' }] });
    const none = talks(['search', 'де мир', '--json']);
    expect(none.code).toBe(1);
    expect((JSON.parse(none.out) as { scope?: { kind: string } }).scope).toMatchObject({ kind: 'transliterated' });
  });

  it('a question that finds nothing is an answer, not an error: on stdout, exit 1', () => {
    const { code, out, err } = talks(['search', 'xylophone quokka']);
    expect(code).toBe(1);
    expect(out).toMatch(/^Nothing in the library matches “xylophone quokka”/);
    expect(err).toBe('');
  });

  it('ends quietly when its output pipe closes (… | head -1)', () => {
    // 3,000 queries write megabytes: far more than the pipe holds once head has its line and exits.
    const r = spawnSync(
      'bash',
      [
        '-c',
        `yes "grain deal" | head -3000 | "${process.execPath}" "${BIN}" search --stdin --json | head -1; ` +
          `echo "talks exited \${PIPESTATUS[2]}"`,
      ],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
        // Not a socket on stdin: bash would take itself for a remote shell and read ~/.bashrc.
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(r.stdout).toMatch(/^\{"query":"grain deal"/);
    expect(r.stdout).toContain('talks exited 0');
    expect(r.stderr).toBe('');
  });

  it('--stdin clips a refused query it echoes: a 1 MB line comes back as one short record', () => {
    const { code, out } = talks(['search', '--stdin', '--json'], `${'x'.repeat(1024 * 1024)}\ngrain deal\n`);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.length).toBeLessThan(2000);
    const record = JSON.parse(lines[0] ?? '{}') as { query: string; error: { problem: string; message: string } };
    expect(record.error.problem).toBe('too-long');
    expect(record.error.message).toMatch(/1,048,576 characters long/);
    expect(record.query).toBe(`${'x'.repeat(300)}…`);
  });

  it.each([['--version'], ['-v']])('%s prints the version', (flag) => {
    const { code, out } = talks([flag]);
    expect(code).toBe(0);
    expect(out).toBe(`talks ${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('--help describes every command and option', () => {
    const main = talks(['--help']);
    expect(main.code).toBe(0);
    for (const word of ['search', 'session', '--seeds']) expect(main.out).toContain(word);
    const sub = talks(['search', '--help']);
    for (const word of ['--limit', '--json', '--stdin', '--source', 'NO_COLOR', 'Exit codes']) expect(sub.out).toContain(word);
  });

  it('reports a broken seed file by name and answers from the rest', async () => {
    const { copyFileSync, writeFileSync } = await import('node:fs');
    const dir = tempDir('cli');
    copyFileSync(join(ROOT, 'seeds', '003_2360bc79734d53f8.txt'), join(dir, '003_2360bc79734d53f8.txt'));
    writeFileSync(join(dir, 'broken.txt'), Buffer.from([0, 1, 2, 3]));
    // Latin-1: read as Windows-1252, with a warning naming the file.
    writeFileSync(
      join(dir, 'latin1.txt'),
      Buffer.from('Café talks in Genève\n\nDelegates met at a café in Genève to discuss the grain deal.\n', 'latin1'),
    );
    const { code, out, err } = talks(['search', 'grain deal', '--seeds', dir, '--limit', '1']);
    expect(code).toBe(0);
    expect(err).toMatch(/^warning: broken\.txt: skipped: not a text file/m);
    expect(err).toMatch(/^warning: latin1\.txt: not valid UTF-8: read as Windows-1252 \(Latin-1\)/m);
    expect(out).toMatch(/#p\d+/);
    const latin = talks(['search', 'café Genève', '--seeds', dir, '--limit', '1', '--json']);
    expect((JSON.parse(latin.out) as SearchJson).results[0]?.excerpt).toContain('a café in Genève');
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
    const data = JSON.parse(out) as TimelineJson;
    expect(data.events.length).toBeGreaterThan(0);
    const dates = data.events.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    for (const e of data.events) {
      expect(e).toMatchObject({ date: match.stringMatching(/^2022/), precision: match.any(String), text: match.any(String) });
      expect(e.text.length).toBeGreaterThanOrEqual(20);
      expect(e.text.length).toBeLessThanOrEqual(400);
      expect(e.citations[0]).toMatchObject({ sourceId: match.any(String), paragraph: match.any(Number) });
    }
    // With a topic, whether the library is about it, and which of its words no passage mentions.
    expect(data.match).toEqual({ found: true, unmatched: [] });
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
    const json = JSON.parse(talks(['summary', 'grain deal', '--json']).out) as SummaryAnswer;
    expect(json.kind).toBe('summary');
    expect(json.sources.length).toBeGreaterThan(0);
  });

  it('sources lists every article with its metadata and counts', () => {
    const { code, out } = talks(['sources', '--json']);
    expect(code).toBe(0);
    const { sources } = JSON.parse(out) as SourcesJson;
    expect(sources).toHaveLength(5);
    for (const s of sources) {
      expect(s.meta).toMatchObject({ id: match.any(String), title: match.any(String), file: match.any(String) });
      expect(s.passages).toBeGreaterThan(0);
    }
    expect(talks(['sources']).out).toContain('dated events');
  });
});
