/**
 * Discord faults through the local emulator, against the real bot: rate limits, server errors, slow
 * responses, expired interactions, gateway drops (resume) and invalid sessions (re-identify). Each ends with
 * the user answered (or, when Discord no longer accepts any answer, the next user answered), the process
 * alive, and a log line that explains it.
 */
import { Writable } from 'node:stream';
import { ApplicationCommandOptionType as T, Routes, SnowflakeUtil, type APIApplicationCommandInteractionDataOption } from 'discord.js';
import type { Logger } from 'pino';
import { DiscordEmulator, emulatorClientOptions, type DispatchedInteraction, type FaultRule } from '@peace-talks/discord-emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deliver } from '../../src/discord/delivery.js';
import { COMMANDS } from '../../commands/index.js';
import { createRest, redactRoute, routeOfUrl } from '../../src/discord/rest-log.js';
import { startBot, type RunningBot } from '../../src/discord/run.js';
import { createLogger } from '../../src/runtime/logger.js';
import { match } from '../support/matchers.js';
import { seedCorpus } from '../support/seeds.js';

const TOKEN = 'faults.test-token.offline-emulator';
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CALLBACK_ROUTE = '/interactions/:id/:token/callback';
const EXPIRED = 'interaction expired before the reply could be sent';

let emulator: DiscordEmulator;
let apiUrl: string;
let bot: RunningBot;
let logger: Logger;
let logs = '';
let n = 0;

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}
const WARN = 40;
const ERROR = 50;

/** Log lines written since `mark` (a length of `logs`). */
function linesSince(mark: number): LogLine[] {
  return logs
    .slice(mark)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LogLine);
}

/** Waits until a line matching `expected` has been logged since `mark`, and returns it. */
async function logged(mark: number, expected: Record<string, unknown>): Promise<LogLine> {
  return vi.waitFor(
    () => {
      const found = linesSince(mark).find((l) => match.objectContaining(expected).asymmetricMatch(l));
      if (!found) throw new Error(`no log line like ${JSON.stringify(expected)} in:\n${logs.slice(mark)}`);
      return found;
    },
    // A wait, not a bound on speed: it ends as soon as the line is there, so it can be generous.
    { timeout: 10_000, interval: 20 },
  );
}

const search = (q: string) =>
  [
    { type: T.Subcommand, name: 'search', options: [{ name: 'query', type: T.String, value: q }] },
  ] as unknown as APIApplicationCommandInteractionDataOption[];
const user = () => ({ id: String(1600000000000000000n + BigInt(++n)), username: `u${n}` });

/** Ask, wait for the successful callback, and return the interaction and how many callback attempts it took. */
async function asks(q = 'grain deal', timeoutMs = 8000): Promise<{ ix: DispatchedInteraction; attempts: number }> {
  const ix = await emulator.slashCommand('talks', search(q), { user: user() });
  await emulator.waitForResponse(ix.id, (r) => CALLBACK.test(r.path) && r.status === 204, timeoutMs);
  return { ix, attempts: emulator.responsesFor(ix.id).filter((r) => CALLBACK.test(r.path)).length };
}

beforeAll(async () => {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250, ackDeadlineMs: 10_000 });
  ({ apiUrl } = await emulator.start(0));
  const destination = new Writable({ write: (c, _e, cb) => ((logs += String(c)), cb()) });
  logger = createLogger({ level: 'debug', destination });
  bot = await startBot({
    commands: COMMANDS,
    token: TOKEN,
    corpus: seedCorpus(),
    logger,
    client: emulatorClientOptions(apiUrl),
  });
}, 20_000);

afterAll(async () => {
  await bot?.stop();
  await emulator?.stop();
});

describe('REST faults', () => {
  const retried = { level: WARN, method: 'POST', route: CALLBACK_ROUTE, attempt: 1 };
  it.each<[string, FaultRule, Record<string, unknown>]>([
    [
      'a 429 with retry-after',
      { path: CALLBACK, status: 429, retryAfterSeconds: 0.2 },
      {
        ...retried,
        status: 429,
        retryAfterMs: 200,
        global: false,
        msg: 'Discord REST rate limit (429); discord.js retries after retry-after',
      },
    ],
    [
      'a global 429',
      { path: CALLBACK, status: 429, retryAfterSeconds: 0.2, global: true },
      {
        ...retried,
        status: 429,
        retryAfterMs: 200,
        global: true,
        scope: 'global',
        msg: 'Discord REST global rate limit (429); discord.js retries after retry-after',
      },
    ],
    [
      'a 500',
      { path: CALLBACK, status: 500 },
      { ...retried, status: 500, retriesLeft: 3, msg: 'Discord REST server error (500); discord.js retries' },
    ],
    [
      'a 502',
      { path: CALLBACK, status: 502 },
      { ...retried, status: 502, retriesLeft: 3, msg: 'Discord REST server error (502); discord.js retries' },
    ],
    [
      'a 503',
      { path: CALLBACK, status: 503 },
      { ...retried, status: 503, retriesLeft: 3, msg: 'Discord REST server error (503); discord.js retries' },
    ],
    [
      'a slow response',
      { path: CALLBACK, status: 204, delayMs: 1500 },
      { level: WARN, method: 'POST', route: CALLBACK_ROUTE, status: 204, msg: 'slow Discord REST response' },
    ],
  ])('the reply survives %s on the callback, and the log says what discord.js did about it', async (_label, fault, line) => {
    const mark = logs.length;
    emulator.failNext({ method: 'POST', ...fault });
    const { ix, attempts } = await asks();
    // The fault once, then the retry that went through; a slow answer is one attempt.
    expect(attempts).toBe(fault.status === 204 ? 1 : 2);
    const found = await logged(mark, line);
    if (fault.status === 204) {
      expect(found.ms).toBeGreaterThanOrEqual(1400);
    } else {
      // The retry that went through says so too.
      await logged(mark, {
        level: 30,
        route: CALLBACK_ROUTE,
        status: 204,
        attempt: 2,
        msg: 'Discord REST request went through after retrying',
      });
    }
    // Interaction callback URLs carry the interaction token: routes only, never URLs.
    expect(logs).not.toContain(ix.token);
    expect(logs).not.toContain(TOKEN);
  });

  it('a 500 on every attempt: each retry logged, then one line saying the reply was lost; the next user is answered', async () => {
    const mark = logs.length;
    emulator.failNext({ method: 'POST', path: CALLBACK, status: 500, times: 4 });
    const ix = await emulator.slashCommand('talks', search('grain deal'), { user: user() });
    await logged(mark, {
      level: ERROR,
      id: ix.id,
      status: 500,
      route: CALLBACK_ROUTE,
      msg: 'Discord kept failing after discord.js retried; the reply was not delivered',
    });
    const lines = linesSince(mark);
    expect(lines.filter((l) => l.msg === 'Discord REST server error (500); discord.js retries').map((l) => l.retriesLeft)).toEqual([
      3, 2, 1,
    ]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: ERROR,
        attempt: 4,
        msg: 'Discord REST server error (500) on the last attempt; discord.js gives up',
      }),
    );
    expect(emulator.responsesFor(ix.id).map((r) => r.status)).toEqual([500, 500, 500, 500]);
    expect(logs).not.toContain(ix.token);
    expect((await asks()).attempts).toBe(1);
  });
});

describe('REST faults on any REST client (the summary Post, deploy)', () => {
  it('a request that times out is logged with the timeout, then retried by discord.js', async () => {
    const rest = createRest(logger, { api: apiUrl, timeout: 300, retries: 1 }).setToken(TOKEN);
    const mark = logs.length;
    emulator.failNext({ method: 'GET', path: /^\/users\/@me$/, status: 200, delayMs: 1000 });
    await expect(rest.get(Routes.user())).resolves.toMatchObject({ id: emulator.botUser.id });
    await logged(mark, {
      level: WARN,
      method: 'GET',
      route: '/users/@me',
      error: 'AbortError',
      timeoutMs: 300,
      maxRetries: 1,
      msg: 'Discord REST request failed without an answer (timeout); discord.js retries it',
    });
  });

  it('a global 429 on a channel post: the retry is logged, and so is the wait before the next request', async () => {
    const rest = createRest(logger, { api: apiUrl }).setToken(TOKEN);
    const channel = emulator.guilds[0]?.channels[0]?.id ?? '';
    const MESSAGES = /^\/channels\/\d+\/messages$/;
    const mark = logs.length;
    emulator.failNext({ method: 'POST', path: MESSAGES, status: 429, retryAfterSeconds: 0.2, global: true });
    await expect(rest.post(Routes.channelMessages(channel), { body: { content: 'after a global 429' } })).resolves.toMatchObject({
      channel_id: channel,
    });
    await logged(mark, {
      level: WARN,
      method: 'POST',
      route: '/channels/:id/messages',
      status: 429,
      global: true,
      attempt: 1,
      retryAfterMs: 200,
    });
    await logged(mark, {
      level: 30,
      method: 'POST',
      route: '/channels/:id/messages',
      global: true,
      msg: 'waiting for a Discord rate limit before sending',
    });
    await logged(mark, {
      level: 30,
      route: '/channels/:id/messages',
      status: 200,
      attempt: 2,
      msg: 'Discord REST request went through after retrying',
    });
  });
});

describe('expired interactions', () => {
  it('a reply to an interaction that expired: one clear line, no crash, and the next interaction is answered', async () => {
    const mark = logs.length;
    const ix = await emulator.slashCommand('talks', search('grain deal'), { user: user() });
    // Synchronously after the dispatch: the bot has not read it yet, so its reply finds the token dead.
    emulator.expireInteraction(ix.id);
    const callback = await emulator.waitForResponse(ix.id, (r) => CALLBACK.test(r.path));
    expect(callback.status).toBe(404);
    expect(callback.response).toMatchObject({ code: 10062 });
    const line = await logged(mark, {
      level: WARN,
      id: ix.id,
      kind: 'command',
      code: 10062,
      status: 404,
      method: 'POST',
      route: CALLBACK_ROUTE,
      msg: EXPIRED,
    });
    expect(line.ageMs).toEqual(expect.any(Number));
    // One line for it: not an error with a stack, not the request body, not the token.
    expect(linesSince(mark).filter((l) => l.id === ix.id && l.level >= WARN)).toHaveLength(1);
    expect(logs).not.toContain(ix.token);
    expect((await asks()).attempts).toBe(1);
  });

  it.each<[string, 'followUp' | 'editReply', FaultRule | null, number]>([
    ['a follow-up after the token expired (401 Invalid Webhook Token)', 'followUp', null, 50027],
    ['an edit after the token expired (401 Invalid Webhook Token)', 'editReply', null, 50027],
    [
      'a follow-up answered 10015 Unknown Webhook',
      'followUp',
      { method: 'POST', path: /^\/webhooks\//, status: 404, body: { message: 'Unknown Webhook', code: 10015 } },
      10015,
    ],
    [
      'an edit answered 10062 Unknown interaction',
      'editReply',
      { method: 'PATCH', path: /^\/webhooks\//, status: 404, body: { message: 'Unknown interaction', code: 10062 } },
      10062,
    ],
  ])('%s is handled the same way', async (_label, method, fault, code) => {
    const { ix } = await asks();
    if (fault) emulator.failNext(fault);
    else emulator.expireInteraction(ix.id);
    const mark = logs.length;
    const context = { id: ix.id, kind: 'command', createdAt: SnowflakeUtil.timestampFrom(ix.id) };
    // Through the bot's own REST client, as a follow-up or an edit of its reply would go.
    const late = { body: { content: 'late' }, auth: false };
    const rest = bot.client.rest;
    const sent = await deliver(logger, context, () =>
      method === 'followUp'
        ? rest.post(Routes.webhook(emulator.applicationId, ix.token), late)
        : rest.patch(Routes.webhookMessage(emulator.applicationId, ix.token), late),
    );
    expect(sent).toBe(false);
    const lines = linesSince(mark);
    expect(lines).toEqual([
      expect.objectContaining({ level: WARN, id: ix.id, code, method: method === 'followUp' ? 'POST' : 'PATCH', msg: EXPIRED }),
    ]);
    expect(String(lines[0]?.route)).toMatch(/^\/webhooks\/:id\/:token/);
    expect(logs).not.toContain(ix.token);
    // A 401 on a webhook must not have cost the bot its own token.
    expect((await asks()).attempts).toBe(1);
  });
});

describe('routes in log lines', () => {
  it('never carry an interaction or webhook token', () => {
    expect(redactRoute('/interactions/1234567890123456789/aW50ZXJhY3Rpb246c2VjcmV0/callback')).toBe(CALLBACK_ROUTE);
    expect(routeOfUrl('http://127.0.0.1:1/api/v10/webhooks/1234567890123456789/s3cr3t-t0ken/messages/%40original?wait=true')).toBe(
      '/webhooks/:id/:token/messages/@original',
    );
    expect(routeOfUrl('https://discord.com/api/v10/channels/1234567890123456789/messages')).toBe('/channels/:id/messages');
    // Behind a REST proxy whose own path has a version segment.
    expect(routeOfUrl('https://proxy.example/v1/discord/api/v10/interactions/1234567890123456789/s3cr3t-t0ken/callback')).toBe(
      CALLBACK_ROUTE,
    );
    expect(routeOfUrl('https://proxy.example/v2/api/webhooks/1234567890123456789/s3cr3t-t0ken')).not.toContain('s3cr3t');
  });
});

describe('gateway faults', () => {
  const resumes = () => emulator.gatewayEvents.filter((e) => e.op === 6).length;
  const identifies = () => emulator.gatewayEvents.filter((e) => e.op === 2).length;

  it.each([
    ['close 4000', () => emulator.closeGateway(4000)],
    ['an abnormal close (1006)', () => emulator.terminateGateway()],
    ['op 7 reconnect', () => emulator.sendReconnect()],
  ])(
    'resumes after %s and keeps answering',
    async (_label, fault) => {
      const mark = logs.length;
      const before = resumes();
      fault();
      await emulator.waitForGatewayEvent((e) => e.op === 6 && emulator.gatewayEvents.filter((x) => x.op === 6).length > before, 10_000);
      await emulator.waitForReady(10_000);
      expect((await asks()).attempts).toBe(1);
      // This fault's own lines, from its mark on: a reconnect, then the resume.
      await logged(mark, { level: 30, shard: 0, msg: 'gateway session resumed' });
      expect(
        linesSince(mark)
          .filter((l) => l.msg.startsWith('gateway'))
          .map((l) => l.msg),
      ).toEqual(['gateway reconnecting', 'gateway session resumed']);
    },
    30_000,
  );

  it('identifies again after a non-resumable invalid session', async () => {
    const mark = logs.length;
    const before = identifies();
    const resumedBefore = resumes();
    emulator.invalidSession(false);
    await emulator.waitForGatewayEvent(() => emulator.gatewayEvents.filter((x) => x.op === 2).length > before, 15_000);
    await emulator.waitForReady(10_000);
    expect((await asks()).attempts).toBe(1);
    // A new session, not a resume.
    expect(
      linesSince(mark)
        .filter((l) => l.msg.startsWith('gateway'))
        .map((l) => l.msg),
    ).toEqual(['gateway reconnecting']);
    expect(resumes()).toBe(resumedBefore);
  }, 30_000);
});
