/**
 * The offline playground (`npm start` without a token, the built bot) with feedback: a search's Helpful button is
 * pressed by number and thanked privately; `/library report` is drawn and its CSV saved under DATA_DIR.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlayground } from '../support/playground.js';
import { tempDir } from '../support/seeds.js';

describe('the playground with feedback', () => {
  it('votes on an answer by its button number, and saves the report’s CSV', async () => {
    const data = join(tempDir('playground-feedback'), 'data');
    const r = await runPlayground(['/talks search What did the grain deal achieve?', '6', '/library report', ''].join('\n'), {
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
