/**
 * The replay and cooldown memories in Redis (`src/stores/redis.ts`), against a real redis-server on 127.0.0.1
 * (tests/support/redis.ts): two links stand for two instances of the endpoint. Atomic across them, and
 * failing open to each instance's memory while Redis is down, logged once, shared again once it is back.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readServeConfig, redisPassword } from '../../src/runtime/config.js';
import { Cooldowns, type Bucket } from '../../src/interactions/cooldown.js';
import { openStores } from '../../src/http/stores.js';
import { createLogger } from '../../src/runtime/logger.js';
import { RedisLink, type RedisStore } from '../../src/stores/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';

let redis: RedisServer;
const links: RedisLink[] = [];

interface Instance {
  link: RedisLink;
  replays: RedisStore<true>;
  buckets: RedisStore<Bucket>;
  /** Log lines at warn or above, and every line, as parsed JSON. */
  lines: () => Array<{ level: number; msg: string }>;
}

function instance(url = redis.url): Instance {
  let captured = '';
  const destination = new Writable({
    write(chunk, _e, cb) {
      captured += String(chunk);
      cb();
    },
  });
  const link = new RedisLink(url, createLogger({ level: 'info', destination }));
  links.push(link);
  return {
    link,
    replays: link.store<true>('replay', 100),
    buckets: link.store<Bucket>('cooldown', 100),
    lines: () =>
      captured
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { level: number; msg: string }),
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A TCP relay to Redis that can lose the network: `cut` drops everything on the open connections (kept open,
 * as a dead route or a NAT that lost its state does) and holds new ones; `heal` relays new connections again.
 */
async function lossyRelay(targetPort: number): Promise<{ url: string; cut: () => void; heal: () => void; close: () => Promise<void> }> {
  let broken = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    sockets.add(inbound);
    inbound.on('close', () => sockets.delete(inbound));
    inbound.on('error', () => {});
    if (broken) return; // held: never relayed
    const outbound = connect(targetPort, '127.0.0.1');
    sockets.add(outbound);
    outbound.on('error', () => inbound.destroy());
    inbound.on('data', (d: Buffer) => void (broken || outbound.write(d)));
    outbound.on('data', (d: Buffer) => void (broken || inbound.write(d)));
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => {
      sockets.delete(outbound);
      inbound.destroy();
    });
    // A connection that lived through a cut stays dead, whatever comes after.
    const dead = (): void => {
      inbound.removeAllListeners('data');
      outbound.removeAllListeners('data');
    };
    cuts.add(dead);
  });
  const cuts = new Set<() => void>();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: () => {
      broken = true;
      for (const dead of cuts) dead();
      cuts.clear();
    },
    heal: () => {
      broken = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const WARN = 40;
const redisLines = (i: Instance, atLeast: number, atMost = Infinity): string[] =>
  i
    .lines()
    .filter((l) => l.level >= atLeast && l.level <= atMost && /Redis/.test(l.msg))
    .map((l) => l.msg);

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(links.map((l) => l.close()));
  await redis?.stop();
});

describe('RedisStore, two instances on one Redis', () => {
  it('a key is new to exactly one of them, until it expires; values are shared', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all([a.link.ready(2000), b.link.ready(2000)]);
    expect([a.link.up, b.link.up]).toEqual([true, true]);
    const now = Date.now();
    expect(await a.replays.add('sig-1', true, now + 60_000, now)).toBe(true);
    expect(await b.replays.add('sig-1', true, now + 60_000, now)).toBe(false);
    expect(await a.replays.add('sig-1', true, now + 60_000, now)).toBe(false);
    // Held for the time asked (relative to the caller's clock), then new again.
    expect(await a.replays.add('sig-short', true, now + 150, now)).toBe(true);
    expect(await b.replays.add('sig-short', true, now + 150, now)).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    expect(await b.replays.add('sig-short', true, Date.now() + 60_000, Date.now())).toBe(true);

    await a.buckets.set('u1', { tokens: 2.5, at: now }, now + 60_000, now);
    const held = await b.buckets.get('u1', now);
    expect(held).toEqual({ tokens: 2.5, at: now });
    // Compare-and-set: the value read is replaced once; a second writer holding the same stale value is refused.
    expect(await b.buckets.replace('u1', held, { tokens: 1.5, at: now }, now + 60_000, now)).toBe(true);
    expect(await a.buckets.replace('u1', held, { tokens: 1.5, at: now }, now + 60_000, now)).toBe(false);
    expect(await a.buckets.replace('u2', undefined, { tokens: 3, at: now }, now + 60_000, now)).toBe(true);
    expect(await b.buckets.replace('u2', undefined, { tokens: 3, at: now }, now + 60_000, now)).toBe(false);
    await a.buckets.set('u2', { tokens: 0, at: now }, now - 1, now);
    expect(await b.buckets.get('u2', now)).toBeUndefined();
  });

  it('a cooldown holds across them, exactly, with a user’s commands arriving at both at once', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all([a.link.ready(2000), b.link.ready(2000)]);
    const options = { burst: 3, refillMs: 60_000 };
    const [onA, onB] = [new Cooldowns(options, a.buckets), new Cooldowns(options, b.buckets)];
    const now = Date.now();
    const waits = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? onA : onB).take('flooder', now)));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(await onB.take('someone-else', now)).toBe(0);
  });
});

describe('Redis going down and coming back', () => {
  it('answers from memory at once, logs one line per instance, and is shared again once Redis is back', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all([a.link.ready(2000), b.link.ready(2000)]);
    let now = Date.now();
    expect(await a.replays.add('before', true, now + 60_000, now)).toBe(true);
    const cooldowns = new Cooldowns({ burst: 1, refillMs: 60_000 }, b.buckets);

    await redis.kill();
    const started = performance.now();
    const answers: boolean[] = [];
    for (let i = 0; i < 40; i++) {
      now = Date.now();
      answers.push(await (i % 2 ? a : b).replays.add(`during-${i}`, true, now + 60_000, now));
      await cooldowns.take(`user-${i}`, now);
    }
    // Fail open: every new request answered, none waiting on Redis for long.
    expect(answers.every(Boolean)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
    // What an instance saw itself is still refused; the other instance cannot tell (as without Redis).
    expect(await a.replays.add('before', true, now + 60_000, now)).toBe(false);
    expect(await a.replays.add('during-1', true, now + 60_000, now)).toBe(false);
    expect(await b.replays.add('during-1', true, now + 60_000, now)).toBe(true);
    // The cooldown still limits, from this instance's memory.
    expect(await cooldowns.take('user-0', now)).toBeGreaterThan(0);
    expect([a.link.up, b.link.up]).toEqual([false, false]);
    // A second of failed reconnections later: still one line each.
    await new Promise((r) => setTimeout(r, 1000));
    expect(redisLines(a, WARN)).toEqual([
      'Redis (REDIS_URL) stopped answering: replays and cooldowns are checked by this instance alone until it is back',
    ]);
    expect(redisLines(b, WARN)).toHaveLength(1);

    await redis.restart();
    await until(() => a.link.up && b.link.up, 'both instances to see Redis again');
    for (const i of [a, b])
      expect(redisLines(i, 30, 30).at(-1)).toBe('Redis (REDIS_URL) answers again: replays and cooldowns are shared again');
    now = Date.now();
    expect(await b.replays.add('after', true, now + 60_000, now)).toBe(true);
    expect(await a.replays.add('after', true, now + 60_000, now)).toBe(false);
    expect(redisLines(a, WARN)).toHaveLength(1);
    expect(redisLines(b, WARN)).toHaveLength(1);
  });

  it('a Redis that hangs: one request waits a moment, the rest answer from memory at once; shared again once it thaws', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all([a.link.ready(2000), b.link.ready(2000)]);
    redis.pause();
    try {
      const started = performance.now();
      for (let i = 0; i < 20; i++) {
        const now = Date.now();
        expect(await a.replays.add(`frozen-${i}`, true, now + 60_000, now)).toBe(true);
      }
      // The first waits for the command timeout (250 ms); the other 19 do not wait at all.
      expect(performance.now() - started).toBeLessThan(1000);
      expect(redisLines(a, WARN)).toEqual([
        'Redis (REDIS_URL) stopped answering: replays and cooldowns are checked by this instance alone until it is back',
      ]);
    } finally {
      redis.resume();
    }
    await until(() => a.link.up, 'the thawed Redis to answer the probe');
    const now = Date.now();
    expect(await a.replays.add('thawed', true, now + 60_000, now)).toBe(true);
    expect(await b.replays.add('thawed', true, now + 60_000, now)).toBe(false);
  });

  it('a network that drops everything without closing: answered from memory, and a new connection once it heals', async () => {
    const relay = await lossyRelay(redis.port);
    try {
      const a = instance(relay.url);
      const b = instance();
      await Promise.all([a.link.ready(2000), b.link.ready(2000)]);
      expect(a.link.up).toBe(true);
      relay.cut();
      let now = Date.now();
      for (let i = 0; i < 10; i++) expect(await a.replays.add(`lost-${i}`, true, now + 60_000, now)).toBe(true);
      expect(a.link.up).toBe(false);
      relay.heal();
      // The old connection never answers again: only a new one brings Redis back.
      await until(() => a.link.up, 'a new connection through the healed network', 6000);
      now = Date.now();
      expect(await a.replays.add('healed', true, now + 60_000, now)).toBe(true);
      expect(await b.replays.add('healed', true, now + 60_000, now)).toBe(false);
      expect(redisLines(a, WARN)).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });

  it('starting while Redis is down: serves from memory with one line, then shares once Redis is up', async () => {
    await redis.kill();
    const a = instance();
    const started = performance.now();
    await a.link.ready(2000);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(a.link.up).toBe(false);
    const now = Date.now();
    expect(await a.replays.add('early', true, now + 60_000, now)).toBe(true);
    expect(await a.replays.add('early', true, now + 60_000, now)).toBe(false);
    expect(redisLines(a, WARN)).toEqual([
      'Redis (REDIS_URL) does not answer: replays and cooldowns are checked by this instance alone until it does',
    ]);
    await redis.restart();
    await until(() => a.link.up, 'Redis to be seen');
    const b = instance();
    await b.link.ready(2000);
    expect(await a.replays.add('later', true, now + 60_000, now)).toBe(true);
    expect(await b.replays.add('later', true, now + 60_000, now)).toBe(false);
    expect(redisLines(a, WARN)).toHaveLength(1);
  });
});

describe('REDIS_URL', () => {
  const base = { DISCORD_PUBLIC_KEY: 'ab'.repeat(32) };
  const message = 'REDIS_URL must be a redis:// or rediss:// URL, like redis://127.0.0.1:6379 or rediss://user:password@host:6380/0';

  it('takes redis:// and rediss:// URLs; unset, the stores stay in memory', async () => {
    for (const url of ['redis://127.0.0.1:6379', 'rediss://user:s3cret-pass@cache.internal:6380/2', 'redis://:pw@localhost']) {
      expect(readServeConfig({ ...base, REDIS_URL: url }).REDIS_URL).toBe(url);
    }
    expect(readServeConfig(base).REDIS_URL).toBeUndefined();
    expect((await openStores({}, createLogger({ level: 'silent' }))).options).toEqual({});
  });

  it.each(['127.0.0.1:6379', 'http://127.0.0.1:6379', 'redis://', 'redis://host/db', 'redis://host?x=1', 'not a url'])(
    '%s: one line, never echoing the value',
    (url) => {
      expect(() => readServeConfig({ ...base, REDIS_URL: url })).toThrow(new ConfigError(message));
    },
  );

  it('its password is scrubbed from the logs like the token', () => {
    expect(redisPassword('rediss://user:s3cret%2Fpass@host:6380')).toBe('s3cret/pass');
    expect(redisPassword('redis://127.0.0.1:6379')).toBeUndefined();
    expect(redisPassword(undefined)).toBeUndefined();
  });
});
