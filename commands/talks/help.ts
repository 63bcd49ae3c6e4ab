/** `/talks help`: what the bot can do, with examples. Costs nothing, so it takes nothing from the cooldown. */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { reply } from '../../src/interactions/message.js';
import type { SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { helpMessage } from '../../src/render/discord.js';

export const help: SubcommandModule = {
  definition: {
    type: T.Subcommand,
    name: 'help',
    description: 'What the bot can do, with examples',
    options: [],
  } as const satisfies SubcommandDefinition,
  // Not a line of its own help.
  help: '',
  cooldown: false,
  execute: (_input, ctx) => reply(helpMessage(ctx.commands)),
};
