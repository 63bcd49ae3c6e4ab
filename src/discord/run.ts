/**
 * Running the gateway bot: log in, answer, and on SIGTERM/SIGINT finish the replies in flight, close the
 * gateway and exit 0.
 */
import { Events, type Client } from 'discord.js';
import type { Logger } from 'pino';
import type { Corpus } from '../core/corpus.js';
import { createGatewayBot, type GatewayBotOptions } from './gateway.js';

/** How long shutdown waits for replies in flight. */
const SHUTDOWN_GRACE_MS = 5000;

export interface RunningBot {
  client: Client;
  /** Swap in a new corpus (a reload); replies already running finish with the old one. */
  setCorpus: (corpus: Corpus) => void;
  /** Finish in-flight replies (up to the grace period), then disconnect. Safe to call twice. */
  stop: () => Promise<void>;
}

export async function startBot(options: GatewayBotOptions & { token: string }): Promise<RunningBot> {
  const { client, pipeline, inFlight, stopAnswering } = createGatewayBot(options);
  // What `stop` keeps: the logger, not the options, whose first library must go at a reload.
  const { logger } = options;
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopAnswering();
      const pending = [...inFlight];
      logger.info({ pending: pending.length }, 'shutting down: finishing replies in flight');
      await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS).unref())]);
      // Closing the gateway ourselves is neither a drop nor a reconnect: those lines are for faults.
      for (const event of [Events.ShardDisconnect, Events.ShardReconnecting, Events.ShardResume] as const) client.removeAllListeners(event);
      await client.destroy();
      logger.info('disconnected');
    })();
    return stopping;
  };
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(options.token);
  await ready;
  return { client, stop, setCorpus: pipeline.setCorpus };
}

/** Stop cleanly on SIGTERM/SIGINT, then exit 0. */
export function stopOnSignals(bot: RunningBot, logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'signal received');
    void bot.stop().then(() => exit(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  // From here on a signal stops the bot cleanly (before, node's default handler would just end the process).
  logger.info('running: SIGTERM or SIGINT finishes replies in flight and disconnects');
}
