/**
 * Configuration from the environment (and `.env`), validated with zod. A missing or malformed value is a
 * one-line error naming the variable; the token's value never appears in any message.
 */
import { statSync } from 'node:fs';
import { z } from 'zod';

const snowflake = (name: string) => z.string().regex(/^\d{17,21}$/, `${name} must be a Discord id (17–21 digits)`);

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
  .regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'DISCORD_TOKEN does not look like a bot token (three dot-separated parts); copy it again from the developer portal');

/** An absolute http(s) URL with no query, fragment or credentials: the folder citations link into. */
function isReaderBase(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !url.username && !url.password && !url.search && !url.hash;
  } catch {
    return false;
  }
}

/** Where the reader site is published (`npm run serve`'s /sources/, or any static host); kept with a trailing slash. */
export const readerUrl = z
  .string()
  .trim()
  .max(300, 'PUBLIC_READER_URL is too long (300 characters at most): links must fit in Discord')
  .refine(isReaderBase, 'PUBLIC_READER_URL must be an absolute http(s) URL of the reader site, like https://example.org/sources/ (no query or #fragment)')
  .transform((value) => (value.endsWith('/') ? value : `${value}/`));

export const botConfigSchema = z.object({
  DISCORD_TOKEN: token,
  DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID'),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID').optional(),
  /** Another REST base, e.g. a shared rate-limit proxy (nirn-proxy) or the local emulator in tests. */
  DISCORD_API_URL: z.string().url('DISCORD_API_URL must be a URL like http://127.0.0.1:8080/api').optional(),
  /** Gateway shards in this process: "auto" (Discord's recommendation) or a count. Unset: one shard. */
  DISCORD_SHARDS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1024)], { error: 'DISCORD_SHARDS must be "auto" or a number of shards' }).optional(),
  LOG_LEVEL: logLevel,
  TALKS_SEEDS_DIR: seedsDir,
  /** Unset: citations carry no links. */
  PUBLIC_READER_URL: readerUrl.optional(),
});

export type BotConfig = z.infer<typeof botConfigSchema>;

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
  const message = !given ? `${name} is not set (see .env.example)` : issue?.message.startsWith(name) ? issue.message : `${name} is invalid (${issue?.message ?? 'unknown problem'})`;
  throw new ConfigError(message);
}

const PORT_MESSAGE = 'PORT must be a port number (0–65535)';

export const serveConfigSchema = z.object({
  DISCORD_PUBLIC_KEY: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, 'DISCORD_PUBLIC_KEY must be the 64-character hex public key from the developer portal'),
  PORT: z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65535, PORT_MESSAGE).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Optional here: needed only to post summaries to channels. */
  DISCORD_TOKEN: token.optional(),
  DISCORD_API_URL: z.string().url('DISCORD_API_URL must be a URL like http://127.0.0.1:8080/api').optional(),
  LOG_LEVEL: logLevel,
  TALKS_SEEDS_DIR: seedsDir,
  PUBLIC_READER_URL: readerUrl.optional(),
});

export type ServeConfig = z.infer<typeof serveConfigSchema>;

/** Read the HTTP endpoint's configuration. Throws ConfigError with one line naming the variable. */
export function readServeConfig(env: NodeJS.ProcessEnv): ServeConfig {
  return parseEnv(serveConfigSchema, env);
}

/** Only the reader's address (the `talks` command and the playground need nothing else). Throws ConfigError. */
export function readReaderUrl(env: NodeJS.ProcessEnv): string | undefined {
  return parseEnv(z.object({ PUBLIC_READER_URL: readerUrl.optional() }), env).PUBLIC_READER_URL;
}
