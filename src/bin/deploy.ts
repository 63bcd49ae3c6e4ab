/** `npm run deploy [-- --global]`: register the commands (see src/discord/deploy.ts). */
// First: an unsupported Node stops here with one line.
import '../runtime/node-version.js';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { COMMANDS } from '../../commands/index.js';
import { ConfigError, readBotConfig } from '../runtime/config.js';
import { deployCommands } from '../discord/deploy.js';

const USAGE = `npm run deploy [-- --global]
  Registers /talks and "Find sources" in the server DISCORD_GUILD_ID (instantly), or with --global in every
  server (can take up to an hour). Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID, and DISCORD_API_URL if set
  (a REST proxy, or the local emulator).`;

dotenv.config({ quiet: true });
try {
  const { values } = parseArgs({ options: { global: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
  } else {
    const config = readBotConfig(process.env);
    const guildId = values.global ? undefined : config.DISCORD_GUILD_ID;
    const result = await deployCommands({
      commands: COMMANDS,
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      ...(guildId ? { guildId } : {}),
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    });
    const where = guildId ? `server ${guildId} (instant)` : 'every server (global: can take up to an hour to show)';
    process.stdout.write(`Registered ${result.length} commands for ${where}: ${result.map((c) => c.name).join(', ')}\n`);
    if (!guildId) process.stdout.write('Tip: set DISCORD_GUILD_ID to register in one server instantly while developing.\n');
  }
} catch (err) {
  const message = err instanceof ConfigError ? err.message : err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  process.stderr.write(`deploy: ${message}\n`);
  // Bad usage (an unknown option) is 2, as for talks; anything else 1.
  process.exitCode = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
}
