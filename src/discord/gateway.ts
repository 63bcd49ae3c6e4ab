/**
 * The gateway transport: a discord.js Client whose interactions become plain inputs for `handleInteraction`,
 * and whose replies go back through discord.js (which owns REST rate limits, retries and gateway resume;
 * `rest-log.ts` only logs them).
 */
import {
  ApplicationCommandOptionType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type ClientOptions,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { DiscordMessage } from '../render/discord.js';
import type { BotContext } from './context.js';
import { deliver } from './delivery.js';
import { handleInteraction } from './handle.js';
import type { InteractionInput, Reply } from './interaction.js';
import { postMessage } from './post.js';
import type { OptionInput } from './options.js';
import { logRestActivity } from './rest-log.js';

function optionValues(options: readonly CommandInteractionOption[]): Record<string, OptionInput> {
  const out: Record<string, OptionInput> = {};
  for (const o of options) {
    if (o.options) Object.assign(out, optionValues(o.options));
    else if (o.channel) out[o.name] = { id: o.channel.id, ...('name' in o.channel && o.channel.name ? { name: o.channel.name } : {}), type: o.channel.type };
    // A channel Discord did not resolve still names its id.
    else if (o.type === ApplicationCommandOptionType.Channel && typeof o.value === 'string') out[o.name] = { id: o.value };
    else if (o.value !== undefined) out[o.name] = o.value;
  }
  return out;
}

/** A discord.js interaction as plain input, or null for kinds the bot does not handle. */
export function toInput(interaction: Interaction): InteractionInput | null {
  const base = {
    id: interaction.id,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    memberPermissions: interaction.memberPermissions?.bitfield ?? null,
  };
  if (interaction.isChatInputCommand()) {
    return { ...base, kind: 'command', command: interaction.commandName, subcommand: interaction.options.getSubcommand(false), options: optionValues(interaction.options.data) };
  }
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return {
      ...base,
      kind: 'autocomplete',
      command: interaction.commandName,
      subcommand: interaction.options.getSubcommand(false),
      focused: { name: focused.name, value: String(focused.value) },
      options: optionValues(interaction.options.data),
    };
  }
  if (interaction.isButton()) {
    return {
      ...base,
      kind: 'button',
      customId: interaction.customId,
      message: { id: interaction.message.id, embeds: interaction.message.embeds.map((e) => e.toJSON()), ephemeral: interaction.message.flags.has(MessageFlags.Ephemeral) },
    };
  }
  if (interaction.isMessageContextMenuCommand()) {
    return { ...base, kind: 'message-command', command: interaction.commandName, target: { id: interaction.targetMessage.id, content: interaction.targetMessage.content } };
  }
  return null;
}

/** Our API-shaped message as discord.js reply options (camelCase `allowedMentions`). */
export function replyOptions(message: DiscordMessage): InteractionReplyOptions & { flags?: number } {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
    ...(message.flags !== undefined ? { flags: message.flags } : {}),
  };
}

async function send(interaction: Interaction, reply: Reply): Promise<void> {
  if (reply.type === 'choices') {
    if (interaction.isAutocomplete()) await interaction.respond(reply.choices);
    return;
  }
  if (!interaction.isRepliable()) return;
  const options = replyOptions(reply.message);
  if (reply.type === 'update' && interaction.isButton()) {
    const { flags: _flags, ...update } = options;
    await interaction.update(update);
    return;
  }
  await (interaction as RepliableInteraction).reply(options as InteractionReplyOptions & { flags?: MessageFlags.Ephemeral });
}

export interface GatewayBotOptions {
  /** Extra client options: the emulator's REST URL, shard ids, identify throttling in tests. */
  client?: Partial<ClientOptions>;
}

/** A Client wired to the handlers. Guilds intent only: interactions need nothing more. */
export function createGatewayBot(ctx: Omit<BotContext, 'post'>, options: GatewayBotOptions = {}): { client: Client; inFlight: Set<Promise<void>> } {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    ...options.client,
  });
  // discord.js retries 429s and 5xx silently: one log line per retry, slow answer and failed request.
  logRestActivity(client.rest, ctx.logger);
  // The same object, not a copy: a reload that swaps `ctx.corpus` reaches the next interaction.
  const full: BotContext = Object.assign(ctx, { post: (channelId: string, message: DiscordMessage) => postMessage(client.rest, channelId, message) });
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const input = toInput(interaction);
    if (!input) return;
    const work = (async () => {
      const reply = await handleInteraction(input, full);
      // An expired interaction (10062), a 5xx after discord.js's retries, ...: one clear line, never a crash.
      await deliver(ctx.logger, { id: interaction.id, kind: input.kind, createdAt: interaction.createdTimestamp }, () => send(interaction, reply));
    })();
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  client.once(Events.ClientReady, (c) => ctx.logger.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'connected to Discord'));
  client.on(Events.ShardResume, (id, replayed) => ctx.logger.info({ shard: id, replayed }, 'gateway session resumed'));
  client.on(Events.ShardDisconnect, (event, id) => ctx.logger.warn({ shard: id, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (id) => ctx.logger.info({ shard: id }, 'gateway reconnecting'));
  client.on(Events.Error, (err) => ctx.logger.error({ err }, 'client error'));
  return { client, inFlight };
}
