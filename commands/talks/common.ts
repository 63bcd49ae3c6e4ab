/** What the subcommands of `/talks` share: the `hide` option, the check every button makes, topic suggestions. */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import { suggest } from '../../src/core/suggest.js';
import { isExpired, type ButtonState } from '../../src/interactions/custom-id.js';
import { notice } from '../../src/interactions/message.js';
import type { AutocompleteInput, BotContext, ButtonInput, Reply } from '../../src/interactions/types.js';
import { autocompleteChoices } from '../../src/render/discord.js';

export const hide = { type: ApplicationCommandOptionType.Boolean, name: 'hide', description: 'Show the reply only to you' } as const;

/** Checks every button of ours shares: the right person, and not expired. */
export function guard(input: ButtonInput, state: ButtonState, ctx: BotContext, verb: string): Reply | null {
  if (state.userId !== input.userId) return notice(`Only the person who asked can ${verb} this reply. Ask your own with \`/talks\`.`);
  if (isExpired(state, ctx.now())) return notice('These buttons have expired (after 15 minutes). Run the command again for a fresh reply.');
  return null;
}

/** Questions and topics to pick from as the user types (example questions, section titles, recurring phrases). */
export function topicChoices(input: AutocompleteInput, ctx: BotContext): Reply {
  return { type: 'choices', choices: autocompleteChoices(suggest(ctx.corpus.index, input.focused.value.slice(0, MAX_QUERY_CHARS))) };
}
