/**
 * bin/talks and its startup snapshot (src/cli/snapshot.ts): it must answer exactly as the plain entry point
 * does, start from the snapshot only while the snapshot matches the checkout, and fall back otherwise.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usesBundledLibrary } from '../src/cli/run.js';
import { ROOT } from './helpers.js';

const FROM_SNAPSHOT = 'talks: started from the startup snapshot\n';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function run(command: string, args: string[], options: { env?: Record<string, string>; input?: string; root?: string } = {}): Run {
  const root = options.root ?? ROOT;
  const [file, argv] = command === 'launcher' ? [join(root, 'bin', 'talks'), args] : [process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), ...args]];
  const r = spawnSync(file, argv, {
    input: options.input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TALKS_DEBUG_START: '1', ...options.env },
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const launcher = (args: string[], options?: Parameters<typeof run>[2]): Run => run('launcher', args, options);
const plain = (args: string[], options?: Parameters<typeof run>[2]): Run => run('plain', args, options);

describe('bin/talks from the startup snapshot', () => {
  it('was built by npm run build', () => {
    expect(existsSync(join(ROOT, 'dist', 'talks', 'talks.blob'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist', 'talks', 'stamp'))).toBe(true);
  });

  it.each([
    [['search', 'grain deal', '--json']],
    [['search', 'Who tried to broker peace after the invasion?', '--limit', '2']],
    [['search', 'Kiev ceasefire', '--source', 'jacobin-2022', '--json']],
    [['search', 'xylophone quokka']],
    [['search', '']],
    [['search', 'grain', '--limit', 'lots']],
    [['frobnicate']],
    [['timeline', '--json']],
    [['timeline', 'Istanbul', '--from', '2022-03', '--to', 'June 2022']],
    [['summary', 'US Congress support for Ukraine', '--json']],
    [['summary', 'grain deal']],
    [['sources']],
    [['help', 'search']],
  ])('talks %j answers byte for byte as main.js does', (args) => {
    const fast = launcher(args);
    const slow = plain(args);
    expect(fast.err.startsWith(FROM_SNAPSHOT)).toBe(true);
    expect({ code: fast.code, out: fast.out, err: fast.err.slice(FROM_SNAPSHOT.length) }).toEqual(slow);
  });

  it('--stdin answers one JSON line per input line, as main.js does', () => {
    const input = ['grain deal', '', 'Kiev', 'x'.repeat(2000)].join('\n') + '\n';
    const fast = launcher(['search', '--stdin', '--json'], { input });
    expect(fast.err).toBe(FROM_SNAPSHOT);
    expect(fast.out).toBe(plain(['search', '--stdin', '--json'], { input }).out);
    expect(fast.out.trimEnd().split('\n')).toHaveLength(4);
  });

  it.each([
    ['TALKS_NO_SNAPSHOT', { TALKS_NO_SNAPSHOT: '1' }],
    ['NODE_OPTIONS (V8 flags would make node refuse the snapshot)', { NODE_OPTIONS: '--max-old-space-size=512' }],
    ['TALKS_NO_CACHE', { TALKS_NO_CACHE: '1' }],
  ])('starts plain with %s', (_name, env) => {
    const r = launcher(['search', 'grain deal', '--json', '--limit', '1'], { env });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).results).toHaveLength(1);
  });

  it('hands another seeds folder to main.js, which builds that library', () => {
    const dir = mkdtempSync(join(tmpdir(), 'talks-launcher-seeds-'));
    cpSync(join(ROOT, 'seeds', '003_2360bc79734d53f8.txt'), join(dir, 'only.txt'));
    const r = launcher(['search', 'grain deal', '--seeds', dir, '--json', '--limit', '1']);
    // Built now, by main.js: it warns that the folder has no manifest.
    expect(r.err).not.toContain(FROM_SNAPSHOT);
    expect(r.err).toMatch(/^warning: only\.txt: not in sources\.json/m);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results[0].citation.sourceId).toBe('only');
  });
});

describe('a stale startup snapshot is never used', () => {
  it('a moved checkout starts plain; rebuilt, it starts from its snapshot; an edited seed makes it stale again', () => {
    // A copy of the built checkout (node_modules linked, not copied).
    const copy = mkdtempSync(join(tmpdir(), 'talks-launcher-copy-'));
    for (const part of ['bin', 'dist', 'seeds', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const ask = ['search', 'zanzibar marmalade', '--json'];

    // The copied stamp names the original's paths.
    const moved = launcher(['search', 'grain deal', '--json'], { root: copy });
    expect(moved.err).toBe('');
    expect(moved.out).toBe(plain(['search', 'grain deal', '--json']).out);

    for (const step of ['build-index', 'build-snapshot']) {
      const built = spawnSync(process.execPath, [join(copy, 'dist', 'src', 'bin', `${step}.js`)], { encoding: 'utf8', cwd: copy });
      expect(built.status, built.stderr).toBe(0);
      expect(built.stderr).toBe('');
    }
    const rebuilt = launcher(ask, { root: copy });
    expect(rebuilt.err).toBe(FROM_SNAPSHOT);
    expect(rebuilt.code).toBe(1);

    // A new paragraph: the snapshot's library does not have it, so the launcher must not use it.
    appendFileSync(join(copy, 'seeds', '003_2360bc79734d53f8.txt'), '\n\nDelegates met in Zanzibar over marmalade.\n');
    const edited = launcher(ask, { root: copy });
    expect(edited.err).toBe('');
    expect(edited.code).toBe(0);
    expect(JSON.parse(edited.out).results[0].excerpt).toContain('Zanzibar');
  }, 60_000);
});

describe('which runs the bundled library answers', () => {
  it.each([
    [['search', 'grain'], {}, true],
    [['timeline', '--json'], {}, true],
    [['search', '--limit'], {}, true],
    [['session'], {}, false],
    [['search', 'grain', '--seeds', '/tmp/x'], {}, false],
    [['search', 'grain', '--seeds=/tmp/x'], {}, false],
    [['search', 'grain'], { TALKS_SEEDS_DIR: '/tmp/x' }, false],
    [['search', 'grain'], { TALKS_NO_CACHE: '1' }, false],
  ])('%j with %j: %s', (argv, env, expected) => {
    expect(usesBundledLibrary(argv, env)).toBe(expected);
  });
});
