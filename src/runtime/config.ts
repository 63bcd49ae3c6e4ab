/**
 * Configuration from the environment (and `.env`), validated with zod. A missing or malformed value is a
 * one-line error naming the variable; the token's value never appears in any message.
 */
import { statSync } from 'node:fs';
import { z } from 'zod';
import { SNOWFLAKE } from '../interactions/snowflake.js';

const snowflake = (name: string) => z.string().regex(SNOWFLAKE, `${name} must be a Discord id (17–21 digits)`);

/** Where Discord's API is: a REST proxy, or the local emulator. */
const discordApiUrl = z.string().url('DISCORD_API_URL must be a URL like http://127.0.0.1:8080/api').optional();

const seedsDir = z
  .string()
  .min(1)
  .refine((dir) => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  }, 'TALKS_SEEDS_DIR must be a folder of articles')
  .optional();

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const logLevel = z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info');

const token = z
  .string()
  .trim()
  .regex(
    /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/,
    'DISCORD_TOKEN does not look like a bot token (three dot-separated parts); copy it again from the developer portal',
  );

/** An absolute http(s) URL with no query, fragment or credentials: the folder citations link into. */
function isReaderBase(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.hostname !== '' &&
      !url.username &&
      !url.password &&
      !url.search &&
      !url.hash
    );
  } catch {
    return false;
  }
}

/** Where the reader site is published (`npm run serve`'s /sources/, or any static host); kept with a trailing slash. */
const readerUrl = z
  .string()
  .trim()
  .max(300, 'PUBLIC_READER_URL is too long (300 characters at most): links must fit in Discord')
  .refine(
    isReaderBase,
    'PUBLIC_READER_URL must be an absolute http(s) URL of the reader site, like https://example.org/sources/ (no query or #fragment)',
  )
  .transform((value) => (value.endsWith('/') ? value : `${value}/`));

/** "0,1", "0-3" or "0-3,8": ascending shard ids, each once; null if the text is not such a list. */
function parseShardIds(text: string): number[] | null {
  const ids: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from || (ids.length > 0 && from <= (ids.at(-1) as number))) return null;
    for (let id = from; id <= to; id++) ids.push(id);
  }
  return ids;
}

const SHARD_IDS_MESSAGE = 'DISCORD_SHARD_IDS must be shard ids in ascending order, like 0,1 or 0-3 or 0-3,8';
const SHARD_COUNT_MESSAGE = 'DISCORD_SHARD_COUNT must be the total number of shards across all machines (a whole number, at least 1)';

const shardIds = z.string().transform((text, ctx) => {
  const ids = parseShardIds(text);
  if (!ids) {
    ctx.addIssue({ code: 'custom', message: SHARD_IDS_MESSAGE });
    return z.NEVER;
  }
  return ids;
});

/** Shard ids and count set together, the ids below the count, and not with DISCORD_SHARDS. */
function checkShardRange(
  config: { DISCORD_SHARDS?: unknown; DISCORD_SHARD_IDS?: number[] | undefined; DISCORD_SHARD_COUNT?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  const { DISCORD_SHARD_IDS: ids, DISCORD_SHARD_COUNT: count } = config;
  if (ids === undefined && count === undefined) return;
  const issue = (name: string, message: string): void => ctx.addIssue({ code: 'custom', path: [name], message });
  if (config.DISCORD_SHARDS !== undefined)
    issue('DISCORD_SHARDS', 'DISCORD_SHARDS cannot be set with DISCORD_SHARD_IDS / DISCORD_SHARD_COUNT: use one or the other');
  else if (ids === undefined)
    issue('DISCORD_SHARD_COUNT', 'DISCORD_SHARD_COUNT needs DISCORD_SHARD_IDS too: the shards this process runs, like 0-1');
  else if (count === undefined)
    issue('DISCORD_SHARD_IDS', 'DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT too: the total number of shards across all machines');
  else if ((ids.at(-1) as number) >= count)
    issue('DISCORD_SHARD_IDS', `DISCORD_SHARD_IDS must be below DISCORD_SHARD_COUNT (${count}): shard ids run from 0 to ${count - 1}`);
}

const flag = (name: string, meaning: string) =>
  z
    .enum(['0', '1'], { error: `${name} must be 1 (${meaning}) or 0` })
    .default('0')
    .transform((value) => value === '1');

const redisUrl = z
  .string()
  .trim()
  .refine(isRedisUrl, 'REDIS_URL must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379 or rediss://user:password@host:6380/0')
  .optional();

/** Where the library grown from Discord is kept, and how `/library` reaches out: the same for every bot process. */
const libraryConfig = {
  /** The library's store (library.sqlite), unless REDIS_URL shares it. Default: data/ in the project. */
  DATA_DIR: z.string().trim().min(1).optional(),
  /** A channel where each article added is announced. */
  LIBRARY_ANNOUNCE_CHANNEL_ID: snowflake('LIBRARY_ANNOUNCE_CHANNEL_ID').optional(),
  /** 1: `/library add` may fetch from private and loopback addresses (a test setup, the emulator's CDN). */
  LIBRARY_FETCH_PRIVATE: flag('LIBRARY_FETCH_PRIVATE', 'fetch from private addresses too'),
  /** Shared by every instance: replays, cooldowns and the library (redis:// or rediss:// with TLS). Unset: per instance. */
  REDIS_URL: redisUrl,
};

/** Members' votes and the questions they ask (issue 24): kept FEEDBACK_RETENTION_DAYS, or not at all with FEEDBACK=off. */
const RETENTION_MESSAGE = 'FEEDBACK_RETENTION_DAYS must be a whole number of days from 1 to 3650';
const feedbackConfig = {
  FEEDBACK: z.enum(['on', 'off'], { error: 'FEEDBACK must be on or off' }).default('on'),
  FEEDBACK_RETENTION_DAYS: z.coerce
    .number({ error: RETENTION_MESSAGE })
    .int(RETENTION_MESSAGE)
    .min(1, RETENTION_MESSAGE)
    .max(3650, RETENTION_MESSAGE)
    .default(90),
};

export const botConfigSchema = z
  .object({
    ...libraryConfig,
    ...feedbackConfig,
    DISCORD_TOKEN: token,
    DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID'),
    DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID').optional(),
    /** Another REST base, e.g. a shared rate-limit proxy (nirn-proxy) or the local emulator in tests. */
    DISCORD_API_URL: discordApiUrl,
    /** Gateway shards in this process: "auto" (Discord's recommendation) or a count. Unset: one shard. */
    DISCORD_SHARDS: z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(1024)], {
        error: 'DISCORD_SHARDS must be "auto" or a number of shards',
      })
      .optional(),
    /** Shards across machines: the ids this process runs ("0-1"), of DISCORD_SHARD_COUNT in all. Both or neither. */
    DISCORD_SHARD_IDS: shardIds.optional(),
    DISCORD_SHARD_COUNT: z.coerce
      .number({ error: SHARD_COUNT_MESSAGE })
      .int(SHARD_COUNT_MESSAGE)
      .min(1, SHARD_COUNT_MESSAGE)
      .max(65_536, SHARD_COUNT_MESSAGE)
      .optional(),
    LOG_LEVEL: logLevel,
    TALKS_SEEDS_DIR: seedsDir,
    /** Unset: citations carry no links. */
    PUBLIC_READER_URL: readerUrl.optional(),
  })
  .superRefine(checkShardRange);

export type BotConfig = z.infer<typeof botConfigSchema>;

/**
 * The discord.js Client's shard options: a range of DISCORD_SHARD_COUNT (this machine's part, one container
 * per range), every shard in this process (DISCORD_SHARDS), or one shard.
 */
export function shardOptions(config: BotConfig): { shards?: number[] | 'auto'; shardCount?: number } {
  if (config.DISCORD_SHARD_IDS && config.DISCORD_SHARD_COUNT)
    return { shards: config.DISCORD_SHARD_IDS, shardCount: config.DISCORD_SHARD_COUNT };
  if (config.DISCORD_SHARDS === 'auto') return { shards: 'auto' };
  return config.DISCORD_SHARDS ? { shardCount: config.DISCORD_SHARDS } : {};
}

export class ConfigError extends Error {}

/** Read the bot's configuration; empty strings count as unset. Throws ConfigError with one line. */
export function readBotConfig(env: NodeJS.ProcessEnv): BotConfig {
  return parseEnv(botConfigSchema, env);
}

function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const values = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'configuration');
  // "Not set" only when it is not: a value that does not parse (PORT=abc) is named with what is wrong.
  const given = values[name] !== undefined;
  const message = !given
    ? `${name} is not set (see .env.example)`
    : issue?.message.startsWith(name)
      ? issue.message
      : `${name} is invalid (${issue?.message ?? 'unknown problem'})`;
  throw new ConfigError(message);
}

const PORT_MESSAGE = 'PORT must be a port number (0–65535)';

export const serveConfigSchema = z.object({
  DISCORD_PUBLIC_KEY: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, 'DISCORD_PUBLIC_KEY must be the 64-character hex public key from the developer portal'),
  PORT: z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65535, PORT_MESSAGE).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Optional here: needed only to post summaries to channels. */
  DISCORD_TOKEN: token.optional(),
  DISCORD_API_URL: discordApiUrl,
  LOG_LEVEL: logLevel,
  TALKS_SEEDS_DIR: seedsDir,
  PUBLIC_READER_URL: readerUrl.optional(),
  /** 1: /health also reports memory figures (for load tests and operators); unset or 0: counters only, as it is public. */
  HEALTH_DETAIL: flag('HEALTH_DETAIL', 'report memory figures on /health'),
  ...libraryConfig,
  ...feedbackConfig,
});

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'redis:' || url.protocol === 'rediss:') &&
      url.hostname !== '' &&
      /^(\/\d*)?$/.test(url.pathname) &&
      !url.search &&
      !url.hash
    );
  } catch {
    return false;
  }
}

/** The password in REDIS_URL, if any: scrubbed from every log line like the token. */
export function redisPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const password = new URL(url).password;
  return password ? decodeURIComponent(password) : undefined;
}

export type ServeConfig = z.infer<typeof serveConfigSchema>;

/** Read the HTTP endpoint's configuration. Throws ConfigError with one line naming the variable. */
export function readServeConfig(env: NodeJS.ProcessEnv): ServeConfig {
  return parseEnv(serveConfigSchema, env);
}

/** What `talks report` reads: where feedback is kept and for how long. Throws ConfigError. */
export function readFeedbackConfig(env: NodeJS.ProcessEnv): { REDIS_URL?: string | undefined; FEEDBACK_RETENTION_DAYS: number } {
  return parseEnv(z.object({ REDIS_URL: redisUrl, FEEDBACK_RETENTION_DAYS: feedbackConfig.FEEDBACK_RETENTION_DAYS }), env);
}

/** Only the reader's address (the `talks` command and the playground need nothing else). Throws ConfigError. */
export function readReaderUrl(env: NodeJS.ProcessEnv): string | undefined {
  return parseEnv(z.object({ PUBLIC_READER_URL: readerUrl.optional() }), env).PUBLIC_READER_URL;
}
