/**
 * A string select through the HTTP interactions endpoint (signed requests, as Discord sends them): the summary
 * preview's drop menu answers with the updated preview (type 7), a forged value with a private notice.
 */
import type { AddressInfo } from 'node:net';
import { ComponentType, InteractionResponseType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { createInteractionsServer, type InteractionsServer } from '../../src/http/server.js';
import { publicKeyFromHex } from '../../src/http/signature.js';
import type { DiscordMessage } from '../../src/interactions/message.js';
import { createLogger } from '../../src/runtime/logger.js';
import { interaction, newKeys, signed } from '../support/http.js';
import { seedCorpus } from '../support/seeds.js';

const MOD = '1400000000000000031';
const MODERATOR = String(PermissionFlagsBits.ManageMessages);
const { privateKey, publicHex } = newKeys();
let endpoint: InteractionsServer;
let base = '';

beforeAll(async () => {
  endpoint = createInteractionsServer({
    commands: COMMANDS,
    publicKey: publicKeyFromHex(publicHex),
    corpus: seedCorpus(),
    logger: createLogger({ level: 'silent' }),
    cooldown: null,
  });
  await new Promise<void>((r) => endpoint.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await endpoint.close();
});

async function ask(payload: unknown): Promise<{ type: number; data: DiscordMessage }> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${base}/interactions`, { method: 'POST', body, headers: signed(body, privateKey) });
  expect(res.status).toBe(200);
  return (await res.json()) as { type: number; data: DiscordMessage };
}

describe('a string select through the HTTP endpoint', () => {
  it('reaches its command: the summary preview updated in place; a value not offered is refused privately', async () => {
    const command = {
      name: 'talks',
      type: 1,
      options: [{ type: 1, name: 'summary', options: [{ type: 3, name: 'topic', value: 'mediation' }] }],
    };
    const preview = await ask(interaction(2, command, MOD, {}, MODERATOR));
    const menu = preview.data.components.flatMap((row) => row.components).find((c) => c.type === ComponentType.StringSelect);
    if (!menu || !('custom_id' in menu)) throw new Error('no menu');
    const message = { id: '1600000000000000003', embeds: preview.data.embeds, flags: MessageFlags.Ephemeral };
    const choose = (values: string[]) =>
      interaction(3, { custom_id: menu.custom_id, component_type: ComponentType.StringSelect, values }, MOD, { message }, MODERATOR);
    const dropped = await ask(choose(['1']));
    expect(dropped.type).toBe(InteractionResponseType.UpdateMessage);
    expect(dropped.data.embeds[0]?.description).not.toBe(preview.data.embeds[0]?.description);
    const forged = await ask(choose(['0']));
    expect(forged.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(forged.data).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(forged.data.content).toMatch(/can no longer be changed/);
  });
});
