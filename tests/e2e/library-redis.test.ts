/**
 * One library for every instance (issue 23): two processes on one real redis-server. An operator adds an article
 * with `talks library add` (one process); a running HTTP endpoint (another) answers from it within 2 s; an
 * endpoint started later loads it; Redis restarting mid-way (with its append-only file, as production must run
 * it) loses nothing, and the endpoint follows the next change. And the path through Discord: a moderator
 * adds an attachment the emulator serves on a gateway bot, an HTTP endpoint on the same Redis answers from it,
 * and once the moderator removes it, the endpoint no longer does.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationCommandOptionType as T, PermissionFlagsBits, type APIApplicationCommandInteractionDataOption } from 'discord.js';
import { DiscordEmulator, emulatorClientOptions } from '@peace-talks/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { startBot } from '../../src/discord/run.js';
import { openBotLibrary } from '../../src/library/bot-library.js';
import { createLogger } from '../../src/runtime/logger.js';
import { DEFAULT_SEEDS_DIR } from '../../src/runtime/paths.js';
import { interaction, newKeys, searchData, send, signed, startServe, type ServeProcess } from '../support/http.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';
import { ROOT, tempDir } from '../support/seeds.js';

const TALKS = join(ROOT, 'dist', 'src', 'bin', 'talks.js');
const keys = newKeys();
let redis: RedisServer;
const serves: ServeProcess[] = [];

function article(word: string): string {
  return [
    `Talks on the ${word} corridor resume (invented article for testing)`,
    '',
    'By Ida Brenner',
    '',
    'Published 3 March 2026',
    '',
    `GENEVA, 3 March 2026 (Invented Wire) — Negotiators agreed on the ${word} corridor for grain ships, the mediators said, ` +
      `after two days of talks.`,
    '',
    `On 1 March, the delegations first met in Geneva to discuss the ${word} corridor and its inspections.`,
  ].join('\n');
}

function add(word: string, env: Record<string, string>): { code: number | null; out: string; err: string } {
  const file = join(tempDir('library-redis'), `${word}.txt`);
  writeFileSync(file, article(word));
  const r = spawnSync(process.execPath, [TALKS, 'library', 'add', file, '--json'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Milliseconds until `serve`'s search for `word` cites an added article (or, `cites` false, no longer does); fails past `limitMs`. */
async function untilAnswered(serve: ServeProcess, word: string, limitMs: number, cites = true): Promise<number> {
  const started = Date.now();
  for (;;) {
    const body = JSON.stringify(
      interaction(2, searchData(`${word} corridor`), `14000000000000${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`),
    );
    // A new connection each time: a kept-alive one can be closed by the server, idle, just as it is reused.
    const answer = await send(serve.port, {
      body,
      headers: { 'content-type': 'application/json', ...signed(body, keys.privateKey) },
      agent: false,
    });
    if (answer.text.includes(`${word}-corridor`) === cites) return Date.now() - started;
    if (Date.now() - started > limitMs)
      throw new Error(
        `${cites ? 'no answer citing' : 'still citing'} the ${word} article after ${limitMs} ms: ${answer.text.slice(0, 300)}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  redis = await startRedisServer({ persist: true });
}, 20_000);

afterAll(async () => {
  for (const s of serves) s.child.kill('SIGTERM');
  await Promise.all(serves.map((s) => s.exited));
  await redis?.stop();
});

describe('a library shared through Redis', () => {
  it('reaches a running instance within 2 s, one started later, and survives Redis restarting', async () => {
    const env = { REDIS_URL: redis.url, TALKS_NO_CACHE: '1', DATA_DIR: tempDir('unused-data') };
    const first = await startServe({ publicHex: keys.publicHex, env: { ...env, LOG_LEVEL: 'info' } });
    serves.push(first);
    const added = add('amberline', env);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({
      added: true,
      revision: 1,
      store: expect.stringMatching(/^Redis at 127\.0\.0\.1:/) as unknown,
    });
    expect(await untilAnswered(first, 'amberline', 2000)).toBeLessThan(2000);

    const later = await startServe({ publicHex: keys.publicHex, env });
    serves.push(later);
    expect(await untilAnswered(later, 'amberline', 500)).toBeLessThan(500);

    // Killed and started again: its append-only file keeps the library; the instances reconnect and follow.
    await redis.restart();
    expect(add('amberline', env).code).toBe(2);
    expect(add('cobaltine', env).code).toBe(0);
    for (const s of [first, later]) expect(await untilAnswered(s, 'cobaltine', 5000)).toBeLessThan(5000);
    expect(await untilAnswered(first, 'amberline', 500)).toBeLessThan(500);
  }, 90_000);
});

describe('the issue’s path through Discord, on two instances', () => {
  const MOD = { id: '1400000000000000111', username: 'mod' };
  const MANAGE = String(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);
  const TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.Gabcde.e2e-library-redis-token-not-a-secret-012345';
  const sub = (name: string, options: Array<{ name: string; type: number; value: string }>): APIApplicationCommandInteractionDataOption[] =>
    [{ type: T.Subcommand, name, options }] as unknown as APIApplicationCommandInteractionDataOption[];
  type Shown = { content?: string; components?: Array<{ components: Array<{ custom_id?: string }> }> };

  it('a moderator adds an attachment on a gateway bot; an endpoint on the same Redis answers from it; removed, gone there', async () => {
    const emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
    const { apiUrl } = await emulator.start(0);
    const dir = tempDir('library-redis-bot');
    const logger = createLogger({ level: 'silent' });
    // The emulator's CDN is on loopback: allowed here, as an operator would only for tests.
    const library = await openBotLibrary({ seedsDir: DEFAULT_SEEDS_DIR, dataDir: dir, redisUrl: redis.url, logger, allowPrivate: true });
    const bot = await startBot({
      commands: COMMANDS,
      token: TOKEN,
      corpus: library.corpus,
      logger,
      client: emulatorClientOptions(apiUrl),
      library: library.desk,
    });
    /** The message an interaction ends with: its callback's, or what replaced a deferred one. */
    const finalMessage = async (interactionId: string): Promise<Shown> => {
      const callback = await emulator.waitForResponse(interactionId, (r) => r.path.endsWith('/callback'));
      const body = callback.body as { type: number; data?: Shown };
      if (body.type !== 5 && body.type !== 6) return body.data ?? {};
      const edit = await emulator.waitForResponse(
        interactionId,
        (r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'),
        15_000,
      );
      return edit.body as Shown;
    };
    /** Run a /library subcommand as the moderator and press the first button of its (private) reply. */
    const confirmed = async (name: string, options: Array<{ name: string; type: number; value: string }>): Promise<string> => {
      const ix = await emulator.slashCommand('library', sub(name, options), { user: MOD, memberPermissions: MANAGE });
      const first = (await finalMessage(ix.id)).components?.[0]?.components[0]?.custom_id;
      const message = emulator.originalMessage(ix.id);
      if (!first || !message) throw new Error(`/library ${name} gave no button`);
      const pressed = await emulator.button(first, message, { user: MOD, memberPermissions: MANAGE });
      return (await finalMessage(pressed.id)).content ?? '';
    };
    try {
      await library.follow(bot.setCorpus);
      const other = await startServe({
        publicHex: keys.publicHex,
        env: { REDIS_URL: redis.url, TALKS_NO_CACHE: '1', DATA_DIR: tempDir('unused') },
      });
      serves.push(other);
      await untilAnswered(other, 'saffronine', 500, false);

      const file = emulator.addAttachment({
        filename: 'saffronine.txt',
        bytes: Buffer.from(article('saffronine')),
        contentType: 'text/plain',
      });
      const added = await confirmed('add', [{ name: 'file', type: T.Attachment, value: file.id }]);
      const id = /^Added \*\*.*\*\* as `([a-z0-9-]+)`/.exec(added)?.[1];
      expect(id, added).toMatch(/saffronine-corridor/);
      expect(await untilAnswered(other, 'saffronine', 2000)).toBeLessThan(2000);

      expect(await confirmed('remove', [{ name: 'source', type: T.String, value: id ?? '' }])).toMatch(/^Removed \*\*/);
      expect(await untilAnswered(other, 'saffronine', 2000, false)).toBeLessThan(2000);
    } finally {
      await bot.stop();
      await library.close();
      await emulator.stop();
    }
  }, 90_000);
});
