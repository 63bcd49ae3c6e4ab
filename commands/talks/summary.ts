/**
 * `/talks summary`: a moderator's private preview of a cited summary, shaped by dropping quotes and adding others
 * from the topic's candidates, then Post (to the channel picked) or Cancel. Stateless: the preview's footer carries
 * the topic, its menus' custom ids the quotes chosen (by their place among the candidates, which the library
 * recomputes the same) and a mark of the library they were chosen from.
 */
import { ApplicationCommandOptionType as T, ChannelType, PermissionFlagsBits, RESTJSONErrorCodes as E } from 'discord-api-types/v10';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import {
  addable,
  composeSummary,
  firstChoice,
  MAX_SUMMARY_SENTENCES,
  summaryPool,
  withoutQuote,
  withQuote,
  type ComposedSummary,
  type SummaryPool,
} from '../../src/core/summary/index.js';
import { z } from 'zod';
import { defineButton, defineSelect, type Owner } from '../../src/interactions/buttons.js';
import { DISCORD_LIMITS } from '../../src/interactions/limits.js';
import { notice, NO_MENTIONS, reply, update, type DiscordMessage } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import { snowflake } from '../../src/interactions/snowflake.js';
import { withoutMentions } from '../../src/interactions/mentions.js';
import type { BotContext, Reply, SelectInput, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
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

/** Quotes chosen, as a custom id carries them: each one's place among the candidates, two base-36 digits. */
const PLACE_DIGITS = 2;
const encodeChosen = (chosen: readonly number[]): string => chosen.map((i) => i.toString(36).padStart(PLACE_DIGITS, '0')).join('');
const decodeChosen = (text: string): number[] => (text.match(/[0-9a-z]{2}/g) ?? []).map((d) => parseInt(d, 36));

/** What a preview's menus carry: where it is to be posted, the library's mark, and the quotes chosen. */
const shapeArgs = z.object({
  channel: snowflake,
  library: z.string().regex(/^[0-9a-z]{4}$/),
  chosen: z.string().regex(new RegExp(`^(?:[0-9a-z]{${PLACE_DIGITS}}){1,${MAX_SUMMARY_SENTENCES}}$`)),
});
type ShapeArgs = z.output<typeof shapeArgs>;

const STALE = 'This preview can no longer be changed. Run `/talks summary` again.';
const CHANGED = 'The library has changed since this preview was made, so its quotes may have moved. Run `/talks summary` again.';

/** The preview, every time it is drawn: the summary composed, its menus (what may be dropped and added) and buttons. */
function previewReply(pool: SummaryPool, composed: ComposedSummary, owner: Owner, channelId: string, ctx: BotContext): DiscordMessage {
  const args = { channel: channelId, library: pool.fingerprint, chosen: encodeChosen(composed.chosen) };
  // Offered: the best candidates the embed has room for; when none fits, the menu shows what could come, disabled.
  const budget = summaryEmbedBudget(ctx.readerUrl);
  const candidates = addable(pool, composed, DISCORD_LIMITS.selectOptions);
  const fitting = candidates.filter((i) => typeof withQuote(pool, composed, i, budget) !== 'string');
  const quotes = (fitting.length > 0 ? fitting : candidates).flatMap((i) => {
    const c = pool.candidates[i];
    return c ? [{ value: String(i), text: c.text, citation: c.citation }] : [];
  });
  const shaping = {
    drop: { id: drop.id(owner, args), values: composed.answer.sentences.map((_, i) => String(i + 1)) },
    add: { id: add.id(owner, args), quotes, full: fitting.length === 0 },
  };
  const buttons = previewButtons(owner, channelId);
  return summaryPreviewMessage(composed.answer, { channelId, buttons, shaping, ...(ctx.readerUrl ? { readerUrl: ctx.readerUrl } : {}) });
}

/**
 * A change to the preview, checked: a moderator, the topic in its footer, the same library. `change` gets the
 * summary as it is and gives the next, or a refusal to say.
 */
function reshape(
  input: SelectInput,
  args: ShapeArgs,
  owner: Owner,
  ctx: BotContext,
  change: (pool: SummaryPool, current: ComposedSummary) => ComposedSummary | string,
): Reply {
  if (!isModerator(input.memberPermissions)) return notice('Only moderators (Manage Messages) can change summaries.');
  const topic = input.message.query;
  if (topic === null) return notice(STALE);
  const pool = summaryPool(ctx.corpus, topic);
  if (!('candidates' in pool) || pool.fingerprint !== args.library) return notice(CHANGED);
  const budget = summaryEmbedBudget(ctx.readerUrl);
  const next = change(pool, composeSummary(pool, decodeChosen(args.chosen), budget));
  return typeof next === 'string' ? notice(next) : update(previewReply(pool, next, owner, args.channel, ctx));
}

/** Drop: the sentence chosen (by its number in the preview) goes, with any quote that leans on it. */
const drop = defineSelect({
  prefix: 'talks:drop',
  args: shapeArgs,
  values: z.tuple([
    z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_SUMMARY_SENTENCES * 2),
  ]),
  who: 'asker',
  verb: 'change',
  stale: STALE,
  handle: (input, args, [sentence], owner, ctx) =>
    reshape(input, args, owner, ctx, (pool, current) => {
      if (sentence > current.answer.sentences.length) return STALE;
      const next = withoutQuote(pool, current, sentence - 1, summaryEmbedBudget(ctx.readerUrl));
      return next ?? 'A summary needs at least one quote: post it as it is, or cancel.';
    }),
});

/** Add: one of the topic's other candidates, last in importance, if the embed has room for it. */
const add = defineSelect({
  prefix: 'talks:add',
  args: shapeArgs,
  values: z.tuple([
    z.coerce
      .number()
      .int()
      .min(0)
      .max(36 ** PLACE_DIGITS - 1),
  ]),
  who: 'asker',
  verb: 'change',
  stale: STALE,
  handle: (input, args, [place], owner, ctx) =>
    reshape(input, args, owner, ctx, (pool, current) => {
      const next = withQuote(pool, current, place, summaryEmbedBudget(ctx.readerUrl));
      if (next === 'unknown') return 'That quote is not one of this topic’s candidates. Pick one from the menu.';
      if (next === 'present') return 'That quote is in the summary already.';
      if (next === 'full') return `A summary holds at most ${MAX_SUMMARY_SENTENCES} quotes: drop one first.`;
      if (next === 'no-room') return 'That quote does not fit: the summary fills its embed. Drop a quote first, then add it.';
      return next;
    }),
});

export const summary: SubcommandModule = {
  definition,
  execute(input, ctx) {
    if (!input.guildId) return notice('Summaries are posted to server channels: run this in a server.');
    if (!isModerator(input.memberPermissions))
      return notice('Only moderators (Manage Messages) can post summaries. Try `/talks search` or `/talks timeline`.');
    const args = readArgs(input.options, definition.options);
    const channelId = args.channel?.id ?? input.channelId;
    if (!channelId) return notice('Which channel? Pick one with the `channel` option.');
    const owner = { userId: input.userId, issuedAt: ctx.now() };
    const pool = summaryPool(ctx.corpus, withoutMentions(args.topic));
    if (!('candidates' in pool)) return reply(summaryPreviewMessage(pool, { channelId, buttons: previewButtons(owner, channelId) }));
    const composed = composeSummary(pool, firstChoice(pool), summaryEmbedBudget(ctx.readerUrl));
    return reply(previewReply(pool, composed, owner, channelId, ctx));
  },
  help: '(moderators) a cited summary to post to a channel.',
  autocomplete: topicChoices,
  buttons: [post, cancel],
  selects: [drop, add],
};
