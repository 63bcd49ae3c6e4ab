/** Message context menu "Find sources": cited passages relevant to what a message says. */
import { ApplicationCommandType, InteractionContextType } from 'discord.js';
import { queryFromText } from '../src/core/query.js';
import { withoutMentions } from '../src/mentions.js';
import { search } from '../src/core/search.js';
import type { CommandDefinition, CommandModule } from '../src/discord/command.js';
import { noticeMessage, searchMessage } from '../src/render/discord.js';
import { SEARCH_RESULTS } from './talks.js';

export const definition = {
  name: 'Find sources',
  type: ApplicationCommandType.Message,
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
} as const satisfies CommandDefinition;

export const findSources: CommandModule = {
  definition,
  execute(input, ctx) {
    if (input.kind !== 'message-command') return { type: 'reply', message: noticeMessage('Unknown command.') };
    const query = queryFromText(ctx.corpus.index, withoutMentions(input.target.content));
    if (!query) {
      return { type: 'reply', message: noticeMessage('That message has no words I can look up (only links, emoji or attachments?).') };
    }
    const answer = search(ctx.corpus.index, query, { limit: SEARCH_RESULTS });
    // Private: it is about someone else's message.
    return { type: 'reply', message: searchMessage(answer, { userId: input.userId, issuedAt: ctx.now(), page: 0, ephemeral: true, readerUrl: ctx.readerUrl }) };
  },
};
