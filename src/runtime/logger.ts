/**
 * Structured logs (pino) on stderr. Secrets are redacted by key wherever they appear, and the token's
 * value is also scrubbed from every line, in case it ever ends up inside a message or an error.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

const REDACT_PATHS = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
];

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Secret values to scrub from every line (the bot token). */
  secrets?: readonly string[];
  /** Where lines go (default stderr). */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  const out = options.destination ?? process.stderr;
  const stream = {
    write(line: string): void {
      let safe = line;
      for (const s of secrets) safe = safe.split(s).join('[REDACTED]');
      out.write(safe);
    },
  };
  return pino(
    { level: options.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[REDACTED]' }, base: { app: 'peace-talks-bot' } },
    stream,
  );
}
