/**
 * `/talks`: search, timeline, summary, sources and help. The definition below is the single source of the
 * command's shape: it is what `npm run deploy` registers, and the handlers' argument types derive from it.
 */
import { ApplicationCommandOptionType as T, ApplicationCommandType, ChannelType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { citationFor } from '../src/core/citation.js';
import { listSources } from '../src/core/sources-list.js';
import { MAX_QUERY_CHARS } from '../src/core/query.js';
import { search } from '../src/core/search.js';
import { suggest } from '../src/core/suggest.js';
import { summarize } from '../src/core/summary.js';
import { parseDateArg, timeline, type TimelineOptions } from '../src/core/timeline.js';
import type { CommandDefinition, CommandModule } from '../src/discord/command.js';
import type { BotContext } from '../src/discord/context.js';
import { isExpired, type ButtonState } from '../src/discord/custom-id.js';
import type { ButtonInput, CommandInput, Reply } from '../src/discord/interaction.js';
import { DISCORD_ERRORS } from '../src/discord/limits.js';
import { readArgs, type ArgsOf, type SubcommandOptions } from '../src/discord/options.js';
import { withoutMentions } from '../src/mentions.js';
import { SUMMARY_BUDGET } from '../src/render/format.js';
import {
  autocompleteChoices,
  clamp,
  helpMessage,
  noticeMessage,
  passageMessage,
  readQueryFooter,
  safeText,
  searchMessage,
  sourcesMessage,
  summaryPreviewMessage,
  timelineMessage,
  type DiscordMessage,
} from '../src/render/discord.js';

/** Results fetched for a search reply (paged three at a time). */
export const SEARCH_RESULTS = 12;
/** Events fetched for a timeline reply (paged ten at a time). */
export const TIMELINE_EVENTS = 200;

const hide = { type: T.Boolean, name: 'hide', description: 'Show the reply only to you' } as const;

export const definition = {
  name: 'talks',
  description: 'Cited answers about the history of the Russia–Ukraine peace talks',
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      type: T.Subcommand,
      name: 'search',
      description: 'Quotes from the articles that answer a question, with citations',
      options: [
        { type: T.String, name: 'query', description: 'Your question, e.g. What did the grain deal achieve?', required: true, autocomplete: true, max_length: MAX_QUERY_CHARS },
        { type: T.String, name: 'source', description: 'Only this article', autocomplete: true },
        hide,
      ],
    },
    {
      type: T.Subcommand,
      name: 'timeline',
      description: 'A short dated timeline from the articles, every line cited',
      options: [
        { type: T.String, name: 'topic', description: 'What about, e.g. grain deal', autocomplete: true, max_length: MAX_QUERY_CHARS },
        { type: T.String, name: 'from', description: 'From a date: 2022, 2022-03 or March 2022', max_length: 30 },
        { type: T.String, name: 'to', description: 'To a date: 2022, 2022-08 or August 2022', max_length: 30 },
        hide,
      ],
    },
    {
      type: T.Subcommand,
      name: 'summary',
      description: 'Moderators: preview a cited summary, then post it to a channel',
      options: [
        { type: T.String, name: 'topic', description: 'What to summarize, e.g. mediation', required: true, autocomplete: true, max_length: MAX_QUERY_CHARS },
        { type: T.Channel, name: 'channel', description: 'Where to post (default: here)', channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
      ],
    },
    { type: T.Subcommand, name: 'sources', description: 'The articles in the library', options: [hide] },
    { type: T.Subcommand, name: 'help', description: 'What the bot can do, with examples', options: [] },
  ],
} as const satisfies CommandDefinition;

type Def = typeof definition;
type Args<Name extends string> = ArgsOf<SubcommandOptions<Def, Name>>;

function optionsOf<Name extends Def['options'][number]['name']>(name: Name): SubcommandOptions<Def, Name> {
  const sub = definition.options.find((o) => o.name === name);
  return (sub?.options ?? []) as unknown as SubcommandOptions<Def, Name>;
}

const reply = (message: DiscordMessage): Reply => ({ type: 'reply', message });
const notice = (text: string): Reply => ({ type: 'reply', message: noticeMessage(text) });

function runSearch(input: CommandInput, ctx: BotContext): Reply {
  const args: Args<'search'> = readArgs(input.options, optionsOf('search'));
  if (args.source && !ctx.corpus.index.sources.has(args.source)) {
    return notice(`There is no source “${safeText(clamp(args.source, 100))}”. Pick one from the list, or see \`/talks sources\`.`);
  }
  const answer = search(ctx.corpus.index, withoutMentions(args.query), { limit: SEARCH_RESULTS, ...(args.source ? { sourceId: args.source } : {}) });
  return reply(searchMessage(answer, { userId: input.userId, issuedAt: ctx.now(), page: 0, ephemeral: args.hide === true, args: args.source ? [args.source] : [], readerUrl: ctx.readerUrl }));
}

function timelineOptions(topic: string | undefined, from: string | undefined, to: string | undefined): TimelineOptions | string {
  const f = from ? parseDateArg(from) : undefined;
  const t = to ? parseDateArg(to) : undefined;
  // User text echoed back is escaped: a date option can hold anything.
  if (from && !f) return `“${safeText(clamp(from, 40))}” is not a date I can read; try 2022, 2022-03 or March 2022.`;
  if (to && !t) return `“${safeText(clamp(to, 40))}” is not a date I can read; try 2022, 2022-08 or August 2022.`;
  if (f && t && f.slice(0, t.length) > t) return `The start (${f}) is after the end (${t}).`;
  return { limit: TIMELINE_EVENTS, ...(topic ? { topic } : {}), ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
}

function runTimeline(input: CommandInput, ctx: BotContext): Reply {
  const args: Args<'timeline'> = readArgs(input.options, optionsOf('timeline'));
  const options = timelineOptions(args.topic && withoutMentions(args.topic), args.from, args.to);
  if (typeof options === 'string') return notice(options);
  const answer = timeline(ctx.corpus, options);
  return reply(
    timelineMessage(answer, {
      userId: input.userId,
      issuedAt: ctx.now(),
      page: 0,
      ephemeral: args.hide === true,
      args: [options.from ?? '', options.to ?? ''],
      readerUrl: ctx.readerUrl,
    }),
  );
}

function isModerator(permissions: bigint | null): boolean {
  return permissions !== null && (permissions & PermissionFlagsBits.ManageMessages) === PermissionFlagsBits.ManageMessages;
}

function runSummary(input: CommandInput, ctx: BotContext): Reply {
  if (!input.guildId) return notice('Summaries are posted to server channels: run this in a server.');
  // Discord sets default permissions per command, not per subcommand, so the check is here.
  if (!isModerator(input.memberPermissions)) return notice('Only moderators (Manage Messages) can post summaries. Try `/talks search` or `/talks timeline`.');
  const args: Args<'summary'> = readArgs(input.options, optionsOf('summary'));
  const channelId = args.channel?.id ?? input.channelId;
  if (!channelId) return notice('Which channel? Pick one with the `channel` option.');
  const answer = summarize(ctx.corpus, withoutMentions(args.topic), SUMMARY_BUDGET);
  return reply(summaryPreviewMessage(answer, { userId: input.userId, issuedAt: ctx.now(), channelId, readerUrl: ctx.readerUrl }));
}

/** Checks every button of ours shares: the right person, and not expired. */
function guard(input: ButtonInput, state: ButtonState, ctx: BotContext, verb: string): Reply | null {
  if (state.userId !== input.userId) return notice(`Only the person who asked can ${verb} this reply. Ask your own with \`/talks\`.`);
  if (isExpired(state, ctx.now())) return notice('These buttons have expired (after 15 minutes). Run the command again for a fresh reply.');
  return null;
}

function pageSearch(input: ButtonInput, state: ButtonState, ctx: BotContext): Reply {
  const refused = guard(input, state, ctx, 'page');
  if (refused) return refused;
  const [page, source] = state.args;
  const query = readQueryFooter(input.message.embeds);
  if (query === null || !/^\d{1,3}$/.test(page ?? '')) return notice('This reply can no longer be paged. Run `/talks search` again.');
  const answer = search(ctx.corpus.index, query, { limit: SEARCH_RESULTS, ...(source ? { sourceId: source } : {}) });
  return {
    type: 'update',
    message: searchMessage(answer, {
      userId: state.userId,
      issuedAt: state.issuedAt,
      page: Number(page),
      ephemeral: input.message.ephemeral,
      args: source ? [source] : [],
      readerUrl: ctx.readerUrl,
    }),
  };
}

function pageTimeline(input: ButtonInput, state: ButtonState, ctx: BotContext): Reply {
  const refused = guard(input, state, ctx, 'page');
  if (refused) return refused;
  const [page, from, to] = state.args;
  const topic = readQueryFooter(input.message.embeds);
  const options = timelineOptions(topic || undefined, from || undefined, to || undefined);
  if (topic === null || typeof options === 'string' || !/^\d{1,3}$/.test(page ?? '')) return notice('This timeline can no longer be paged. Run `/talks timeline` again.');
  return {
    type: 'update',
    message: timelineMessage(timeline(ctx.corpus, options), {
      userId: state.userId,
      issuedAt: state.issuedAt,
      page: Number(page),
      ephemeral: input.message.ephemeral,
      args: [from ?? '', to ?? ''],
      readerUrl: ctx.readerUrl,
    }),
  };
}

function fullPassage(_input: ButtonInput, state: ButtonState, ctx: BotContext): Reply {
  // Anyone may read the passage behind a public answer: the reply is private to them.
  const passage = ctx.corpus.index.passages.get(state.args.join(':'));
  const source = passage && ctx.corpus.index.sources.get(passage.sourceId);
  if (!passage || !source) return notice('That passage is no longer in the library.');
  return reply(passageMessage(passage, citationFor(source, passage), ctx.readerUrl));
}

async function postSummary(input: ButtonInput, state: ButtonState, ctx: BotContext): Promise<Reply> {
  const refused = guard(input, state, ctx, 'post');
  if (refused) return refused;
  if (!isModerator(input.memberPermissions)) return notice('Only moderators (Manage Messages) can post summaries.');
  const channelId = state.args[0];
  const embed = input.message.embeds[0];
  if (!channelId || !/^\d{15,21}$/.test(channelId) || !embed) return notice('This preview can no longer be posted. Run `/talks summary` again.');
  const result = await ctx.post(channelId, { embeds: [embed], components: [], allowed_mentions: { parse: [] } });
  if (result.ok) {
    return { type: 'update', message: { content: `Posted to <#${channelId}>.`, embeds: [embed], components: [], allowed_mentions: { parse: [] } } };
  }
  ctx.logger.warn({ channelId, code: result.code, reason: result.reason }, 'summary post refused');
  const why =
    result.code === DISCORD_ERRORS.missingPermissions || result.code === DISCORD_ERRORS.missingAccess
      ? `I can't post in <#${channelId}>: I need the View Channel, Send Messages and Embed Links permissions there.`
      : result.code === DISCORD_ERRORS.unknownChannel
        ? 'That channel no longer exists. Run `/talks summary` again and pick another.'
        : `Discord did not accept the post (${result.reason}). Try again in a moment.`;
  return notice(why);
}

function cancelSummary(input: ButtonInput, state: ButtonState, ctx: BotContext): Reply {
  const refused = guard(input, state, ctx, 'cancel');
  if (refused) return refused;
  return { type: 'update', message: { content: 'Cancelled: nothing was posted.', embeds: [], components: [], allowed_mentions: { parse: [] } } };
}

export const talks: CommandModule = {
  definition,
  execute(input, ctx) {
    if (input.kind !== 'command') return notice('Unknown command.');
    switch (input.subcommand) {
      case 'search':
        return runSearch(input, ctx);
      case 'timeline':
        return runTimeline(input, ctx);
      case 'summary':
        return runSummary(input, ctx);
      case 'sources': {
        const args: Args<'sources'> = readArgs(input.options, optionsOf('sources'));
        return reply(sourcesMessage(listSources(ctx.corpus), args.hide === true, ctx.readerUrl));
      }
      case 'help':
        return reply(helpMessage());
      default:
        return notice('Unknown subcommand; see `/talks help`.');
    }
  },
  autocomplete(input, ctx) {
    const typed = input.focused.value.slice(0, MAX_QUERY_CHARS);
    if (input.focused.name === 'source') {
      const needle = typed.toLowerCase();
      const matches = [...ctx.corpus.index.sources.values()].filter(
        (s) => !needle || s.meta.id.includes(needle) || s.meta.title.toLowerCase().includes(needle),
      );
      return { type: 'choices', choices: autocompleteChoices(matches.map((s) => ({ name: `${s.meta.title} (${s.meta.id})`, value: s.meta.id }))) };
    }
    return { type: 'choices', choices: autocompleteChoices(suggest(ctx.corpus.index, typed)) };
  },
  buttons: { page: pageSearch, tpage: pageTimeline, full: fullPassage, post: postSummary, cancel: cancelSummary },
};
