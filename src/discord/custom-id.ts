/**
 * Button state lives in the button's `custom_id` (at most 100 characters), so any instance of the bot can
 * handle any press with no session store: `talks:<action>:<user id>:<issued, base-36 seconds>:<args…>`.
 * Longer state (the question itself) is read back from the message the button sits on.
 */
import { z } from 'zod';
import { DISCORD_LIMITS } from './limits.js';

export const CUSTOM_ID_PREFIX = 'talks';

export const BUTTON_ACTIONS = ['page', 'full', 'tpage', 'post', 'cancel'] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

export interface ButtonState {
  action: ButtonAction;
  /** Who may press it. */
  userId: string;
  /** When the reply was made, in ms since the epoch (second precision). */
  issuedAt: number;
  args: string[];
}

const snowflake = z.string().regex(/^\d{15,21}$/);
const schema = z.object({
  prefix: z.literal(CUSTOM_ID_PREFIX),
  action: z.enum(BUTTON_ACTIONS),
  userId: snowflake,
  issued: z.string().regex(/^[0-9a-z]{1,9}$/),
});

export function encodeCustomId(state: ButtonState): string {
  const id = [CUSTOM_ID_PREFIX, state.action, state.userId, Math.floor(state.issuedAt / 1000).toString(36), ...state.args].join(':');
  if (id.length > DISCORD_LIMITS.customId) throw new RangeError(`custom_id over ${DISCORD_LIMITS.customId} characters: ${id}`);
  return id;
}

/** Parse a custom_id; null for anything not ours or tampered with. */
export function decodeCustomId(customId: string): ButtonState | null {
  if (customId.length > DISCORD_LIMITS.customId) return null;
  const [prefix, action, userId, issued, ...args] = customId.split(':');
  const parsed = schema.safeParse({ prefix, action, userId, issued });
  if (!parsed.success) return null;
  return { action: parsed.data.action, userId: parsed.data.userId, issuedAt: parseInt(parsed.data.issued, 36) * 1000, args };
}

/** Interaction tokens last 15 minutes; after that a button can no longer edit its reply. */
export function isExpired(state: ButtonState, now: number): boolean {
  return now - state.issuedAt > DISCORD_LIMITS.interactionTokenMs;
}
