/**
 * `scripts/prerequisites.sh`, the first step of `npm test` and of `.ci/run`: it finds Chromium and redis-server,
 * installs what is missing with apt-get where it can, and otherwise stops with one line naming the command.
 * Each case runs the script with a PATH of fake commands only (`id`, `sudo`, `apt-get`, `redis-server`), so
 * nothing is installed and no network is used, whatever the machine has.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

const SCRIPT = join(import.meta.dirname, '../../scripts/prerequisites.sh');

interface Fakes {
  /** What `id -u` prints. */
  uid: string;
  /** Fake commands in the PATH: name → shell script body. */
  commands?: Record<string, string>;
  /** CHROMIUM_PATH, or (undefined) the script's default, pointed at a file that does not exist. */
  chromium?: string;
}

/** A folder for one test, removed when it ends. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'talks-prerequisites-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function executable(path: string, body: string): void {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

/** Runs the script with only the fake commands on the PATH; `log` is what the fakes wrote. */
function run({ uid, commands = {}, chromium }: Fakes) {
  const dir = folder();
  const bin = join(dir, 'bin');
  const log = join(dir, 'log');
  writeFileSync(log, '');
  mkdirSync(bin);
  executable(join(bin, 'id'), `echo ${uid}`);
  // `env` runs apt-get install; the real one, found by absolute path (only the fakes are on the PATH).
  executable(join(bin, 'env'), 'exec /usr/bin/env "$@"');
  for (const [name, body] of Object.entries(commands)) executable(join(bin, name), body.replaceAll('$LOG', log).replaceAll('$BIN', bin));
  // Without CHROMIUM_PATH the script looks at /usr/bin/chromium, which this machine may have: run a copy
  // whose default points at nothing, so the case does not depend on the machine.
  let script = SCRIPT;
  if (chromium === undefined) {
    script = join(dir, 'prerequisites.sh');
    const text = readFileSync(SCRIPT, 'utf8');
    expect(text).toContain('${CHROMIUM_PATH:-/usr/bin/chromium}');
    writeFileSync(script, text.replace('${CHROMIUM_PATH:-/usr/bin/chromium}', `\${CHROMIUM_PATH:-${join(dir, 'no-chromium')}}`));
  }
  const env: Record<string, string> = { PATH: bin };
  if (chromium !== undefined) env.CHROMIUM_PATH = chromium;
  const result = spawnSync('/bin/sh', [script], { env, encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, log: readFileSync(log, 'utf8') };
}

/** A Chromium that exists: an executable file in the test's folder. */
function someChromium(): string {
  const path = join(folder(), 'chromium');
  executable(path, 'exit 0');
  return path;
}

const FAILING_APT = { 'apt-get': 'echo "apt-get $*" >> "$LOG"; exit 1' };

describe('scripts/prerequisites.sh', () => {
  it('says nothing and passes when both are there', () => {
    const r = run({ uid: '1000', chromium: someChromium(), commands: { 'redis-server': 'exit 0' } });
    expect(r).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('stops with one line naming the install command when redis-server is missing and apt-get cannot run', () => {
    const r = run({ uid: '0', chromium: someChromium(), commands: FAILING_APT });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toBe('npm test needs redis-server: run sudo apt-get install -y redis-server\n');
    expect(r.stdout).toBe('');
    expect(r.log).toBe('apt-get --version\n'); // it only asked whether apt-get runs
  });

  it('names both when both are missing, without trying apt-get when it is not root and sudo asks for a password', () => {
    const r = run({ uid: '1000', commands: { sudo: 'echo "sudo $*" >> "$LOG"; exit 1', ...FAILING_APT } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toBe('npm test needs chromium and redis-server: run sudo apt-get install -y chromium redis-server\n');
    expect(r.log).toBe('sudo -n true\n');
  });

  it('stops the same way with no sudo and no apt-get at all (not Debian)', () => {
    const r = run({ uid: '1000' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toBe('npm test needs chromium and redis-server: run sudo apt-get install -y chromium redis-server\n');
  });

  it('installs what is missing with apt-get, through sudo when not root, as .ci/run did', () => {
    const r = run({
      uid: '1000',
      chromium: someChromium(),
      commands: {
        sudo: 'echo "sudo $*" >> "$LOG"; [ "$1" = -n ] && shift; "$@"',
        // The fake apt-get "installs" redis-server by writing one into the PATH.
        'apt-get': [
          'echo "apt-get $*" >> "$LOG"',
          'case "$*" in *install*) printf "#!/bin/sh\\n" > "$BIN/redis-server"; /bin/chmod +x "$BIN/redis-server" ;; esac',
        ].join('\n'),
      },
    });
    expect(r.stderr).toBe('npm test needs redis-server: installing with apt-get\n');
    expect(r.status).toBe(0);
    expect(r.log.split('\n').filter((line) => line.startsWith('apt-get'))).toEqual([
      'apt-get --version',
      'apt-get update -qq',
      'apt-get install -y -qq redis-server',
    ]);
    expect(r.log).toContain('sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server');
  });

  it('does not install over a CHROMIUM_PATH that points at nothing: it says so', () => {
    const r = run({ uid: '0', chromium: '/nowhere/chromium', commands: { 'redis-server': 'exit 0', ...FAILING_APT } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^npm test: CHROMIUM_PATH=\/nowhere\/chromium is not an executable file: [^\n]*\n$/);
    expect(r.log).toBe('');
  });
});
