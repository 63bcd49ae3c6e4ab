/**
 * The emulated world: ids, users, guilds, channels, messages, interactions and registered commands, and the JSON
 * objects Discord uses for them. No I/O here; the gateway and REST modules read and change this state.
 */
import { randomBytes } from 'node:crypto';
import type {
  APIApplicationCommand,
  APIAttachment,
  APIChannel,
  ApplicationCommandType,
  APIEmbed,
  APIGuildMember,
  APIMessage,
  APIMessageTopLevelComponent,
  APIOverwrite,
  APIRole,
  APIUser,
} from 'discord-api-types/v10';
import type { GuildMemberFlags, RoleFlags, UserFlags } from 'discord-api-types/v10';
import type { Cdn } from './cdn.js';
import type { EmulatorChannel, EmulatorGuild, EmulatorOptions, EmulatorUser, RecordedMessage } from './types.js';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A fresh snowflake for the current time (worker 1), so ids sort by creation like Discord's. */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** The shard a guild's events go to: `(guild_id >> 22) % shard_count`, as Discord routes them. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Interaction tokens are opaque, URL-safe and long, like Discord's. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
}

const Permission = {
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** What @everyone may do in a fresh guild (roughly Discord's defaults for text). */
export const MEMBER_PERMISSIONS = Object.values(Permission).reduce((a, b) => a | b, 0n);

export const MessageFlag = { Ephemeral: 1 << 6, Loading: 1 << 7 } as const;

const DEFAULT_APPLICATION_ID = '1300000000000000001';
const DEFAULT_GUILD_ID = '1300000000000000100';
const DEFAULT_CHANNEL_ID = '1300000000000000200';
export const DEFAULT_USER: EmulatorUser = { id: '1300000000000000300', username: 'tester', globalName: 'Tester' };
const JOINED_AT = '2024-01-01T00:00:00.000Z';

export interface StoredInteraction {
  id: string;
  token: string;
  /** Interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  /** Application command type for type 2/4 (1 chat input, 2 user, 3 message). */
  commandType: number | null;
  guildId: string | null;
  channelId: string;
  user: APIUser;
  /** `Date.now()` deadlines. */
  expiresAt: number;
  ackBy: number;
  expired: boolean;
  /** Callback type that acknowledged it, or null. */
  callbackType: number | null;
  /** `@original`: the reply (callback 4/5), or the message a component was on (callback 6/7). */
  originalMessageId: string | null;
  /** The message a component was on. */
  sourceMessageId: string | null;
  /** Message ids created through this interaction's webhook. */
  messageIds: Set<string>;
  /** Autocomplete choices (callback 8) or modal (callback 9) the bot sent. */
  callbackData: unknown;
  /** How the user invoked it, for a modal submit that follows: `member.permissions` (null in a DM), roles, locales. */
  invoker: { permissions: string | null; roles: string[]; locale: string; guildLocale: string };
  /** For an interaction that showed a modal (callback 9): the modal submits of that modal so far. */
  modalSubmitIds: string[];
}

/** Fields a bot sends to create or edit a message. */
export interface MessageBody {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: APIMessageTopLevelComponent[] | null;
  flags?: number | null;
  attachments?: Array<{ id: string | number; filename?: string; description?: string }> | null;
  message_reference?: unknown;
  tts?: boolean;
}

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  /** The file's bytes, as uploaded. */
  data: Buffer;
}

/** Where commands are registered: a guild id, or `'global'`. */
type Scope = string;

export class World {
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly guilds: EmulatorGuild[];
  readonly interactions = new Map<string, StoredInteraction>();
  readonly interactionsByToken = new Map<string, StoredInteraction>();
  readonly messages: RecordedMessage[] = [];
  private readonly messagesById = new Map<string, RecordedMessage>();
  /** Registered commands per scope ('global' or a guild id). */
  private readonly commands = new Map<Scope, APIApplicationCommand[]>();
  /** Stable ids for commands that were never registered, so repeated invocations agree. */
  private readonly adHocCommandIds = new Map<string, string>();
  private readonly dmChannels = new Map<string, string>();

  /** `cdn`: the attachment store, which attachment options are resolved from. */
  constructor(
    options: EmulatorOptions,
    readonly cdn: Cdn,
  ) {
    this.applicationId = options.applicationId ?? DEFAULT_APPLICATION_ID;
    const bot = options.botUser ?? { id: this.applicationId, username: 'Peace Talks Bot' };
    this.botUser = {
      id: bot.id,
      username: bot.username,
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      verified: true,
      mfa_enabled: false,
      flags: 0 as UserFlags,
      public_flags: 0 as UserFlags,
    };
    this.guilds = options.guilds ?? [
      { id: DEFAULT_GUILD_ID, name: 'Emulated Guild', channels: [{ id: DEFAULT_CHANNEL_ID, name: 'general' }] },
    ];
  }

  // ---- users, guilds, channels ----

  user(u: EmulatorUser): APIUser {
    return {
      id: u.id,
      username: u.username,
      discriminator: '0',
      global_name: u.globalName ?? null,
      avatar: null,
      public_flags: 0 as UserFlags,
    };
  }

  member(user: APIUser, roles: string[] = []): APIGuildMember {
    return {
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles,
      joined_at: JOINED_AT,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  /** The DM channel between the bot and a user (one per user, made on first use). */
  dmChannelId(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) this.dmChannels.set(userId, (id = snowflake()));
    return id;
  }

  isDmChannel(id: string): boolean {
    return [...this.dmChannels.values()].includes(id);
  }

  guild(id: string): EmulatorGuild | undefined {
    return this.guilds.find((g) => g.id === id);
  }

  findChannel(id: string): { guild: EmulatorGuild; channel: EmulatorChannel } | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === id);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  channelObject(guild: EmulatorGuild, channel: EmulatorChannel): APIChannel {
    // A deny overwrite for the bot makes `channel.permissionsFor(me)` agree with the 403 the REST side answers.
    const overwrites: APIOverwrite[] =
      channel.botCanSend === false ? [{ id: this.botUser.id, type: 1, allow: '0', deny: Permission.SendMessages.toString() }] : [];
    // Built before it is returned: the channel type is the caller's runtime number (text, announcement, …), and a
    // widened `number` is accepted where the channel union wants a ChannelType or ChannelFlags; a literal `0` is not.
    const raw = {
      id: channel.id,
      type: channel.type ?? 0,
      name: channel.name,
      guild_id: guild.id,
      position: guild.channels.indexOf(channel),
      permission_overwrites: overwrites,
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    };
    return raw;
  }

  /** Permissions of the bot in a channel, as `app_permissions` reports them. */
  appPermissions(channel: EmulatorChannel | undefined): string {
    const all = MEMBER_PERMISSIONS;
    return (channel?.botCanSend === false ? all & ~Permission.SendMessages : all).toString();
  }

  everyoneRole(guild: EmulatorGuild): APIRole {
    return {
      id: guild.id,
      name: '@everyone',
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 0,
      permissions: MEMBER_PERMISSIONS.toString(),
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
    };
  }

  /** GUILD_CREATE `d`: the fields discord.js reads, with the bot as the one cached member. */
  guildCreate(guild: EmulatorGuild): Record<string, unknown> {
    const channels = guild.channels.filter((c) => !c.deleted).map((c) => this.channelObject(guild, c));
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: DEFAULT_USER.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      preferred_locale: 'en-US',
      features: [],
      application_id: null,
      max_members: 500000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      roles: [this.everyoneRole(guild)],
      emojis: [],
      stickers: [],
      joined_at: JOINED_AT,
      large: false,
      unavailable: false,
      member_count: 2,
      members: [this.member(this.botUser)],
      channels,
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      lazy: true,
    };
  }

  // ---- commands ----

  registeredCommands(guildId?: string): APIApplicationCommand[] {
    return this.commands.get(guildId ?? 'global') ?? [];
  }

  setCommands(guildId: string | undefined, commands: APIApplicationCommand[]): void {
    this.commands.set(guildId ?? 'global', commands);
  }

  /** The id a command invocation carries: the registered one (guild first), else a stable made-up one. */
  commandId(name: string, type: ApplicationCommandType, guildId: string | null): string {
    const scopes = guildId ? [guildId, 'global'] : ['global'];
    for (const scope of scopes) {
      const found = this.commands.get(scope)?.find((c) => c.name === name && (c.type ?? 1) === type);
      if (found) return found.id;
    }
    const key = `${type}:${name}`;
    let id = this.adHocCommandIds.get(key);
    if (!id) this.adHocCommandIds.set(key, (id = snowflake()));
    return id;
  }

  // ---- messages ----

  message(id: string): RecordedMessage | undefined {
    return this.messagesById.get(id);
  }

  channelMessages(channelId: string): RecordedMessage[] {
    return this.messages.filter((m) => m.channelId === channelId && !m.deleted);
  }

  /** Creates and records a message the bot sent. */
  createMessage(args: {
    channelId: string;
    guildId: string | null;
    body: MessageBody;
    files?: UploadedFile[];
    kind: RecordedMessage['kind'];
    type?: number;
    interaction?: StoredInteraction;
    flags?: number;
  }): RecordedMessage {
    const { body, interaction } = args;
    const id = snowflake();
    const flags = args.flags ?? body.flags ?? 0;
    const raw: APIMessage = {
      id,
      channel_id: args.channelId,
      author: this.botUser,
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body.tts ?? false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: attachments(body, args.files ?? []),
      embeds: normaliseEmbeds(body.embeds),
      components: body.components ?? [],
      pinned: false,
      type: args.type ?? 0,
      flags,
    };
    if (args.guildId) (raw as APIMessage & { guild_id: string }).guild_id = args.guildId;
    if (interaction) {
      // Interaction responses come from the application's webhook, with the interaction's metadata.
      raw.webhook_id = this.applicationId;
      raw.application_id = this.applicationId;
      raw.interaction_metadata = {
        id: interaction.id,
        type: interaction.type,
        user: interaction.user,
        authorizing_integration_owners: {},
        ...(interaction.sourceMessageId ? { interacted_message_id: interaction.sourceMessageId } : {}),
      };
    }
    if (body.message_reference) raw.message_reference = body.message_reference as APIMessage['message_reference'];
    const record: RecordedMessage = {
      id,
      channelId: args.channelId,
      guildId: args.guildId,
      content: raw.content,
      embeds: raw.embeds,
      components: raw.components ?? [],
      flags,
      ...(interaction ? { interactionId: interaction.id } : {}),
      kind: args.kind,
      ephemeral: (flags & MessageFlag.Ephemeral) !== 0,
      loading: (flags & MessageFlag.Loading) !== 0,
      edits: 0,
      deleted: false,
      ...(args.files?.length ? { files: uploaded(raw.attachments, args.files) } : {}),
      raw,
    };
    this.messages.push(record);
    this.messagesById.set(id, record);
    interaction?.messageIds.add(id);
    return record;
  }

  /** A message the bot did not send (e.g. a user's message under a context menu), kept so it can be found by id. */
  adoptMessage(raw: APIMessage): RecordedMessage {
    const existing = this.messagesById.get(raw.id);
    if (existing) return existing;
    const flags = raw.flags ?? 0;
    const record: RecordedMessage = {
      id: raw.id,
      channelId: raw.channel_id,
      guildId: (raw as { guild_id?: string }).guild_id ?? null,
      content: raw.content,
      embeds: raw.embeds,
      components: raw.components ?? [],
      flags,
      kind: 'external',
      ephemeral: (flags & MessageFlag.Ephemeral) !== 0,
      loading: false,
      edits: 0,
      deleted: false,
      raw,
    };
    this.messages.push(record);
    this.messagesById.set(raw.id, record);
    return record;
  }

  /** Applies an edit: only the fields present change; a deferred message stops "thinking". */
  editMessage(record: RecordedMessage, body: MessageBody, files: UploadedFile[] = []): RecordedMessage {
    const raw = record.raw;
    if (body.content !== undefined) raw.content = body.content ?? '';
    if (body.embeds !== undefined) raw.embeds = normaliseEmbeds(body.embeds);
    if (body.components !== undefined) raw.components = body.components ?? [];
    if (body.attachments !== undefined || files.length) {
      raw.attachments = attachments(body, files);
      record.files = uploaded(raw.attachments, files);
    }
    // Only SUPPRESS_EMBEDS (1 << 2) can be changed by an edit; ephemeral stays as it was created.
    let flags = (raw.flags ?? 0) & ~MessageFlag.Loading;
    if (body.flags != null) flags = (flags & ~4) | (body.flags & 4);
    raw.flags = flags;
    if (!record.loading) raw.edited_timestamp = new Date().toISOString();
    record.content = raw.content;
    record.embeds = raw.embeds;
    record.components = raw.components ?? [];
    record.flags = flags;
    record.loading = false;
    record.edits++;
    return record;
  }
}

/** Discord fills in `type: "rich"` on embeds it returns. */
function normaliseEmbeds(embeds: APIEmbed[] | null | undefined): APIEmbed[] {
  return (embeds ?? []).map((e) => ({ type: 'rich', ...e }) as APIEmbed);
}

/** The bytes behind each attachment the message holds (none for an attachment with no file uploaded). */
function uploaded(list: APIAttachment[], files: UploadedFile[]): NonNullable<RecordedMessage['files']> {
  return list.flatMap((a) => {
    const file = files.find((f) => f.filename === a.filename);
    return file ? [{ filename: a.filename, contentType: file.contentType, data: file.data }] : [];
  });
}

function attachments(body: MessageBody, files: UploadedFile[]): APIAttachment[] {
  return (body.attachments ?? []).map((a) => {
    const file = files.find((f) => f.field === `files[${a.id}]`) ?? files[Number(a.id)];
    const id = snowflake();
    const filename = a.filename ?? file?.filename ?? 'file';
    const url = `https://cdn.discordapp.com/attachments/emulated/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size: file?.size ?? 0,
      url,
      proxy_url: url,
      ...(file ? { content_type: file.contentType } : {}),
      ...(a.description ? { description: a.description } : {}),
    };
  });
}
