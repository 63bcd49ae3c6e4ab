/**
 * What the bot sends through discord.js's REST client (rate limits, retries), as the one mapping wrote it
 * (`src/interactions/message.ts`): the JSON is passed through, never re-serialised. Discord's refusals of a
 * channel post come back as data.
 */
import type { REST, RequestData } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { messageJson, type DiscordMessage, type ReplyFile } from '../interactions/message.js';
import type { PostResult } from '../interactions/types.js';
import { isApiError } from './delivery.js';

function json(body: string): RequestData {
  return { body, passThroughBody: true, headers: { 'Content-Type': 'application/json' } };
}

/**
 * Answer an interaction with the response body the pipeline wrote (no bot token needed: the interaction's own). With
 * files, discord.js sends the body as `payload_json` beside them (multipart), each as the `files[n]` its JSON names.
 */
export async function sendCallback(
  rest: REST,
  interaction: { id: string; token: string },
  responseJson: string,
  files: readonly ReplyFile[] = [],
): Promise<void> {
  const route = Routes.interactionCallback(interaction.id, interaction.token);
  if (files.length === 0) return void (await rest.post(route, { ...json(responseJson), auth: false }));
  const sent = files.map((f, i) => ({ key: `files[${i}]`, name: f.name, data: Buffer.from(f.data), contentType: f.contentType }));
  await rest.post(route, { body: JSON.parse(responseJson) as unknown, files: sent, auth: false });
}

export async function postMessage(rest: REST, channelId: string, message: DiscordMessage): Promise<PostResult> {
  try {
    const sent = (await rest.post(Routes.channelMessages(channelId), json(messageJson(message)))) as { id: string };
    return { ok: true, messageId: sent.id };
  } catch (err) {
    if (isApiError(err)) return { ok: false, code: typeof err.code === 'number' ? err.code : null, reason: err.message };
    return { ok: false, code: null, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Replace a deferred answer's placeholder with the message (the interaction's own token; no bot token needed). */
export async function editOriginal(
  rest: REST,
  interaction: { applicationId: string; token: string },
  messageJsonText: string,
): Promise<void> {
  await rest.patch(Routes.webhookMessage(interaction.applicationId, interaction.token), { ...json(messageJsonText), auth: false });
}
