/** `/talks summary`: a moderator's private preview of a cited summary, then Post (to the channel picked) or Cancel. */
import { ApplicationCommandOptionType as T, ChannelType, PermissionFlagsBits, RESTJSONErrorCodes as E } from 'discord-api-types/v10';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import { summarize } from '../../src/core/summary.js';
import { BUTTONS, type ButtonState } from '../../src/interactions/custom-id.js';
import { notice, NO_MENTIONS, reply, update } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import { withoutMentions } from '../../src/mentions.js';
import type { BotContext, ButtonInput, Reply, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { summaryEmbedBudget, summaryPreviewMessage } from '../../src/render/discord.js';
import { guard, topicChoices } from './common.js';

const definition = {
  type: T.Subcommand,
  name: 'summary',
  description: 'Moderators: preview a cited summary, then post it to a channel',
  options: [
    { type: T.String, name: 'topic', description: 'What to summarize, e.g. mediation', required: true, autocomplete: true, max_length: MAX_QUERY_CHARS },
    { type: T.Channel, name: 'channel', description: 'Where to post (default: here)', channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
  ],
} as const satisfies SubcommandDefinition;

/** Discord sets default permissions per command, not per subcommand, so the check is in the handlers. */
function isModerator(permissions: bigint | null): boolean {
  return permissions !== null && (permissions & PermissionFlagsBits.ManageMessages) === PermissionFlagsBits.ManageMessages;
}

/** Post: the previewed embed, as it is, to the channel the preview names (checked again: the presser must moderate). */
async function post(input: ButtonInput, state: ButtonState, ctx: BotContext): Promise<Reply> {
  const refused = guard(input, state, ctx, 'post');
  if (refused) return refused;
  if (!isModerator(input.memberPermissions)) return notice('Only moderators (Manage Messages) can post summaries.');
  const channelId = state.args[0];
  const embed = input.message.embeds[0];
  if (!channelId || !/^\d{15,21}$/.test(channelId) || !embed) return notice('This preview can no longer be posted. Run `/talks summary` again.');
  const result = await ctx.post(channelId, { embeds: [embed], components: [], allowed_mentions: NO_MENTIONS });
  if (result.ok) return update({ content: `Posted to <#${channelId}>.`, embeds: [embed], components: [], allowed_mentions: NO_MENTIONS });
  ctx.logger.warn({ channelId, code: result.code, reason: result.reason }, 'summary post refused');
  const why =
    result.code === E.MissingPermissions || result.code === E.MissingAccess
      ? `I can't post in <#${channelId}>: I need the View Channel, Send Messages and Embed Links permissions there.`
      : result.code === E.UnknownChannel
        ? 'That channel no longer exists. Run `/talks summary` again and pick another.'
        : `Discord did not accept the post (${result.reason}). Try again in a moment.`;
  return notice(why);
}

function cancel(input: ButtonInput, state: ButtonState, ctx: BotContext): Reply {
  return guard(input, state, ctx, 'cancel') ?? update({ content: 'Cancelled: nothing was posted.', embeds: [], components: [], allowed_mentions: NO_MENTIONS });
}

export const summary: SubcommandModule = {
  definition,
  execute(input, ctx) {
    if (!input.guildId) return notice('Summaries are posted to server channels: run this in a server.');
    if (!isModerator(input.memberPermissions)) return notice('Only moderators (Manage Messages) can post summaries. Try `/talks search` or `/talks timeline`.');
    const args = readArgs(input.options, definition.options);
    const channelId = args.channel?.id ?? input.channelId;
    if (!channelId) return notice('Which channel? Pick one with the `channel` option.');
    return reply(summaryPreviewMessage(summarize(ctx.corpus, withoutMentions(args.topic), summaryEmbedBudget(ctx.readerUrl)), { userId: input.userId, issuedAt: ctx.now(), channelId, readerUrl: ctx.readerUrl }));
  },
  autocomplete: topicChoices,
  buttons: { [BUTTONS.postSummary]: post, [BUTTONS.cancelSummary]: cancel },
};
