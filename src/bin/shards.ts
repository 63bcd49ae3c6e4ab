/**
 * `npm run start:sharded`: one process per gateway shard, through discord.js's ShardingManager (for bots in
 * thousands of servers; below ~2,500 one process with DISCORD_SHARDS=auto is simpler). Each child is the
 * ordinary `npm start` entry; discord.js hands it its shard ids through the environment.
 */
// First: an unsupported Node stops here with one line.
import '../node-version.js';
import dotenv from 'dotenv';
import { ShardingManager } from 'discord.js';
import { join } from 'node:path';
import { ConfigError, readBotConfig } from '../config.js';
import { PROJECT_ROOT } from '../paths.js';

dotenv.config({ quiet: true });
try {
  const config = readBotConfig(process.env);
  const manager = new ShardingManager(join(PROJECT_ROOT, 'dist', 'src', 'start.js'), {
    token: config.DISCORD_TOKEN,
    totalShards: config.DISCORD_SHARDS ?? 'auto',
  });
  manager.on('shardCreate', (shard) => process.stderr.write(`shard ${shard.id} starting\n`));
  await manager.spawn();
} catch (err) {
  process.stderr.write(`shards: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  process.exitCode = 1;
}
