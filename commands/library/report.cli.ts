/**
 * `talks report [--days N] [--json|--csv]`: the moderators' feedback report at the terminal, read from the same store
 * the bot writes (DATA_DIR/feedback.sqlite, or Redis with REDIS_URL). It records nothing: questions asked at the
 * terminal are never kept.
 */
import { resolve } from 'node:path';
import { EXIT, JSON_OPTION, UsageError, type CliCommand } from '../../src/cli/command.js';

const DEFAULT_DAYS = 7;
const MAX_DAYS = 365;

function days(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_DAYS;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1 || n > MAX_DAYS)
    throw new UsageError(`--days must be a whole number from 1 to ${MAX_DAYS} (got "${String(value)}")`);
  return n;
}

export const reportCli: CliCommand = {
  name: 'report',
  summary: 'what members asked in Discord, answered poorly or rated (the moderators’ feedback report)',
  options: {
    days: { type: 'string', value: 'N', help: `the last N days (default ${DEFAULT_DAYS})` },
    json: JSON_OPTION('{"report": {"mostAsked", "unsure", "notAskedRows", "sources", …}}'),
    csv: { type: 'boolean', help: 'print the report as CSV (the file /library report attaches)' },
  },
  details:
    'The questions most asked, those answered with low confidence or nothing, those rated “Not what I asked”,\n' +
    'and how often each source was cited. Read from DATA_DIR/feedback.sqlite, or Redis with REDIS_URL.',
  examples: ['talks report', 'talks report --days 30 --csv > report.csv'],
  async run(call) {
    const window = days(call.values.days);
    if (call.values.json && call.values.csv) throw new UsageError('--json and --csv cannot be used together');
    const env = call.io.env;
    const [{ ConfigError, readFeedbackConfig }, { openFeedback }, { DEFAULT_DATA_DIR }, { createLogger }] = await Promise.all([
      import('../../src/runtime/config.js'),
      import('../../src/feedback/feedback.js'),
      import('../../src/library/open.js'),
      import('../../src/runtime/logger.js'),
    ]);
    let config;
    try {
      config = readFeedbackConfig(env);
    } catch (err) {
      throw err instanceof ConfigError ? new UsageError(err.message) : err;
    }
    const feedback = await openFeedback({
      dataDir: env.DATA_DIR ? resolve(env.DATA_DIR) : DEFAULT_DATA_DIR,
      redisUrl: config.REDIS_URL,
      enabled: true,
      retentionDays: config.FEEDBACK_RETENTION_DAYS,
      logger: createLogger({ level: 'silent' }),
    });
    try {
      const report = await feedback?.report(window, Date.now());
      if (!report) return EXIT.ok;
      const render = await import('../../src/render/report.js');
      if (call.values.csv) {
        call.io.stdout.write(render.reportCsv(report));
        return EXIT.ok;
      }
      await call.print({ report }, () => render.reportTerminal(report));
      return EXIT.ok;
    } finally {
      await feedback?.close();
    }
  },
};
