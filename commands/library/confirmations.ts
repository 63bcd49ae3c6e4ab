/**
 * `/library confirmations`: the passages moderators confirmed, with the questions they answer, newest first;
 * `remove:` withdraws one (audited). Moderators only: it is how the library is taught.
 */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { clamp, notice, reply } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import type { BotContext, Reply, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { withdrawConfirmation } from '../../src/library/confirmations.js';
import { LibraryRefusal } from '../../src/library/manage.js';
import type { Confirmation } from '../../src/library/store.js';
import { autocompleteChoices, confirmationsMessage, safeText, type ListedConfirmation } from '../../src/render/discord.js';
import { choiceOf } from './confirm.js';
import { actorOf, canManage, deskOf, REFUSED } from './moderators.js';

const definition = {
  type: T.Subcommand,
  name: 'confirmations',
  description: 'Moderators: the confirmed answers, newest first; remove one',
  options: [{ type: T.String, name: 'remove', description: 'Withdraw this confirmation', autocomplete: true, max_length: 100 }],
} as const satisfies SubcommandDefinition;

function listed(ctx: BotContext, c: Confirmation): ListedConfirmation {
  const passage = ctx.corpus.index.passages.get(c.passageId);
  return {
    id: c.id,
    question: c.question,
    passageId: c.passageId,
    passage: passage ? choiceOf(ctx.corpus.index, passage) : null,
    by: c.by.name,
    at: c.at,
  };
}

export const confirmations: SubcommandModule = {
  definition,
  help: '(moderators) the confirmed answers; remove one.',
  cooldown: false,
  async execute(input, ctx): Promise<Reply> {
    if (!canManage(input.memberPermissions)) return notice(REFUSED);
    const desk = deskOf(ctx);
    if (typeof desk === 'string') return notice(desk);
    const args = readArgs(input.options, definition.options);
    if (args.remove === undefined) {
      const all = (await desk.store.state()).confirmed;
      return reply(confirmationsMessage([...all].reverse().map((c) => listed(ctx, c))));
    }
    let gone;
    try {
      gone = await withdrawConfirmation(desk.store, args.remove, actorOf(input), ctx.now());
    } catch (err) {
      if (err instanceof LibraryRefusal) return notice(`Not withdrawn: ${safeText(err.message)}. Pick one from the list.`);
      throw err;
    }
    void desk.refresh().catch((err: unknown) => ctx.logger.warn({ err }, 'library refresh after withdrawing a confirmation failed'));
    return notice(`Withdrawn: “${safeText(gone.question)}” no longer leads to \`${gone.passageId}\`.`);
  },
  async autocomplete(input, ctx): Promise<Reply> {
    const desk = ctx.library;
    if (!desk || !canManage(input.memberPermissions)) return { type: 'choices', choices: [] };
    const needle = input.focused.value.slice(0, 100).toLowerCase();
    const all = [...(await desk.store.state()).confirmed].reverse();
    const matches = all.filter((c) => !needle || c.question.toLowerCase().includes(needle) || c.passageId.includes(needle));
    return {
      type: 'choices',
      choices: autocompleteChoices(matches.map((c) => ({ name: clamp(`“${c.question}” → ${c.passageId}`, 100), value: c.id }))),
    };
  },
};
