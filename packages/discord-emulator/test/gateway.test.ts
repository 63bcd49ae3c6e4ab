/** The gateway, spoken by hand over `ws` (handshake, heartbeats, resume, close codes), then by discord.js. */
import { once } from 'node:events';
import { Events } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator, shardForGuild } from '../src/index.js';
import { CHANNEL, failOnUnhandledRejection, GUILD, RawGateway, readyClient, startEmulator, TOKEN, type Running } from './helpers.js';

let running: Running;
const open: RawGateway[] = [];
const connect = async (query?: string) => {
  const gateway = await RawGateway.open(running.emulator.gatewayUrl, query);
  open.push(gateway);
  return gateway;
};

beforeAll(async () => {
  running = await startEmulator({ heartbeatIntervalMs: 250, token: TOKEN });
});
afterEach(() => {
  for (const gateway of open.splice(0)) gateway.close();
});
afterAll(async () => {
  await running.emulator.stop();
});

describe('the handshake', () => {
  it('says HELLO with the heartbeat interval, and acknowledges heartbeats', async () => {
    const gateway = await connect();
    expect(await gateway.next()).toMatchObject({ op: 10, d: { heartbeat_interval: 250 }, s: null, t: null });
    gateway.send(1, null);
    expect(await gateway.next()).toEqual({ op: 11, d: null, s: null, t: null });
  });

  it('answers IDENTIFY with READY (the fields discord.js needs) and a GUILD_CREATE per guild', async () => {
    const gateway = await connect();
    const ready = await gateway.identify();
    expect(ready).toMatchObject({
      v: 10,
      user: { id: running.emulator.botUser.id, bot: true },
      application: { id: running.emulator.applicationId },
      guilds: [{ id: GUILD, unavailable: true }],
      session_type: 'normal',
      resume_gateway_url: running.emulator.gatewayUrl,
      shard: [0, 1],
    });
    expect(ready.session_id).toMatch(/^[0-9a-f]{32}$/);
    const guild = await gateway.dispatch('GUILD_CREATE');
    expect(guild.s).toBe(2);
    expect(guild.d).toMatchObject({
      id: GUILD,
      unavailable: false,
      channels: [{ id: CHANNEL, name: 'general', type: 0, guild_id: GUILD }],
      members: [{ user: { id: running.emulator.botUser.id } }],
    });
    await running.emulator.waitForReady(1000);
    expect(running.emulator.gatewayEvents.at(-1)).toMatchObject({ shardId: 0, op: 2, d: { token: TOKEN } });
  });

  it('leaves as many heartbeats unacknowledged as it is told to, then acknowledges again', async () => {
    const gateway = await connect();
    await gateway.identify();
    running.emulator.dropHeartbeatAcks(1, 0);
    gateway.send(1, 2);
    await expect(gateway.next((p) => p.op === 11, 300)).rejects.toThrow(/no matching/);
    gateway.send(1, 2);
    expect(await gateway.next((p) => p.op === 11)).toMatchObject({ op: 11 });
  });

  it.each<[string, string | undefined, (g: RawGateway) => void, number]>([
    ['a wrong token', undefined, (g) => g.send(2, { token: 'wrong', intents: 1, properties: {} }), 4004],
    ['a shard outside the count', undefined, (g) => g.send(2, { token: TOKEN, intents: 1, properties: {}, shard: [2, 2] }), 4010],
    ['an unknown opcode', undefined, (g) => g.send(99, null), 4001],
    ['a payload that is not JSON', undefined, (g) => g.ws.send('{nope'), 4002],
    ['a presence update before IDENTIFY', undefined, (g) => g.send(3, {}), 4003],
    ['API version 9', '?v=9&encoding=json', () => undefined, 4012],
    ['transport compression', '?v=10&encoding=json&compress=zlib-stream', () => undefined, 4012],
    ['ETF encoding', '?v=10&encoding=etf', () => undefined, 4012],
  ])('closes the connection on %s', async (_label, query, act, code) => {
    const gateway = await connect(query);
    act(gateway);
    expect((await gateway.closed).code).toBe(code);
  });

  it('closes with 4005 on a second IDENTIFY', async () => {
    const gateway = await connect();
    await gateway.identify();
    gateway.send(2, { token: TOKEN, intents: 1, properties: {} });
    expect((await gateway.closed).code).toBe(4005);
  });
});

describe('resuming', () => {
  it('replays the dispatches a dropped connection missed, then says RESUMED', async () => {
    const first = await connect();
    const ready = await first.identify();
    const { s: seq } = await first.dispatch('GUILD_CREATE');
    running.emulator.terminateGateway(0);
    await first.closed;
    running.emulator.dispatchRaw('TYPING_START', { channel_id: CHANNEL });
    const second = await connect();
    await second.next((p) => p.op === 10);
    second.send(6, { token: TOKEN, session_id: ready.session_id, seq });
    expect(await second.next()).toMatchObject({ op: 0, t: 'TYPING_START', s: (seq ?? 0) + 1, d: { channel_id: CHANNEL } });
    expect(await second.next()).toMatchObject({ op: 0, t: 'RESUMED', s: (seq ?? 0) + 2 });
    await running.emulator.waitForReady(1000);
  });

  it('answers a RESUME of a session it does not know with op 9, not resumable', async () => {
    const gateway = await connect();
    await gateway.next((p) => p.op === 10);
    gateway.send(6, { token: TOKEN, session_id: 'no-such-session', seq: 1 });
    expect(await gateway.next()).toMatchObject({ op: 9, d: false });
  });

  it('forgets a session closed with a final code', async () => {
    const first = await connect();
    const ready = await first.identify();
    running.emulator.closeGateway(1000, 0);
    expect((await first.closed).code).toBe(1000);
    const second = await connect();
    await second.next((p) => p.op === 10);
    second.send(6, { token: TOKEN, session_id: ready.session_id, seq: 1 });
    expect(await second.next()).toMatchObject({ op: 9, d: false });
  });
});

describe('shards', () => {
  it("sends each shard only its guilds' GUILD_CREATE, as (guild_id >> 22) % shard_count routes them", async () => {
    const guilds = ['1300000000000000100', '1300000000004194404', '1300000000008388708'].map((id, i) => ({
      id,
      name: `g${i}`,
      channels: [{ id: `14000000000000000${i}0`, name: 'general' }],
    }));
    expect(guilds.map((g) => shardForGuild(g.id, 2))).toEqual([0, 1, 0]);
    const sharded = new DiscordEmulator({ guilds, shards: 2 });
    await sharded.start(0);
    try {
      const shards = await Promise.all([0, 1].map(() => RawGateway.open(sharded.gatewayUrl)));
      const readies = await Promise.all(shards.map((g, i) => g.identify(TOKEN, [i, 2])));
      expect(readies.map((r) => (r.guilds as Array<{ id: string }>).map((g) => g.id))).toEqual([
        [guilds[0]?.id, guilds[2]?.id],
        [guilds[1]?.id],
      ]);
      await sharded.waitForReady(1000);
      // An interaction in a guild goes to that guild's shard.
      const ix = await sharded.slashCommand('ping', [], { guildId: guilds[1]?.id ?? '' });
      expect(ix.shardId).toBe(1);
      expect(await shards[1]?.dispatch('INTERACTION_CREATE')).toMatchObject({ d: { id: ix.id, guild_id: guilds[1]?.id } });
      for (const g of shards) g.close();
    } finally {
      await sharded.stop();
    }
  });
});

describe('with discord.js', () => {
  it('logs in, caches the guild, and resumes after close 4000, a dropped socket and op 7', async () => {
    const stop = failOnUnhandledRejection();
    const client = await readyClient(running.apiUrl);
    try {
      expect(client.guilds.cache.get(GUILD)?.channels.cache.get(CHANNEL)?.name).toBe('general');
      const resumes = () => running.emulator.gatewayEvents.filter((e) => e.op === 6).length;
      for (const fault of [
        () => running.emulator.closeGateway(4000),
        () => running.emulator.terminateGateway(),
        () => running.emulator.sendReconnect(),
      ]) {
        const before = resumes();
        const resumed = once(client, Events.ShardResume);
        fault();
        await resumed;
        expect(resumes()).toBe(before + 1);
      }
      // Still connected: a dispatch reaches the client.
      const created = new Promise((resolve) => client.once(Events.ChannelCreate, resolve));
      running.emulator.dispatchRaw('CHANNEL_CREATE', { id: '1300000000000000299', type: 0, name: 'new', guild_id: GUILD });
      expect(await created).toMatchObject({ id: '1300000000000000299', name: 'new' });
    } finally {
      await client.destroy();
      stop();
    }
  }, 20_000);

  it('identifies afresh after op 9 not resumable', async () => {
    const client = await readyClient(running.apiUrl);
    try {
      const identifies = () => running.emulator.gatewayEvents.filter((e) => e.op === 2).length;
      const before = identifies();
      const ready = once(client, Events.ShardReady);
      running.emulator.invalidSession(false);
      await ready;
      expect(identifies()).toBe(before + 1);
    } finally {
      await client.destroy();
    }
  }, 20_000);
});
