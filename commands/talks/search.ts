/** `/talks search`: quotes from the articles that answer a question, three a page, each passage a button away. */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { z } from 'zod';
import { citationFor } from '../../src/core/citation.js';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import { search as searchLibrary, type SearchAnswer } from '../../src/core/search.js';
import { defineButton, pageArg, type Owner } from '../../src/interactions/buttons.js';
import { clamp, notice, reply, update, type DiscordMessage } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import { withoutMentions } from '../../src/interactions/mentions.js';
import type { BotContext, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { autocompleteChoices, passageMessage, safeText, searchMessage, type SearchButtons } from '../../src/render/discord.js';
import { hide, sourceId, topicChoices } from './common.js';

/** Results fetched for a search reply (paged three at a time). */
export const SEARCH_RESULTS = 12;

const definition = {
  type: T.Subcommand,
  name: 'search',
  description: 'Quotes from the articles that answer a question, with citations',
  options: [
    {
      type: T.String,
      name: 'query',
      description: 'Your question, e.g. What did the grain deal achieve?',
      required: true,
      autocomplete: true,
      max_length: MAX_QUERY_CHARS,
    },
    { type: T.String, name: 'source', description: 'Only this article', autocomplete: true },
    hide,
  ],
} as const satisfies SubcommandDefinition;

/** Next ▶ and ◀ Prev: the same question (carried on the message), another page. */
const page = defineButton({
  prefix: 'talks:page',
  args: z.object({ page: pageArg, source: sourceId.optional() }),
  who: 'asker',
  verb: 'page',
  stale: 'This reply can no longer be paged. Run `/talks search` again.',
  handle(input, args, owner, ctx) {
    const query = input.message.query;
    if (query === null) return notice('This reply can no longer be paged. Run `/talks search` again.');
    const answer = searchLibrary(ctx.corpus.index, query, { limit: SEARCH_RESULTS, ...(args.source ? { sourceId: args.source } : {}) });
    return update(shown(answer, owner, ctx, { page: args.page, ephemeral: input.message.ephemeral, source: args.source }));
  },
});

/** Show full passage: anyone may read the passage behind a public answer; the reply is private to them. */
const fullPassage = defineButton({
  prefix: 'talks:full',
  args: z.object({ passage: z.string().min(1).max(80) }),
  who: 'anyone',
  verb: 'open',
  stale: 'That passage is no longer in the library.',
  handle(_input, args, _owner, ctx) {
    const passage = ctx.corpus.index.passages.get(args.passage);
    const source = passage && ctx.corpus.index.sources.get(passage.sourceId);
    if (!passage || !source) return notice('That passage is no longer in the library.');
    return reply(passageMessage(passage, citationFor(source, passage), ctx.readerUrl));
  },
});

/** The buttons of a search reply: paging (carrying the source filter) and each passage. */
export function searchButtons(owner: Owner, source?: string): SearchButtons {
  return { page: (n) => page.id(owner, { page: n, source }), passage: (id) => fullPassage.id(owner, { passage: id }) };
}

/** A page of search results, its buttons carrying who asked and the source filter. */
export function shown(
  answer: SearchAnswer,
  owner: Owner,
  ctx: BotContext,
  view: { page: number; ephemeral: boolean; source?: string | undefined },
): DiscordMessage {
  const reader = ctx.readerUrl ? { readerUrl: ctx.readerUrl } : {};
  return searchMessage(answer, { page: view.page, ephemeral: view.ephemeral, ...reader, buttons: searchButtons(owner, view.source) });
}

export const search: SubcommandModule = {
  definition,
  help: 'cited excerpts, best first; page with ◀ ▶, open the full passage.',
  execute(input, ctx) {
    const args = readArgs(input.options, definition.options);
    if (args.source && !ctx.corpus.index.sources.has(args.source)) {
      return notice(`There is no source “${safeText(clamp(args.source, 100))}”. Pick one from the list, or see \`/talks sources\`.`);
    }
    const answer = searchLibrary(ctx.corpus.index, withoutMentions(args.query), {
      limit: SEARCH_RESULTS,
      ...(args.source ? { sourceId: args.source } : {}),
    });
    return reply(
      shown(answer, { userId: input.userId, issuedAt: ctx.now() }, ctx, { page: 0, ephemeral: args.hide === true, source: args.source }),
    );
  },
  autocomplete(input, ctx) {
    if (input.focused.name !== 'source') return topicChoices(input, ctx);
    const needle = input.focused.value.slice(0, MAX_QUERY_CHARS).toLowerCase();
    const matches = [...ctx.corpus.index.sources.values()].filter(
      (s) => !needle || s.meta.id.includes(needle) || s.meta.title.toLowerCase().includes(needle),
    );
    return {
      type: 'choices',
      choices: autocompleteChoices(matches.map((s) => ({ name: `${s.meta.title} (${s.meta.id})`, value: s.meta.id }))),
    };
  },
  buttons: [page, fullPassage],
};
