/** `/talks timeline`: the dated events of the library, about a topic and between two dates if asked, ten a page. */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import { parseDateArg, timeline as timelineOf, type TimelineOptions } from '../../src/core/timeline.js';
import { BUTTONS, type ButtonState } from '../../src/interactions/custom-id.js';
import { clamp, notice, reply, update } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import { withoutMentions } from '../../src/mentions.js';
import type { BotContext, ButtonInput, Reply, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { safeText, timelineMessage } from '../../src/render/discord.js';
import { guard, hide, topicChoices } from './common.js';

/** Events fetched for a timeline reply (paged ten at a time). */
export const TIMELINE_EVENTS = 200;

const definition = {
  type: T.Subcommand,
  name: 'timeline',
  description: 'A short dated timeline from the articles, every line cited',
  options: [
    { type: T.String, name: 'topic', description: 'What about, e.g. grain deal', autocomplete: true, max_length: MAX_QUERY_CHARS },
    { type: T.String, name: 'from', description: 'From a date: 2022, 2022-03 or March 2022', max_length: 30 },
    { type: T.String, name: 'to', description: 'To a date: 2022, 2022-08 or August 2022', max_length: 30 },
    hide,
  ],
} as const satisfies SubcommandDefinition;

/** The timeline asked for, or why the dates cannot be read. */
function timelineOptions(topic: string | undefined, from: string | undefined, to: string | undefined): TimelineOptions | string {
  const f = from ? parseDateArg(from) : undefined;
  const t = to ? parseDateArg(to) : undefined;
  // User text echoed back is escaped: a date option can hold anything.
  if (from && !f) return `“${safeText(clamp(from, 40))}” is not a date I can read; try 2022, 2022-03 or March 2022.`;
  if (to && !t) return `“${safeText(clamp(to, 40))}” is not a date I can read; try 2022, 2022-08 or August 2022.`;
  if (f && t && f.slice(0, t.length) > t) return `The start (${f}) is after the end (${t}).`;
  return { limit: TIMELINE_EVENTS, ...(topic ? { topic } : {}), ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
}

/** Later ▶ and ◀ Earlier: the same topic (carried on the message) and dates (in the custom id), another page. */
function page(input: ButtonInput, state: ButtonState, ctx: BotContext): Reply {
  const refused = guard(input, state, ctx, 'page');
  if (refused) return refused;
  const [pageNumber, from, to] = state.args;
  const topic = input.message.query;
  const options = timelineOptions(topic || undefined, from || undefined, to || undefined);
  if (topic === null || typeof options === 'string' || !/^\d{1,3}$/.test(pageNumber ?? '')) return notice('This timeline can no longer be paged. Run `/talks timeline` again.');
  const shown = { userId: state.userId, issuedAt: state.issuedAt, page: Number(pageNumber), ephemeral: input.message.ephemeral };
  return update(timelineMessage(timelineOf(ctx.corpus, options), { ...shown, args: [from ?? '', to ?? ''], readerUrl: ctx.readerUrl }));
}

export const timeline: SubcommandModule = {
  definition,
  execute(input, ctx) {
    const args = readArgs(input.options, definition.options);
    const options = timelineOptions(args.topic && withoutMentions(args.topic), args.from, args.to);
    if (typeof options === 'string') return notice(options);
    const shown = { userId: input.userId, issuedAt: ctx.now(), page: 0, ephemeral: args.hide === true };
    return reply(timelineMessage(timelineOf(ctx.corpus, options), { ...shown, args: [options.from ?? '', options.to ?? ''], readerUrl: ctx.readerUrl }));
  },
  autocomplete: topicChoices,
  buttons: { [BUTTONS.timelinePage]: page },
};
