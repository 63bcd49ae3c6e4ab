/** Cooldowns (src/interactions/cooldown.ts): per-user token buckets, bounded, and applied by the dispatcher. */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { MemoryStore } from '../../src/stores/expiring.js';
import { Cooldowns, MAX_TRACKED_USERS, type Bucket } from '../../src/interactions/cooldown.js';
import { createRegistry, dispatch } from '../../src/interactions/dispatch.js';
import { createLogger } from '../../src/runtime/logger.js';
import { seedCorpus } from '../support/seeds.js';

const corpus = seedCorpus();
const USER = '123456789012345678';

describe('cooldowns', () => {
  it('apply to what declares one: help declares none, so it still answers someone whose searches are throttled', async () => {
    const registry = createRegistry(COMMANDS);
    const cooldowns = new Cooldowns({ burst: 1, refillMs: 60_000 });
    const ctx = {
      corpus,
      logger: createLogger({ level: 'silent' }),
      now: () => 0,
      post: () => Promise.resolve({ ok: false as const, code: null, reason: 'no' }),
      commands: COMMANDS,
    };
    const base = {
      id: '1000000000000000001',
      userId: USER,
      guildId: null,
      channelId: null,
      memberPermissions: null,
      kind: 'command' as const,
      command: 'talks',
    };
    const content = async (subcommand: string, options = {}) => {
      const reply = await dispatch({ ...base, subcommand, options }, registry, ctx, cooldowns);
      return reply.type === 'reply' || reply.type === 'update' ? (reply.message.content ?? reply.message.embeds[0]?.title ?? '') : '';
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
    constructor(
      readonly burst: number,
      readonly refillMs: number,
    ) {}
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
