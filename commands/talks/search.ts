/** `/talks search`: quotes from the articles that answer a question, three a page, each passage a button away. */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { citationFor } from '../../src/core/citation.js';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import { search as searchLibrary } from '../../src/core/search.js';
import { BUTTONS, type ButtonState } from '../../src/interactions/custom-id.js';
import { clamp, notice, reply, update } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import { withoutMentions } from '../../src/mentions.js';
import type { BotContext, ButtonInput, Reply, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { autocompleteChoices, passageMessage, safeText, searchMessage } from '../../src/render/discord.js';
import { guard, hide, topicChoices } from './common.js';

/** Results fetched for a search reply (paged three at a time). */
export const SEARCH_RESULTS = 12;

const definition = {
  type: T.Subcommand,
  name: 'search',
  description: 'Quotes from the articles that answer a question, with citations',
  options: [
    { type: T.String, name: 'query', description: 'Your question, e.g. What did the grain deal achieve?', required: true, autocomplete: true, max_length: MAX_QUERY_CHARS },
    { type: T.String, name: 'source', description: 'Only this article', autocomplete: true },
    hide,
  ],
} as const satisfies SubcommandDefinition;

/** Next ▶ and ◀ Prev: the same question (carried on the message), another page. */
function page(input: ButtonInput, state: ButtonState, ctx: BotContext): Reply {
  const refused = guard(input, state, ctx, 'page');
  if (refused) return refused;
  const [pageNumber, source] = state.args;
  const query = input.message.query;
  if (query === null || !/^\d{1,3}$/.test(pageNumber ?? '')) return notice('This reply can no longer be paged. Run `/talks search` again.');
  const answer = searchLibrary(ctx.corpus.index, query, { limit: SEARCH_RESULTS, ...(source ? { sourceId: source } : {}) });
  const shown = { userId: state.userId, issuedAt: state.issuedAt, page: Number(pageNumber), ephemeral: input.message.ephemeral };
  return update(searchMessage(answer, { ...shown, args: source ? [source] : [], readerUrl: ctx.readerUrl }));
}

/** Show full passage: anyone may read the passage behind a public answer; the reply is private to them. */
function fullPassage(_input: ButtonInput, state: ButtonState, ctx: BotContext): Reply {
  const passage = ctx.corpus.index.passages.get(state.args.join(':'));
  const source = passage && ctx.corpus.index.sources.get(passage.sourceId);
  if (!passage || !source) return notice('That passage is no longer in the library.');
  return reply(passageMessage(passage, citationFor(source, passage), ctx.readerUrl));
}

export const search: SubcommandModule = {
  definition,
  execute(input, ctx) {
    const args = readArgs(input.options, definition.options);
    if (args.source && !ctx.corpus.index.sources.has(args.source)) {
      return notice(`There is no source “${safeText(clamp(args.source, 100))}”. Pick one from the list, or see \`/talks sources\`.`);
    }
    const answer = searchLibrary(ctx.corpus.index, withoutMentions(args.query), { limit: SEARCH_RESULTS, ...(args.source ? { sourceId: args.source } : {}) });
    const shown = { userId: input.userId, issuedAt: ctx.now(), page: 0, ephemeral: args.hide === true };
    return reply(searchMessage(answer, { ...shown, args: args.source ? [args.source] : [], readerUrl: ctx.readerUrl }));
  },
  autocomplete(input, ctx) {
    if (input.focused.name !== 'source') return topicChoices(input, ctx);
    const needle = input.focused.value.slice(0, MAX_QUERY_CHARS).toLowerCase();
    const matches = [...ctx.corpus.index.sources.values()].filter((s) => !needle || s.meta.id.includes(needle) || s.meta.title.toLowerCase().includes(needle));
    return { type: 'choices', choices: autocompleteChoices(matches.map((s) => ({ name: `${s.meta.title} (${s.meta.id})`, value: s.meta.id }))) };
  },
  buttons: { [BUTTONS.searchPage]: page, [BUTTONS.fullPassage]: fullPassage },
};
