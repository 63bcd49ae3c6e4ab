/**
 * The real bot (discord.js Client) against the local Discord emulator on 127.0.0.1: interactions are
 * injected over the gateway and the assertions are on what the bot really sent over REST.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  ApplicationCommandOptionType as T,
  MessageFlags,
  PermissionFlagsBits,
  type APIApplicationCommandInteractionDataOption,
} from 'discord.js';
import {
  DiscordEmulator,
  emulatorClientOptions,
  snowflake,
  type RecordedMessage,
  type RecordedRequest,
} from '@peace-talks/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { commandBodies, deployCommands } from '../../src/discord/deploy.js';
import { DISCORD_LIMITS as L } from '../../src/interactions/limits.js';
import type { DiscordMessage } from '../../src/interactions/message.js';
import { startBot, type RunningBot } from '../../src/discord/run.js';
import { createLogger } from '../../src/runtime/logger.js';
import { embedChars } from '../../src/render/discord.js';
import { match } from '../support/matchers.js';
import { ROOT, seedCorpus } from '../support/seeds.js';

const GUILD = '1300000000000000100';
const GENERAL = '1300000000000000200';
const LOCKED = '1300000000000000201';
const GONE = '1300000000000000202';
const TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.Gabcde.e2e-test-token-not-a-secret-0123456789';
const ALICE = { id: '1400000000000000001', username: 'alice' };
const BOB = { id: '1400000000000000002', username: 'bob' };
const MODERATOR = String(PermissionFlagsBits.ManageMessages | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);
const MEMBER = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);

let emulator: DiscordEmulator;
let apiUrl: string;
let bot: RunningBot;
let clock = Date.now();
let logs = '';
let userCounter = 0;
/** A fresh user per test, so cooldowns from one test never leak into another. */
const someone = () => ({ id: `15000000000000000${String(10 + userCounter++).padStart(2, '0')}`, username: `user${userCounter}` });

function fail(reason: unknown): void {
  throw reason instanceof Error ? reason : new Error(String(reason));
}

beforeAll(async () => {
  process.on('unhandledRejection', fail);
  emulator = new DiscordEmulator({
    heartbeatIntervalMs: 250,
    guilds: [
      {
        id: GUILD,
        name: 'Peace Talks Test',
        channels: [
          { id: GENERAL, name: 'general' },
          { id: LOCKED, name: 'announcements', botCanSend: false },
          { id: GONE, name: 'old', deleted: true },
        ],
      },
    ],
  });
  ({ apiUrl } = await emulator.start(0));
  const destination = new Writable({
    write(chunk, _enc, cb) {
      logs += String(chunk);
      cb();
    },
  });
  const logger = createLogger({ level: 'debug', secrets: [TOKEN], destination });
  bot = await startBot({
    commands: COMMANDS,
    token: TOKEN,
    corpus: seedCorpus(),
    logger,
    client: emulatorClientOptions(apiUrl),
    now: () => clock,
  });
}, 20_000);

afterAll(async () => {
  await bot?.stop();
  await emulator?.stop();
  process.off('unhandledRejection', fail);
});

type Callback = { type: number; data?: DiscordMessage & { choices?: Array<{ name: string; value: string }> } };

async function callbackOf(interactionId: string): Promise<Callback> {
  const r: RecordedRequest = await emulator.waitForResponse(interactionId, (x) => x.path.endsWith('/callback'));
  expect(r.status).toBe(204);
  return r.body as Callback;
}

function expectSafe(data: DiscordMessage | undefined): void {
  expect(data).toBeDefined();
  if (!data) return;
  expect(data.allowed_mentions).toEqual({ parse: [] });
  expect((data.content ?? '').length).toBeLessThanOrEqual(L.content);
  expect((data.embeds ?? []).reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(L.embedsTotal);
  for (const e of data.embeds ?? []) expect((e.description ?? '').length).toBeLessThanOrEqual(L.embedDescription);
}

type Value = { name: string; type: number; value: string | boolean; focused?: boolean };

/** A subcommand with its options, as Discord sends them. */
function sub(name: string, options: Value[] = []): APIApplicationCommandInteractionDataOption[] {
  return [{ type: T.Subcommand, name, options }] as unknown as APIApplicationCommandInteractionDataOption[];
}

const search = (query: string, extra: Value[] = []) => sub('search', [{ name: 'query', type: T.String, value: query }, ...extra]);

/** The buttons on a message the bot sent: label and custom_id. */
function buttonsOf(message: RecordedMessage | undefined): Array<{ label: string; customId: string }> {
  const rows = (message?.raw.components ?? []) as unknown as Array<{ components?: Array<{ label?: string; custom_id?: string }> }>;
  return rows.flatMap((row) => row.components ?? []).map((b) => ({ label: b.label ?? '', customId: b.custom_id ?? '' }));
}

function buttonId(message: RecordedMessage | undefined, label: string | RegExp): string {
  const found = buttonsOf(message).find((b) => (typeof label === 'string' ? b.label === label : label.test(b.customId)));
  if (!found) throw new Error(`no button ${String(label)}`);
  return found.customId;
}

describe('what the gateway bot sends', () => {
  it('is the pipeline’s response body as written, the HTTP endpoint’s bytes: no discord.js defaults added', async () => {
    const ix = await emulator.slashCommand('talks', search('grain deal'), { user: someone() });
    const cb = await callbackOf(ix.id);
    expect(Object.keys(cb)).toEqual(['type', 'data']);
    expect(Object.keys(cb.data ?? {})).toEqual(['embeds', 'components', 'allowed_mentions']);
  });
});

describe('/talks search', () => {
  it('replies publicly with cited excerpts as embeds, best first, within limits', async () => {
    const ix = await emulator.slashCommand('talks', search('What did the grain deal show about cooperation?'), { user: someone() });
    const cb = await callbackOf(ix.id);
    expect(cb.type).toBe(4);
    expectSafe(cb.data);
    expect((cb.data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    const embeds = cb.data?.embeds ?? [];
    expect(embeds).toHaveLength(3);
    const plain = embeds.map((e) => (e.description ?? '').replace(/\*\*/g, '').replace(/\\/g, '')).join('\n');
    expect(plain).toContain('limited cooperation was possible but only on narrow, transactional issues');
    // quote, then source · author · date · section ¶ · passage id
    expect(embeds[0]?.footer?.text).toMatch(/· ¶\d+|¶\d+ · [a-z0-9-]+#p\d+/);
    expect(embeds[0]?.title).toMatch(/^1\. /);
  });

  it('hide makes the reply ephemeral; nothing found is always ephemeral', async () => {
    const hidden = await emulator.slashCommand('talks', search('grain deal', [{ name: 'hide', type: T.Boolean, value: true }]), {
      user: someone(),
    });
    expect((await callbackOf(hidden.id)).data?.flags).toBe(MessageFlags.Ephemeral);
    const nothing = await emulator.slashCommand('talks', search('xylophone quokka'), { user: someone() });
    const cb = await callbackOf(nothing.id);
    expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.data?.content).toMatch(/Nothing in the library matches/);
  });

  it('echoes nothing that could ping or break formatting', async () => {
    const ix = await emulator.slashCommand('talks', search('@everyone <@&1234567890123456789> **grain** deal'), { user: someone() });
    const cb = await callbackOf(ix.id);
    expectSafe(cb.data);
    const text = JSON.stringify(cb.data);
    expect(text).not.toMatch(/(?<!\\u200b)@everyone/);
    expect(text).not.toContain('<@&1234567890123456789>');
  });

  it('refuses a 2,000-character question with a clear ephemeral notice', async () => {
    const ix = await emulator.slashCommand('talks', search('war '.repeat(500)), { user: someone() });
    const cb = await callbackOf(ix.id);
    expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.data?.content).toMatch(/characters long/);
  });
});

describe('buttons', () => {
  it('page for the person who asked, refuse everyone else, and expire after 15 minutes', async () => {
    const asker = someone();
    const ix = await emulator.slashCommand('talks', search('negotiations'), { user: asker });
    await callbackOf(ix.id);
    const reply = emulator.originalMessage(ix.id);
    expect(reply).toBeDefined();
    if (!reply) return;
    const nextId = buttonId(reply, 'Next ▶');
    expect(nextId).toMatch(/^talks:page:/);

    const page = await emulator.button(nextId, reply, { user: asker });
    const updated = await callbackOf(page.id);
    expect(updated.type).toBe(7);
    expect(updated.data?.embeds?.[0]?.title).toMatch(/^4\. /);

    // The reply now shows page 2; its Next button carries page 3.
    const nextNowId = buttonId(reply, 'Next ▶');
    expect(nextNowId).not.toBe(nextId);
    const intruder = await emulator.button(nextNowId, reply, { user: BOB });
    const refused = await callbackOf(intruder.id);
    expect(refused.type).toBe(4);
    expect(refused.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(refused.data?.content).toMatch(/Only the person who asked/);

    clock += 16 * 60_000;
    try {
      const late = await emulator.button(nextNowId, reply, { user: asker });
      const expired = await callbackOf(late.id);
      expect(expired.data?.flags).toBe(MessageFlags.Ephemeral);
      expect(expired.data?.content).toMatch(/expired/);
    } finally {
      clock -= 16 * 60_000;
    }
  });

  it('show the full passage to anyone, privately', async () => {
    const ix = await emulator.slashCommand('talks', search('Turkey, India and the UAE'), { user: someone() });
    await callbackOf(ix.id);
    const reply = emulator.originalMessage(ix.id);
    if (!reply) throw new Error('no reply');
    const press = await emulator.button(buttonId(reply, /^talks:full:/), reply, { user: BOB });
    const cb = await callbackOf(press.id);
    expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.data?.embeds?.[0]?.description).toContain('Efforts by Turkey, India and the UAE');
  });

  it('tampered custom ids get a clean notice, not an error', async () => {
    const ix = await emulator.slashCommand('talks', search('grain deal'), { user: ALICE });
    await callbackOf(ix.id);
    const reply = emulator.originalMessage(ix.id);
    if (!reply) throw new Error('no reply');
    // A crafted message carrying a button the bot never made.
    const forged = {
      id: snowflake(),
      channelId: GENERAL,
      embeds: reply.embeds,
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: 'talks:page:not-a-user:zz:99' }] }],
    };
    const press = await emulator.button('talks:page:not-a-user:zz:99', forged, { user: ALICE });
    const cb = await callbackOf(press.id);
    expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.data?.content).toMatch(/not one I know/);
  });
});

describe('/talks timeline, sources, help', () => {
  it('timeline: dated, cited lines, paged', async () => {
    const ix = await emulator.slashCommand('talks', sub('timeline'), { user: someone() });
    const cb = await callbackOf(ix.id);
    expectSafe(cb.data);
    const lines = cb.data?.embeds?.[0]?.description?.split('\n') ?? [];
    expect(lines).toHaveLength(10);
    for (const l of lines) expect(l).toMatch(/^\*\*.+\*\* — .+ \[[a-z0-9-]+ ¶\d+/);
    expect(cb.data?.components?.[0]?.components).toHaveLength(2);
  });

  it('timeline: a bad date is a clear ephemeral notice', async () => {
    const ix = await emulator.slashCommand('talks', sub('timeline', [{ name: 'from', type: T.String, value: 'someday' }]), {
      user: someone(),
    });
    const cb = await callbackOf(ix.id);
    expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.data?.content).toMatch(/not a date I can read/);
  });

  it('sources and help', async () => {
    const sources = await callbackOf((await emulator.slashCommand('talks', sub('sources'), { user: someone() })).id);
    expect(sources.data?.embeds?.[0]?.fields).toHaveLength(5);
    const help = await callbackOf((await emulator.slashCommand('talks', sub('help'), { user: someone() })).id);
    expect(help.data?.embeds?.[0]?.description).toContain('/talks search');
  });
});

describe('/talks summary', () => {
  const summary = (channel?: string) =>
    sub('summary', [
      { name: 'topic', type: T.String, value: 'grain deal' },
      ...(channel ? [{ name: 'channel', type: T.Channel, value: channel }] : []),
    ]);

  it('is refused to members without Manage Messages', async () => {
    const ix = await emulator.slashCommand('talks', summary(), { user: someone(), memberPermissions: MEMBER });
    const cb = await callbackOf(ix.id);
    expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.data?.content).toMatch(/Only moderators/);
    expect(emulator.channelMessages(GENERAL).filter((m) => m.kind === 'channel')).toHaveLength(0);
  });

  it('previews privately, then Post publishes the cited summary to the channel', async () => {
    const mod = someone();
    const ix = await emulator.slashCommand('talks', summary(), { user: mod, memberPermissions: MODERATOR });
    const cb = await callbackOf(ix.id);
    expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.data?.embeds?.[0]?.description).toMatch(/\*\*\[1\]\*\*/);
    const preview = emulator.originalMessage(ix.id);
    if (!preview) throw new Error('no preview');
    const press = await emulator.button(buttonId(preview, 'Post to channel'), preview, { user: mod, memberPermissions: MODERATOR });
    const done = await callbackOf(press.id);
    expect(done.type).toBe(7);
    expect(done.data?.content).toContain(`Posted to <#${GENERAL}>`);
    const posted = emulator.channelMessages(GENERAL).filter((m) => m.kind === 'channel');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.embeds[0]?.title).toBe('Summary: grain deal');
    const sent = emulator.requests.find((r) => r.method === 'POST' && r.path === `/channels/${GENERAL}/messages`);
    expect((sent?.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });

  it.each([
    [LOCKED, /I can't post in/, 50013],
    [GONE, /no longer exists/, 10003],
  ])('reports a channel it cannot post in (%s) clearly, and logs why', async (channel, message, code) => {
    const mark = logs.length;
    const mod = someone();
    const ix = await emulator.slashCommand('talks', summary(channel), { user: mod, memberPermissions: MODERATOR });
    await callbackOf(ix.id);
    const preview = emulator.originalMessage(ix.id);
    if (!preview) throw new Error('no preview');
    const press = await emulator.button(buttonId(preview, 'Post to channel'), preview, { user: mod, memberPermissions: MODERATOR });
    const cb = await callbackOf(press.id);
    expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(cb.data?.content).toMatch(message);
    // The refusal is logged (before the notice is sent): the channel, Discord's code and its reason.
    const lines = logs
      .slice(mark)
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      match.objectContaining({ level: 40, msg: 'summary post refused', channelId: channel, code, reason: match.any(String) }),
    );
  });
});

describe('autocomplete, context menu, cooldown', () => {
  it('autocomplete suggests up to 25 choices within limits', async () => {
    const ix = await emulator.autocomplete('talks', sub('search', [{ name: 'query', type: T.String, value: 'gra', focused: true }]), {
      user: someone(),
    });
    const cb = await callbackOf(ix.id);
    expect(cb.type).toBe(8);
    const choices = cb.data?.choices ?? [];
    expect(choices.length).toBeGreaterThan(1);
    expect(choices.length).toBeLessThanOrEqual(L.autocompleteChoices);
    expect(choices.map((c) => c.value)).toContain('grain deal');
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(L.choiceName);
  });

  it('Find sources answers privately with passages about the message', async () => {
    const ix = await emulator.messageContextMenu(
      'Find sources',
      { id: snowflake(), channelId: GENERAL, content: 'Did the grain deal brokered by Turkey and the UN actually work?' },
      { user: someone() },
    );
    const cb = await callbackOf(ix.id);
    expect(cb.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(JSON.stringify(cb.data?.embeds)).toMatch(/grain/i);
  });

  it('a user who floods gets an ephemeral cooldown notice', async () => {
    const flooder = someone();
    const replies: Callback[] = [];
    for (let i = 0; i < 6; i++)
      replies.push(await callbackOf((await emulator.slashCommand('talks', search(`grain deal ${i}`), { user: flooder })).id));
    const notices = replies.filter((r) => /Slow down/.test(r.data?.content ?? ''));
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) expect(n.data?.flags).toBe(MessageFlags.Ephemeral);
  });
});

describe('deploy', () => {
  it('registers exactly the command JSON, idempotently', async () => {
    const first = await deployCommands({
      commands: COMMANDS,
      token: TOKEN,
      applicationId: emulator.applicationId,
      guildId: GUILD,
      api: apiUrl,
    });
    const second = await deployCommands({
      commands: COMMANDS,
      token: TOKEN,
      applicationId: emulator.applicationId,
      guildId: GUILD,
      api: apiUrl,
    });
    expect(second.map((c) => c.name)).toEqual(first.map((c) => c.name));
    const registered = emulator.registeredCommands(GUILD);
    expect(registered.map((c) => c.name)).toEqual(commandBodies(COMMANDS).map((c) => c.name));
    const talks = registered.find((c) => c.name === 'talks');
    expect(talks?.options?.map((o) => o.name)).toEqual(['search', 'timeline', 'summary', 'sources', 'help']);
  });

  it.each([
    ['in the server DISCORD_GUILD_ID', [], `/applications/:app/guilds/${GUILD}/commands`, GUILD],
    ['globally (--global)', ['--', '--global'], '/applications/:app/commands', undefined],
  ])(
    '`npm run deploy` as a process registers %s through DISCORD_API_URL',
    async (_label, args, route, guildId) => {
      const puts: RecordedRequest[] = [];
      const stop = emulator.onRequest((r) => {
        if (r.method === 'PUT') puts.push(r);
      });
      try {
        const child = spawn('npm', ['run', '--silent', 'deploy', ...args], {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            DISCORD_TOKEN: TOKEN,
            DISCORD_APPLICATION_ID: emulator.applicationId,
            DISCORD_GUILD_ID: GUILD,
            DISCORD_API_URL: apiUrl,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += String(d)));
        child.stderr.on('data', (d) => (err += String(d)));
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        expect({ code, err }).toEqual({ code: 0, err: '' });
        expect(out).toMatch(
          guildId
            ? `Registered 4 commands for server ${GUILD} (instant): talks, Find sources, library, Confirm passage`
            : /^Registered 4 commands for every server/,
        );
        // It reached the emulator, not discord.com: the one PUT of the run, on the route asked for.
        expect(puts.map((r) => r.path.replace(emulator.applicationId, ':app'))).toEqual([route]);
        expect(emulator.registeredCommands(guildId).map((c) => c.name)).toEqual(commandBodies(COMMANDS).map((c) => c.name));
      } finally {
        stop();
      }
    },
    30_000,
  );
});

describe('running the bot as a process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'connects with a token, and on %s finishes, closes the gateway and exits 0 without logging the token',
    async (sig) => {
      const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'start.js')], {
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: TOKEN,
          DISCORD_APPLICATION_ID: emulator.applicationId,
          DISCORD_API_URL: apiUrl,
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += String(d)));
      child.stderr.on('data', (d) => (output += String(d)));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`never connected:\n${output}`)), 15_000);
        const check = setInterval(() => {
          // Not "connected to Discord": that is logged before the signal handlers are in place.
          if (output.includes('running: SIGTERM or SIGINT')) {
            clearTimeout(timer);
            clearInterval(check);
            resolve();
          }
        }, 50);
      });
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill(sig);
      expect(await exit).toBe(0);
      expect(output).toContain(`"signal":"${sig}"`);
      // From the signal on, exactly these lines: no "gateway reconnecting" or "gateway disconnected" on the way out.
      const messages = output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(messages.slice(messages.indexOf('signal received'))).toEqual([
        'signal received',
        'shutting down: finishing replies in flight',
        'disconnected',
      ]);
      expect(output).not.toContain(TOKEN);
    },
    30_000,
  );

  it('a missing variable is one line naming it', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'start.js')], {
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: TOKEN, DOTENV_CONFIG_QUIET: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err.trim()).toBe('config: DISCORD_APPLICATION_ID is not set (see .env.example)');
  });
});

describe('logs', () => {
  it('never contain the token', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(TOKEN);
  });
});

describe('sharding', () => {
  it('two shards each receive and answer only their own guilds’ interactions', async () => {
    // Guild ids on shard 0 and shard 1 of 2: shard = (id >> 22) % 2.
    const guildOn = (shard: number): string => String((((1n << 40n) + BigInt(shard)) << 22n) | 1n);
    const guilds = [0, 1].map((shard) => ({
      id: guildOn(shard),
      name: `guild ${shard}`,
      channels: [{ id: String(1300000000000000300n + BigInt(shard)), name: 'general' }],
    }));
    const sharded = new DiscordEmulator({ heartbeatIntervalMs: 250, shards: 2, guilds });
    const { apiUrl: api } = await sharded.start(0);
    const logger = createLogger({ level: 'silent' });
    const shardedBot = await startBot({
      commands: COMMANDS,
      token: TOKEN,
      corpus: seedCorpus(),
      logger,
      client: { ...emulatorClientOptions(api), shards: [0, 1], shardCount: 2 },
    });
    try {
      await sharded.waitForReady(10_000, [0, 1]);
      for (const [shard, guild] of guilds.entries()) {
        const ix = await sharded.slashCommand('talks', search('grain deal'), {
          guildId: guild.id,
          channelId: guild.channels[0]?.id ?? '',
          user: someone(),
        });
        expect(ix.shardId).toBe(shard);
        const cb = await sharded.waitForResponse(ix.id, (r) => r.path.endsWith('/callback'));
        expect((cb.body as Callback).type).toBe(4);
      }
      const identified = sharded.gatewayEvents.filter((e) => e.op === 2).map((e) => (e.d as { shard?: number[] }).shard?.[0]);
      expect(identified.sort()).toEqual([0, 1]);
    } finally {
      await shardedBot.stop();
      await sharded.stop();
    }
  }, 30_000);
});
