/**
 * `/library confirm`: a moderator confirms the passage that answers a question. The question's wording is then
 * indexed with the passage (`Passage.askedAs`), so a later question worded alike finds it; the answer says a
 * moderator confirmed it. Members' votes never do this: only someone who may change the library can.
 * `confirmPrompt` offers the best passages for a question as buttons: from an answer (Apps → Confirm passage)
 * or from the report.
 */
import { createHash } from 'node:crypto';
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { z } from 'zod';
import { citationFor } from '../../src/core/citation.js';
import { MAX_QUERY_CHARS } from '../../src/core/query.js';
import { search } from '../../src/core/search.js';
import type { SearchIndex } from '../../src/core/search-index.js';
import type { Passage } from '../../src/core/types.js';
import { defineButton, type Owner } from '../../src/interactions/buttons.js';
import { clamp, NO_MENTIONS, notice, reply, update } from '../../src/interactions/message.js';
import { withoutMentions } from '../../src/interactions/mentions.js';
import { readArgs } from '../../src/interactions/options.js';
import type { BotContext, Reply, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { confirmedQuestion, confirmPassage } from '../../src/library/confirmations.js';
import { LibraryRefusal } from '../../src/library/manage.js';
import { autocompleteChoices, confirmPromptMessage, passageChoiceLine, safeText, type PassageChoice } from '../../src/render/discord.js';
import { formatParagraph } from '../../src/render/format.js';
import { actorOf, canManage, deskOf, REFUSED } from './moderators.js';

/** Passages offered in a prompt: a row of buttons. */
const PROMPT_CHOICES = 5;

/**
 * A passage as a button carries it: its place in the library's reading order and a check of its id. A custom id
 * has room for neither a long passage id nor the question; the question rides on the message, and a library that
 * changed under the prompt fails the check instead of confirming another passage.
 */
const passageRef = z.object({ at: z.coerce.number().int().min(0).max(10_000_000), check: z.string().regex(/^[0-9a-f]{8}$/) });
type PassageRef = z.output<typeof passageRef>;

function checkOf(passageId: string): string {
  return createHash('sha256').update(passageId).digest('hex').slice(0, 8);
}

function refOf(index: SearchIndex, passageId: string): PassageRef {
  return { at: index.order.indexOf(passageId), check: checkOf(passageId) };
}

function passageAt(index: SearchIndex, ref: PassageRef): Passage | null {
  const id = index.order[ref.at];
  return id !== undefined && checkOf(id) === ref.check ? (index.passages.get(id) ?? null) : null;
}

/** A passage as a moderator is offered it: where it is, and how it begins (null when its source is gone). */
export function choiceOf(index: SearchIndex, passage: Passage): PassageChoice | null {
  const source = index.sources.get(passage.sourceId);
  return source ? { citation: citationFor(source, passage), opening: passage.text } : null;
}

/** Confirm, as every entry point does it (`src/library/confirmations.ts`), then every instance rebuilds with it. */
async function confirmed(
  input: { userId: string; userName?: string },
  ctx: BotContext,
  question: string,
  passageId: string,
): Promise<string> {
  const desk = deskOf(ctx);
  if (typeof desk === 'string') return desk;
  let result;
  try {
    result = await confirmPassage(desk.store, ctx.corpus, withoutMentions(question), passageId, actorOf(input), ctx.now());
  } catch (err) {
    if (err instanceof LibraryRefusal) return `Not confirmed: ${safeText(err.message)}.`;
    throw err;
  }
  const choice = choiceOf(ctx.corpus.index, result.passage);
  const where = safeText(
    choice ? `${choice.citation.title} · ${formatParagraph(choice.citation)} (${result.passage.id})` : result.passage.id,
  );
  const asked = safeText(result.confirmed.question);
  if (result.already) return `Already confirmed: “${asked}” → ${where}.`;
  // The rebuild runs off the answer path; this instance and every other answer with it within seconds.
  void desk.refresh().catch((err: unknown) => ctx.logger.warn({ err }, 'library refresh after a confirmation failed'));
  return (
    `Confirmed: questions like “${asked}” now find ${where}. ` +
    'Every instance answers with it within seconds; `/library confirmations` lists it.'
  );
}

const pick = defineButton({
  prefix: 'library:pick',
  args: passageRef,
  who: 'asker',
  verb: 'confirm from',
  stale: 'This choice no longer works. Ask again, or use `/library confirm`.',
  async handle(input, ref, _owner, ctx): Promise<Reply> {
    if (!canManage(input.memberPermissions)) return notice(REFUSED);
    const question = input.message.query;
    const passage = passageAt(ctx.corpus.index, ref);
    if (question === null || !passage)
      return notice('The library changed since these passages were offered. Ask again, or use `/library confirm`.');
    return update({
      content: await confirmed(input, ctx, question, passage.id),
      embeds: [],
      components: [],
      allowed_mentions: NO_MENTIONS,
    });
  },
});

/** The best passages for `question`, each a button that confirms it (the moderator checked again on the press). */
export function confirmPrompt(question: string, owner: Owner, ctx: BotContext): Reply {
  let asked: string;
  try {
    asked = confirmedQuestion(withoutMentions(question));
  } catch (err) {
    if (err instanceof LibraryRefusal) return notice(`Not confirmed: ${safeText(err.message)}.`);
    throw err;
  }
  const index = ctx.corpus.index;
  const results = search(index, asked, { limit: PROMPT_CHOICES }).results;
  const passages = results.map((r) => index.passages.get(r.id)).filter((p): p is Passage => p !== undefined);
  const choices = passages.map((p) => choiceOf(index, p)).filter((c): c is PassageChoice => c !== null);
  return reply(confirmPromptMessage(asked, choices, (i) => pick.id(owner, refOf(index, passages[i]?.id ?? ''))));
}

const definition = {
  type: T.Subcommand,
  name: 'confirm',
  description: 'Moderators: confirm the passage that answers a question, so questions worded alike find it',
  options: [
    { type: T.String, name: 'question', description: 'The question, as members ask it', required: true, max_length: MAX_QUERY_CHARS },
    { type: T.String, name: 'passage', description: 'The passage that answers it', required: true, autocomplete: true, max_length: 100 },
  ],
} as const satisfies SubcommandDefinition;

/** Autocomplete over passages: the best for the question typed so far first, then any whose words or id hold what is typed. */
function passageChoices(index: SearchIndex, question: string, typed: string): Reply {
  const needle = typed.slice(0, 100).toLowerCase().trim();
  const best = question.trim() ? search(index, question.slice(0, MAX_QUERY_CHARS), { limit: 10 }).results.map((r) => r.id) : [];
  const rest = index.order.filter((id) => !best.includes(id));
  const matching = [...best, ...rest].filter((id) => {
    if (!needle) return true;
    const p = index.passages.get(id);
    return id.includes(needle) || (p?.text.toLowerCase().includes(needle) ?? false);
  });
  const choices = matching.slice(0, 25).flatMap((id) => {
    const p = index.passages.get(id);
    const c = p && choiceOf(index, p);
    return c ? [{ name: clamp(passageChoiceLine(c), 100), value: id }] : [];
  });
  return { type: 'choices', choices: autocompleteChoices(choices) };
}

export const confirm: SubcommandModule = {
  definition,
  help: '(moderators) confirm the passage that answers a question: questions worded alike find it.',
  cooldown: false,
  async execute(input, ctx): Promise<Reply> {
    if (!canManage(input.memberPermissions)) return notice(REFUSED);
    const args = readArgs(input.options, definition.options);
    return notice(await confirmed(input, ctx, args.question, args.passage));
  },
  autocomplete(input, ctx) {
    const question = typeof input.options.question === 'string' ? input.options.question : '';
    return passageChoices(ctx.corpus.index, withoutMentions(question), input.focused.value);
  },
  buttons: [pick],
};
