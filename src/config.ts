/**
 * Configuration from the environment (and `.env`), validated with zod. A missing or malformed value is a
 * one-line error naming the variable; the token's value never appears in any message.
 */
import { z } from 'zod';

const snowflake = (name: string) => z.string().regex(/^\d{17,21}$/, `${name} must be a Discord id (17–21 digits)`);

const token = z
  .string()
  .trim()
  .regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'DISCORD_TOKEN does not look like a bot token (three dot-separated parts); copy it again from the developer portal');

export const botConfigSchema = z.object({
  DISCORD_TOKEN: token,
  DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID'),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TALKS_SEEDS_DIR: z.string().min(1).optional(),
});

export type BotConfig = z.infer<typeof botConfigSchema>;

export class ConfigError extends Error {}

/** Read the bot's configuration; empty strings count as unset. Throws ConfigError with one line. */
export function readBotConfig(env: NodeJS.ProcessEnv): BotConfig {
  const values = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = botConfigSchema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'configuration');
  const message = issue?.code === 'invalid_type' ? `${name} is not set (see .env.example)` : (issue?.message ?? `${name} is invalid`);
  throw new ConfigError(message);
}
