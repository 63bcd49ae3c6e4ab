/** `/talks sources`: the articles in the library, each with its id, byline, date and counts. */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { listSources } from '../../src/core/sources-list.js';
import { reply } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import type { SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { sourcesMessage } from '../../src/render/discord.js';
import { hide } from './common.js';

const definition = {
  type: T.Subcommand,
  name: 'sources',
  description: 'The articles in the library',
  options: [hide],
} as const satisfies SubcommandDefinition;

export const sources: SubcommandModule = {
  definition,
  help: 'the articles in the library.',
  execute(input, ctx) {
    const args = readArgs(input.options, definition.options);
    return reply(sourcesMessage(listSources(ctx.corpus), args.hide === true, ctx.readerUrl));
  },
};
