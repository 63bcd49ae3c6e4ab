/**
 * vitest's globalSetup: the run gets a temporary folder of its own, and every test file's os.tmpdir() points
 * into it (TMPDIR, inherited by the test workers). Tests remove what they make (`tempDir` in support/seeds.ts);
 * whatever is still there when the run ends is listed as an error, then removed with the folder, so a
 * test run leaves nothing behind in the machine's temporary folder.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'talks-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    const left = readdirSync(root);
    rmSync(root, { recursive: true, force: true });
    if (left.length > 0) throw new Error(`the tests left ${left.length} temporary files or folders behind: ${left.join(', ')}`);
  };
}
