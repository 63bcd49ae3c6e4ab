/**
 * The offline playground (`npm start` without a token, the built bot) confirming answers: `/confirm` on the last
 * answer offers its passages as numbered buttons, a number confirms one; `/library confirm` names a passage by id;
 * `/library confirmations` lists both.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlayground } from '../support/playground.js';
import { tempDir } from '../support/seeds.js';

describe('the playground confirming answers', () => {
  it('confirms a passage from the last answer by its number, and another by id; lists both', async () => {
    const data = join(tempDir('playground-confirm'), 'data');
    const lines = [
      '/confirm',
      'was the grain deal just for show',
      '/confirm',
      '1',
      '/library confirm question:who brokered the grain deal passage:jacobin-2022#p9',
      '/library confirm question:who brokered the grain deal passage:no-such#p1',
      '/library confirmations',
      '',
    ];
    const r = await runPlayground(lines.join('\n'), { DATA_DIR: data });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Ask a question first: /confirm works on the last answer.');
    expect(r.stdout).toMatch(/Which passage answers this question\?\n┃ Question: was the grain deal just for show/);
    expect(r.stdout).toMatch(/\[1\] Confirm 1 {2}\[2\] Confirm 2/);
    expect(r.stdout).toMatch(/you> 1\n\(only you can see this\)\nConfirmed: questions like “was the grain deal just for show” now find /);
    expect(r.stdout).toMatch(/Confirmed: questions like “who brokered the grain deal” now find .*\(jacobin-2022#p9\)/s);
    expect(r.stdout).toContain('Not confirmed: there is no passage “no-such#p1” in the library.');
    const listed = r.stdout.slice(r.stdout.lastIndexOf('you> /library confirmations'));
    expect(listed).toContain('2 confirmed.');
    expect(listed).toContain('“who brokered the grain deal”');
    expect(listed).toContain('“was the grain deal just for show”');
  }, 90_000);
});
