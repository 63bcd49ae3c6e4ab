/**
 * `npm run serve`: the HTTP interactions endpoint. Set the application's Interactions Endpoint URL in the
 * developer portal to https://<your host>/interactions; Discord then sends interactions here instead of
 * over the gateway. SIGTERM/SIGINT finish requests in flight and close the server. An HTTP-only path (as
 * @discordjs/core's http-only entry): discord.js's REST client and builders, never its gateway Client.
 */
// First: an unsupported Node stops here with one line.
import '../runtime/node-version.js';
import dotenv from 'dotenv';
import { COMMANDS } from '../../commands/index.js';
import { ConfigError, readServeConfig, redisPassword } from '../runtime/config.js';
import { resolve } from 'node:path';
import { openFeedback } from '../feedback/feedback.js';
import { openBotLibrary } from '../library/bot-library.js';
import { DEFAULT_DATA_DIR } from '../library/open.js';
import { createRest } from '../discord/rest-log.js';
import { editOriginal, postMessage } from '../discord/send.js';
import { createInteractionsServer, ListenError } from '../http/server.js';
import { publicKeyFromHex } from '../http/signature.js';
import { openStores } from '../http/stores.js';
import { createLogger } from '../runtime/logger.js';
import { DEFAULT_SEEDS_DIR } from '../runtime/paths.js';
import { buildSite } from '../site/build.js';
import { createReaderHandler, READER_PREFIX } from '../site/serve.js';

dotenv.config({ quiet: true });
let config;
try {
  config = readServeConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`config: ${err.message}\n`);
  process.exit(1);
}
const logger = createLogger({
  level: config.LOG_LEVEL,
  secrets: [config.DISCORD_TOKEN, redisPassword(config.REDIS_URL)].filter((s) => s !== undefined),
});
const token = config.DISCORD_TOKEN;
// REST only (the summary Post), never the gateway: its retries (429, 5xx, timeouts) are logged as in the gateway bot.
const rest = token ? createRest(logger, config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(token) : null;
// Replays, cooldowns and the library's drafts: in Redis, shared by every instance, with REDIS_URL; in this
// process's memory without.
const stores = await openStores(config, logger);
// The library: the seeds and what moderators added (DATA_DIR, or Redis with REDIS_URL), followed as it changes.
let library;
try {
  library = await openBotLibrary({
    seedsDir: config.TALKS_SEEDS_DIR ?? DEFAULT_SEEDS_DIR,
    dataDir: resolve(config.DATA_DIR ?? DEFAULT_DATA_DIR),
    redisUrl: config.REDIS_URL,
    logger,
    allowPrivate: config.LIBRARY_FETCH_PRIVATE,
    announceChannelId: config.LIBRARY_ANNOUNCE_CHANNEL_ID,
    ...(stores.library ? { shared: stores.library } : {}),
  });
} catch (err) {
  process.stderr.write(`serve: cannot open the library store: ${err instanceof Error ? err.message : String(err)}\n`);
  await stores.close();
  process.exit(1);
}
// Members' votes and what they ask (FEEDBACK=off: nothing opened, no buttons).
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
  process.stderr.write(`serve: cannot open the feedback store: ${err instanceof Error ? err.message : String(err)}\n`);
  await library.close();
  await stores.close();
  process.exit(1);
}
// The reader pages of the library answering, rebuilt with it: an article added has its page at once.
let reader = createReaderHandler(buildSite(library.corpus), READER_PREFIX);
const endpoint = createInteractionsServer({
  ...stores.options,
  commands: COMMANDS,
  publicKey: publicKeyFromHex(config.DISCORD_PUBLIC_KEY),
  corpus: library.corpus,
  logger,
  ...(rest
    ? { post: (channelId, message) => postMessage(rest, channelId, message), editOriginal: (ix, json) => editOriginal(rest, ix, json) }
    : {}),
  // The reader pages of the library this endpoint answers from, built in memory, under /sources/.
  reader: (req, res) => reader(req, res),
  library: library.desk,
  ...(feedback ? { feedback } : {}),
  ...(config.PUBLIC_READER_URL ? { readerUrl: config.PUBLIC_READER_URL } : {}),
  healthDetail: config.HEALTH_DETAIL,
});
let port: number;
try {
  port = await endpoint.listen(config.PORT, config.HOST);
} catch (err) {
  if (!(err instanceof ListenError)) throw err;
  // A port in use is a setting to change, not a crash: one line, as for a configuration error.
  process.stderr.write(`serve: ${err.message}\n`);
  await stores.close();
  process.exit(1);
}
await library.follow((next) => {
  reader = createReaderHandler(buildSite(next), READER_PREFIX);
  endpoint.setCorpus(next);
});
logger.info({ host: config.HOST, port, passages: library.corpus.index.passageCount }, 'interactions endpoint listening');
// One line on stdout for scripts and tests that start it on port 0.
process.stdout.write(`listening on http://${config.HOST}:${port}/interactions\n`);
process.stdout.write(`reader pages on http://${config.HOST}:${port}${READER_PREFIX}\n`);
const stop = (signal: string): void => {
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  void endpoint.close().then(async () => {
    await library.close();
    await feedback?.close();
    await stores.close();
    logger.info('closed');
    process.exit(0);
  });
};
process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));
