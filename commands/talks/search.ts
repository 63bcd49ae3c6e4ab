/** `/talks search`: quotes from the articles that answer a question, three a page, each passage a button away. */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { z } from 'zod';
import { citationFor } from '../../src/core/citation.js';
import { ANSWER_ID } from '../../src/feedback/feedback.js';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import { search as searchLibrary, type SearchAnswer } from '../../src/core/search.js';
import { defineButton, pageArg, type Owner } from '../../src/interactions/buttons.js';
import { clamp, notice, reply, update, type DiscordMessage } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import { withoutMentions } from '../../src/interactions/mentions.js';
import type { BotContext, InteractionInput, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
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

/** A recorded answer's id as a button carries it. */
const answerArg = z.string().regex(ANSWER_ID);

/** Next ▶ and ◀ Prev: the same question (carried on the message), another page, the same answer's votes. */
const page = defineButton({
  prefix: 'talks:page',
  args: z.object({ page: pageArg, source: sourceId.optional(), answer: answerArg.optional() }),
  who: 'asker',
  verb: 'page',
  stale: 'This reply can no longer be paged. Run `/talks search` again.',
  handle(input, args, owner, ctx) {
    const query = input.message.query;
    if (query === null) return notice('This reply can no longer be paged. Run `/talks search` again.');
    const answer = searchLibrary(ctx.corpus.index, query, { limit: SEARCH_RESULTS, ...(args.source ? { sourceId: args.source } : {}) });
    return update(
      shown(answer, owner, ctx, { page: args.page, ephemeral: input.message.ephemeral, source: args.source, answerId: args.answer }),
    );
  },
});

const THANKS = { helpful: 'Helpful', 'not-asked': 'Not what I asked' } as const;

/** Helpful / Not what I asked: anyone who sees an answer may rate it, once, and change their mind; the reply is private. */
const vote = defineButton({
  prefix: 'talks:vote',
  args: z.object({ answer: answerArg, vote: z.enum(['helpful', 'not-asked']) }),
  who: 'anyone',
  verb: 'rate',
  stale: 'This rating button no longer works. Rate a fresh answer from `/talks search`.',
  async handle(input, args, _owner, ctx) {
    const feedback = ctx.feedback;
    if (!feedback) return notice('Ratings are turned off on this bot.');
    const now = ctx.now();
    try {
      const answer = await feedback.answer(args.answer, now);
      if (!answer)
        return notice(
          `This answer is no longer kept (answers are kept ${feedback.retentionDays} days), so it cannot be rated. ` +
            'Ask again with `/talks search`.',
        );
      // The id must be this message's answer: a custom id copied onto another answer rates nothing.
      if (input.message.query !== answer.question) return notice('This rating button does not belong to this answer.');
      const outcome = await feedback.vote(answer, input.userId, args.vote, now);
      if (outcome === 'gone') return notice('This answer is no longer kept, so it cannot be rated.');
      if (outcome === 'same') return notice(`You already rated this answer “${THANKS[args.vote]}”. Thanks!`);
      return notice(`Thanks! ${outcome === 'changed' ? 'Your rating is now' : 'Rated'} “${THANKS[args.vote]}”.`);
    } catch (err) {
      ctx.logger.warn({ err }, 'feedback: a vote could not be recorded');
      return notice('Your rating could not be recorded just now. Please try again in a moment.');
    }
  },
});

/**
 * Record an answer given in Discord for feedback (never at the terminal); its id, or null when feedback is off, the
 * question was not one (invalid), or the store failed (the answer is then shown without the rating buttons).
 */
export async function recordAnswer(ctx: BotContext, input: InteractionInput, answer: SearchAnswer): Promise<string | null> {
  if (!ctx.feedback || answer.kind === 'invalid') return null;
  try {
    return await ctx.feedback.record(answer.query, input, answer, ctx.now());
  } catch (err) {
    ctx.logger.warn({ err }, 'feedback: an answer could not be recorded');
    return null;
  }
}

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

/** The buttons of a search reply: paging (carrying the source filter and the answer's id), each passage, and rating. */
export function searchButtons(owner: Owner, source?: string, answerId?: string): SearchButtons {
  return {
    page: (n) => page.id(owner, { page: n, source, answer: answerId }),
    passage: (id) => fullPassage.id(owner, { passage: id }),
    ...(answerId ? { vote: (v: 'helpful' | 'not-asked') => vote.id(owner, { answer: answerId, vote: v }) } : {}),
  };
}

/** A page of search results, its buttons carrying who asked and the source filter. */
export function shown(
  answer: SearchAnswer,
  owner: Owner,
  ctx: BotContext,
  view: { page: number; ephemeral: boolean; source?: string | undefined; answerId?: string | null | undefined },
): DiscordMessage {
  const reader = ctx.readerUrl ? { readerUrl: ctx.readerUrl } : {};
  const buttons = searchButtons(owner, view.source, view.answerId ?? undefined);
  return searchMessage(answer, { page: view.page, ephemeral: view.ephemeral, ...reader, buttons });
}

export const search: SubcommandModule = {
  definition,
  help: 'cited excerpts, best first; page with ◀ ▶, open the full passage.',
  async execute(input, ctx) {
    const args = readArgs(input.options, definition.options);
    if (args.source && !ctx.corpus.index.sources.has(args.source)) {
      return notice(`There is no source “${safeText(clamp(args.source, 100))}”. Pick one from the list, or see \`/talks sources\`.`);
    }
    const answer = searchLibrary(ctx.corpus.index, withoutMentions(args.query), {
      limit: SEARCH_RESULTS,
      ...(args.source ? { sourceId: args.source } : {}),
    });
    const answerId = await recordAnswer(ctx, input, answer);
    const view = { page: 0, ephemeral: args.hide === true, source: args.source, answerId };
    return reply(shown(answer, { userId: input.userId, issuedAt: ctx.now() }, ctx, view));
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
  buttons: [page, fullPassage, vote],
};
