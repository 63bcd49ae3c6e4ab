/**
 * `talks report` (commands/library/report.cli.ts), as a subprocess of the built JavaScript: the feedback the bot
 * recorded under DATA_DIR, as text, JSON or CSV; an empty store says so; bad --days is one line; and `talks search`
 * records nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { search } from '../../src/core/search.js';
import { Feedback } from '../../src/feedback/feedback.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-store.js';
import { createLogger } from '../../src/runtime/logger.js';
import { ROOT, seedIndex, tempDir } from '../support/seeds.js';

const BIN = join(ROOT, 'dist', 'src', 'bin', 'talks.js');

function talks(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function recorded(dir: string, questions: string[]): Promise<void> {
  const feedback = new Feedback({
    store: new SqliteFeedbackStore(dir),
    retentionDays: 90,
    logger: createLogger({ level: 'silent' }),
    prunePeriodically: false,
  });
  const asker = { userId: '1400000000000000601', guildId: null, channelId: null };
  for (const q of questions) await feedback.record(q, asker, search(seedIndex(), q), Date.now() - 1000);
  await feedback.close();
}

describe('talks report', () => {
  it('prints what members asked, as text, JSON and CSV', async () => {
    const dir = tempDir('cli-report');
    await recorded(dir, ['grain deal', 'grain deal', '=HYPERLINK("x") zzqx wombles']);
    const text = talks(['report'], { DATA_DIR: dir });
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Feedback, last 7 days: 3 answers/);
    expect(text.out).toMatch(/2×\s+“grain deal”/);
    const json = JSON.parse(talks(['report', '--days', '30', '--json'], { DATA_DIR: dir }).out) as {
      report: { days: number; mostAsked: Array<{ question: string; count: number }> };
    };
    expect(json.report.days).toBe(30);
    expect(json.report.mostAsked[0]).toMatchObject({ question: 'grain deal', count: 2 });
    const csv = talks(['report', '--csv'], { DATA_DIR: dir }).out;
    expect(csv.split('\r\n')[0]).toBe('"section","question","source","count","confidence","helpful","not_asked","answer_id"');
    expect(csv).toContain(`"'=HYPERLINK(""x"") zzqx wombles"`);
  });

  it('an empty store says so; a bad --days, or --json with --csv, is one line and exit 2', () => {
    const dir = tempDir('cli-report-empty');
    expect(talks(['report'], { DATA_DIR: dir }).out).toMatch(/No answers were recorded in the last 7 days/);
    const bad = talks(['report', '--days', '0'], { DATA_DIR: dir });
    expect([bad.code, bad.err.trim().split('\n').length]).toEqual([2, 1]);
    expect(bad.err).toMatch(/--days must be a whole number from 1 to 365/);
    expect(talks(['report', '--json', '--csv'], { DATA_DIR: dir }).code).toBe(2);
  });

  it('a question asked at the terminal is never recorded', () => {
    const dir = tempDir('cli-no-record');
    expect(talks(['search', 'grain deal', '--limit', '1'], { DATA_DIR: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'feedback.sqlite'))).toBe(false);
    expect(talks(['report'], { DATA_DIR: dir }).out).toMatch(/No answers were recorded/);
  });
});
