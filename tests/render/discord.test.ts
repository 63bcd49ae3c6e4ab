/** The Discord layer without a transport: renderers, custom ids, cooldowns, config and log redaction, on the real seeds. */
import { Writable } from 'node:stream';
import { MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { commandBodies } from '../src/discord/deploy.js';
import { ConfigError, readBotConfig, readServeConfig } from '../src/config.js';
import { search } from '../src/core/search.js';
import { listSources } from '../src/core/sources-list.js';
import { summarize } from '../src/core/summary.js';
import { SUMMARY_BUDGET } from '../src/render/format.js';
import { timeline } from '../src/core/timeline.js';
import { Cooldowns, MAX_TRACKED_USERS, type Bucket } from '../src/interactions/cooldown.js';
import { BUTTONS, decodeCustomId, encodeCustomId, isExpired, readQueryFooter } from '../src/interactions/custom-id.js';
import { createRegistry, dispatch } from '../src/interactions/dispatch.js';
import { notice } from '../src/interactions/message.js';
import type { BotContext, CommandInput, MessageCommandInput } from '../src/interactions/types.js';
import { DISCORD_LIMITS as L } from '../src/interactions/limits.js';
import { MemoryStore } from '../src/expiring.js';
import { createLogger } from '../src/logger.js';
import {
  autocompleteChoices,
  safeText,
  searchMessage,
  sourcesMessage,
  summaryEmbed,
  timelineMessage,
} from '../src/render/discord.js';
import { seedCorpus } from './helpers.js';
import { expectWithinLimits } from './support/limits.js';

const corpus = seedCorpus();
const USER = '123456789012345678';
const ctx = { userId: USER, issuedAt: Date.UTC(2026, 0, 1), page: 0, ephemeral: false };

describe('Discord rendering', () => {
  it('escapes markdown and defuses mentions in any text', () => {
    const evil = '**bold** __u__ `code`\n# Heading\n> quote\n- item\n[link](http://x) @everyone @here <@123456789012345678> <@&1234567890123456789> <#123456789012345678>';
    const safe = safeText(evil);
    expect(safe).not.toMatch(/(^|[^\\])\*\*/);
    expect(safe).not.toContain('@everyone');
    expect(safe).not.toMatch(/<@\d/);
    expect(safe).not.toMatch(/<@&\d/);
    expect(safe).not.toMatch(/<#\d/);
    expect(safe).toContain('\\# Heading');
  });

  it('keeps search replies within every limit, for every kind of answer', () => {
    const queries = ['grain deal', 'Zelensky', 'negotiations', 'xylophone quokka', '', 'x'.repeat(2000), '@everyone **hi**', 'what is it'];
    for (const q of queries) {
      for (const page of [0, 1, 3, 99]) {
        const m = searchMessage(search(corpus.index, q, { limit: 12 }), { ...ctx, page });
        expectWithinLimits(m);
      }
    }
  });

  it('makes errors and empty answers ephemeral, and answers public unless hidden', () => {
    expect(searchMessage(search(corpus.index, 'xylophone quokka'), ctx).flags).toBe(MessageFlags.Ephemeral);
    expect(searchMessage(search(corpus.index, ''), ctx).flags).toBe(MessageFlags.Ephemeral);
    expect(searchMessage(search(corpus.index, 'grain deal'), ctx).flags).toBeUndefined();
    expect(searchMessage(search(corpus.index, 'grain deal'), { ...ctx, ephemeral: true }).flags).toBe(MessageFlags.Ephemeral);
  });

  it('shows quote then citation, best first, with paging and full-passage buttons', () => {
    const answer = search(corpus.index, 'grain deal', { limit: 12 });
    const m = searchMessage(answer, ctx);
    expect(m.embeds).toHaveLength(3);
    expect(m.embeds[0]?.title).toMatch(/^1\. /);
    expect(m.embeds[0]?.description).toMatch(/^> /);
    expect(m.embeds[0]?.footer?.text).toContain(answer.results[0]?.id);
    const ids = m.components.flatMap((r) => r.components.map((b) => ('custom_id' in b ? b.custom_id : '')));
    expect(ids.some((id) => id.startsWith(`talks:page:${USER}:`))).toBe(true);
    expect(ids.filter((id) => id.startsWith(`talks:full:${USER}:`))).toHaveLength(3);
  });

  it('carries the question in the footer so a button can re-run it, whatever it contains', () => {
    for (const q of ['grain deal', 'Did Zelensky say “victory”? 🔎 yes · maybe', 'Kiev: 2022-03']) {
      const m = searchMessage(search(corpus.index, q, { limit: 12 }), ctx);
      expect(m.embeds.length, q).toBeGreaterThan(0);
      expect(readQueryFooter(m.embeds)).toBe(search(corpus.index, q).query);
    }
    expect(readQueryFooter([{ footer: { text: 'someone else’s message' } }])).toBeNull();
  });

  it('pages timelines ten lines at a time within limits', () => {
    const answer = timeline(corpus, { limit: 200 });
    const first = timelineMessage(answer, ctx);
    expectWithinLimits(first);
    expect(first.embeds[0]?.description?.split('\n')).toHaveLength(10);
    expect(first.components[0]?.components).toHaveLength(2);
    const last = timelineMessage(answer, { ...ctx, page: 999 });
    expectWithinLimits(last);
  });

  it('fits a summary in one embed without cutting a sentence', () => {
    for (const topic of ['mediation', 'US Congress support for Ukraine', 'grain deal']) {
      const answer = summarize(corpus, topic, SUMMARY_BUDGET);
      const embed = summaryEmbed(answer);
      expect((embed.description ?? '').length).toBeLessThanOrEqual(L.embedDescription);
      expect(embed.description).not.toContain('…\n');
      expect(answer.sentences.length, topic).toBeGreaterThanOrEqual(3);
      for (const s of answer.sentences) expect(embed.description).toContain(`**[${s.footnote}]**`);
    }
  });

  it('shows each source id as inline code, its backticks not escaped', () => {
    const m = sourcesMessage(listSources(corpus), false);
    const values = m.embeds[0]?.fields?.map((f) => f.value) ?? [];
    expect(values).toHaveLength(5);
    for (const [i, s] of listSources(corpus).entries()) expect(values[i]).toMatch(new RegExp(`^\`${s.meta.id}\` · `));
    expect(values.filter((v) => v.includes('\\`'))).toEqual([]);
  });

  it('keeps autocomplete within 25 choices of at most 100 characters', () => {
    const choices = autocompleteChoices(Array.from({ length: 60 }, (_, i) => `${i} ${"long suggestion ".repeat(10)}`));
    expect(choices).toHaveLength(L.autocompleteChoices);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(L.choiceName);
      expect(c.value.length).toBeLessThanOrEqual(L.choiceValue);
    }
  });
});

describe('what people type in Discord', () => {
  const bot: BotContext = { corpus, logger: createLogger({ level: 'silent' }), now: () => ctx.issuedAt, post: async () => ({ ok: true, messageId: '1' }) };
  const who = { id: '1', userId: USER, guildId: '1300000000000000100', channelId: '1300000000000000200', memberPermissions: 0xffffn };
  const ROLE = '<@&1234567890123456789>';
  const shown = async (input: CommandInput | MessageCommandInput): Promise<string> => JSON.stringify(await dispatch(input, createRegistry(COMMANDS), bot, null));

  it("reaches the core without Discord's mention syntax: questions, topics and a message's text", async () => {
    for (const [subcommand, option] of [['search', 'query'], ['timeline', 'topic'], ['summary', 'topic']] as const) {
      const reply = await shown({ ...who, kind: 'command', command: 'talks', subcommand, options: { [option]: `@everyone ${ROLE} grain deal` } });
      expect(reply, subcommand).toContain('grain deal');
      expect(reply, subcommand).not.toMatch(/1234567890123456789|everyone/);
    }
    const message = { ...who, kind: 'message-command' as const, command: 'Find sources', target: { id: '2', content: `${ROLE} what about the grain deal?` } };
    expect(await shown(message)).not.toContain('1234567890123456789');
  });
});

describe('button state in custom_id', () => {
  it('round-trips, and refuses anything tampered with', () => {
    const state = { prefix: BUTTONS.searchPage, userId: USER, issuedAt: 1_700_000_000_000, args: ['2', 'jacobin-2022'] };
    const id = encodeCustomId(state);
    expect(id.length).toBeLessThanOrEqual(L.customId);
    expect(decodeCustomId(id)).toEqual(state);
    for (const bad of ['', 'talks', 'talks:page', id.slice(0, 12), `${id}${'x'.repeat(100)}`, 'talks:page:notanid:abc:1', 'talks::123456789012345678:abc']) {
      expect(decodeCustomId(bad), bad).toBeNull();
    }
  });

  it('routes each prefix to the one command that registered it, and nothing else', () => {
    const { buttons } = createRegistry(COMMANDS);
    expect([...buttons.keys()].sort()).toEqual(Object.values(BUTTONS).sort());
    for (const unknown of ['talks:nuke:123456789012345678:abc', 'other:page:123456789012345678:abc:1']) expect(buttons.has(decodeCustomId(unknown)?.prefix ?? '')).toBe(false);
    const twice = { definition: { name: 'again', description: 'x' }, execute: () => notice('x'), buttons: { [BUTTONS.searchPage]: () => notice('x') } };
    expect(() => createRegistry([...COMMANDS, twice])).toThrow('two handlers for the button prefix talks:page');
  });

  it('expires with the interaction token after 15 minutes', () => {
    const state = { prefix: BUTTONS.searchPage, userId: USER, issuedAt: 0, args: [] };
    expect(isExpired(state, 14 * 60_000)).toBe(false);
    expect(isExpired(state, 16 * 60_000)).toBe(true);
  });
});

describe('cooldowns', () => {
  it('apply to what declares one: help declares none, so it still answers someone whose searches are throttled', async () => {
    const registry = createRegistry(COMMANDS);
    const cooldowns = new Cooldowns({ burst: 1, refillMs: 60_000 });
    const ctx = { corpus, logger: createLogger({ level: 'silent' }), now: () => 0, post: async () => ({ ok: false as const, code: null, reason: 'no' }) };
    const base = { id: '1', userId: USER, guildId: null, channelId: null, memberPermissions: null, kind: 'command' as const, command: 'talks' };
    const content = async (subcommand: string, options = {}) => {
      const reply = await dispatch({ ...base, subcommand, options }, registry, ctx, cooldowns);
      return reply.type === 'choices' ? '' : (reply.message.content ?? reply.message.embeds[0]?.title ?? '');
    };
    expect(await content('search', { query: 'grain deal' })).not.toMatch(/^Slow down/);
    expect(await content('search', { query: 'grain deal' })).toBe('Slow down a little: try again in 60 s.');
    expect(await content('help')).toBe('Peace Talks Bot');
    expect(await content('sources')).toMatch(/^Slow down/);
  });

  it('allow a burst, then one command every few seconds, per user', async () => {
    const c = new Cooldowns({ burst: 2, refillMs: 1000 });
    expect(await c.take('a', 0)).toBe(0);
    expect(await c.take('a', 0)).toBe(0);
    expect(await c.take('a', 0)).toBe(1000);
    expect(await c.take('b', 0)).toBe(0);
    expect(await c.take('a', 1000)).toBe(0);
  });

  it('spend each token once when a user’s commands are in flight together', async () => {
    const c = new Cooldowns({ burst: 3, refillMs: 60_000 });
    const waits = await Promise.all(Array.from({ length: 12 }, () => c.take('a', 0)));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
  });

  it('stay bounded with many users, forgetting the longest idle first, and keep the flooder limited', async () => {
    const store = new MemoryStore<Bucket>(MAX_TRACKED_USERS);
    const c = new Cooldowns({ burst: 1, refillMs: 60_000 }, store);
    expect(await c.take('flooder', 0)).toBe(0);
    const flooderWaits: number[] = [];
    for (let i = 0; i < MAX_TRACKED_USERS * 3; i++) {
      await c.take(`user${i}`, 1);
      // The flooder keeps asking, so stays among the most recent users and stays limited.
      if (i % 1000 === 0) flooderWaits.push(await c.take('flooder', 1));
    }
    expect(flooderWaits).toHaveLength(30);
    expect(flooderWaits.filter((w) => w === 0)).toEqual([]);
    expect(store.size).toBe(MAX_TRACKED_USERS);
    expect(await c.take('user0', 2)).toBe(0); // forgotten long ago: a fresh bucket
    expect(await c.take(`user${MAX_TRACKED_USERS * 3 - 1}`, 2)).toBeGreaterThan(0); // recent: still limited
  });

  it('forget a bucket once it would be full again, and only then', async () => {
    const store = new MemoryStore<Bucket>(10);
    const c = new Cooldowns({ burst: 2, refillMs: 1000 }, store);
    await c.take('a', 0);
    await c.take('a', 0);
    expect(store.get('a', 1999)).toBeDefined();
    expect(store.get('a', 2000)).toBeUndefined();
    expect(await c.take('a', 2000)).toBe(0);
  });
});

describe('cooldowns against the Map-ordered model they replaced', () => {
  /** The earlier implementation: the Map's own order as the order of last use. */
  class MapCooldowns {
    readonly buckets = new Map<string, { tokens: number; at: number }>();
    constructor(readonly burst: number, readonly refillMs: number) {}
    take(userId: string, now: number): number {
      const bucket = this.buckets.get(userId) ?? { tokens: this.burst, at: now };
      const tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) / this.refillMs);
      this.buckets.delete(userId);
      this.buckets.set(userId, { tokens: tokens < 1 ? tokens : tokens - 1, at: now });
      if (this.buckets.size > MAX_TRACKED_USERS) this.buckets.delete(this.buckets.keys().next().value as string);
      return tokens < 1 ? Math.ceil((1 - tokens) * this.refillMs) : 0;
    }
  }

  it('give the same answer for every command of a long mixed sequence (new, returning and forgotten users)', async () => {
    const ours = new Cooldowns({ burst: 3, refillMs: 500 });
    const model = new MapCooldowns(3, 500);
    // A small deterministic generator: a few busy users, many occasional ones, more users than are remembered.
    let seed = 42;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let now = 0;
    const mismatches: string[] = [];
    let refused = 0;
    for (let i = 0; i < 60_000; i++) {
      now += Math.floor(next() * 3);
      const user = next() < 0.3 ? `busy${Math.floor(next() * 5)}` : `u${Math.floor(next() * (MAX_TRACKED_USERS * 1.3))}`;
      const got = await ours.take(user, now);
      const want = model.take(user, now);
      if (want > 0) refused++;
      if (got !== want && mismatches.length < 5) mismatches.push(`${i} ${user}: ${got}, the model ${want}`);
    }
    expect(mismatches).toEqual([]);
    // The sequence exercised the limit, and the model had to forget users.
    expect(refused).toBeGreaterThan(1000);
    expect(model.buckets.size).toBe(MAX_TRACKED_USERS);
  });
});

describe('configuration and logs', () => {
  const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

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

  it('redacts the token from every log line, by key and by value', () => {
    let captured = '';
    const destination = new Writable({ write(chunk, _e, cb) { captured += String(chunk); cb(); } });
    const logger = createLogger({ secrets: [TOKEN], destination });
    logger.info({ token: TOKEN, headers: { authorization: `Bot ${TOKEN}` } }, 'login');
    logger.error({ err: new Error(`failed with ${TOKEN}`) }, `oops ${TOKEN}`);
    expect(captured).toContain('login');
    expect(captured).not.toContain(TOKEN);
    expect(captured).toContain('[REDACTED]');
  });
});

describe('command definitions', () => {
  it('are valid JSON within Discord’s limits, with autocomplete on query and topic', () => {
    const bodies = commandBodies(COMMANDS);
    expect(bodies.map((b) => b.name)).toEqual(['talks', 'Find sources']);
    const talks = JSON.parse(JSON.stringify(bodies[0])) as { description: string; options: Array<{ name: string; description: string; options?: Array<{ name: string; description: string; autocomplete?: boolean }> }> };
    expect(talks.description.length).toBeLessThanOrEqual(100);
    const options = talks.options.flatMap((sub) => (sub.options ?? []).map((o) => ({ ...o, where: `${sub.name} ${o.name}` })));
    expect(talks.options.map((sub) => sub.description.length).filter((n) => n > L.optionDescription)).toEqual([]);
    expect(options.filter((o) => o.description.length > L.optionDescription).map((o) => o.where)).toEqual([]);
    // Every query and topic option autocompletes: there are three.
    expect(options.filter((o) => o.name === 'query' || o.name === 'topic').map((o) => `${o.where} ${o.autocomplete === true}`)).toEqual(['search query true', 'timeline topic true', 'summary topic true']);
  });
});
