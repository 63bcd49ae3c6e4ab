/** The offline playground as a person runs it (`npm start` without a token, the built bot), its input typed in at once. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './seeds.js';

const START = join(ROOT, 'dist', 'src', 'start.js');

/** Run the playground on `input` (lines), with only PATH and `env` set; its exit status and what it printed. */
export function runPlayground(
  input: string,
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [START], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}
