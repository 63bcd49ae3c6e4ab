/**
 * `npm run start:sharded`: one process per gateway shard, through discord.js's ShardingManager (for bots in
 * thousands of servers; below ~2,500 one process with DISCORD_SHARDS=auto is simpler). Each child is the
 * ordinary `npm start` entry; discord.js hands it its shard ids through the environment. With
 * DISCORD_SHARD_IDS / DISCORD_SHARD_COUNT, only this machine's range.
 */
// First: an unsupported Node stops here with one line.
import '../runtime/node-version.js';
import dotenv from 'dotenv';
import { ShardingManager } from 'discord.js';
import { join } from 'node:path';
import { ConfigError, readBotConfig, shardOptions } from '../runtime/config.js';
import { PROJECT_ROOT } from '../runtime/paths.js';

dotenv.config({ quiet: true });
try {
  const config = readBotConfig(process.env);
  // With DISCORD_SHARD_IDS: a process for each shard of this machine's range only.
  const { shards, shardCount } = shardOptions(config);
  const manager = new ShardingManager(join(PROJECT_ROOT, 'dist', 'src', 'start.js'), {
    token: config.DISCORD_TOKEN,
    totalShards: shardCount ?? 'auto',
    ...(Array.isArray(shards) ? { shardList: shards } : {}),
  });
  // Each child runs the one shard the manager hands it (SHARDS), not the whole range again. Emptied rather
  // than deleted: empty counts as unset, and dotenv in the child does not bring back a variable that is set.
  process.env.DISCORD_SHARD_IDS = '';
  process.env.DISCORD_SHARD_COUNT = '';
  manager.on('shardCreate', (shard) => process.stderr.write(`shard ${shard.id} starting\n`));
  await manager.spawn();
} catch (err) {
  process.stderr.write(
    `shards: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`,
  );
  process.exitCode = 1;
}
