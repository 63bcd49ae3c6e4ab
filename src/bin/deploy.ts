/** `npm run deploy [-- --global]`: register the commands (see src/discord/deploy.ts). */
// First: an unsupported Node stops here with one line.
import '../node-version.js';
import dotenv from 'dotenv';
import { ConfigError, readBotConfig } from '../config.js';
import { deployCommands } from '../discord/deploy.js';

dotenv.config({ quiet: true });
const global = process.argv.includes('--global');
try {
  const config = readBotConfig(process.env);
  const guildId = global ? undefined : config.DISCORD_GUILD_ID;
  const result = await deployCommands({ token: config.DISCORD_TOKEN, applicationId: config.DISCORD_APPLICATION_ID, ...(guildId ? { guildId } : {}) });
  const where = guildId ? `server ${guildId} (instant)` : 'every server (global: can take up to an hour to show)';
  process.stdout.write(`Registered ${result.length} commands for ${where}: ${result.map((c) => c.name).join(', ')}\n`);
  if (!guildId) process.stdout.write('Tip: set DISCORD_GUILD_ID to register in one server instantly while developing.\n');
} catch (err) {
  const message = err instanceof ConfigError ? err.message : err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  process.stderr.write(`deploy: ${message}\n`);
  process.exitCode = 1;
}
