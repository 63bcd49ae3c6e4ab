/**
 * Members' feedback end to end (issue 24): the real bot (discord.js) against the emulator, on both stores (SQLite
 * under DATA_DIR, and a real redis-server). A member searches and votes, changes the vote, pages (the buttons
 * stay); a moderator reads the report and gets the CSV; a hostile question stays inert in both; an answer past the
 * retention cannot be rated; with FEEDBACK=off there are no buttons and nothing is stored.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationCommandOptionType as T, PermissionFlagsBits, type APIApplicationCommandInteractionDataOption } from 'discord.js';
import { DiscordEmulator, emulatorClientOptions, type RecordedMessage } from '@peace-talks/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { startBot, type RunningBot } from '../../src/discord/run.js';
import { DAY_MS, openFeedback, type Feedback } from '../../src/feedback/feedback.js';
import { createLogger } from '../../src/runtime/logger.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';
import { seedCorpus, suiteDir } from '../support/seeds.js';

const TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.Gabcde.e2e-feedback-token-not-a-secret-0123456789';
const MOD = { id: '1400000000000000701', username: 'mod' };
const MEMBER = { id: '1400000000000000702', username: 'member' };
const OTHER = { id: '1400000000000000703', username: 'other' };
const MANAGE = String(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages);
const PLAIN = String(PermissionFlagsBits.SendMessages);
const HOSTILE = `@everyone <@${OTHER.id}> **grain** __deal__ [x](https://evil.example) =1+1 ${'`ceasefire` '.repeat(30)}`.slice(0, 300);
const logger = createLogger({ level: 'silent' });
const folders = suiteDir('feedback-e2e');
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
}, 20_000);
afterAll(async () => {
  await redis?.stop();
  folders.remove();
});

interface Running {
  emulator: DiscordEmulator;
  bot: RunningBot;
  feedback: Feedback | null;
  clock: { offset: number };
}

async function start(options: { redis?: boolean; enabled?: boolean; dir: string }): Promise<Running> {
  const emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const { apiUrl } = await emulator.start(0);
  const clock = { offset: 0 };
  const feedback = await openFeedback({
    dataDir: options.dir,
    redisUrl: options.redis ? redis.url : undefined,
    enabled: options.enabled ?? true,
    retentionDays: 90,
    logger,
  });
  const bot = await startBot({
    commands: COMMANDS,
    token: TOKEN,
    corpus: seedCorpus(),
    logger,
    client: emulatorClientOptions(apiUrl),
    now: () => Date.now() + clock.offset,
    ...(feedback ? { feedback } : {}),
  });
  return { emulator, bot, feedback, clock };
}

async function stop(r: Running | undefined): Promise<void> {
  await r?.bot.stop();
  await r?.feedback?.close();
  await r?.emulator.stop();
}

const sub = (name: string, options: Array<{ name: string; type: number; value: string | number }> = []) =>
  [{ type: T.Subcommand, name, options }] as unknown as APIApplicationCommandInteractionDataOption[];

async function answered(r: Running, interactionId: string): Promise<RecordedMessage> {
  await r.emulator.waitForResponse(interactionId, (q) => q.path.endsWith('/callback'));
  const m = r.emulator.messagesFor(interactionId).at(-1) ?? r.emulator.originalMessage(interactionId);
  if (!m) throw new Error('no answer');
  return m;
}

const buttonsOf = (m: RecordedMessage): Array<{ custom_id?: string; label?: string }> =>
  m.components.flatMap((row) => ('components' in row ? (row.components as Array<{ custom_id?: string; label?: string }>) : []));
const idOf = (m: RecordedMessage, label: string): string => {
  const id = buttonsOf(m).find((b) => b.label === label)?.custom_id;
  if (!id) throw new Error(`no “${label}” among ${JSON.stringify(buttonsOf(m).map((b) => b.label))}`);
  return id;
};

async function ask(r: Running, query: string): Promise<RecordedMessage> {
  const ix = await r.emulator.slashCommand('talks', sub('search', [{ name: 'query', type: T.String, value: query }]), {
    user: MEMBER,
    memberPermissions: PLAIN,
  });
  return answered(r, ix.id);
}

async function press(r: Running, m: RecordedMessage, label: string, user = MEMBER): Promise<RecordedMessage> {
  const ix = await r.emulator.button(idOf(m, label), m, { user, memberPermissions: PLAIN });
  return answered(r, ix.id);
}

async function report(r: Running): Promise<RecordedMessage> {
  const ix = await r.emulator.slashCommand('library', sub('report'), { user: MOD, memberPermissions: MANAGE });
  return answered(r, ix.id);
}

describe.each([
  ['SQLite', false],
  ['Redis', true],
])('feedback through Discord, on %s', (home, onRedis) => {
  let r: Running | undefined;
  beforeAll(async () => {
    r = await start({ redis: onRedis, dir: join(folders.dir, home) });
  }, 30_000);
  afterAll(() => stop(r));

  it('a member rates an answer, changes the vote, and pages with the buttons kept', async () => {
    const run = r as Running;
    const m = await ask(run, 'What did the grain deal achieve?');
    const thanks = await press(run, m, 'Helpful');
    expect([thanks.ephemeral, thanks.content]).toEqual([true, expect.stringMatching(/^Thanks! Rated “Helpful”/)]);
    expect((await press(run, m, 'Helpful')).content).toMatch(/already rated/);
    expect((await press(run, m, 'Not what I asked')).content).toMatch(/now “Not what I asked”/);
    expect((await press(run, m, 'Helpful', OTHER)).content).toMatch(/^Thanks! Rated/);
    const paged = await press(run, m, 'Next ▶');
    expect(idOf(paged, 'Helpful')).toBe(idOf(m, 'Helpful'));
  });

  it('a Find sources answer carries the buttons too, and a press is thanked', async () => {
    const run = r as Running;
    const ix = await run.emulator.messageContextMenu(
      'Find sources',
      { id: '1300000000000000901', content: 'what did the Black Sea grain deal do for shipping?' },
      { user: OTHER, memberPermissions: PLAIN },
    );
    const m = await answered(run, ix.id);
    expect(m.ephemeral).toBe(true);
    expect((await press(run, m, 'Not what I asked', OTHER)).content).toMatch(/^Thanks! Rated “Not what I asked”/);
  });

  it('a moderator reads the report and gets the CSV; the hostile question is inert in both', async () => {
    const run = r as Running;
    await ask(run, HOSTILE);
    const m = await report(run);
    expect(m.ephemeral).toBe(true);
    expect(m.embeds[0]?.description).toMatch(/What did the grain deal achieve\?/);
    const shown = JSON.stringify(m.embeds);
    expect(shown).not.toMatch(/@everyone|<@\d+>|\*\*grain\*\*/);
    expect(m.raw.attachments).toMatchObject([{ filename: 'feedback-report-7d.csv', content_type: 'text/csv; charset=utf-8' }]);
    const csv = m.files?.[0]?.data.toString('utf8') ?? '';
    expect(csv).toContain('"not what I asked","What did the grain deal achieve?","","1","","1","1"');
    expect(csv).not.toMatch(/<@\d+>/);
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
    // The bot sent the mentions nowhere: every reply says so.
    expect(m.raw.mentions).toEqual([]);
  });

  it('an answer older than the retention cannot be rated', async () => {
    const run = r as Running;
    const m = await ask(run, 'Istanbul communiqué');
    run.clock.offset = 91 * DAY_MS;
    try {
      expect((await press(run, m, 'Helpful')).content).toMatch(/no longer kept/);
    } finally {
      run.clock.offset = 0;
    }
  });
});

describe('FEEDBACK=off', () => {
  let r: Running | undefined;
  const dir = join(folders.dir, 'off');
  beforeAll(async () => {
    r = await start({ enabled: false, dir });
  }, 30_000);
  afterAll(() => stop(r));

  it('answers carry no rating buttons, nothing is stored, and the report says feedback is off', async () => {
    const run = r as Running;
    const m = await ask(run, 'What did the grain deal achieve?');
    expect(buttonsOf(m).map((b) => b.label)).not.toContain('Helpful');
    expect(existsSync(join(dir, 'feedback.sqlite'))).toBe(false);
    expect((await report(run)).content).toMatch(/turned off/);
  });
});
