/**
 * Feedback on Redis when Redis goes away: an answer is still given, without the rating buttons (it could not be
 * recorded), and a press on an earlier answer says the rating could not be recorded; nothing falls back to memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { Feedback } from '../../src/feedback/feedback.js';
import { RedisFeedbackStore } from '../../src/feedback/redis-store.js';
import { readQueryFooter } from '../../src/interactions/custom-id.js';
import { createRegistry, dispatch } from '../../src/interactions/dispatch.js';
import type { DiscordMessage } from '../../src/interactions/message.js';
import type { BotContext, InteractionInput, Reply } from '../../src/interactions/types.js';
import { createLogger } from '../../src/runtime/logger.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';
import { seedCorpus } from '../support/seeds.js';

const logger = createLogger({ level: 'silent' });
const registry = createRegistry(COMMANDS);
const where = { id: '1000000000000000001', userId: '1400000000000000801', guildId: null, channelId: null, memberPermissions: 0n };
let redis: RedisServer;
let feedback: Feedback;
let ctx: BotContext;

beforeAll(async () => {
  redis = await startRedisServer();
  feedback = new Feedback({ store: await RedisFeedbackStore.connect(redis.url), retentionDays: 90, logger, prunePeriodically: false });
  ctx = {
    corpus: seedCorpus(),
    logger,
    now: Date.now,
    post: () => Promise.resolve({ ok: true, messageId: '1' }),
    commands: COMMANDS,
    feedback,
  };
}, 20_000);
afterAll(async () => {
  await feedback?.close();
  await redis?.stop();
});

const messageOf = (r: Reply): DiscordMessage => {
  if (r.type !== 'reply' && r.type !== 'update') throw new Error(`not a message: ${r.type}`);
  return r.message;
};
const labels = (m: DiscordMessage): Array<string | undefined> =>
  m.components.flatMap((row) => row.components.map((b) => (b as { label?: string }).label));
const search = async (query: string): Promise<DiscordMessage> =>
  messageOf(await dispatch({ ...where, kind: 'command', command: 'talks', subcommand: 'search', options: { query } }, registry, ctx, null));

describe('feedback with Redis away', () => {
  it('answers without the buttons, and a press on an earlier answer says it could not be recorded', async () => {
    const before = await search('grain deal');
    expect(labels(before)).toContain('Helpful');
    await redis.kill();
    const after = await search('grain deal');
    expect(after.embeds.length).toBeGreaterThan(0);
    expect(labels(after)).not.toContain('Helpful');
    const customId = before.components
      .flatMap((r) => r.components as Array<{ label?: string; custom_id?: string }>)
      .find((b) => b.label === 'Helpful')?.custom_id as string;
    const press: InteractionInput = {
      ...where,
      kind: 'button',
      customId,
      message: { id: '1000000000000000002', embeds: before.embeds, ephemeral: false, query: readQueryFooter(before.embeds) },
    };
    expect(messageOf(await dispatch(press, registry, ctx, null)).content).toMatch(/could not be recorded just now/);
  }, 20_000);
});
