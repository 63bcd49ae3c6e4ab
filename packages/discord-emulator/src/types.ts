/**
 * Public types of the local Discord emulator. Kept apart from the implementation so the gateway, REST and
 * payload modules can share them without importing each other.
 */
import type { APIEmbed, APIInteraction, APIInteractionDataResolved, APIMessage, APIMessageTopLevelComponent } from 'discord-api-types/v10';

export interface EmulatorOptions {
  /** Application id; also the bot user's id unless `botUser` says otherwise. */
  applicationId?: string;
  botUser?: { id: string; username: string };
  /** Default: one guild ("Emulated Guild") with one text channel ("general"). */
  guilds?: EmulatorGuild[];
  /** Sent in HELLO. Discord uses 41250 ms; fault tests want ~250 ms so zombie detection is quick. */
  heartbeatIntervalMs?: number;
  /** Shard count recommended by `GET /gateway/bot` (default 1). */
  shards?: number;
  /** Interaction token lifetime (default 15 min): later webhook calls get 401 Invalid Webhook Token. */
  tokenTtlMs?: number;
  /**
   * Discord forgets an interaction that is not acknowledged in time: a late callback gets 404 Unknown
   * interaction (10062). Default 3000 ms; `Infinity` turns the check off (e.g. when stepping through a debugger).
   */
  ackDeadlineMs?: number;
  /** When set, only this bot token is accepted (REST 401, gateway close 4004). Default: any token. */
  token?: string;
  /**
   * The per-bucket limit advertised in `x-ratelimit-*` headers and enforced with 429s (default 50 per 1000 ms).
   * Interaction callbacks are exempt, as discord.js sends them through its unthrottled burst handler.
   */
  rateLimit?: { limit: number; windowMs: number };
  /**
   * How long a signed attachment link (`addAttachment`) lives, default 24 h as on Discord; past it the CDN answers
   * 404 "This content is no longer available.".
   */
  attachmentLinkTtlMs?: number;
  /** Debug output, one line per request / gateway event. */
  logger?: (line: string) => void;
}

export interface EmulatorChannel {
  id: string;
  name: string;
  /** Channel type (default 0, GUILD_TEXT). */
  type?: number;
  /** Deleted channels are left out of GUILD_CREATE and answer 404 Unknown Channel (10003). */
  deleted?: boolean;
  /** `false`: the bot is denied Send Messages here (403 Missing Permissions, 50013, and a permission overwrite). */
  botCanSend?: boolean;
}

export interface EmulatorGuild {
  id: string;
  name: string;
  channels: EmulatorChannel[];
}

export interface EmulatorUser {
  id: string;
  username: string;
  globalName?: string | null;
}

export interface RecordedRequest {
  method: string;
  /** Decoded, without the `/api/v10` prefix, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON (for multipart uploads: the `payload_json` part), or null. */
  body: unknown;
  /** Files of a multipart upload: each part's field (`files[0]`), name, type and bytes. */
  files?: Array<{ field: string; filename: string; contentType: string; size: number; data: Buffer }>;
  /** `performance.now()` when the request arrived. Requests are recorded when answered. */
  at: number;
  /** Status answered (0: the connection was dropped by a fault). */
  status: number;
  /** What the emulator answered (parsed JSON or null). */
  response: unknown;
}

/**
 * A message the bot created (interaction reply, deferred reply, follow-up, channel message). The object is live:
 * later edits and deletes update it in place.
 */
export interface RecordedMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  flags: number;
  /** The interaction this message answers (reply, deferred reply, follow-up), if any. */
  interactionId?: string;
  kind: 'reply' | 'followup' | 'channel' | 'external';
  ephemeral: boolean;
  /** Still showing "Bot is thinking…" (deferred and not yet edited). */
  loading: boolean;
  edits: number;
  deleted: boolean;
  /** Files uploaded with the message (a multipart reply or edit), with their bytes. */
  files?: Array<{ filename: string; contentType: string; data: Buffer }>;
  /** The full message object as Discord would return it; `button()` puts it in the interaction. */
  raw: APIMessage;
}

export interface GatewayEventRecord {
  /** Shard of the connection (-1 before IDENTIFY/RESUME told us). */
  shardId: number;
  op: number;
  t?: string | null;
  d?: unknown;
  at: number;
}

export interface FaultRule {
  method?: string;
  /** Tested against the decoded path without `/api/v10`, e.g. `/^\/interactions\/\d+\/[^/]+\/callback$/`. */
  path: RegExp;
  /**
   * 429 (rate limit), 4xx/5xx (error), 0 (drop the connection without answering), or < 400 with `delayMs`
   * (answer normally, late).
   */
  status: number;
  /** How many matching requests to fail (default 1). */
  times?: number;
  /** 429 only: `retry-after` header and `retry_after` body field, in seconds (default 0.1). */
  retryAfterSeconds?: number;
  /** 429 only: a global rate limit (`x-ratelimit-global`, scope "global"). */
  global?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Response body instead of Discord's default error object. */
  body?: unknown;
}

/** Options shared by every interaction builder. */
export interface InteractionOptions {
  /** The invoking user (default: a fixed test user). */
  user?: EmulatorUser;
  /** Default: the first guild. `null`: a DM with the bot (no member, `user` set, context 1). */
  guildId?: string | null;
  /** Default: the first text channel of the guild (or a DM channel). */
  channelId?: string;
  /**
   * The member's permission bitfield (`member.permissions`), a decimal string or a bigint, e.g. `0x20n` for Manage
   * Server alone (default: an ordinary member's, without Manage Server). A modal submit keeps the permissions of the
   * interaction that showed the modal unless this says otherwise.
   */
  memberPermissions?: string | bigint;
  /** Role ids of the member (default none). */
  roles?: string[];
  /** User locale (default `en-US`). */
  locale?: string;
  guildLocale?: string;
  /**
   * Resolved users/channels/roles for options that reference them. Attachment options (type 11) are resolved by
   * the emulator from `addAttachment`; what is given here is merged in.
   */
  resolved?: APIInteractionDataResolved;
}

/** `modalSubmit` options: by default the submit comes from whoever was shown the modal, where it was shown. */
export interface ModalSubmitOptions extends InteractionOptions {
  /** The id of the interaction whose modal is submitted (default: the latest that showed this modal). */
  from?: string;
  /**
   * Submit a modal the bot never showed, with `values` unchecked (strings become text inputs in action rows,
   * arrays string selects in labels). `message` then says which message it came from, if any.
   */
  force?: boolean;
  /** With `force`: the message the modal was opened from (Discord then includes it, and allows callbacks 6 and 7). */
  message?: MessageTarget;
}

/** A file for the emulator's CDN, e.g. one a user attaches to a slash command's attachment option. */
export interface AttachmentInput {
  /** As uploaded; Discord's changes apply (spaces become underscores). */
  filename: string;
  bytes: Uint8Array;
  /** `content_type` and the served `content-type` (default: from the extension for common types, else none). */
  contentType?: string;
  description?: string;
  /** The channel it is uploaded in, part of its URL (default: the first guild's first text channel). */
  channelId?: string;
  /**
   * Default true: files attached to a slash command's option are ephemeral uploads on Discord
   * (`ephemeral: true`, `/ephemeral-attachments/…`); false for a file posted in a message (`/attachments/…`).
   */
  ephemeral?: boolean;
  /** This link's lifetime (default `EmulatorOptions.attachmentLinkTtlMs`, 24 h). */
  linkTtlMs?: number;
}

export interface DispatchedInteraction {
  id: string;
  token: string;
  shardId: number;
  /** The INTERACTION_CREATE `d` that was sent. */
  payload: APIInteraction;
}

/** A message a button is pressed on: a recorded one, or a description of some other message. */
export type MessageTarget =
  | RecordedMessage
  | {
      id: string;
      channelId?: string;
      content?: string;
      embeds?: APIEmbed[];
      components?: APIMessageTopLevelComponent[];
      flags?: number;
      author?: EmulatorUser;
    };
