/**
 * Message context menu "Confirm passage" (moderators): on one of the bot's answers, offers the best passages for the
 * question it answered, so the moderator confirms the one that answers it (`/library confirm` does the rest).
 * Registered for Manage Server and checked again, as `/library` is.
 */
import { ApplicationCommandType, InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { notice } from '../../src/interactions/message.js';
import type { CommandModule } from '../../src/interactions/types.js';
import { confirmPrompt } from '../library/confirm.js';
import { canManage, REFUSED } from '../library/moderators.js';

export const confirmPassage = {
  definition: {
    name: 'Confirm passage',
    type: ApplicationCommandType.Message,
    contexts: [InteractionContextType.Guild],
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  },
  help: '(moderators) on an answer: confirm the passage that answers its question.',
  execute(input, ctx) {
    if (input.kind !== 'message-command') return notice('Unknown command.');
    if (!canManage(input.memberPermissions)) return notice(REFUSED);
    const question = input.target.query;
    if (question === null) return notice('That is not one of my answers: use it on a `/talks search` or Find sources reply.');
    return confirmPrompt(question, { userId: input.userId, issuedAt: ctx.now() }, ctx);
  },
} as const satisfies CommandModule;
