/** What the subcommands of `/talks` share: the `hide` option, what a button carries, topic suggestions. */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { SOURCE_ID } from '../../src/core/manifest.js';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import { suggest } from '../../src/core/suggest.js';
import type { AutocompleteInput, BotContext, Reply } from '../../src/interactions/types.js';
import { autocompleteChoices } from '../../src/render/discord.js';

export const hide = { type: ApplicationCommandOptionType.Boolean, name: 'hide', description: 'Show the reply only to you' } as const;

/** A source's id as a button carries it. */
export const sourceId = z.string().regex(SOURCE_ID);

/** Questions and topics to pick from as the user types (example questions, section titles, recurring phrases). */
export function topicChoices(input: AutocompleteInput, ctx: BotContext): Reply {
  return { type: 'choices', choices: autocompleteChoices(suggest(ctx.corpus.index, input.focused.value.slice(0, MAX_QUERY_CHARS))) };
}
