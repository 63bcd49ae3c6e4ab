/** Configuration from the environment (src/config.ts): one line naming the variable, never echoing a secret. */
import { describe, expect, it } from 'vitest';
import { ConfigError, readBotConfig, readServeConfig } from '../src/config.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('configuration', () => {
  it('names the variable in a one-line error and never echoes the token', () => {
    const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [{}, /^DISCORD_TOKEN is not set/],
      [{ DISCORD_TOKEN: 'nope' }, /^DISCORD_TOKEN does not look like a bot token/],
      [{ DISCORD_TOKEN: TOKEN }, /^DISCORD_APPLICATION_ID is not set/],
      [{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: 'abc' }, /^DISCORD_APPLICATION_ID must be a Discord id/],
      [{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GUILD_ID: '12' }, /^DISCORD_GUILD_ID must be a Discord id/],
    ];
    for (const [env, message] of cases) {
      let error: unknown;
      try {
        readBotConfig(env);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).not.toContain(TOKEN);
    }
    expect(readBotConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GUILD_ID: '' })).toMatchObject({ DISCORD_APPLICATION_ID: '123456789012345678' });
  });

  it.each<[NodeJS.ProcessEnv, string]>([
    [{ PORT: 'abc' }, 'PORT must be a port number (0–65535)'],
    [{ PORT: '80.5' }, 'PORT must be a port number (0–65535)'],
    [{ PORT: '70000' }, 'PORT must be a port number (0–65535)'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ DISCORD_API_URL: 'proxy' }, 'DISCORD_API_URL must be a URL like http://127.0.0.1:8080/api'],
    [{ DISCORD_PUBLIC_KEY: undefined }, 'DISCORD_PUBLIC_KEY is not set (see .env.example)'],
    [{ TALKS_SEEDS_DIR: '/nonexistent' }, 'TALKS_SEEDS_DIR must be a folder of articles'],
  ])('a value that does not parse is named with what is wrong, never called "not set": %o', (env, message) => {
    expect(() => readServeConfig({ DISCORD_PUBLIC_KEY: 'ab'.repeat(32), ...env })).toThrow(new ConfigError(message));
    if (env.LOG_LEVEL) expect(() => readBotConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '123456789012345678', ...env })).toThrow(new ConfigError(message));
  });
});
