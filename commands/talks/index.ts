/**
 * `/talks`: cited answers about the history of the peace talks, one subcommand per file (its definition, its
 * handler and its buttons). This definition is what `npm run deploy` registers.
 */
import { ApplicationCommandType, InteractionContextType } from 'discord-api-types/v10';
import type { CommandModule } from '../../src/interactions/types.js';
import { help } from './help.js';
import { search } from './search.js';
import { sources } from './sources.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';

const subcommands = [search, timeline, summary, sources, help];

export const talks = {
  definition: {
    name: 'talks',
    description: 'Cited answers about the history of the Russia–Ukraine peace talks',
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: subcommands.map((s) => s.definition),
  },
  subcommands,
} as const satisfies CommandModule;
