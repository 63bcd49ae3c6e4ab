/** `/talks summary`: a moderator's private preview of a cited summary, then Post (to the channel picked) or Cancel. */
import { ApplicationCommandOptionType as T, ChannelType, PermissionFlagsBits, RESTJSONErrorCodes as E } from 'discord-api-types/v10';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import { summarize } from '../../src/core/summary/index.js';
import { z } from 'zod';
import { defineButton, type Owner } from '../../src/interactions/buttons.js';
import { notice, NO_MENTIONS, reply, update } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import { snowflake } from '../../src/interactions/snowflake.js';
import { withoutMentions } from '../../src/interactions/mentions.js';
import type { SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { summaryEmbedBudget, summaryPreviewMessage } from '../../src/render/discord.js';
import { topicChoices } from './common.js';

const definition = {
  type: T.Subcommand,
  name: 'summary',
  description: 'Moderators: preview a cited summary, then post it to a channel',
  options: [
    {
      type: T.String,
      name: 'topic',
      description: 'What to summarize, e.g. mediation',
      required: true,
      autocomplete: true,
      max_length: MAX_QUERY_CHARS,
    },
    {
      type: T.Channel,
      name: 'channel',
      description: 'Where to post (default: here)',
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    },
  ],
} as const satisfies SubcommandDefinition;

/** Discord sets default permissions per command, not per subcommand, so the check is in the handlers. */
function isModerator(permissions: bigint | null): boolean {
  return permissions !== null && (permissions & PermissionFlagsBits.ManageMessages) === PermissionFlagsBits.ManageMessages;
}

/** Post: the previewed embed, as it is, to the channel the preview names (checked again: the presser must moderate). */
const post = defineButton({
  prefix: 'talks:post',
  args: z.object({ channel: snowflake }),
  who: 'asker',
  verb: 'post',
  stale: 'This preview can no longer be posted. Run `/talks summary` again.',
  async handle(input, { channel: channelId }, _owner, ctx) {
    if (!isModerator(input.memberPermissions)) return notice('Only moderators (Manage Messages) can post summaries.');
    const embed = input.message.embeds[0];
    if (!embed) return notice('This preview can no longer be posted. Run `/talks summary` again.');
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
  },
});

const cancel = defineButton({
  prefix: 'talks:cancel',
  args: z.object({}),
  who: 'asker',
  verb: 'cancel',
  stale: 'This preview is no longer open.',
  handle: () => update({ content: 'Cancelled: nothing was posted.', embeds: [], components: [], allowed_mentions: NO_MENTIONS }),
});

/** The preview's buttons: post to this channel, or cancel. */
export function previewButtons(owner: Owner, channelId: string): { post: string; cancel: string } {
  return { post: post.id(owner, { channel: channelId }), cancel: cancel.id(owner, {}) };
}

export const summary: SubcommandModule = {
  definition,
  execute(input, ctx) {
    if (!input.guildId) return notice('Summaries are posted to server channels: run this in a server.');
    if (!isModerator(input.memberPermissions))
      return notice('Only moderators (Manage Messages) can post summaries. Try `/talks search` or `/talks timeline`.');
    const args = readArgs(input.options, definition.options);
    const channelId = args.channel?.id ?? input.channelId;
    if (!channelId) return notice('Which channel? Pick one with the `channel` option.');
    const buttons = previewButtons({ userId: input.userId, issuedAt: ctx.now() }, channelId);
    const answer = summarize(ctx.corpus, withoutMentions(args.topic), summaryEmbedBudget(ctx.readerUrl));
    return reply(summaryPreviewMessage(answer, { channelId, buttons, ...(ctx.readerUrl ? { readerUrl: ctx.readerUrl } : {}) }));
  },
  help: '(moderators) a cited summary to post to a channel.',
  autocomplete: topicChoices,
  buttons: [post, cancel],
};
