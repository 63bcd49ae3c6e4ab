/**
 * The offline playground (`npm start` without a token, the built bot) with feedback: a search's Helpful button is
 * pressed by number and thanked privately; `/library report` is drawn and its CSV saved under DATA_DIR.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/seeds.js';

const START = join(ROOT, 'dist', 'src', 'start.js');

function playground(input: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
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

describe('the playground with feedback', () => {
  it('votes on an answer by its button number, and saves the report’s CSV', async () => {
    const data = join(tempDir('playground-feedback'), 'data');
    const r = await playground(['/talks search What did the grain deal achieve?', '6', '/library report', ''].join('\n'), {
      DATA_DIR: data,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\[6\] Helpful {2}\[7\] Not what I asked/);
    expect(r.stdout).toMatch(/you> 6\n\(only you can see this\)\nThanks! Rated “Helpful”/);
    const saved = join(data, 'feedback-report-7d.csv');
    expect(r.stdout).toContain(`📎 feedback-report-7d.csv (`);
    expect(r.stdout).toContain(`saved to ${saved}`);
    expect(readFileSync(saved, 'utf8')).toContain('"most asked","What did the grain deal achieve?","","1"');
  }, 90_000);
});
