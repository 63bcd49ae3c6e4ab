/**
 * `npm start`, the main job. With DISCORD_TOKEN set: the bot connects to Discord (Guilds intent only) and
 * stops cleanly on SIGTERM/SIGINT. Without it: the offline playground, where the real bot talks to a
 * local Discord emulator and you type /talks commands in the terminal; with no terminal and no command on
 * stdin, exit 1 (see runPlayground).
 */
// First: an unsupported Node stops here with one line.
import './runtime/node-version.js';
import dotenv from 'dotenv';
import { COMMANDS } from '../commands/index.js';
import { resolve } from 'node:path';
import { ConfigError, readBotConfig, redisPassword, shardOptions } from './runtime/config.js';
import { DEFAULT_DATA_DIR } from './library/open.js';
import { createLogger } from './runtime/logger.js';
import { DEFAULT_SEEDS_DIR } from './runtime/paths.js';

dotenv.config({ quiet: true });

/** What `npm start` says first without a token: a newcomer learns where they are, a deployment what it forgot. */
const OFFLINE = 'DISCORD_TOKEN is not set, so this is the offline playground: a local Discord emulator, nothing leaves this machine.';

async function main(): Promise<number> {
  if (!process.env.DISCORD_TOKEN) {
    process.stderr.write(`${OFFLINE}\n`);
    const { runPlayground } = await import('./playground/playground.js');
    return runPlayground({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
  }
  let config;
  try {
    config = readBotConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`config: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secrets: [config.DISCORD_TOKEN, redisPassword(config.REDIS_URL)].filter((s) => s !== undefined),
  });
  const seedsDir = config.TALKS_SEEDS_DIR ?? DEFAULT_SEEDS_DIR;
  const { openBotLibrary } = await import('./library/bot-library.js');
  let library;
  try {
    library = await openBotLibrary({
      seedsDir,
      dataDir: resolve(config.DATA_DIR ?? DEFAULT_DATA_DIR),
      redisUrl: config.REDIS_URL,
      logger,
      allowPrivate: config.LIBRARY_FETCH_PRIVATE,
      announceChannelId: config.LIBRARY_ANNOUNCE_CHANNEL_ID,
    });
  } catch (err) {
    logger.error({ err }, 'could not open the library store');
    return 1;
  }
  // Members' votes and what they ask (FEEDBACK=off: nothing opened, no buttons).
  const { openFeedback } = await import('./feedback/feedback.js');
  let feedback;
  try {
    feedback = await openFeedback({
      dataDir: resolve(config.DATA_DIR ?? DEFAULT_DATA_DIR),
      redisUrl: config.REDIS_URL,
      enabled: config.FEEDBACK === 'on',
      retentionDays: config.FEEDBACK_RETENTION_DAYS,
      logger,
    });
  } catch (err) {
    logger.error({ err }, 'could not open the feedback store');
    await library.close();
    return 1;
  }
  const { corpus } = library;
  logger.info({ sources: corpus.index.sources.size, passages: corpus.index.passageCount, events: corpus.events.length }, 'library loaded');
  // Both loaded before logging in: nothing may await between "connected to Discord" and the signal
  // handlers, or a SIGTERM sent the moment the bot is up would meet node's default handler.
  const [{ startBot, stopOnSignals }, { watchCorpus }] = await Promise.all([import('./discord/run.js'), import('./library/reload.js')]);
  try {
    const bot = await startBot({
      commands: COMMANDS,
      token: config.DISCORD_TOKEN,
      corpus,
      logger,
      library: library.desk,
      ...(feedback ? { feedback } : {}),
      ...(config.PUBLIC_READER_URL ? { readerUrl: config.PUBLIC_READER_URL } : {}),
      client: { ...shardOptions(config), ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}) },
    });
    // A new or changed seed file, or an article added anywhere (here, another instance, the terminal), is
    // answered from without a restart.
    const watcher = watchCorpus(seedsDir, () => void library.rebuild(), logger);
    await library.follow(bot.setCorpus);
    stopOnSignals(
      { ...bot, stop: async () => (watcher.close(), await bot.stop(), await library.close(), await feedback?.close()) },
      logger,
    );
  } catch (err) {
    logger.error({ err }, 'could not connect to Discord');
    return 1;
  }
  return 0;
}

const code = await main();
if (code !== 0) process.exitCode = code;
