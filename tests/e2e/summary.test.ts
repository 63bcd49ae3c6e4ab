/**
 * A moderator shapes a summary before it is posted, end to end: the real bot (discord.js Client) against the local
 * Discord emulator, choices made in the preview's menus as Discord's client makes them (values among the options),
 * and what the channel receives read back from the emulator.
 */
import { ComponentType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { DiscordEmulator, emulatorClientOptions, type RecordedMessage, type RecordedRequest } from '@peace-talks/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import type { DiscordMessage } from '../../src/interactions/message.js';
import { startBot, type RunningBot } from '../../src/discord/run.js';
import { createLogger } from '../../src/runtime/logger.js';
import { seedCorpus } from '../support/seeds.js';

const GENERAL = '1300000000000000200';
const TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.Gabcde.e2e-test-token-not-a-secret-0123456789';
const MOD = { id: '1400000000000000021', username: 'moderator' };
const MODERATOR = String(PermissionFlagsBits.ManageMessages | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);

let emulator: DiscordEmulator;
let bot: RunningBot;

function fail(reason: unknown): void {
  throw reason instanceof Error ? reason : new Error(String(reason));
}

beforeAll(async () => {
  process.on('unhandledRejection', fail);
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const { apiUrl } = await emulator.start(0);
  bot = await startBot({
    commands: COMMANDS,
    token: TOKEN,
    corpus: seedCorpus(),
    logger: createLogger({ level: 'silent' }),
    client: emulatorClientOptions(apiUrl),
  });
}, 20_000);

afterAll(async () => {
  await bot?.stop();
  await emulator?.stop();
  process.off('unhandledRejection', fail);
});

type Callback = { type: number; data?: DiscordMessage };
type Menu = { type: ComponentType; custom_id: string; disabled?: boolean; options: Array<{ value: string; label: string }> };

async function callbackOf(interactionId: string): Promise<Callback> {
  const r: RecordedRequest = await emulator.waitForResponse(interactionId, (x) => x.path.endsWith('/callback'));
  expect(r.status).toBe(204);
  return r.body as Callback;
}

function componentsOf(message: RecordedMessage): Array<Menu & { label?: string }> {
  const rows = message.raw.components as unknown as Array<{ components: Array<Menu & { label?: string }> }>;
  return rows.flatMap((row) => row.components);
}

function menu(message: RecordedMessage, prefix: string): Menu {
  const found = componentsOf(message).find((c) => c.type === ComponentType.StringSelect && c.custom_id.startsWith(prefix));
  if (!found) throw new Error(`no menu ${prefix}`);
  return found;
}

/** The footnote of each sentence, in order, and the number of sources listed. */
function footnotes(description: string | undefined): { marks: number[]; sources: number } {
  const [body = '', list = ''] = (description ?? '').split('\n\n__Sources__\n');
  return {
    marks: body.split('\n').map((line) => Number(/\*\*\[(\d+)\]\*\*$/.exec(line)?.[1])),
    sources: list.split('\n').filter((l) => l.startsWith('**[')).length,
  };
}

describe('a moderator shapes a summary, then posts it', () => {
  it('drops a quote, adds another; the channel receives exactly the approved preview, footnotes 1..n', async () => {
    const topic = [{ type: 1, name: 'summary', options: [{ name: 'topic', type: 3, value: 'mediation' }] }];
    const ix = await emulator.slashCommand('talks', topic, { user: MOD, memberPermissions: MODERATOR });
    expect((await callbackOf(ix.id)).data?.flags).toBe(MessageFlags.Ephemeral);
    const preview = emulator.originalMessage(ix.id);
    if (!preview) throw new Error('no preview');
    const first = footnotes(preview.embeds[0]?.description).marks.length;

    // Drop the first sentence: the preview is updated in place.
    const dropMenu = menu(preview, 'talks:drop:');
    const dropped = dropMenu.options[0];
    const drop = await emulator.select(dropMenu.custom_id, preview, [dropped?.value ?? ''], { user: MOD, memberPermissions: MODERATOR });
    expect((await callbackOf(drop.id)).type).toBe(7);
    expect(emulator.originalMessage(drop.id)).toBe(preview);
    expect(footnotes(preview.embeds[0]?.description).marks.length).toBeLessThan(first);
    expect(preview.embeds[0]?.description).not.toContain(dropped?.label.slice(1, 30));

    // Add the best quote offered.
    const addMenu = menu(preview, 'talks:add:');
    const offered = addMenu.options[0];
    const add = await emulator.select(addMenu.custom_id, preview, [offered?.value ?? ''], { user: MOD, memberPermissions: MODERATOR });
    expect((await callbackOf(add.id)).type).toBe(7);
    expect(preview.embeds[0]?.description).toContain(offered?.label.slice(1, 30));
    const approved = structuredClone(preview.embeds);
    const { marks, sources } = footnotes(approved[0]?.description);
    expect(marks.filter((n, i) => marks.indexOf(n) === i)).toEqual(Array.from({ length: sources }, (_, i) => i + 1));

    // A value the menu does not offer cannot be chosen (Discord's client would not send it).
    expect(() => emulator.select(menu(preview, 'talks:drop:').custom_id, preview, ['999'], { user: MOD })).toThrow(/has no option 999/);

    const post = componentsOf(preview).find((c) => c.label === 'Post to channel')?.custom_id ?? '';
    const press = await emulator.button(post, preview, { user: MOD, memberPermissions: MODERATOR });
    expect((await callbackOf(press.id)).data?.content).toContain(`Posted to <#${GENERAL}>`);
    const posted = emulator.channelMessages(GENERAL).filter((m) => m.kind === 'channel');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.embeds).toEqual(approved);
    expect(posted[0]?.raw.components ?? []).toEqual([]);
  });
});
