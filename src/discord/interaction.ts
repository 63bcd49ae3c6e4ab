/**
 * Interactions as plain data, whichever transport brought them (the gateway through discord.js, or the
 * HTTP endpoint as raw JSON), and the replies handlers give back. Handlers only see these types, so the
 * same handler serves both transports and can be tested without either.
 */
import type { APIApplicationCommandOptionChoice, APIEmbed } from 'discord.js';
import type { DiscordMessage } from '../render/discord.js';
import type { OptionInput } from './options.js';

interface Base {
  id: string;
  userId: string;
  guildId: string | null;
  channelId: string | null;
  /** The member's permissions in the channel, as a bitfield; null outside a guild. */
  memberPermissions: bigint | null;
}

export interface CommandInput extends Base {
  kind: 'command';
  command: string;
  subcommand: string | null;
  options: Readonly<Record<string, OptionInput>>;
}

export interface AutocompleteInput extends Base {
  kind: 'autocomplete';
  command: string;
  subcommand: string | null;
  focused: { name: string; value: string };
  options: Readonly<Record<string, OptionInput>>;
}

export interface ButtonInput extends Base {
  kind: 'button';
  customId: string;
  /** The message the button is on: its embeds carry the question the reply answered. */
  message: { id: string; embeds: APIEmbed[]; ephemeral: boolean };
}

export interface MessageCommandInput extends Base {
  kind: 'message-command';
  command: string;
  target: { id: string; content: string };
}

export type InteractionInput = CommandInput | AutocompleteInput | ButtonInput | MessageCommandInput;

export type Reply =
  /** A new message answering the interaction. */
  | { type: 'reply'; message: DiscordMessage }
  /** Replace the message the button is on. */
  | { type: 'update'; message: DiscordMessage }
  | { type: 'choices'; choices: APIApplicationCommandOptionChoice<string>[] };

/** The outcome of posting a message to a channel (the summary's Post button). */
export type PostResult = { ok: true; messageId: string } | { ok: false; code: number | null; reason: string };
