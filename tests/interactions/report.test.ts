/**
 * `/library report` through the dispatcher (commands/library/report.ts): moderators only, checked in the handler and
 * on every press; the last 7 days by default, pages and a CSV; a row opens the confirmation prompt; an empty store and
 * FEEDBACK=off say so.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { Feedback } from '../../src/feedback/feedback.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-store.js';
import { createRegistry, dispatch } from '../../src/interactions/dispatch.js';
import { messageJson, type DiscordMessage } from '../../src/interactions/message.js';
import type { BotContext, ButtonInput, CommandInput, InteractionInput, Reply } from '../../src/interactions/types.js';
import { createLogger } from '../../src/runtime/logger.js';
import { seedCorpus, suiteDir } from '../support/seeds.js';

const DAY = 24 * 60 * 60 * 1000;
const logger = createLogger({ level: 'silent' });
const folders = suiteDir('feedback-report');
const registry = createRegistry(COMMANDS);
let clock = Date.UTC(2026, 5, 1);
const open = (name: string): Feedback =>
  new Feedback({ store: new SqliteFeedbackStore(`${folders.dir}/${name}`), retentionDays: 90, logger, prunePeriodically: false });
const feedback = open('main');
const empty = open('empty');
const ctx = (f: Feedback | null = feedback): BotContext => ({
  corpus: seedCorpus(),
  logger,
  now: () => clock,
  post: () => Promise.resolve({ ok: true, messageId: '1' }),
  commands: COMMANDS,
  ...(f ? { feedback: f } : {}),
});
const MOD = { userId: '1400000000000000301', memberPermissions: PermissionFlagsBits.ManageGuild };
const MEMBER = { userId: '1400000000000000302', memberPermissions: PermissionFlagsBits.SendMessages };
const where = { id: '1000000000000000001', guildId: '1300000000000000100', channelId: '1300000000000000200' };

afterAll(async () => {
  await feedback.close();
  await empty.close();
  folders.remove();
});

const run = (input: InteractionInput, c = ctx()): Promise<Reply> => Promise.resolve(dispatch(input, registry, c, null));
const messageOf = (r: Reply): DiscordMessage => {
  if (r.type !== 'reply' && r.type !== 'update') throw new Error(`not a message: ${r.type}`);
  return r.message;
};
const reportCmd = (who: typeof MOD, days?: number): CommandInput => ({
  ...where,
  ...who,
  kind: 'command',
  command: 'library',
  subcommand: 'report',
  options: days === undefined ? {} : { days },
});
const press = (m: DiscordMessage, label: string, who = MOD): ButtonInput => {
  const customId = m.components
    .flatMap((r) => r.components as Array<{ label?: string; custom_id?: string }>)
    .find((b) => b.label === label)?.custom_id;
  if (!customId) throw new Error(`no button ${label}`);
  return {
    ...where,
    ...who,
    kind: 'button',
    customId,
    message: { id: '1000000000000000009', embeds: m.embeds, ephemeral: true, query: null },
  };
};

async function ask(query: string, at = clock): Promise<void> {
  const before = clock;
  clock = at;
  try {
    await run({ ...where, ...MEMBER, kind: 'command', command: 'talks', subcommand: 'search', options: { query } });
  } finally {
    clock = before;
  }
}

describe('/library report', () => {
  it('a moderator gets the last 7 days as a private embed and a CSV; older questions are left out', async () => {
    await ask('grain deal', clock - 2);
    await ask('Grain deal', clock - 1);
    await ask('zzqx flibbertigibbet wombles');
    await ask('an old question about Minsk', clock - 8 * DAY);
    const reply = await run(reportCmd(MOD));
    const m = messageOf(reply);
    expect(m.flags).toBe(64);
    expect(m.embeds[0]?.title).toMatch(/last 7 days — Most asked/);
    expect(m.embeds[0]?.description).toMatch(/2× — “Grain deal”/);
    expect(JSON.stringify(m.embeds)).not.toContain('Minsk');
    const csv = Buffer.from(m.files?.[0]?.data ?? []).toString('utf8');
    expect(m.files?.[0]?.name).toBe('feedback-report-7d.csv');
    expect(csv).toContain('"low confidence or nothing","zzqx flibbertigibbet wombles","","1","none"');
    // The JSON names the file in attachments, and carries no bytes.
    expect(JSON.parse(messageJson(m))).toMatchObject({ attachments: [{ id: 0, filename: 'feedback-report-7d.csv' }] });
    expect(messageJson(m)).not.toContain('"files"');
    const longer = messageOf(await run(reportCmd(MOD, 30)));
    expect(JSON.stringify(longer.embeds)).toMatch(/last 30 days/);
    expect(Buffer.from(longer.files?.[0]?.data ?? []).toString('utf8')).toContain('Minsk');
  });

  it('a member without Manage Server is refused, and so is their press on a moderator’s report', async () => {
    expect(messageOf(await run(reportCmd(MEMBER))).content).toMatch(/Only moderators/);
    const m = messageOf(await run(reportCmd(MOD)));
    const page = press(m, 'Next ▶', { ...MOD, memberPermissions: PermissionFlagsBits.SendMessages });
    expect(messageOf(await run(page)).content).toMatch(/Only moderators/);
  });

  it('pages, and a row answered with nothing opens the confirmation prompt for its question', async () => {
    const m = messageOf(await run(reportCmd(MOD)));
    const next = messageOf(await run(press(m, 'Next ▶')));
    expect(next.embeds[0]?.title).toMatch(/low confidence or nothing/);
    const prompt = await run(press(next, 'Confirm 1'));
    expect(JSON.stringify(prompt)).toContain('zzqx flibbertigibbet wombles');
  });

  it('an empty store says so; FEEDBACK=off says there is none', async () => {
    expect(messageOf(await run(reportCmd(MOD), ctx(empty))).content).toMatch(/No answers were recorded in the last 7 days/);
    expect(messageOf(await run(reportCmd(MOD), ctx(null))).content).toMatch(/turned off/);
  });
});
