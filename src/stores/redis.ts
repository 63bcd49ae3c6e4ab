/**
 * The replay and cooldown memories shared by every instance of the HTTP endpoint, in Redis (`REDIS_URL`),
 * through node-redis (`@redis/client`). Each call is one atomic Redis operation: `add` is `SET NX PX`, `set`
 * is `SET PX`, `replace` a compare-and-set in a short Lua script, so two instances never both take a replay
 * for new, nor both spend the same cooldown token.
 *
 * Fail open, to this instance's memory: while Redis does not answer (down, unreachable, slower than
 * {@link COMMAND_TIMEOUT_MS}, refusing writes), every store answers from a {@link MemoryStore} of its own,
 * exactly as an endpoint without `REDIS_URL` does, and the endpoint keeps answering. Replays are then
 * refused per instance: `add` always records its key in this memory as well, so a repeat of any request this
 * instance saw is refused whether Redis answers or not. The outage is logged once (warn), the recovery once
 * (info), never per request; while down, a PING every {@link PROBE_MS} tells when Redis is back.
 */
import { createClient } from '@redis/client';
import type { Logger } from 'pino';
import { MemoryStore, type ExpiringStore } from './expiring.js';

/** A reply slower than this counts as Redis being down: a request must never wait on it for long. */
const COMMAND_TIMEOUT_MS = 250;
/** While Redis is down, how often it is asked whether it is back. */
const PROBE_MS = 500;
/** A PING unanswered this long: the connection is dead though open, and is replaced. */
const STALE_MS = 2000;
/** Where keys live in Redis: `talks:replay:<signature>`, `talks:cooldown:<user id>`. */
const KEY_PREFIX = 'talks:';

type Client = ReturnType<typeof createClient>;

/** Compare-and-set: KEYS[1] holds ARGV[2] (or nothing, when ARGV[1] is 0) → set it to ARGV[3] for ARGV[4] ms (0: delete). */
const REPLACE_SCRIPT = `
local held = redis.call('GET', KEYS[1])
if ARGV[1] == '0' then
  if held then return 0 end
elseif held ~= ARGV[2] then
  return 0
end
if tonumber(ARGV[4]) > 0 then redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4]) else redis.call('DEL', KEYS[1]) end
return 1
`;

/** Milliseconds a key has left: relative, so Redis's clock and ours need not agree. */
function ttl(expiresAt: number, now: number): number {
  return Math.ceil(expiresAt - now);
}

/**
 * One connection to Redis and whether it answers. The stores on it fall back together, so an outage is one
 * log line per process, however many stores and requests meet it.
 */
export class RedisLink {
  readonly #url: string;
  readonly #logger: Logger;
  #client: Client;
  #state: 'starting' | 'up' | 'down' = 'starting';
  #probe: NodeJS.Timeout | undefined;
  /** When the PING in flight was sent (0: none in flight). */
  #probeSentAt = 0;
  #closed = false;
  readonly #waiters = new Set<() => void>();

  /** Connects in the background; until Redis answers, the stores use their fallbacks. */
  constructor(url: string, logger: Logger) {
    this.#url = url;
    this.#logger = logger;
    this.#client = this.#connect();
    this.#startProbing();
  }

  #connect(): Client {
    const client: Client = createClient({
      url: this.#url,
      // Fail fast instead of queueing while disconnected: the fallback answers at once.
      disableOfflineQueue: true,
      socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) },
    });
    // Every failed reconnection emits 'error': the first marks the outage, the rest are the same outage.
    client.on('error', (err: unknown) => {
      if (client === this.#client) this.fail(err);
    });
    client.on('ready', () => void this.#check());
    client.connect().catch((err: unknown) => {
      if (client === this.#client) this.fail(err);
    });
    return client;
  }

  /** True while Redis answers. */
  get up(): boolean {
    return this.#state === 'up';
  }

  /** Resolves once Redis has answered or failed to, or after `timeoutMs` (start-up waits a little for the first connection). */
  ready(timeoutMs: number): Promise<void> {
    if (this.#state !== 'starting') return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs).unref();
      this.#waiters.add(done);
    });
  }

  /**
   * Run `op` on Redis, or `fallback` while Redis does not answer. When `op` fails or has no answer within
   * {@link COMMAND_TIMEOUT_MS} (a frozen server, a lost network: node-redis waits for a reply without limit
   * once a command is sent), Redis is down from then on, and `fallback` answers.
   */
  async run<T>(op: (client: Client) => Promise<T>, fallback: () => T): Promise<T> {
    if (this.#state !== 'up') return fallback();
    let timer: NodeJS.Timeout | undefined;
    const pending = op(this.#client);
    // A reply (or error) after the deadline has nobody waiting for it.
    pending.catch(() => {});
    try {
      return await Promise.race([
        pending,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
        }),
      ]);
    } catch (err) {
      this.fail(err);
      return fallback();
    } finally {
      clearTimeout(timer);
    }
  }

  /** Redis did not answer: the stores use their fallbacks until a probe gets an answer. Logged once per outage. */
  fail(err: unknown): void {
    if (this.#closed || this.#state === 'down') return;
    const reason = err instanceof Error ? err.message || err.name : String(err);
    this.#logger.warn(
      { reason },
      this.#state === 'starting'
        ? 'Redis (REDIS_URL) does not answer: replays and cooldowns are checked by this instance alone until it does'
        : 'Redis (REDIS_URL) stopped answering: replays and cooldowns are checked by this instance alone until it is back',
    );
    this.#setState('down');
    this.#startProbing();
  }

  #setState(state: 'up' | 'down'): void {
    this.#state = state;
    for (const w of [...this.#waiters]) w();
  }

  #startProbing(): void {
    if (this.#probe || this.#closed) return;
    this.#probe = setInterval(() => void this.#check(), PROBE_MS).unref();
  }

  /**
   * A PING, one at a time: an answer means Redis is up (again). A PING unanswered for {@link STALE_MS} means
   * the connection is dead without having closed (a network that drops everything): a new one replaces it.
   */
  async #check(): Promise<void> {
    if (this.#state === 'up' || this.#closed) return;
    if (this.#probeSentAt > 0) {
      if (performance.now() - this.#probeSentAt > STALE_MS) this.#reconnect();
      return;
    }
    const client = this.#client;
    if (!client.isReady) return;
    const sentAt = (this.#probeSentAt = performance.now());
    try {
      await client.ping();
    } catch {
      return;
    } finally {
      if (this.#probeSentAt === sentAt) this.#probeSentAt = 0;
    }
    if (this.#closed || client !== this.#client) return;
    this.#logger.info(
      this.#state === 'starting'
        ? 'Redis (REDIS_URL) connected: replays and cooldowns are shared by every instance'
        : 'Redis (REDIS_URL) answers again: replays and cooldowns are shared again',
    );
    clearInterval(this.#probe);
    this.#probe = undefined;
    this.#setState('up');
  }

  #reconnect(): void {
    const stale = this.#client;
    this.#probeSentAt = 0;
    this.#client = this.#connect();
    stale.destroy();
  }

  /** A store of values of type V under `talks:<name>:`, falling back to a memory of `capacity` entries. */
  store<V>(name: string, capacity: number): RedisStore<V> {
    return new RedisStore<V>(this, `${KEY_PREFIX}${name}:`, new MemoryStore<V>(capacity));
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      clearInterval(this.#probe);
      this.#client.destroy();
    }
    return Promise.resolve();
  }
}

/** An {@link ExpiringStore} in Redis, shared by every instance on the same Redis; see the module comment. */
export class RedisStore<V> implements ExpiringStore<V> {
  readonly #link: RedisLink;
  readonly #prefix: string;
  readonly #fallback: MemoryStore<V>;
  /** The stored text of each object `get` returned, so `replace` compares exactly what Redis holds. */
  readonly #raw = new WeakMap<object, string>();

  constructor(link: RedisLink, prefix: string, fallback: MemoryStore<V>) {
    this.#link = link;
    this.#prefix = prefix;
    this.#fallback = fallback;
  }

  async add(key: string, value: V, expiresAt: number, now: number): Promise<boolean> {
    // Recorded here whether Redis answers or not: a repeat of what this instance saw is refused even during an outage.
    if (!this.#fallback.add(key, value, expiresAt, now)) return false;
    const set = async (client: Client): Promise<boolean> =>
      (await client.set(this.#prefix + key, JSON.stringify(value), {
        condition: 'NX',
        expiration: { type: 'PX', value: Math.max(1, ttl(expiresAt, now)) },
      })) === 'OK';
    return this.#link.run(set, () => true);
  }

  get(key: string, now: number): Promise<V | undefined> {
    return this.#link.run(
      async (client) => this.#parse(await client.get(this.#prefix + key)),
      () => this.#fallback.get(key, now),
    );
  }

  set(key: string, value: V, expiresAt: number, now: number): Promise<void> {
    return this.#link.run(
      async (client) => {
        const ms = ttl(expiresAt, now);
        if (ms > 0) await client.set(this.#prefix + key, JSON.stringify(value), { expiration: { type: 'PX', value: ms } });
        else await client.del(this.#prefix + key);
      },
      () => this.#fallback.set(key, value, expiresAt, now),
    );
  }

  replace(key: string, expected: V | undefined, value: V, expiresAt: number, now: number): Promise<boolean> {
    const held =
      expected === undefined
        ? ''
        : (typeof expected === 'object' && expected !== null && this.#raw.get(expected)) || JSON.stringify(expected);
    return this.#link.run(
      async (client) => {
        const args = [expected === undefined ? '0' : '1', held, JSON.stringify(value), String(Math.max(0, ttl(expiresAt, now)))];
        return (await client.eval(REPLACE_SCRIPT, { keys: [this.#prefix + key], arguments: args })) === 1;
      },
      () => this.#fallback.replace(key, expected, value, expiresAt, now),
    );
  }

  /** A stored value, or undefined for none (or for text this code did not write: it is not ours to trust). */
  #parse(raw: unknown): V | undefined {
    if (typeof raw !== 'string') return undefined;
    let value: V;
    try {
      value = JSON.parse(raw) as V;
    } catch {
      return undefined;
    }
    if (typeof value === 'object' && value !== null) this.#raw.set(value, raw);
    return value;
  }
}
