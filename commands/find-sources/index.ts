/** Message context menu "Find sources": cited passages relevant to what a message says, privately (it is someone else's message). */
import { ApplicationCommandType, InteractionContextType } from 'discord-api-types/v10';
import { queryFromText } from '../../src/core/query.js';
import { search } from '../../src/core/search.js';
import { notice, reply } from '../../src/interactions/message.js';
import type { CommandModule } from '../../src/interactions/types.js';
import { withoutMentions } from '../../src/interactions/mentions.js';
import { recordAnswer, SEARCH_RESULTS, shown } from '../talks/search.js';

export const findSources = {
  definition: {
    name: 'Find sources',
    type: ApplicationCommandType.Message,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  help: 'passages relevant to what it says.',
  async execute(input, ctx) {
    if (input.kind !== 'message-command') return notice('Unknown command.');
    const query = queryFromText(ctx.corpus.index, withoutMentions(input.target.content));
    if (!query) return notice('That message has no words I can look up (only links, emoji or attachments?).');
    const answer = search(ctx.corpus.index, query, { limit: SEARCH_RESULTS });
    const answerId = await recordAnswer(ctx, input, answer);
    return reply(shown(answer, { userId: input.userId, issuedAt: ctx.now() }, ctx, { page: 0, ephemeral: true, answerId }));
  },
} as const satisfies CommandModule;
