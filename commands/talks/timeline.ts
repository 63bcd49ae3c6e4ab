/** `/talks timeline`: the dated events of the library, about a topic and between two dates if asked, ten a page. */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import { z } from 'zod';
import { isReversed, parseDateArg, timeline as timelineOf, type TimelineAnswer, type TimelineOptions } from '../../src/core/timeline.js';
import { defineButton, pageArg, type Owner } from '../../src/interactions/buttons.js';
import { clamp, notice, reply, update, type DiscordMessage } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import { withoutMentions } from '../../src/interactions/mentions.js';
import type { BotContext, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { safeText, timelineMessage } from '../../src/render/discord.js';
import { hide, topicChoices } from './common.js';

/** Events fetched for a timeline reply (paged ten at a time). */
const TIMELINE_EVENTS = 200;

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
  if (f && t && isReversed(f, t)) return `The start (${f}) is after the end (${t}).`;
  return { limit: TIMELINE_EVENTS, ...(topic ? { topic } : {}), ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
}

/** A date as a button carries it: as the user gave it, read again on each press. */
const dateArg = z.string().max(30).optional();

/** Later ▶ and ◀ Earlier: the same topic (carried on the message) and dates (in the custom id), another page. */
const page = defineButton({
  prefix: 'talks:tpage',
  args: z.object({ page: pageArg, from: dateArg, to: dateArg }),
  who: 'asker',
  verb: 'page',
  stale: 'This timeline can no longer be paged. Run `/talks timeline` again.',
  handle(input, args, owner, ctx) {
    const topic = input.message.query;
    const options = timelineOptions(topic || undefined, args.from, args.to);
    if (topic === null || typeof options === 'string') return notice('This timeline can no longer be paged. Run `/talks timeline` again.');
    return update(shown(timelineOf(ctx.corpus, options), owner, ctx, { page: args.page, ephemeral: input.message.ephemeral }, options));
  },
});

/** The buttons of a timeline reply: paging, carrying its dates. */
export function timelineButtons(owner: Owner, dates: { from?: string; to?: string }): { page: (page: number) => string } {
  return { page: (n) => page.id(owner, { page: n, from: dates.from, to: dates.to }) };
}

function shown(
  answer: TimelineAnswer,
  owner: Owner,
  ctx: BotContext,
  view: { page: number; ephemeral: boolean },
  options: TimelineOptions,
): DiscordMessage {
  return timelineMessage(answer, {
    ...view,
    ...(ctx.readerUrl ? { readerUrl: ctx.readerUrl } : {}),
    buttons: timelineButtons(owner, options),
  });
}

export const timeline: SubcommandModule = {
  definition,
  execute(input, ctx) {
    const args = readArgs(input.options, definition.options);
    const options = timelineOptions(args.topic && withoutMentions(args.topic), args.from, args.to);
    if (typeof options === 'string') return notice(options);
    return reply(
      shown(
        timelineOf(ctx.corpus, options),
        { userId: input.userId, issuedAt: ctx.now() },
        ctx,
        { page: 0, ephemeral: args.hide === true },
        options,
      ),
    );
  },
  help: 'a short dated timeline, every line cited.',
  autocomplete: topicChoices,
  buttons: [page],
};
