/**
 * The entry points as processes of the built JavaScript (npm test builds first), other than the `talks` command
 * (tests/cli/): what `npm run serve` loads, the Node.js version check, configuration errors, `npm start` without
 * a token, and the benchmark scripts' usage.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ENGINES_NODE, nodeVersionProblem } from '../../src/runtime/node-version.js';
import { ROOT, tempDir } from '../support/seeds.js';

const BIN = join(ROOT, 'dist', 'src', 'bin', 'talks.js');
const START = join(ROOT, 'dist', 'src', 'start.js');
const OFFLINE_LINE = 'DISCORD_TOKEN is not set, so this is the offline playground: a local Discord emulator, nothing leaves this machine.';

describe('what npm run serve loads', () => {
  it('npm run serve loads the REST client and the builders, never discord.js (its gateway Client) nor @discordjs/ws', async () => {
    const file = join(tempDir('imports'), 'imports.txt');
    const child = spawn(
      process.execPath,
      ['--import', join(ROOT, 'tests', 'support', 'record-imports.mjs'), join(ROOT, 'dist', 'src', 'bin', 'serve.js')],
      {
        env: {
          PATH: process.env.PATH ?? '',
          RECORD_IMPORTS: file,
          DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
          DISCORD_TOKEN: `${'a'.repeat(24)}.abcdef.${'b'.repeat(27)}`,
          PORT: '0',
          HOST: '127.0.0.1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await vi.waitFor(() => expect(out).toContain('listening on http://127.0.0.1:'), { timeout: 15_000, interval: 50 });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const loaded = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(loaded.some((u) => u.includes('/@discordjs/rest/'))).toBe(true);
    expect(loaded.some((u) => u.includes('/@discordjs/builders/'))).toBe(true);
    expect(loaded.some((u) => u.endsWith('/dist/src/http/server.js'))).toBe(true);
    expect(loaded.filter((u) => /\/discord\.js\/|\/@discordjs\/ws\/|\/dist\/src\/discord\/(gateway|run)\.js$/.test(u))).toEqual([]);
  }, 30_000);
});

describe('the Node.js version', () => {
  it('package.json states the floor the code checks', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(ENGINES_NODE);
    expect(ENGINES_NODE).toBe('^20.19.0 || ^22.13.0 || >=24');
    expect(['20.19.0', '20.20.2', '22.13.0', '22.20.1', '24.0.0', '25.1.0'].map(nodeVersionProblem)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    for (const old of ['18.20.4', '20.12.0', '20.18.3', '21.7.3', '22.12.0', '23.11.0'])
      expect(nodeVersionProblem(old), old).toMatch(
        new RegExp(
          `^peace-talks-bot needs Node\\.js 20\\.19\\+, 22\\.13\\+, 24 or later; this is Node\\.js ${old.replaceAll('.', '\\.')}$`,
        ),
      );
  });

  it.each([
    ['talks', [BIN, 'search', 'grain deal']],
    ['npm start', [START]],
    ['npm run serve', [join(ROOT, 'dist', 'src', 'bin', 'serve.js')]],
  ])('%s on an older Node stops with one clear line, exit 1', (_label, args) => {
    const r = spawnSync(process.execPath, ['--import', join(ROOT, 'tests', 'support', 'fake-node-version.mjs'), ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', FAKE_NODE_VERSION: '20.12.0', DISCORD_PUBLIC_KEY: 'ab'.repeat(32) },
      timeout: 15_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('peace-talks-bot needs Node.js 20.19+, 22.13+, 24 or later; this is Node.js 20.12.0\n');
    expect(r.stdout).toBe('');
  });
});

/**
 * A process run to its end without blocking this worker: a spawnSync of many seconds (npm and tsx starting,
 * the playground) starves vitest's own messages on a loaded machine.
 */
function runAsync(
  command: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: options.env ?? { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

describe('the benchmark scripts', () => {
  it.each(['bench', 'soak'])(
    'npm run %s -- --help prints the usage and runs nothing, not even the build',
    async (script) => {
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
      const r = await runAsync('npm', ['run', script, '--', '--help'], { env });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: npm run ${script} [-- --help]`);
      expect(r.stdout).not.toContain('tsc -p');
      const bad = await runAsync('npm', ['run', '--silent', script, '--', '--frobnicate'], { env });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toBe(`${script}: Unknown option '--frobnicate' (try --help)\n`);
    },
    120_000,
  );
});

describe('configuration errors', () => {
  it.each([
    [{ PORT: 'abc' }, 'config: PORT must be a port number (0–65535)'],
    [{ LOG_LEVEL: 'loud' }, 'config: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
  ])('npm run serve with %o: one line naming the variable, exit 1', (env, line) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'bin', 'serve.js')], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DISCORD_PUBLIC_KEY: 'ab'.repeat(32), ...env },
      timeout: 15_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${line}\n`);
  });
});

describe('npm start without a Discord token', () => {
  it('with no terminal and no command on stdin (a deployment that forgot DISCORD_TOKEN): that one line, exit 1', async () => {
    for (const input of ['', '\n  \n']) {
      const r = await runAsync(process.execPath, [START], { input });
      expect(r).toEqual({ status: 1, stdout: '', stderr: `${OFFLINE_LINE}\n` });
    }
  });

  it('opens the offline playground: the real bot on the local emulator, replies drawn in the terminal', async () => {
    const searches = Array.from({ length: 8 }, (_, i) => `/talks search grain deal ${i}`);
    const r = await runAsync(process.execPath, [START], {
      input: [
        '/talks search grain deal',
        '2',
        'grain deal Odessa',
        '/talks summary topic:mediation',
        '1',
        ...searches,
        '/talks sources',
        '',
      ].join('\n'),
    });
    expect(r.status).toBe(0);
    // Why this is the playground, on stderr, first.
    expect(r.stderr.split('\n')[0]).toBe(OFFLINE_LINE);
    expect(r.stdout).toContain('offline playground');
    // The search reply: quotes and citations, with numbered buttons.
    expect(r.stdout).toMatch(/you> \/talks search grain deal\n┃ 1\. /);
    expect(r.stdout).toMatch(/\[2\] Next ▶/);
    // Pressing [2] pages to results 4–6.
    expect(r.stdout).toMatch(/you> 2\n┃ 4\. /);
    // Plain text is a search too.
    expect(r.stdout).toMatch(/you> grain deal Odessa\n┃ 1\. /);
    // One channel, one name throughout; a posted summary drawn once where it was posted (and once as the preview).
    expect(r.stdout).toContain('You are a moderator in #general.');
    expect(r.stdout).toContain('Post it to #general?');
    const posted = /you> 1\n\(only you can see this\)\nPosted to #general\.\n\n#general — the bot posted:\n┃ Summary: mediation/;
    expect(r.stdout).toMatch(posted);
    expect(r.stdout).not.toContain('#channel');
    expect(r.stdout.match(/┃ Summary: mediation/g)).toHaveLength(2);
    // The only user is never rate-limited: every one of the searches in a row is answered.
    expect(r.stdout).not.toContain('Slow down');
    for (const q of searches) expect(r.stdout).toContain(`you> ${q}\n┃ 1. `);
    // /talks sources lists the library: checked in its own reply, not in text an earlier reply printed.
    const sources = r.stdout.slice(r.stdout.indexOf('you> /talks sources\n'));
    expect(sources).toMatch(/^you> \/talks sources\n┃ The library\n/);
    for (const id of ['conversation-2022', 'parish-2025', 'illusion-of-diplomacy-2023', 'jacobin-2022', 'early-mediation-2024'])
      expect(sources).toContain(`┃ \`${id}\` · `);
  }, 60_000);

  it("/library add file: attaches a local file through the emulator's CDN; after Add, /talks search finds it, under DATA_DIR", async () => {
    const dir = tempDir('playground-library');
    const article = join(dir, 'vellstrand.md');
    // Invented for this test: "vellstrand" is in no seed, so only this article can answer it.
    writeFileSync(
      article,
      [
        '# Vellstrand ferry talks (invented)',
        '',
        'By Oona Marchetti',
        '',
        'Published 9 March 2026',
        '',
        'GALATI, 9 March 2026 (Invented Wire) — Delegations agreed to reopen the Vellstrand ferry crossing on the Danube for ' +
          'civilian traffic, mediators said on Monday.',
        '',
        'The Vellstrand crossing closed in 2024; under the draft, inspectors from both sides would check every ferry at the landing.',
        '',
        'The mediators said a second round would settle the timetable before the spring floods.',
        '',
      ].join('\n'),
    );
    const data = join(dir, 'data');
    const r = await runAsync(process.execPath, [START], {
      input: ['/talks search vellstrand ferry', `/library add file:${article}`, '1', '/talks search vellstrand ferry', ''].join('\n'),
      env: { PATH: process.env.PATH ?? '', DATA_DIR: data },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Articles added with /library are kept in ${join(data, 'library.sqlite')}`);
    // The transcript from each command typed on: the search before, the add and its press, the search after.
    const first = r.stdout.indexOf('you> /talks search vellstrand ferry\n');
    const add = r.stdout.indexOf('you> /library add ', first);
    const again = r.stdout.indexOf('you> /talks search vellstrand ferry\n', add);
    expect(
      [first, add, again].every((at) => at >= 0),
      r.stdout,
    ).toBe(true);
    const [before, adding, searching] = [r.stdout.slice(first, add), r.stdout.slice(add, again), r.stdout.slice(again)];
    // Before: nothing answers it.
    expect(before).toMatch(/^you> \/talks search vellstrand ferry\n\(only you can see this\)\nNothing in the library matches/);
    // The deferred preview is drawn once the bot's edit arrives, with its buttons numbered; [1] is Add.
    expect(adding).toMatch(/^you> \/library add file:\S+vellstrand\.md\n\(Peace Talks Bot is thinking…\)\n\(only you can see this\)\n/);
    expect(adding).toContain('┃ Preview: Vellstrand ferry talks (invented)');
    expect(adding).toContain('Oona Marchetti');
    expect(adding).toMatch(/\[1\] Add to the library {2}\[2\] Edit details {2}\[3\] Cancel/);
    // Pressing [1] adds it: the deferred update is drawn too.
    expect(adding).toMatch(
      /\nyou> 1\n\(only you can see this\)\nAdded Vellstrand ferry talks \(invented\) as\s+`vellstrand-ferry-talks-invented-2026`/,
    );
    // The same search now quotes it, first.
    expect(searching).toMatch(/^you> \/talks search vellstrand ferry\n┃ 1\. Vellstrand ferry talks \(invented\)\n/);
    expect(searching).toContain('vellstrand-ferry-talks-invented-2026#p');
    // Kept where DATA_DIR says, not in the project.
    expect(existsSync(join(data, 'library.sqlite'))).toBe(true);
  }, 90_000);

  it('asks a form a field a line (Enter keeps a value), and Cancel and the Remove confirm work', async () => {
    const dir = tempDir('playground-forms');
    const article = join(dir, 'note.txt');
    writeFileSync(
      article,
      'Brindlemoor crossing talks (invented)\n\nBy Tomas Reyes\n\nPublished 2 April 2026\n\n' +
        'The delegations met at Brindlemoor to discuss a crossing for civilian convoys, the mediators said on Thursday.\n\n' +
        'A second meeting is planned for May, when the convoy timetable would be settled.\n',
    );
    const r = await runAsync(process.execPath, [START], {
      // Edit details ([2]): a new title, Enter for the other four fields; then Cancel ([3]); then remove a seed, confirmed.
      input: [
        `/library add file:${article}`,
        '2',
        'Brindlemoor convoy talks',
        '',
        '',
        '',
        '',
        '3',
        '/library remove source:parish-2025',
        '1',
        '/talks sources',
        '',
      ].join('\n'),
      env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'data') },
    });
    expect(r.status, r.stderr).toBe(0);
    const form = r.stdout.slice(r.stdout.indexOf('you> 2\n'));
    expect(form).toMatch(/^you> 2\n\(a form: only you can see it\)\n┌ Details of the article\n/);
    expect(form).toContain('  Title* [Brindlemoor crossing talks (invented)]: Brindlemoor convoy talks\n');
    expect(form).toContain('  Authors (comma-separated) [Tomas Reyes]: \n');
    // Submitted: the preview is drawn again with the new title and the author kept.
    expect(form).toMatch(/└ submitted\n\(only you can see this\)\nPreview, with your details\./);
    expect(form).toContain('┃ Brindlemoor convoy talks\n');
    expect(form).toContain('┃ Tomas Reyes\n');
    expect(r.stdout).toMatch(/you> 3\n\(only you can see this\)\nCancelled: nothing was added\./);
    expect(r.stdout).toMatch(/you> \/library remove source:parish-2025\n\(only you can see this\)\nRemove .*\n[\s\S]*?\[1\] Remove\n/);
    expect(r.stdout).toMatch(/you> 1\n\(only you can see this\)\nRemoved [^]*?\(`parish-2025`\) from answers and pages\./);
    // Removed means gone: the library listed after it holds the other seeds, not that one.
    const after = r.stdout.slice(r.stdout.indexOf('you> /talks sources\n'));
    expect(after).toMatch(/^you> \/talks sources\n┃ The library\n/);
    expect(after).toContain('┃ `jacobin-2022` · ');
    expect(after).not.toContain('parish-2025');
  }, 90_000);
});
