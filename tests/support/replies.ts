/** The bot's replies as a test reads them from the emulator: what an interaction ended with, and its buttons. */
import { ApplicationCommandOptionType as T, type APIApplicationCommandInteractionDataOption } from 'discord.js';
import type { DiscordEmulator } from '@peace-talks/discord-emulator';
import type { DiscordMessage } from '../../src/interactions/message.js';

/** A reply as Discord received it: the message, its components as plain rows of buttons. */
export type Reply = Omit<DiscordMessage, 'components'> & {
  components?: Array<{ components: Array<{ custom_id?: string; label?: string }> }>;
};

/** A slash command's options: one subcommand and its options. */
export const subcommand = (
  name: string,
  options: Array<{ name: string; type: number; value: string }> = [],
): APIApplicationCommandInteractionDataOption[] =>
  [{ type: T.Subcommand, name, options }] as unknown as APIApplicationCommandInteractionDataOption[];

/** The message an interaction ends with: its callback's, or what replaced a deferred one (waited for up to 15 s). */
export async function finalMessage(emulator: DiscordEmulator, interactionId: string): Promise<Reply> {
  const callback = await emulator.waitForResponse(interactionId, (r) => r.path.endsWith('/callback'));
  const body = callback.body as { type: number; data?: Reply };
  if (body.type !== 5 && body.type !== 6) return body.data ?? { embeds: [], components: [], allowed_mentions: { parse: [] } };
  const edit = await emulator.waitForResponse(interactionId, (r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'), 15_000);
  return edit.body as Reply;
}

export const buttonsOf = (m: Reply): Array<{ custom_id?: string; label?: string }> => (m.components ?? []).flatMap((row) => row.components);
