/**
 * Redis for what must not be lost (the library's changes, members' feedback), unlike the replay and cooldown
 * memories (`redis.ts`), which fall back to this process's memory: a connection that reconnects by itself after
 * Redis restarts, and commands that fail, saying so, when Redis does not answer in time. Nothing is queued while
 * disconnected and nothing is kept aside: a change Redis did not take is refused, and the caller says so.
 */
import { createHash } from 'node:crypto';
import { createClient } from '@redis/client';

export type DurableClient = ReturnType<typeof createClient>;

/** How long a Redis away at start is waited for before the store opens and reconnects in the background. */
const CONNECT_WAIT_MS = 2000;

/** A client for `url` (waited for a moment), and how to name where it keeps things. */
export async function connectDurable(url: string): Promise<{ client: DurableClient; where: string }> {
  const client: DurableClient = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_WAIT_MS, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) },
  });
  // Errors while reconnecting are the outage itself; commands meanwhile fail, and say so.
  client.on('error', () => {});
  const connecting = client.connect();
  connecting.catch(() => {});
  await Promise.race([connecting, new Promise((r) => setTimeout(r, CONNECT_WAIT_MS).unref())]);
  const host = new URL(url);
  return { client, where: `Redis at ${host.hostname}:${host.port || '6379'}` };
}

/** `pending`, or a rejection naming `what` when Redis has not answered within `ms` (node-redis would wait for ever). */
export async function timed<T>(pending: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  pending.catch(() => {});
  try {
    return await Promise.race([
      pending,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} (REDIS_URL) did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A Lua script run by its SHA1 (EVALSHA), its text sent (EVAL) only when Redis does not hold it yet — after Redis
 * starts or its scripts are flushed — as Redis's documentation advises: a long script sent with every call was a
 * good share of a report's and a vote's cost.
 */
export class LuaScript {
  readonly sha1: string;

  constructor(readonly text: string) {
    this.sha1 = createHash('sha1').update(text).digest('hex');
  }

  async run(client: DurableClient, options: { keys?: string[]; arguments?: string[] }): Promise<unknown> {
    try {
      return await client.evalSha(this.sha1, options);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.eval(this.text, options);
    }
  }
}
