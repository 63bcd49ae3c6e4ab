/**
 * The gateway transport: a discord.js Client keeps the connection (shards, heartbeats, resume) and the REST
 * queue (rate limits, retries; `rest-log.ts` logs them). Each INTERACTION_CREATE payload goes, raw, through the
 * interaction pipeline, and the response body it writes is sent as it is, the same bytes the HTTP endpoint
 * answers with.
 */
import { Client, Events, GatewayIntentBits, SnowflakeUtil, type ClientOptions } from 'discord.js';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { createPipeline, type Pipeline, type PipelineOptions } from '../interactions/pipeline.js';
import { deliver } from './delivery.js';
import { logRestEvents, loggedRestOptions } from './rest-log.js';
import { postMessage, editOriginal, sendCallback } from './send.js';

export interface GatewayBotOptions extends Omit<PipelineOptions, 'post'> {
  /** Extra client options: the emulator's REST URL, shard ids, identify throttling in tests. */
  client?: Partial<ClientOptions>;
}

export interface GatewayBot {
  client: Client;
  pipeline: Pipeline;
  /** Replies being worked out or sent. */
  inFlight: Set<Promise<void>>;
  /** Take no more interactions (shutdown); those in flight finish. */
  stopAnswering: () => void;
}

/** A Client wired to the pipeline. Guilds intent only: interactions need nothing more. */
export function createGatewayBot(options: GatewayBotOptions): GatewayBot {
  const { logger } = options;
  // discord.js retries 429s and 5xx silently: one log line per retry, slow answer and failed request.
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...options.client,
    rest: loggedRestOptions(logger, options.client?.rest),
  });
  logRestEvents(client.rest, logger);
  const pipeline = createPipeline({ ...options, post: (channelId, message) => postMessage(client.rest, channelId, message) });
  const inFlight = new Set<Promise<void>>();
  const onInteraction = (raw: unknown): void => {
    const work = (async () => {
      const answer = await pipeline.answer(raw);
      if (answer.kind !== 'answered') return void logger.debug({ kind: answer.kind }, 'gateway interaction not answered');
      const { id } = answer.input;
      // An expired interaction, a 5xx after discord.js's retries, ...: one clear line, never a crash.
      const context = { id, kind: answer.input.kind, createdAt: SnowflakeUtil.timestampFrom(id) };
      await deliver(logger, context, () => sendCallback(client.rest, { id, token: answer.token }, answer.json, answer.files));
      const followUp = answer.followUp;
      if (followUp) {
        const message = await followUp.message();
        await deliver(logger, context, () => editOriginal(client.rest, answer, message));
      }
    })();
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  client.ws.on(GatewayDispatchEvents.InteractionCreate, onInteraction);
  client.once(Events.ClientReady, (c) => logger.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'connected to Discord'));
  client.on(Events.ShardResume, (id, replayed) => logger.info({ shard: id, replayed }, 'gateway session resumed'));
  client.on(Events.ShardDisconnect, (event, id) => logger.warn({ shard: id, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (id) => logger.info({ shard: id }, 'gateway reconnecting'));
  client.on(Events.Error, (err) => logger.error({ err }, 'client error'));
  return { client, pipeline, inFlight, stopAnswering: () => client.ws.off(GatewayDispatchEvents.InteractionCreate, onInteraction) };
}
