/**
 * Who may change the library, and how a moderator is named in its audit: shared by every `/library` subcommand
 * that changes something (add, remove, edit, confirm). Discord registers `/library` for Manage Server; a server
 * owner can grant it to anyone, so each handler checks again.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { BotContext } from '../../src/interactions/types.js';
import type { LibraryDesk } from '../../src/library/desk.js';
import type { Actor } from '../../src/library/store.js';

/** What may change the library: Manage Server (or Administrator, which holds every permission). */
const MANAGE = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;

export function canManage(permissions: bigint | null): boolean {
  return permissions !== null && (permissions & MANAGE) !== 0n;
}

export const REFUSED = 'Only moderators with Manage Server can change the library.';

export function actorOf(input: { userId: string; userName?: string }): Actor {
  return { id: input.userId, name: input.userName ?? input.userId };
}

/** The desk, or why this instance cannot change the library. */
export function deskOf(ctx: BotContext): LibraryDesk | string {
  return ctx.library ?? 'The library cannot be changed on this instance: it has no store (DATA_DIR) configured.';
}
