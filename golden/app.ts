/**
 * Every import of the project's own code that the golden harness makes, in one place.
 *
 * The CLI part runs the built `dist/src/bin/talks.js` as a process and needs nothing here. The HTTP and gateway
 * parts run in this process, because that is where a fixed clock can be injected (`now` options). When the
 * refactor of issue 13 moves these modules or renames these functions, this file (and only this file) is what
 * has to follow; what it hands to the rest of the harness must keep doing the same thing:
 *
 * - `openGoldenCorpus()`: the seed library loaded from a snapshot, as `npm run serve` and `npm start` load it;
 * - `startHttpEndpoint()`: the HTTP interactions endpoint as `npm run serve` wires it (with or without a token);
 * - `startGatewayBot()`: the gateway bot as `npm start` runs it with a token, pointed at a REST base URL;
 * - `deploy()`: `npm run deploy`'s registration request, sent to a REST base URL;
 * - the emulator class and its client options.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { COMMANDS } from '../commands/index.js';
import type { Corpus } from '../src/core/corpus.js';
import { openCorpus } from '../src/library/corpus-cache.js';
import { deployCommands } from '../src/discord/deploy.js';
import { createRest } from '../src/discord/rest-log.js';
import { startBot } from '../src/discord/run.js';
import { postMessage } from '../src/discord/send.js';
import { createInteractionsServer } from '../src/http/server.js';
import { publicKeyFromHex } from '../src/http/signature.js';
import { createLogger } from '../src/runtime/logger.js';
import { DEFAULT_SEEDS_DIR, PROJECT_ROOT } from '../src/runtime/paths.js';

export { DiscordEmulator, emulatorClientOptions } from '@peace-talks/discord-emulator';
export type { DispatchedInteraction, RecordedMessage } from '@peace-talks/discord-emulator';
export { PROJECT_ROOT };
export type { Corpus };

/** Logs are not part of the golden set: they go nowhere. */
function silentLogger(): ReturnType<typeof createLogger> {
  return createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
}

/**
 * The seed library from a snapshot, like the served bot loads it. The snapshot lives in its own cache folder
 * (`.cache/golden/`): the key of the shared `.cache/` is hashed from the built JavaScript, ours from the
 * TypeScript this process runs, and sharing one file would make each rebuild it for the other. When the
 * snapshot is missing or stale it is built and written, then read back, so every run answers from a loaded
 * snapshot, never from a freshly built corpus.
 */
export async function openGoldenCorpus(): Promise<Corpus> {
  const cacheDir = join(PROJECT_ROOT, '.cache', 'golden');
  const first = await openCorpus(DEFAULT_SEEDS_DIR, { cacheDir });
  if (first.cached) return first.corpus;
  const again = await openCorpus(DEFAULT_SEEDS_DIR, { cacheDir });
  if (!again.cached) throw new Error('golden: the corpus snapshot could not be written to .cache/golden/');
  return again.corpus;
}

export interface RunningHttp {
  port: number;
  close: () => Promise<void>;
}

/**
 * The HTTP endpoint on 127.0.0.1 (any free port), as `src/bin/serve.ts` sets it up: with `token` and `api`,
 * summaries are posted through discord.js's REST client (as with DISCORD_TOKEN and DISCORD_API_URL set);
 * without, Post explains that there is no token.
 */
export async function startHttpEndpoint(options: {
  corpus: Corpus;
  publicHex: string;
  now: () => number;
  rest?: { token: string; api: string };
}): Promise<RunningHttp> {
  const logger = silentLogger();
  let post: Parameters<typeof createInteractionsServer>[0]['post'];
  if (options.rest) {
    const rest = createRest(logger, { api: options.rest.api }).setToken(options.rest.token);
    post = (channelId, message) => postMessage(rest, channelId, message);
  }
  const endpoint = createInteractionsServer({
    commands: COMMANDS,
    publicKey: publicKeyFromHex(options.publicHex),
    corpus: options.corpus,
    logger,
    now: options.now,
    ...(post ? { post } : {}),
  });
  await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
  return { port: (endpoint.server.address() as AddressInfo).port, close: () => endpoint.close() };
}

/** The gateway bot (discord.js Client) logged in through `clientOptions` (the emulator's). */
export async function startGatewayBot(options: {
  corpus: Corpus;
  token: string;
  now: () => number;
  clientOptions: Record<string, unknown>;
}): Promise<{ stop: () => Promise<void> }> {
  const bot = await startBot({
    commands: COMMANDS,
    token: options.token,
    corpus: options.corpus,
    logger: silentLogger(),
    client: options.clientOptions,
    now: options.now,
  });
  return { stop: () => bot.stop() };
}

/** `npm run deploy` for one guild, through `api`. */
export async function deploy(options: { token: string; applicationId: string; guildId: string; api: string }): Promise<void> {
  await deployCommands({ ...options, commands: COMMANDS });
}
