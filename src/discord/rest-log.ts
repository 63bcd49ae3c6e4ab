/**
 * Log lines for what discord.js's REST manager does silently. discord.js (2.x `@discordjs/rest`) retries a
 * 429 after its `retry-after` (route or global) and a 5xx or a timed-out request up to `retries` times,
 * but emits no event for either: the only trace is a `response` event for every answer, and `rateLimited`
 * only when a request waits behind a limit it already knew about. So this module:
 *
 * - listens to `response` and writes one warn line for each answer discord.js will retry (429, 5xx), an
 *   error line when a 5xx was the last attempt, and an info line when a request goes through after a retry;
 * - listens to `rateLimited` (a wait before sending, not a retry) at info;
 * - gives the client, when it is made, a `makeRequest` that times each request: answers slower than `SLOW_RESPONSE_MS` and
 *   requests that fail without an answer (timeout, reset connection) get a warn line. The request and its error
 *   pass through untouched; discord.js still does all the retrying.
 *
 * Routes are logged as discord.js's bucket routes (`/interactions/:id/:token/callback`), never as URLs:
 * interaction callback and webhook URLs carry the interaction token. `restDebug` is not forwarded for the
 * same reason (its 429 text includes the full URL).
 */
import {
  DefaultRestOptions,
  REST,
  RESTEvents,
  type APIRequest,
  type RateLimitData,
  type RESTOptions,
  type ResponseLike,
} from '@discordjs/rest';
import type { Logger } from 'pino';
import { SNOWFLAKE_DIGITS } from '../interactions/snowflake.js';

/** Answers slower than this get a warn line: an interaction must be acknowledged within 3 s. */
const SLOW_RESPONSE_MS = 1000;

const ID_IN_ROUTE = new RegExp(`/${SNOWFLAKE_DIGITS}(?=[/?]|$)`, 'g');

/** A path with every token and snowflake replaced, as discord.js names buckets. Safe to log. */
export function redactRoute(path: string): string {
  return path
    .replace(/\/interactions\/[^/]+\/[^/?]+/g, '/interactions/:id/:token')
    .replace(/\/webhooks\/[^/]+\/[^/?]+/g, '/webhooks/:id/:token')
    .replace(ID_IN_ROUTE, '/:id')
    .replace(/\?.*$/, '');
}

/** The route of a full request URL (`…/api/v10/channels/1/messages` → `/channels/:id/messages`). */
export function routeOfUrl(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '(unparseable url)';
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep it encoded
  }
  // The last version segment: a proxy's base URL may have one of its own (`/v1/discord/api/v10/…`).
  const versioned = /.*\/v\d+(\/.*)$/.exec(path);
  return redactRoute(versioned?.[1] ?? path);
}

function retryAfterMs(response: ResponseLike): number | null {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : null;
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

/** discord.js retries exactly these network failures (see `shouldRetry` in `@discordjs/rest`). */
function retriedByDiscordJs(err: unknown): 'timeout' | 'connection reset' | null {
  if (!(err instanceof Error)) return null;
  if (err.name === 'AbortError') return 'timeout';
  const code = (err as Error & { code?: unknown }).code;
  return code === 'ECONNRESET' || err.message.includes('ECONNRESET') ? 'connection reset' : null;
}

/** REST options whose `makeRequest` logs slow answers and requests that failed without one: for `new REST` or a Client's `rest`. */
export function loggedRestOptions(logger: Logger, options: Partial<RESTOptions> = {}): Partial<RESTOptions> {
  const inner = options.makeRequest ?? DefaultRestOptions.makeRequest;
  const timeout = options.timeout ?? DefaultRestOptions.timeout;
  const retries = options.retries ?? DefaultRestOptions.retries;
  const makeRequest: RESTOptions['makeRequest'] = async (url, init) => {
    const started = performance.now();
    const method = (init.method ?? 'GET').toUpperCase();
    try {
      const response = await inner(url, init);
      const ms = Math.round(performance.now() - started);
      if (ms >= SLOW_RESPONSE_MS)
        logger.warn({ method, route: routeOfUrl(url), status: response.status, ms }, 'slow Discord REST response');
      return response;
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      const reason = retriedByDiscordJs(err);
      logger.warn(
        {
          method,
          route: routeOfUrl(url),
          ms,
          error: errorName(err),
          ...(reason === 'timeout' ? { timeoutMs: timeout } : {}),
          ...(reason ? { maxRetries: retries } : {}),
        },
        reason
          ? `Discord REST request failed without an answer (${reason}); discord.js retries it`
          : 'Discord REST request failed without an answer',
      );
      throw err;
    }
  };
  return { ...options, makeRequest };
}

/** Log the retries and rate-limit waits of `rest` (made with `loggedRestOptions`). */
export function logRestEvents(rest: REST, logger: Logger): void {
  // Answers seen per request: discord.js passes the same request-data object to every attempt of one request.
  const attempts = new WeakMap<object, number>();
  rest.on(RESTEvents.Response, (request: APIRequest, response: ResponseLike) => {
    const attempt = (attempts.get(request.data) ?? 0) + 1;
    attempts.set(request.data, attempt);
    const line = { method: request.method.toUpperCase(), route: redactRoute(request.route), status: response.status, attempt };
    if (response.status === 429) {
      const global = response.headers.has('x-ratelimit-global');
      logger.warn(
        { ...line, retryAfterMs: retryAfterMs(response), global, scope: response.headers.get('x-ratelimit-scope') ?? 'user' },
        global
          ? 'Discord REST global rate limit (429); discord.js retries after retry-after'
          : 'Discord REST rate limit (429); discord.js retries after retry-after',
      );
    } else if (response.status >= 500 && response.status < 600) {
      const retriesLeft = Math.max(0, rest.options.retries - request.retries);
      if (retriesLeft > 0) logger.warn({ ...line, retriesLeft }, `Discord REST server error (${response.status}); discord.js retries`);
      else logger.error(line, `Discord REST server error (${response.status}) on the last attempt; discord.js gives up`);
    } else if (attempt > 1 && response.status < 400) {
      logger.info(line, 'Discord REST request went through after retrying');
    }
  });
  rest.on(RESTEvents.RateLimited, (info: RateLimitData) => {
    logger.info(
      {
        method: info.method.toUpperCase(),
        route: redactRoute(info.route),
        global: info.global,
        waitMs: Math.round(info.timeToReset),
        limit: info.limit,
      },
      'waiting for a Discord rate limit before sending',
    );
  });
}

/** A REST client (API v10) whose retries, rate limits, slow answers and failed requests are logged. */
export function createRest(logger: Logger, options: Partial<RESTOptions> = {}): REST {
  const rest = new REST(loggedRestOptions(logger, options));
  logRestEvents(rest, logger);
  return rest;
}
