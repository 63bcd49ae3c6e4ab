/**
 * Members rate answers (issue 24), through the dispatcher without a transport: every search and Find sources answer
 * carries Helpful / Not what I asked on every page; a press records or changes the member's vote; answers gone,
 * double clicks and forged ids are answered privately and change nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { Feedback } from '../../src/feedback/feedback.js';
import { SqliteFeedbackStore } from '../../src/feedback/sqlite-store.js';
import { readQueryFooter } from '../../src/interactions/custom-id.js';
import { createRegistry, dispatch } from '../../src/interactions/dispatch.js';
import type { DiscordMessage } from '../../src/interactions/message.js';
import type { BotContext, ButtonInput, InteractionInput, Reply } from '../../src/interactions/types.js';
import { createLogger } from '../../src/runtime/logger.js';
import { seedCorpus, suiteDir } from '../support/seeds.js';

const DAY = 24 * 60 * 60 * 1000;
const logger = createLogger({ level: 'silent' });
const folders = suiteDir('feedback-votes');
const registry = createRegistry(COMMANDS);
let clock = Date.UTC(2026, 5, 1);
const feedback = new Feedback({ store: new SqliteFeedbackStore(folders.dir), retentionDays: 90, logger, prunePeriodically: false });
const ctx = (withFeedback = true): BotContext => ({
  corpus: seedCorpus(),
  logger,
  now: () => clock,
  post: () => Promise.resolve({ ok: true, messageId: '1' }),
  commands: COMMANDS,
  ...(withFeedback ? { feedback } : {}),
});

const ASKER = '1400000000000000201';
const OTHER = '1400000000000000202';
const where = { guildId: '1300000000000000100', channelId: '1300000000000000200', memberPermissions: 0n };

afterAll(async () => {
  await feedback.close();
  folders.remove();
});

function search(query: string, userId = ASKER): InteractionInput {
  return { ...where, id: '1000000000000000001', userId, kind: 'command', command: 'talks', subcommand: 'search', options: { query } };
}

function messageOf(reply: Reply): DiscordMessage {
  if (reply.type !== 'reply' && reply.type !== 'update') throw new Error(`not a message: ${reply.type}`);
  return reply.message;
}

const buttons = (m: DiscordMessage): Array<{ custom_id?: string; label?: string }> =>
  m.components.flatMap((row) => row.components as Array<{ custom_id?: string; label?: string }>);
const idOf = (m: DiscordMessage, label: string): string => {
  const found = buttons(m).find((b) => b.label === label)?.custom_id;
  if (!found) throw new Error(`no button “${label}” in ${JSON.stringify(buttons(m).map((b) => b.label))}`);
  return found;
};

function press(m: DiscordMessage, customId: string, userId: string): ButtonInput {
  return {
    ...where,
    id: '1000000000000000003',
    userId,
    kind: 'button',
    customId,
    message: { id: '1000000000000000004', embeds: m.embeds, ephemeral: false, query: readQueryFooter(m.embeds) },
  };
}

const run = async (input: InteractionInput, c = ctx()): Promise<Reply> => dispatch(input, registry, c, null);
const said = (reply: Reply): string => messageOf(reply).content ?? '';

describe('rating an answer', () => {
  it('every page of an answer carries the two buttons, for one recorded answer; the record holds no member id', async () => {
    const first = messageOf(await run(search('What did the grain deal achieve?')));
    const helpful = idOf(first, 'Helpful');
    expect(idOf(first, 'Not what I asked')).not.toBe(helpful);
    const answerId = helpful.split(':')[4] ?? '';
    expect(answerId).toMatch(/^[A-Za-z0-9_-]{11}$/);
    const next = messageOf(await run(press(first, idOf(first, 'Next ▶'), ASKER)));
    expect(idOf(next, 'Helpful')).toBe(helpful);
    const stored = await feedback.store.answer(answerId);
    expect(stored).toMatchObject({ question: 'What did the grain deal achieve?', guildId: where.guildId, channelId: where.channelId });
    expect(stored?.passages.length).toBeGreaterThan(0);
    expect(['high', 'low']).toContain(stored?.confidence);
    expect(JSON.stringify(stored)).not.toContain(ASKER);
    expect(stored?.member).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a vote, the same again, a change; another member votes apart', async () => {
    const m = messageOf(await run(search('Istanbul communiqué')));
    expect(said(await run(press(m, idOf(m, 'Helpful'), OTHER)))).toMatch(/^Thanks! Rated “Helpful”/);
    expect(said(await run(press(m, idOf(m, 'Helpful'), OTHER)))).toMatch(/already rated this answer “Helpful”/);
    expect(said(await run(press(m, idOf(m, 'Not what I asked'), OTHER)))).toMatch(/now “Not what I asked”/);
    expect(said(await run(press(m, idOf(m, 'Helpful'), ASKER)))).toMatch(/^Thanks! Rated/);
    const answerId = idOf(m, 'Helpful').split(':')[4] ?? '';
    const row = (await feedback.store.since(0)).find((r) => r.id === answerId);
    expect(row).toMatchObject({ helpful: 1, notAsked: 1 });
  });

  it('Find sources answers carry them too; a question with no answer is recorded as none, with no buttons', async () => {
    const find: InteractionInput = {
      ...where,
      id: '1000000000000000005',
      userId: ASKER,
      kind: 'message-command',
      command: 'Find sources',
      target: { id: '1000000000000000006', content: 'what did the Black Sea grain deal do for shipping?', query: null },
    };
    expect(buttons(messageOf(await run(find))).map((b) => b.label)).toEqual(expect.arrayContaining(['Helpful', 'Not what I asked']));
    const before = (await feedback.store.since(0)).length;
    const none = messageOf(await run(search('zzqx flibbertigibbet wombles')));
    expect(buttons(none)).toEqual([]);
    const after = await feedback.store.since(0);
    expect(after.length).toBe(before + 1);
    expect(after.find((r) => r.question === 'zzqx flibbertigibbet wombles')).toMatchObject({ confidence: 'none', passages: [] });
  });

  it('an answer that is the record of an article (no passage) is recorded as answered, not as nothing found', async () => {
    const m = messageOf(await run(search('who wrote the Parish piece?')));
    const answerId = idOf(m, 'Helpful').split(':')[4] ?? '';
    expect(await feedback.store.answer(answerId)).toMatchObject({ passages: [], confidence: 'high' });
  });

  it('with feedback off: no buttons, nothing recorded, and an old button says ratings are off', async () => {
    const before = (await feedback.store.since(0)).length;
    const m = messageOf(await run(search('grain deal'), ctx(false)));
    expect(buttons(m).map((b) => b.label)).not.toContain('Helpful');
    expect((await feedback.store.since(0)).length).toBe(before);
    const rated = messageOf(await run(search('grain deal')));
    expect(said(await run(press(rated, idOf(rated, 'Helpful'), OTHER), ctx(false)))).toMatch(/turned off/);
  });

  it('a forged id: unknown, or another answer’s on this message, rates nothing', async () => {
    const a = messageOf(await run(search('prisoner exchange')));
    const b = messageOf(await run(search('grain corridor inspections')));
    const unknown = idOf(a, 'Helpful').replace(/:[A-Za-z0-9_-]{11}:/, ':AAAAAAAAAAA:');
    expect(said(await run(press(a, unknown, OTHER)))).toMatch(/no longer kept/);
    expect(said(await run(press(a, idOf(b, 'Helpful'), OTHER)))).toMatch(/does not belong to this answer/);
    expect(said(await run(press(a, `${idOf(a, 'Helpful').slice(0, -7)}:maybe`, OTHER)))).toMatch(/no longer works/);
    const bId = idOf(b, 'Helpful').split(':')[4] ?? '';
    expect((await feedback.store.since(0)).find((r) => r.id === bId)).toMatchObject({ helpful: 0, notAsked: 0 });
  });

  it('an answer older than the retention cannot be rated, even before it is pruned', async () => {
    const m = messageOf(await run(search('ceasefire talks in Minsk')));
    clock += 91 * DAY;
    try {
      expect(said(await run(press(m, idOf(m, 'Helpful'), OTHER)))).toMatch(/no longer kept \(answers are kept 90 days\)/);
    } finally {
      clock -= 91 * DAY;
    }
  });
});
