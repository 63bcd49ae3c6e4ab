/**
 * Gateway shards across machines: two machines' bots against one local Discord emulator serving guilds on all
 * four shards of DISCORD_SHARD_COUNT=4: `npm start` (`node dist/src/start.js`) with DISCORD_SHARD_IDS=0-1, and
 * `npm run start:sharded` (`node dist/src/bin/shards.js`, a process a shard) with 2,3. Each interaction is
 * answered once, by the process that owns its guild's shard. And the shard variables' one-line errors.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { DiscordEmulator } from '@peace-talks/discord-emulator';
import { ApplicationCommandOptionType as T, type APIApplicationCommandInteractionDataOption } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readBotConfig, shardOptions } from '../../src/runtime/config.js';
import { ROOT } from '../support/seeds.js';

const TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.Gabcde.e2e-test-token-not-a-secret-0123456789';
const COUNT = 4;
/** A guild id on `shard` of 4 (shard = (id >> 22) % count), the `n`th such. */
const guildOn = (shard: number, n: number): string =>
  String(((BigInt(2 ** 32) * BigInt(n + 1) * BigInt(COUNT) + BigInt(shard)) << 22n) | 1n);
const GUILDS = [0, 1, 2, 3].flatMap((shard) =>
  [0, 1].map((n) => ({ shard, id: guildOn(shard, n), channel: String(1300000000000000300n + BigInt(shard * 2 + n)) })),
);

interface BotProcess {
  name: string;
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

let emulator: DiscordEmulator;
const bots: BotProcess[] = [];

/**
 * `npm start` (start.js), or `npm run start:sharded` (shards.js: a child process per shard, all in the
 * process group of the one started here, so that the group is what gets the SIGTERM).
 */
function startBotProcess(name: string, env: Record<string, string>, entry: 'start.js' | 'bin/shards.js' = 'start.js'): BotProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', entry)], {
    detached: entry !== 'start.js',
    env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: emulator.applicationId, LOG_LEVEL: 'debug', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const bot = { name, child, output: () => output, exited };
  bots.push(bot);
  return bot;
}

async function until(condition: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ids of the interactions a process logged as handled. */
function handledBy(bot: BotProcess): string[] {
  return bot
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg: string; id?: string })
    .filter((l) => l.msg === 'interaction handled')
    .map((l) => l.id as string);
}

beforeAll(async () => {
  emulator = new DiscordEmulator({
    heartbeatIntervalMs: 250,
    shards: COUNT,
    guilds: GUILDS.map((g) => ({ id: g.id, name: `guild on shard ${g.shard}`, channels: [{ id: g.channel, name: 'general' }] })),
  });
  const { apiUrl } = await emulator.start(0);
  // Started together, as two machines would be: one runs its range in one process, the other a process a shard.
  const range = (ids: string): Record<string, string> => ({
    DISCORD_API_URL: apiUrl,
    DISCORD_SHARD_IDS: ids,
    DISCORD_SHARD_COUNT: String(COUNT),
  });
  const [low, high] = [startBotProcess('shards 0-1', range('0-1')), startBotProcess('shards 2,3', range('2,3'), 'bin/shards.js')];
  await until(
    () => low.output().includes('running: SIGTERM or SIGINT') && high.output().split('running: SIGTERM or SIGINT').length === 3,
    () => `both processes to connect:\n${low.output().slice(-1500)}\n${high.output().slice(-1500)}`,
    25_000,
  );
  await emulator.waitForReady(10_000, [0, 1, 2, 3]);
}, 40_000);

afterAll(async () => {
  for (const b of bots) {
    if (b.child.pid === undefined || b.child.exitCode !== null) continue;
    // The sharding manager's group: the manager and the shard processes it forked.
    if (b.child.spawnargs.some((a) => a.endsWith('shards.js'))) process.kill(-b.child.pid, 'SIGTERM');
    else b.child.kill('SIGTERM');
  }
  await Promise.all(bots.map((b) => b.exited));
  await emulator?.stop();
});

describe('two bot processes, each running its own range of four shards', () => {
  it('each identified its own shards, with the total count', () => {
    const identified = emulator.gatewayEvents.filter((e) => e.op === 2).map((e) => (e.d as { shard?: number[] }).shard);
    expect(identified.map((s) => s?.[0]).sort()).toEqual([0, 1, 2, 3]);
    expect(identified.every((s) => s?.[1] === COUNT)).toBe(true);
  });

  it('every interaction is answered once, by the process owning its guild’s shard', async () => {
    const [low, high] = bots as [BotProcess, BotProcess];
    const sent: Array<{ id: string; shard: number }> = [];
    for (const [i, guild] of GUILDS.entries()) {
      const options: APIApplicationCommandInteractionDataOption[] = [
        { type: T.Subcommand, name: 'search', options: [{ type: T.String, name: 'query', value: 'grain deal' }] },
      ];
      const ix = await emulator.slashCommand('talks', options, {
        guildId: guild.id,
        channelId: guild.channel,
        user: { id: `17000000000000000${10 + i}`, username: `user${i}` },
      });
      expect(ix.shardId).toBe(guild.shard);
      sent.push({ id: ix.id, shard: guild.shard });
    }
    for (const { id } of sent) expect((await emulator.waitForResponse(id, (r) => r.path.endsWith('/callback'))).status).toBe(204);
    // A moment for any second answer to arrive: there must be none.
    await new Promise((r) => setTimeout(r, 300));
    for (const { id } of sent) expect(emulator.responsesFor(id).filter((r) => r.path.endsWith('/callback'))).toHaveLength(1);
    expect(handledBy(low).sort()).toEqual(
      sent
        .filter((s) => s.shard < 2)
        .map((s) => s.id)
        .sort(),
    );
    expect(handledBy(high).sort()).toEqual(
      sent
        .filter((s) => s.shard >= 2)
        .map((s) => s.id)
        .sort(),
    );
    for (const b of bots) expect(b.output()).not.toContain(TOKEN);
  });
});

describe('DISCORD_SHARD_IDS and DISCORD_SHARD_COUNT', () => {
  const base = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '123456789012345678' };

  it('become the client’s shards: a list, a range, or both', () => {
    expect(shardOptions(readBotConfig({ ...base, DISCORD_SHARD_IDS: '0,1', DISCORD_SHARD_COUNT: '4' }))).toEqual({
      shards: [0, 1],
      shardCount: 4,
    });
    expect(shardOptions(readBotConfig({ ...base, DISCORD_SHARD_IDS: '2-3', DISCORD_SHARD_COUNT: '4' }))).toEqual({
      shards: [2, 3],
      shardCount: 4,
    });
    expect(shardOptions(readBotConfig({ ...base, DISCORD_SHARD_IDS: ' 0-2, 5 ,7', DISCORD_SHARD_COUNT: '8' }))).toEqual({
      shards: [0, 1, 2, 5, 7],
      shardCount: 8,
    });
    expect(shardOptions(readBotConfig({ ...base, DISCORD_SHARD_IDS: '0', DISCORD_SHARD_COUNT: '1' }))).toEqual({
      shards: [0],
      shardCount: 1,
    });
    // Neither: as before (one shard, or DISCORD_SHARDS in this process).
    expect(shardOptions(readBotConfig(base))).toEqual({});
    expect(shardOptions(readBotConfig({ ...base, DISCORD_SHARDS: '3' }))).toEqual({ shardCount: 3 });
  });

  it.each<[Record<string, string>, string]>([
    [{ DISCORD_SHARD_IDS: '0-1' }, 'DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT too: the total number of shards across all machines'],
    [{ DISCORD_SHARD_COUNT: '4' }, 'DISCORD_SHARD_COUNT needs DISCORD_SHARD_IDS too: the shards this process runs, like 0-1'],
    [
      { DISCORD_SHARD_IDS: '2-4', DISCORD_SHARD_COUNT: '4' },
      'DISCORD_SHARD_IDS must be below DISCORD_SHARD_COUNT (4): shard ids run from 0 to 3',
    ],
    [
      { DISCORD_SHARD_IDS: '0', DISCORD_SHARD_COUNT: '0' },
      'DISCORD_SHARD_COUNT must be the total number of shards across all machines (a whole number, at least 1)',
    ],
    [
      { DISCORD_SHARD_IDS: '0', DISCORD_SHARD_COUNT: 'two' },
      'DISCORD_SHARD_COUNT must be the total number of shards across all machines (a whole number, at least 1)',
    ],
    [
      { DISCORD_SHARD_IDS: '0', DISCORD_SHARD_COUNT: '1.5' },
      'DISCORD_SHARD_COUNT must be the total number of shards across all machines (a whole number, at least 1)',
    ],
    ...['1-0', '0,0', '3,1', '-1', 'a', '0,,1', '0-', '1;2'].map((ids): [Record<string, string>, string] => [
      { DISCORD_SHARD_IDS: ids, DISCORD_SHARD_COUNT: '4' },
      'DISCORD_SHARD_IDS must be shard ids in ascending order, like 0,1 or 0-3 or 0-3,8',
    ]),
    [
      { DISCORD_SHARD_IDS: '0', DISCORD_SHARD_COUNT: '2', DISCORD_SHARDS: '2' },
      'DISCORD_SHARDS cannot be set with DISCORD_SHARD_IDS / DISCORD_SHARD_COUNT: use one or the other',
    ],
  ])('%o: one line naming what is wrong', (env, message) => {
    expect(() => readBotConfig({ ...base, ...env })).toThrow(new ConfigError(message));
  });

  it('a bad range stops `npm start` with that one line, before connecting', async () => {
    const bad = startBotProcess('a range past the count', { DISCORD_SHARD_IDS: '0-4', DISCORD_SHARD_COUNT: '4' });
    expect(await bad.exited).toBe(1);
    expect(bad.output().trim()).toBe('config: DISCORD_SHARD_IDS must be below DISCORD_SHARD_COUNT (4): shard ids run from 0 to 3');
  });
});
