/** Posting a message to a channel as the bot, through discord.js's REST client; Discord's refusals come back as data. */
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { DiscordMessage } from '../render/discord.js';
import type { PostResult } from './interaction.js';

export async function postMessage(rest: REST, channelId: string, message: DiscordMessage): Promise<PostResult> {
  try {
    const sent = (await rest.post(Routes.channelMessages(channelId), {
      body: {
        ...(message.content ? { content: message.content } : {}),
        embeds: message.embeds,
        components: message.components,
        allowed_mentions: { parse: [] },
      },
    })) as { id: string };
    return { ok: true, messageId: sent.id };
  } catch (err) {
    if (err instanceof DiscordAPIError) return { ok: false, code: typeof err.code === 'number' ? err.code : null, reason: err.message };
    return { ok: false, code: null, reason: err instanceof Error ? err.message : String(err) };
  }
}
