/**
 * INTERACTION_CREATE payload builders. Each returns the payload and the emulator's record of the interaction
 * (token, deadlines, state), which the REST side uses to judge the bot's callbacks and webhook calls.
 *
 * discord.js 14 needs more than the docs' "required" fields: `type` and `data.name`/`data.type` (or the handler
 * silently never runs), `entitlements` and `authorizing_integration_owners` (or it throws), and the channel as an
 * object (`channel_id` alone is ignored).
 */
import type {
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandAutocompleteInteraction,
  APIBaseInteraction,
  APIChannel,
  APIAttachment,
  APIChatInputApplicationCommandInteraction,
  APIInteraction,
  APIInteractionDataResolved,
  APIMessage,
  APIMessageApplicationCommandInteraction,
  APIMessageComponentInteraction,
  APIModalSubmissionComponent,
  APIModalSubmitInteraction,
  APIUser,
  ApplicationCommandType,
  InteractionType,
  Locale,
} from 'discord-api-types/v10';
import { DEFAULT_USER, interactionToken, MEMBER_PERMISSIONS, snowflake, type StoredInteraction, type World } from './model.js';
import type { EmulatorUser, InteractionOptions } from './types.js';

/** The fields every interaction type shares. */
type Common = Omit<APIBaseInteraction<InteractionType, never>, 'type' | 'data'> &
  Required<Pick<APIBaseInteraction<InteractionType, never>, 'channel' | 'channel_id' | 'app_permissions'>>;

export interface Built<P extends APIInteraction = APIInteraction> {
  payload: P;
  stored: StoredInteraction;
}

export interface Lifetimes {
  tokenTtlMs: number;
  ackDeadlineMs: number;
}

/** Where an interaction happens and who invokes it; registers the interaction with the world. */
function invoke(
  world: World,
  opts: InteractionOptions,
  lifetimes: Lifetimes,
  type: number,
  commandType: number | null,
  sourceMessageId: string | null = null,
): { common: Common; stored: StoredInteraction } {
  const user = world.user(opts.user ?? DEFAULT_USER);
  const guildId = opts.guildId === undefined ? (world.guilds[0]?.id ?? null) : opts.guildId;
  const id = snowflake();
  const token = interactionToken();
  const locale = (opts.locale ?? 'en-US') as Locale;
  const permissions = opts.memberPermissions !== undefined ? String(opts.memberPermissions) : MEMBER_PERMISSIONS.toString();
  let common: Common;
  let channelId: string;
  if (guildId) {
    const guild = world.guild(guildId);
    if (!guild) throw new Error(`emulator: unknown guild ${guildId}`);
    const channel = opts.channelId
      ? guild.channels.find((c) => c.id === opts.channelId)
      : guild.channels.find((c) => !c.deleted && (c.type ?? 0) === 0);
    if (!channel) throw new Error(`emulator: no channel ${opts.channelId ?? '(text)'} in guild ${guildId}`);
    channelId = channel.id;
    common = {
      id,
      application_id: world.applicationId,
      token,
      version: 1,
      guild_id: guildId,
      guild: { id: guildId, features: [], locale: (opts.guildLocale ?? 'en-US') as Locale },
      channel: world.channelObject(guild, channel),
      channel_id: channelId,
      member: {
        ...world.member(user, opts.roles ?? []),
        user,
        permissions,
      },
      app_permissions: world.appPermissions(channel),
      locale,
      guild_locale: (opts.guildLocale ?? 'en-US') as Locale,
      entitlements: [],
      authorizing_integration_owners: { 0: guildId },
      context: 0,
      attachment_size_limit: 10 * 1024 * 1024,
    };
  } else {
    channelId = opts.channelId ?? world.dmChannelId(user.id);
    const dm = { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [user] } as unknown as APIChannel;
    common = {
      id,
      application_id: world.applicationId,
      token,
      version: 1,
      channel: dm,
      channel_id: channelId,
      user,
      app_permissions: world.appPermissions(undefined),
      locale,
      entitlements: [],
      authorizing_integration_owners: { 1: user.id },
      context: 1,
      attachment_size_limit: 10 * 1024 * 1024,
    };
  }
  const now = Date.now();
  const stored: StoredInteraction = {
    id,
    token,
    type,
    commandType,
    guildId,
    channelId,
    user,
    expiresAt: now + lifetimes.tokenTtlMs,
    ackBy: now + lifetimes.ackDeadlineMs,
    expired: false,
    callbackType: null,
    originalMessageId: null,
    sourceMessageId,
    messageIds: new Set(),
    callbackData: null,
    invoker: {
      permissions: guildId ? permissions : null,
      roles: opts.roles ?? [],
      locale,
      guildLocale: opts.guildLocale ?? 'en-US',
    },
    modalSubmitIds: [],
  };
  world.interactions.set(id, stored);
  world.interactionsByToken.set(token, stored);
  return { common, stored };
}

/** `guild_id` in command data marks a guild command; only set when the command is registered there. */
function commandGuild(world: World, name: string, type: ApplicationCommandType, guildId: string | null): { guild_id?: string } {
  return guildId && world.registeredCommands(guildId).some((c) => c.name === name && (c.type ?? 1) === type) ? { guild_id: guildId } : {};
}

export function buildSlashCommand(
  world: World,
  lifetimes: Lifetimes,
  name: string,
  options: APIApplicationCommandInteractionDataOption[],
  opts: InteractionOptions,
): Built<APIChatInputApplicationCommandInteraction> {
  const resolved = resolveOptions(world, options, opts.resolved);
  const { common, stored } = invoke(world, opts, lifetimes, 2, 1);
  const payload: APIChatInputApplicationCommandInteraction = {
    ...common,
    type: 2,
    data: {
      id: world.commandId(name, 1, stored.guildId),
      name,
      type: 1,
      options,
      ...(resolved ? { resolved } : {}),
      ...commandGuild(world, name, 1, stored.guildId),
    },
  };
  return { payload, stored };
}

/**
 * `data.resolved` for a command's options: every attachment option (type 11, at any depth, e.g. inside a
 * subcommand) resolved from the emulator's CDN, as Discord puts the uploaded file in `resolved.attachments`, merged
 * with what the test gave. Throws for an attachment id the emulator does not know.
 */
function resolveOptions(
  world: World,
  options: readonly APIApplicationCommandInteractionDataOption[],
  given: APIInteractionDataResolved | undefined,
): APIInteractionDataResolved | undefined {
  const attachments: Record<string, APIAttachment> = {};
  const walk = (list: readonly unknown[]) => {
    for (const o of list as Array<{ type?: number; value?: unknown; options?: unknown[] }>) {
      if (o.type === 11) {
        const id = String(o.value);
        const found = given?.attachments?.[id] ?? world.cdn.files.get(id)?.attachment;
        if (!found) throw new Error(`emulator: attachment option with unknown attachment ${id} (add it with addAttachment first)`);
        attachments[id] = found;
      }
      if (o.options) walk(o.options);
    }
  };
  walk(options);
  if (Object.keys(attachments).length === 0) return given;
  return { ...given, attachments: { ...given?.attachments, ...attachments } };
}

/** Throws unless exactly one option (at any depth) has `focused: true`, as Discord guarantees. */
function assertOneFocused(options: APIApplicationCommandInteractionDataOption[]): void {
  let focused = 0;
  const walk = (list: readonly unknown[]) => {
    for (const o of list as Array<{ focused?: boolean; options?: unknown[] }>) {
      if (o.focused) focused++;
      if (o.options) walk(o.options);
    }
  };
  walk(options);
  if (focused !== 1) throw new Error(`emulator: autocomplete needs exactly one option with focused: true (got ${focused})`);
}

export function buildAutocomplete(
  world: World,
  lifetimes: Lifetimes,
  name: string,
  options: APIApplicationCommandInteractionDataOption[],
  opts: InteractionOptions,
): Built<APIApplicationCommandAutocompleteInteraction> {
  assertOneFocused(options);
  const { common, stored } = invoke(world, opts, lifetimes, 4, 1);
  const payload = {
    ...common,
    type: 4,
    data: {
      id: world.commandId(name, 1, stored.guildId),
      name,
      type: 1,
      options,
      ...commandGuild(world, name, 1, stored.guildId),
    },
  } as APIApplicationCommandAutocompleteInteraction;
  return { payload, stored };
}

/** A button (component_type 2) pressed on `message`. */
export function buildButton(
  world: World,
  lifetimes: Lifetimes,
  customId: string,
  message: APIMessage,
  opts: InteractionOptions,
): Built<APIMessageComponentInteraction> {
  const { common, stored } = invoke(world, { ...opts, channelId: opts.channelId ?? message.channel_id }, lifetimes, 3, null, message.id);
  const data = { custom_id: customId, component_type: 2 };
  const payload = { ...common, type: 3, data, message } as APIMessageComponentInteraction;
  return { payload, stored };
}

/** A string select (component_type 3) on `message`, with the option values the user chose. */
export function buildSelect(
  world: World,
  lifetimes: Lifetimes,
  customId: string,
  values: readonly string[],
  message: APIMessage,
  opts: InteractionOptions,
): Built<APIMessageComponentInteraction> {
  const { common, stored } = invoke(world, { ...opts, channelId: opts.channelId ?? message.channel_id }, lifetimes, 3, null, message.id);
  const data = { custom_id: customId, component_type: 3, values: [...values] };
  const payload = { ...common, type: 3, data, message } as APIMessageComponentInteraction;
  return { payload, stored };
}

/**
 * A modal submit (interaction type 5). `message` is the message whose component opened the modal, if one did:
 * Discord includes it then, and the bot may answer with callback 6 or 7 to update it.
 */
export function buildModalSubmit(
  world: World,
  lifetimes: Lifetimes,
  customId: string,
  components: APIModalSubmissionComponent[],
  resolved: APIInteractionDataResolved | undefined,
  message: APIMessage | undefined,
  opts: InteractionOptions,
): Built<APIModalSubmitInteraction> {
  const where = { ...opts, channelId: opts.channelId ?? message?.channel_id };
  const { common, stored } = invoke(world, where, lifetimes, 5, null, message?.id ?? null);
  const payload: APIModalSubmitInteraction = {
    ...common,
    type: 5,
    data: { custom_id: customId, components, ...(resolved ? { resolved } : {}) },
    ...(message ? { message } : {}),
  };
  return { payload, stored };
}

export function buildMessageContextMenu(
  world: World,
  lifetimes: Lifetimes,
  name: string,
  target: APIMessage,
  opts: InteractionOptions,
): Built<APIMessageApplicationCommandInteraction> {
  const { common, stored } = invoke(world, { ...opts, channelId: opts.channelId ?? target.channel_id }, lifetimes, 2, 3);
  const payload: APIMessageApplicationCommandInteraction = {
    ...common,
    type: 2,
    data: {
      id: world.commandId(name, 3, stored.guildId),
      name,
      type: 3,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
      ...commandGuild(world, name, 3, stored.guildId),
    },
  };
  return { payload, stored };
}

/** A message object for something the bot did not send (a user's message under a context menu, say). */
export function foreignMessage(
  world: World,
  target: {
    id: string;
    content?: string;
    channelId?: string;
    author?: EmulatorUser;
    embeds?: APIMessage['embeds'];
    components?: APIMessage['components'];
    flags?: number;
  },
  defaultAuthor: APIUser,
): APIMessage {
  const channelId = target.channelId ?? world.guilds[0]?.channels[0]?.id ?? world.dmChannelId(defaultAuthor.id);
  const guildId = world.findChannel(channelId)?.guild.id;
  return {
    id: target.id,
    channel_id: channelId,
    ...(guildId ? { guild_id: guildId } : {}),
    author: target.author ? world.user(target.author) : defaultAuthor,
    content: target.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: target.embeds ?? [],
    components: target.components ?? [],
    pinned: false,
    type: 0,
    flags: target.flags ?? 0,
  };
}
