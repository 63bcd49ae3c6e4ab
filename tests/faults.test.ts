/**
 * Discord faults through the local emulator, against the real bot: rate limits, server errors, slow
 * responses, gateway drops (resume) and invalid sessions (re-identify). Each ends with the user answered,
 * the process alive, and a log line that explains it.
 */
import { Writable } from 'node:stream';
import { ApplicationCommandOptionType as T, type APIApplicationCommandInteractionDataOption } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../src/core/corpus.js';
import { startBot, type RunningBot } from '../src/discord/run.js';
import { DiscordEmulator, emulatorClientOptions } from '../src/emulator/index.js';
import { createLogger } from '../src/logger.js';
import { seedLibrary } from './helpers.js';

let emulator: DiscordEmulator;
let bot: RunningBot;
let logs = '';
let n = 0;
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

const search = (q: string) => [{ type: T.Subcommand, name: 'search', options: [{ name: 'query', type: T.String, value: q }] }] as unknown as APIApplicationCommandInteractionDataOption[];
const user = () => ({ id: String(1600000000000000000n + BigInt(++n)), username: `u${n}` });

/** Ask, wait for the successful callback, and return how many callback attempts it took. */
async function asks(q = 'grain deal', timeoutMs = 8000): Promise<number> {
  const ix = await emulator.slashCommand('talks', search(q), { user: user() });
  await emulator.waitForResponse(ix.id, (r) => CALLBACK.test(r.path) && r.status === 204, timeoutMs);
  return emulator.responsesFor(ix.id).filter((r) => CALLBACK.test(r.path)).length;
}

beforeAll(async () => {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250, ackDeadlineMs: 10_000 });
  const { apiUrl } = await emulator.start(0);
  const destination = new Writable({ write: (c, _e, cb) => ((logs += String(c)), cb()) });
  bot = await startBot({
    token: 'faults.test-token.offline-emulator',
    corpus: buildCorpus(seedLibrary().sources),
    logger: createLogger({ level: 'debug', destination }),
    client: emulatorClientOptions(apiUrl),
  });
}, 20_000);

afterAll(async () => {
  await bot?.stop();
  await emulator?.stop();
});

describe('REST faults', () => {
  it.each([
    ['a 429 with retry-after', { status: 429, retryAfterSeconds: 0.2 }],
    ['a global 429', { status: 429, retryAfterSeconds: 0.2, global: true }],
    ['a 500', { status: 500 }],
    ['a 502', { status: 502 }],
    ['a 503', { status: 503 }],
    ['a slow response', { status: 204, delayMs: 1500 }],
  ])('the reply survives %s on the callback (retried by discord.js)', async (_label, fault) => {
    emulator.failNext({ method: 'POST', path: CALLBACK, ...fault });
    const attempts = await asks();
    expect(attempts).toBeGreaterThanOrEqual(fault.status === 204 ? 1 : 2);
  });
});

describe('gateway faults', () => {
  const resumes = () => emulator.gatewayEvents.filter((e) => e.op === 6).length;
  const identifies = () => emulator.gatewayEvents.filter((e) => e.op === 2).length;

  it.each([
    ['close 4000', () => emulator.closeGateway(4000)],
    ['an abnormal close (1006)', () => emulator.terminateGateway()],
    ['op 7 reconnect', () => emulator.sendReconnect()],
  ])('resumes after %s and keeps answering', async (_label, fault) => {
    const before = resumes();
    fault();
    await emulator.waitForGatewayEvent((e) => e.op === 6 && emulator.gatewayEvents.filter((x) => x.op === 6).length > before, 10_000);
    await emulator.waitForReady(10_000);
    expect(await asks()).toBeGreaterThanOrEqual(1);
    expect(logs).toMatch(/gateway (session resumed|reconnecting|disconnected)/);
  }, 20_000);

  it('identifies again after a non-resumable invalid session', async () => {
    const before = identifies();
    emulator.invalidSession(false);
    await emulator.waitForGatewayEvent(() => emulator.gatewayEvents.filter((x) => x.op === 2).length > before, 15_000);
    await emulator.waitForReady(10_000);
    expect(await asks()).toBeGreaterThanOrEqual(1);
  }, 25_000);
});
