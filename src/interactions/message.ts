/**
 * A message as Discord's API takes it, and the one mapping from a handler's `Reply` to Discord's JSON: the
 * interaction response body every transport sends (the HTTP endpoint as its answer, the gateway bot through
 * discord.js's REST client) and the body of a channel post, written by `messageJson` alone.
 */
import { truncate } from '../core/truncate.js';
import {
  InteractionResponseType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIInteractionResponse,
  type APIStringSelectComponent,
} from 'discord-api-types/v10';
import { DISCORD_LIMITS as L } from './limits.js';
import type { Reply } from './types.js';

/** Interaction callback data, or a channel message's body. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  /** Rows of buttons, or a row holding one string select. */
  components: Array<APIActionRowComponent<APIButtonComponent | APIStringSelectComponent>>;
  allowed_mentions: { parse: [] };
  flags?: MessageFlags.Ephemeral;
  /**
   * Files sent with the message (a report's CSV). Never in its JSON: each is named there in `attachments` and sent
   * beside it as a multipart part `files[n]`, by whichever transport answers (`replyFiles`).
   */
  files?: readonly ReplyFile[];
}

/** A file a reply carries. */
export interface ReplyFile {
  name: string;
  contentType: string;
  data: Uint8Array;
  description?: string;
}

/** A reply's files, in the order its JSON's `attachments` names them (none for choices, modals and later replies). */
export function replyFiles(reply: Reply): readonly ReplyFile[] {
  return (reply.type === 'reply' || reply.type === 'update') && reply.message.files ? reply.message.files : [];
}

/** Nothing anyone writes can ping: every message says so. */
export const NO_MENTIONS = { parse: [] as [] };

/** Cut `text` to Discord's `max` characters (`truncate`). */
export const clamp = truncate;

/** A friendly, always-ephemeral message for errors, refusals and "nothing found". */
export function noticeMessage(text: string): DiscordMessage {
  return { content: clamp(text, L.content), embeds: [], components: [], allowed_mentions: NO_MENTIONS, flags: MessageFlags.Ephemeral };
}

export const reply = (message: DiscordMessage): Reply => ({ type: 'reply', message });
export const update = (message: DiscordMessage): Reply => ({ type: 'update', message });
export const notice = (text: string): Reply => reply(noticeMessage(text));

/** The JSON of embeds shared by many replies (cached search pages), written once with them. */
const sharedJson = new WeakMap<APIEmbed, string>();

/** Freeze an embed that replies will share, and write its JSON once. */
export function shareEmbed(embed: APIEmbed): void {
  const freeze = (value: object): void => {
    for (const inner of Object.values(value)) if (inner && typeof inner === 'object') freeze(inner as object);
    Object.freeze(value);
  };
  freeze(embed);
  sharedJson.set(embed, JSON.stringify(embed));
}

/**
 * `JSON.stringify(message)`, byte for byte, except that shared embeds are not written again for every reply, and
 * files are named in `attachments`.
 */
export function messageJson(message: DiscordMessage): string {
  let out = '';
  for (const [key, value] of Object.entries(message)) {
    const json: string | undefined =
      key === 'embeds' && Array.isArray(value)
        ? `[${value.map(embedJson).join(',')}]`
        : key === 'files'
          ? attachmentsJson(message.files ?? [])
          : JSON.stringify(value);
    // JSON.stringify leaves out keys whose value has no JSON (undefined).
    if (json === undefined) continue;
    out += `${out ? ',' : ''}${JSON.stringify(key === 'files' ? 'attachments' : key)}:${json}`;
  }
  return `{${out}}`;
}

/** Discord's `attachments` for files sent beside the JSON: each names its part (`files[id]`). */
function attachmentsJson(files: readonly ReplyFile[]): string {
  return JSON.stringify(files.map((f, id) => ({ id, filename: f.name, ...(f.description ? { description: f.description } : {}) })));
}

function embedJson(embed: APIEmbed | undefined): string {
  return (embed && sharedJson.get(embed)) ?? JSON.stringify(embed) ?? 'null';
}

/** A handler's reply as Discord's interaction response. */
export function responseBody(reply: Reply): APIInteractionResponse {
  switch (reply.type) {
    case 'reply':
      return { type: InteractionResponseType.ChannelMessageWithSource, data: reply.message };
    case 'update':
      return { type: InteractionResponseType.UpdateMessage, data: reply.message };
    case 'choices':
      return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: reply.choices } };
    case 'modal':
      return { type: InteractionResponseType.Modal, data: reply.modal };
    case 'later':
      return reply.update
        ? { type: InteractionResponseType.DeferredMessageUpdate }
        : {
            type: InteractionResponseType.DeferredChannelMessageWithSource,
            data: reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {},
          };
  }
}

/** `JSON.stringify(responseBody(reply))`, its message written by messageJson. */
export function responseJson(reply: Reply): string {
  const body = responseBody(reply);
  if (reply.type === 'choices' || reply.type === 'modal' || reply.type === 'later') return JSON.stringify(body);
  return `{"type":${body.type},"data":${messageJson(reply.message)}}`;
}
