/**
 * The durable stores' Lua scripts run by their SHA1: the text goes to Redis once, and again only when Redis has
 * forgotten it (a restart, SCRIPT FLUSH), never with every call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDurable, LuaScript, type DurableClient } from '../../src/stores/redis-durable.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';

let redis: RedisServer;
let client: DurableClient;

beforeAll(async () => {
  redis = await startRedisServer();
  ({ client } = await connectDurable(redis.url));
}, 20_000);
afterAll(async () => {
  await client?.close();
  await redis?.stop();
});

/** How many times Redis ran EVAL and EVALSHA (INFO commandstats), failed calls included. */
async function calls(): Promise<{ eval: number; evalsha: number }> {
  const info = await client.info('commandstats');
  const count = (name: string): number => Number(new RegExp(`^cmdstat_${name}:calls=(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return { eval: count('eval'), evalsha: count('evalsha') };
}

describe('a Lua script of a durable store', () => {
  it('is sent once, then run by its SHA1; after Redis forgets it, sent once more', async () => {
    const echo = new LuaScript('return ARGV[1] .. KEYS[1]');
    expect(await echo.run(client, { keys: ['!'], arguments: ['first'] })).toBe('first!');
    for (let i = 0; i < 5; i++) expect(await echo.run(client, { keys: ['?'], arguments: [String(i)] })).toBe(`${i}?`);
    const before = await calls();
    // Six runs: one EVAL (Redis did not know it yet), six EVALSHA (the first answered NOSCRIPT).
    expect(before).toEqual({ eval: 1, evalsha: 6 });

    await client.scriptFlush();
    expect(await echo.run(client, { keys: ['.'], arguments: ['again'] })).toBe('again.');
    expect(await calls()).toEqual({ eval: before.eval + 1, evalsha: before.evalsha + 1 });
  });

  it('is not sent again when it fails for another reason: the error is the caller’s', async () => {
    const broken = new LuaScript("return redis.call('NO-SUCH-COMMAND')");
    await expect(broken.run(client, {})).rejects.toThrow(/unknown redis command/i);
    const before = await calls();
    await expect(broken.run(client, {})).rejects.toThrow(/unknown redis command/i);
    expect(await calls()).toEqual({ eval: before.eval, evalsha: before.evalsha + 1 });
  });
});
