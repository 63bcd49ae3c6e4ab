/** The shape of a command module in `commands/`: its definition and its handlers (the discord.js guide's layout). */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { BotContext } from './context.js';
import type { ButtonState, ButtonAction } from './custom-id.js';
import type { AutocompleteInput, ButtonInput, CommandInput, MessageCommandInput, Reply } from './interaction.js';

/** Deeply read-only, so `as const` definitions are checked against Discord's JSON types. */
export type DeepReadonly<T> = T extends (infer U)[] ? ReadonlyArray<DeepReadonly<U>> : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export type CommandDefinition = DeepReadonly<RESTPostAPIApplicationCommandsJSONBody>;

/** The JSON body Discord takes for a definition (it is never mutated, only serialised). */
export function definitionBody(definition: CommandDefinition): RESTPostAPIApplicationCommandsJSONBody {
  return definition as RESTPostAPIApplicationCommandsJSONBody;
}

export interface CommandModule {
  /** The JSON registered with Discord (`npm run deploy`). */
  definition: CommandDefinition;
  execute: (input: CommandInput | MessageCommandInput, ctx: BotContext) => Promise<Reply> | Reply;
  autocomplete?: (input: AutocompleteInput, ctx: BotContext) => Promise<Reply> | Reply;
  /** Button handlers by the action in their custom_id. */
  buttons?: Partial<Record<ButtonAction, (input: ButtonInput, state: ButtonState, ctx: BotContext) => Promise<Reply> | Reply>>;
}
