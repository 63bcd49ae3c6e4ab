/**
 * Sending a reply, a follow-up or an edit for an interaction, and when Discord refuses it, one log line that
 * says why. Nothing here throws: a reply that cannot be delivered must never take the process down.
 *
 * Errors from discord.js are logged field by field, never whole: `DiscordAPIError` and `HTTPError` carry
 * the request URL (which holds the interaction token) and the request body.
 */
import type { DiscordAPIError, HTTPError } from '@discordjs/rest';
import { RESTJSONErrorCodes as E } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import { routeOfUrl } from './rest-log.js';

/** Discord's answers once an interaction's token no longer works. */
const EXPIRED_INTERACTION_CODES: ReadonlySet<number> = new Set([
  E.UnknownInteraction, // the callback came after the 3 s acknowledgement deadline (or 15 min)
  E.UnknownWebhook, // a follow-up or edit through a token Discord no longer knows
  E.InvalidWebhookToken, // a follow-up or edit after the token's 15 minutes
]);

/**
 * discord.js's REST errors, told by their shape: the gateway Client loads @discordjs/rest's CommonJS build and
 * this code its ESM build, whose classes differ, so `instanceof` would miss the Client's.
 */
export const isApiError = (err: unknown): err is DiscordAPIError =>
  err instanceof Error && err.name.startsWith('DiscordAPIError') && 'rawError' in err;
const isHttpError = (err: unknown): err is HTTPError => err instanceof Error && err.name === 'HTTPError' && 'status' in err;

export interface DeliveryContext {
  /** The interaction's id (never its token). */
  id: string;
  kind: string;
  /** When the interaction was created (its snowflake time), to show how late the reply was. */
  createdAt?: number;
}

/** One line explaining why a reply, follow-up or edit was not delivered. */
function logUndelivered(logger: Logger, err: unknown, context: DeliveryContext, now: number = Date.now()): void {
  const base = { id: context.id, kind: context.kind, ...(context.createdAt !== undefined ? { ageMs: now - context.createdAt } : {}) };
  if (isApiError(err)) {
    const fields = {
      ...base,
      code: err.code,
      status: err.status,
      method: err.method.toUpperCase(),
      route: routeOfUrl(err.url),
      discord: err.message,
    };
    if (typeof err.code === 'number' && EXPIRED_INTERACTION_CODES.has(err.code)) {
      logger.warn(fields, 'interaction expired before the reply could be sent');
    } else if (err.code === E.InteractionHasAlreadyBeenAcknowledged) {
      logger.warn(fields, 'interaction was already acknowledged; the reply was not sent again');
    } else if (err.code === E.UnknownMessage) {
      logger.warn(fields, 'the message to edit no longer exists; the reply was not delivered');
    } else {
      logger.error(fields, 'Discord refused the reply');
    }
    return;
  }
  if (isHttpError(err)) {
    logger.error(
      { ...base, status: err.status, method: err.method.toUpperCase(), route: routeOfUrl(err.url) },
      'Discord kept failing after discord.js retried; the reply was not delivered',
    );
    return;
  }
  const safe = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { message: String(err) };
  logger.error({ ...base, err: safe }, 'could not deliver the reply');
}

/** Runs `send` (a reply, follow-up or edit); on failure logs one line and resolves false. Never rejects. */
export async function deliver(logger: Logger, context: DeliveryContext, send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (err) {
    logUndelivered(logger, err, context);
    return false;
  }
}
