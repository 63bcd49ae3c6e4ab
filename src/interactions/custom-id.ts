/**
 * What a reply carries for its buttons, so any instance of the bot can handle any press with no session
 * store. The `custom_id` (at most 100 characters): `<prefix>:<user id>:<issued, base-36 seconds>:<args…>`,
 * where the prefix (`talks:page`) routes the press to the command that declared the button (`buttons.ts`). The question the reply
 * answered can be 300 characters: it travels in the last line of the message's footer (`queryFooter`), and the
 * parser hands it to the button's handler (`ButtonInput.message.query`).
 */
import { z } from 'zod';
import { DISCORD_LIMITS } from './limits.js';
import { snowflake } from './snowflake.js';

export interface ButtonState {
  prefix: string;
  /** Who may press it. */
  userId: string;
  /** When the reply was made, in ms since the epoch (second precision). */
  issuedAt: number;
  args: string[];
}

const schema = z.object({
  prefix: z.string().regex(/^[a-z]+:[a-z]+$/),
  userId: snowflake,
  issued: z.string().regex(/^[0-9a-z]{1,9}$/),
});

export function encodeCustomId(state: ButtonState): string {
  const id = [state.prefix, state.userId, Math.floor(state.issuedAt / 1000).toString(36), ...state.args].join(':');
  if (id.length > DISCORD_LIMITS.customId) throw new RangeError(`custom_id over ${DISCORD_LIMITS.customId} characters: ${id}`);
  return id;
}

/** Parse a custom_id; null for anything not shaped like ours. Whether its prefix is known is the registry's to say. */
export function decodeCustomId(customId: string): ButtonState | null {
  if (customId.length > DISCORD_LIMITS.customId) return null;
  const [command, action, userId, issued, ...args] = customId.split(':');
  const parsed = schema.safeParse({ prefix: `${command}:${action}`, userId, issued });
  if (!parsed.success) return null;
  return { prefix: parsed.data.prefix, userId: parsed.data.userId, issuedAt: parseInt(parsed.data.issued, 36) * 1000, args };
}

/** Interaction tokens last `interactionTokenMs`; after that a button can no longer edit its reply. */
export function isExpired(state: ButtonState, now: number): boolean {
  return now - state.issuedAt > DISCORD_LIMITS.interactionTokenMs;
}

/** The footer line that carries the question. */
const QUERY_MARK = '🔎 ';

export function queryFooter(query: string): string {
  return `${QUERY_MARK}${query}`;
}

/** The question a reply answered, from its footer; null if the message is not one of ours. */
export function readQueryFooter(embeds: ReadonlyArray<{ footer?: unknown }>): string | null {
  for (const e of [...embeds].reverse()) {
    // Read from a payload: a footer that is not an object with text is no footer of ours.
    const text: unknown = typeof e.footer === 'object' && e.footer !== null ? (e.footer as { text?: unknown }).text : undefined;
    const line = typeof text === 'string' ? text.split('\n').find((l) => l.startsWith(QUERY_MARK)) : undefined;
    if (line) return line.slice(QUERY_MARK.length);
  }
  return null;
}
