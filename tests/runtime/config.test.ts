/** Configuration from the environment (src/runtime/config.ts): one line naming the variable, never echoing a secret. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { botConfigSchema, ConfigError, readBotConfig, readServeConfig, serveConfigSchema } from '../../src/runtime/config.js';
import { ROOT } from '../support/seeds.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('configuration', () => {
  it('names the variable in a one-line error and never echoes the token', () => {
    const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [{}, /^DISCORD_TOKEN is not set/],
      [{ DISCORD_TOKEN: 'nope' }, /^DISCORD_TOKEN does not look like a bot token/],
      [{ DISCORD_TOKEN: TOKEN }, /^DISCORD_APPLICATION_ID is not set/],
      [{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: 'abc' }, /^DISCORD_APPLICATION_ID must be a Discord id/],
      [
        { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GUILD_ID: '12' },
        /^DISCORD_GUILD_ID must be a Discord id/,
      ],
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
    expect(readBotConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GUILD_ID: '' })).toMatchObject({
      DISCORD_APPLICATION_ID: '123456789012345678',
    });
  });

  it.each<[NodeJS.ProcessEnv, string]>([
    [{ PORT: 'abc' }, 'PORT must be a port number (0–65535)'],
    [{ PORT: '80.5' }, 'PORT must be a port number (0–65535)'],
    [{ PORT: '70000' }, 'PORT must be a port number (0–65535)'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ DISCORD_API_URL: 'proxy' }, 'DISCORD_API_URL must be a URL like http://127.0.0.1:8080/api'],
    [{ DISCORD_PUBLIC_KEY: undefined }, 'DISCORD_PUBLIC_KEY is not set (see .env.example)'],
    [{ TALKS_SEEDS_DIR: '/nonexistent' }, 'TALKS_SEEDS_DIR must be a folder of articles'],
    [{ HEALTH_DETAIL: 'yes' }, 'HEALTH_DETAIL must be 1 (report memory figures on /health) or 0'],
  ])('a value that does not parse is named with what is wrong, never called "not set": %o', (env, message) => {
    expect(() => readServeConfig({ DISCORD_PUBLIC_KEY: 'ab'.repeat(32), ...env })).toThrow(new ConfigError(message));
    if (env.LOG_LEVEL)
      expect(() => readBotConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '123456789012345678', ...env })).toThrow(
        new ConfigError(message),
      );
  });
});

describe('HEALTH_DETAIL', () => {
  it('is off unless set to 1: /health is public', () => {
    const key = { DISCORD_PUBLIC_KEY: 'ab'.repeat(32) };
    expect(readServeConfig(key).HEALTH_DETAIL).toBe(false);
    expect(readServeConfig({ ...key, HEALTH_DETAIL: '' }).HEALTH_DETAIL).toBe(false);
    expect(readServeConfig({ ...key, HEALTH_DETAIL: '0' }).HEALTH_DETAIL).toBe(false);
    expect(readServeConfig({ ...key, HEALTH_DETAIL: '1' }).HEALTH_DETAIL).toBe(true);
  });
});

describe('FEEDBACK and FEEDBACK_RETENTION_DAYS', () => {
  const key = { DISCORD_PUBLIC_KEY: 'ab'.repeat(32) };
  it('feedback is on, kept 90 days, unless set otherwise', () => {
    expect(readServeConfig(key)).toMatchObject({ FEEDBACK: 'on', FEEDBACK_RETENTION_DAYS: 90 });
    expect(readServeConfig({ ...key, FEEDBACK: 'off', FEEDBACK_RETENTION_DAYS: '30' })).toMatchObject({
      FEEDBACK: 'off',
      FEEDBACK_RETENTION_DAYS: 30,
    });
  });

  it('anything else is one line naming the variable', () => {
    expect(() => readServeConfig({ ...key, FEEDBACK: 'no' })).toThrow(new ConfigError('FEEDBACK must be on or off'));
    for (const days of ['0', '2.5', 'ninety', '4000'])
      expect(() => readServeConfig({ ...key, FEEDBACK_RETENTION_DAYS: days }), days).toThrow(
        new ConfigError('FEEDBACK_RETENTION_DAYS must be a whole number of days from 1 to 3650'),
      );
  });
});

describe('.env.example', () => {
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');

  it('documents every variable the bot and the endpoint read', () => {
    const names = new Set([...Object.keys(botConfigSchema.shape), ...Object.keys(serveConfigSchema.shape)]);
    const documented = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...names].filter((n) => !documented.has(n))).toEqual([]);
  });

  it('calls the playground by its name: the real bot on a local emulated Discord, not a "terminal session"', () => {
    const opening = example.split('\n\n')[0] ?? '';
    expect(opening).toContain('offline playground');
    expect(opening).toMatch(/real bot on a\s+(?:#\s+)?local emulated Discord/);
    expect(example).not.toContain('terminal session');
  });
});
