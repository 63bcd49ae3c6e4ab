/** `/talks sources`: the articles in the library, each with its id, byline, date and counts. */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { listSources } from '../../src/core/sources-list.js';
import { reply } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import type { SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { listLibrary } from '../../src/library/manage.js';
import { sourcesMessage } from '../../src/render/discord.js';
import { originNote } from '../../src/render/format.js';
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
  async execute(input, ctx) {
    const args = readArgs(input.options, definition.options);
    // Anyone may see where each article came from: the seeds, or who added it and when.
    const state = ctx.library ? await ctx.library.store.state() : null;
    const origins = new Map(
      state ? listLibrary(ctx.corpus, state).flatMap((l) => (l.origin.kind === 'added' ? [[l.meta.id, originNote(l)] as const] : [])) : [],
    );
    return reply(sourcesMessage(listSources(ctx.corpus), args.hide === true, ctx.readerUrl, origins));
  },
};
