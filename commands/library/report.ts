/**
 * `/library report [days]`: what members asked over the last days (7 by default), for moderators — the questions
 * most asked, those answered with low confidence or nothing, those rated Not what I asked, how often each source was
 * cited — as pages with ◀ ▶ and a CSV file. A row that needs it opens the confirmation prompt (`confirmPrompt`).
 * Moderators only, as every `/library` subcommand: checked in the handler and again on every press.
 */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { z } from 'zod';
import { ANSWER_ID } from '../../src/feedback/feedback.js';
import { defineButton, pageArg, type Owner } from '../../src/interactions/buttons.js';
import { notice, reply, update } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import type { BotContext, Reply, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { reportFile, reportMessage } from '../../src/render/report.js';
import { confirmPrompt } from './confirm.js';
import { canManage } from './moderators.js';

const REPORT_DAYS = 7;
const MAX_DAYS = 365;
const REFUSED_REPORT = 'Only moderators with Manage Server can read the feedback report.';
const OFF = 'Feedback is turned off on this bot (FEEDBACK=off): nothing is recorded, so there is no report.';

const definition = {
  type: T.Subcommand,
  name: 'report',
  description: 'Moderators: what members asked, what was answered poorly, what they rated, as pages and a CSV',
  options: [
    { type: T.Integer, name: 'days', description: `The last how many days (default ${REPORT_DAYS})`, min_value: 1, max_value: MAX_DAYS },
  ],
} as const satisfies SubcommandDefinition;

async function shownReport(ctx: BotContext, owner: Owner, days: number, page: number, withCsv: boolean): Promise<Reply | null> {
  const feedback = ctx.feedback;
  if (!feedback) return null;
  const report = await feedback.report(days, ctx.now());
  const buttons = {
    page: (n: number) => pageButton.id(owner, { days, page: n }),
    confirm: (answerId: string) => confirmButton.id(owner, { answer: answerId }),
  };
  const message = reportMessage(report, page, buttons, withCsv && report.answers > 0 ? reportFile(report) : undefined);
  return withCsv ? reply(message) : update(message);
}

const pageButton = defineButton({
  prefix: 'library:reportpage',
  args: z.object({ days: z.coerce.number().int().min(1).max(MAX_DAYS), page: pageArg }),
  who: 'asker',
  verb: 'page',
  stale: 'This report can no longer be paged. Run `/library report` again.',
  async handle(input, args, owner, ctx) {
    if (!canManage(input.memberPermissions)) return notice(REFUSED_REPORT);
    return (await shownReport(ctx, owner, args.days, args.page, false)) ?? notice(OFF);
  },
});

/** Confirm N: the prompt to confirm the passage that answers this row's question (the other half of issue 24). */
const confirmButton = defineButton({
  prefix: 'library:reportconfirm',
  args: z.object({ answer: z.string().regex(ANSWER_ID) }),
  who: 'asker',
  verb: 'confirm from',
  stale: 'This report row no longer works. Run `/library report` again.',
  async handle(input, args, _owner, ctx) {
    if (!canManage(input.memberPermissions)) return notice(REFUSED_REPORT);
    const feedback = ctx.feedback;
    if (!feedback) return notice(OFF);
    const answer = await feedback.answer(args.answer, ctx.now());
    if (!answer)
      return notice(`That question is no longer kept (answers are kept ${feedback.retentionDays} days). Run \`/library report\` again.`);
    return confirmPrompt(answer.question, { userId: input.userId, issuedAt: ctx.now() }, ctx);
  },
});

export const report: SubcommandModule = {
  definition,
  help: `(moderators) what members asked over the last days (default ${REPORT_DAYS}): pages and a CSV; confirm a passage from a row.`,
  async execute(input, ctx): Promise<Reply> {
    if (!canManage(input.memberPermissions)) return notice(REFUSED_REPORT);
    const args = readArgs(input.options, definition.options);
    const days = args.days ?? REPORT_DAYS;
    try {
      return (await shownReport(ctx, { userId: input.userId, issuedAt: ctx.now() }, days, 0, true)) ?? notice(OFF);
    } catch (err) {
      ctx.logger.warn({ err }, 'feedback: the report could not be read');
      return notice('The feedback store did not answer just now, so there is no report. Please try again in a moment.');
    }
  },
  buttons: [pageButton, confirmButton],
};
