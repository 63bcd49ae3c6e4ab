/**
 * Interactions as plain data, whichever transport brought them (the gateway, the HTTP endpoint, the
 * playground), the replies handlers give back, what handlers get besides the interaction, and the shape of a
 * command module in `commands/` (the discord.js guide's layout: a definition and its handlers). Handlers only
 * see these types, so one handler serves every transport and can be tested without any.
 */
import type {
  APIApplicationCommandOptionChoice,
  APIApplicationCommandSubcommandOption,
  APIEmbed,
  APIModalInteractionResponseCallbackData,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { Corpus } from '../core/corpus.js';
import type { Button, Modal, Select } from './buttons.js';
import type { DiscordMessage } from './message.js';
import type { OptionInput } from './options.js';

interface Base {
  id: string;
  userId: string;
  guildId: string | null;
  channelId: string | null;
  /** The member's permissions in the channel, as a bitfield; null outside a guild. */
  memberPermissions: bigint | null;
  /** The user's name as Discord shows it (for records of who did what; never echoed as a mention). */
  userName?: string;
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
  /** The message the button is on, and the question that reply answered (see `readQueryFooter`), if any. */
  message: { id: string; embeds: APIEmbed[]; ephemeral: boolean; query: string | null };
}

/** A string select in a message, chosen from: the values picked (option values), and the message, as for a button. */
export interface SelectInput extends Omit<ButtonInput, 'kind'> {
  kind: 'select';
  values: readonly string[];
}

export interface MessageCommandInput extends Base {
  kind: 'message-command';
  command: string;
  /** The message: its text, and the question it answered when it is one of the bot's answers (its footer). */
  target: { id: string; content: string; query: string | null };
}

/** A modal's form, submitted: its text inputs' values by custom id, and the message it was opened from, if any. */
export interface ModalInput extends Base {
  kind: 'modal';
  customId: string;
  fields: Readonly<Record<string, string>>;
  message: { id: string; embeds: APIEmbed[] } | null;
}

export type InteractionInput = CommandInput | AutocompleteInput | ButtonInput | SelectInput | MessageCommandInput | ModalInput;

export type Reply =
  /** A new message answering the interaction. */
  | { type: 'reply'; message: DiscordMessage }
  /** Replace the message the button is on. */
  | { type: 'update'; message: DiscordMessage }
  | { type: 'choices'; choices: APIApplicationCommandOptionChoice<string>[] }
  /**
   * Work that may outlast Discord's 3 seconds (fetching a page, rebuilding the library): acknowledged at once
   * ("thinking…", or the message kept as it is when `update`), then the message, when `message` resolves, replaces it.
   */
  | { type: 'later'; update: boolean; ephemeral: boolean; message: () => Promise<DiscordMessage> }
  /** Open a form (a modal) for the user to fill in; its submission comes back as a `ModalInput`. */
  | { type: 'modal'; modal: APIModalInteractionResponseCallbackData };

/** The outcome of posting a message to a channel (the summary's Post button). */
export type PostResult = { ok: true; messageId: string } | { ok: false; code: number | null; reason: string };

/**
 * What handlers get besides the interaction: the library, the clock, the log, and a way to post. Services of a
 * feature are added where the feature lives, by declaration merging (`library` in `src/library/desk.ts`), so this
 * pipeline depends on none of them.
 */
export interface BotContext {
  /** The library. A reload swaps it between interactions (`Pipeline.setCorpus`), never during one. */
  readonly corpus: Corpus;
  logger: Logger;
  /** Milliseconds since the epoch; injectable so tests can move time (token expiry). */
  now: () => number;
  /** Post a message to a channel as the bot (the summary's Post button). */
  post: (channelId: string, message: DiscordMessage) => Promise<PostResult>;
  /** The reader site's address (PUBLIC_READER_URL); unset, replies carry no links. */
  readerUrl?: string;
  /** The commands this bot answers, for the help they generate. */
  commands: readonly CommandModule[];
}

/** Deeply read-only, so `as const` definitions are checked against Discord's JSON types. */
type DeepReadonly<T> = T extends (infer U)[]
  ? ReadonlyArray<DeepReadonly<U>>
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

type CommandDefinition = DeepReadonly<RESTPostAPIApplicationCommandsJSONBody>;
export type SubcommandDefinition = DeepReadonly<APIApplicationCommandSubcommandOption>;

type Handled = Promise<Reply> | Reply;

interface Handlers<Input> {
  /** Whether running it takes from the user's cooldown (default true); false for what costs nothing, like help. */
  cooldown?: boolean;
  execute: (input: Input, ctx: BotContext) => Handled;
  autocomplete?: (input: AutocompleteInput, ctx: BotContext) => Handled;
  /** The buttons its replies carry (`defineButton`): presses with their prefixes are routed here. */
  buttons?: readonly Button[];
  /** The forms (modals) its buttons open: submissions with their prefixes are routed here. */
  modals?: readonly Modal[];
  /** The string selects its replies carry (`defineSelect`): choices with their prefixes are routed here. */
  selects?: readonly Select[];
  /** What `/… help` says of it beyond its description: how to use what it answers. */
  help?: string;
}

/** One subcommand: its definition (an option of its command's), its handlers and its buttons. */
export interface SubcommandModule extends Handlers<CommandInput> {
  definition: SubcommandDefinition;
}

/** A command in `commands/`: the JSON registered with Discord (`npm run deploy`) and its handlers, or its subcommands'. */
export type CommandModule = { definition: CommandDefinition } & (
  Handlers<CommandInput | MessageCommandInput> | { subcommands: readonly SubcommandModule[] }
);
