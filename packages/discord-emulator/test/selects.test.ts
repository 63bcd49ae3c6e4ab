/**
 * String selects in a message: refused by REST as Discord refuses them (50035), chosen from as Discord's client lets a
 * user choose (values among the options, within min/max), and received by discord.js as a StringSelectMenuInteraction.
 */
import { Events, type Client, type Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateMessage, type DiscordError, type DispatchedInteraction, type MessageBody } from '../src/index.js';
import { api, failOnUnhandledRejection, readyClient, startEmulator, type Running } from './helpers.js';

/** The error codes of a 50035 answer, by field path. */
function problems(error: DiscordError | null): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (key === '_errors') found[path.join('.')] = (value as Array<{ code: string }>).map((e) => e.code);
      else walk(value as Record<string, unknown>, [...path, key]);
    }
  };
  walk(error?.body.errors ?? {}, []);
  return found;
}

const option = (value: string) => ({ label: `Option ${value}`, value });
const select = (custom_id: string, extra: Record<string, unknown> = {}) => ({
  type: 3,
  custom_id,
  options: ['a', 'b', 'c'].map(option),
  ...extra,
});
const row = (...components: unknown[]) => ({ type: 1, components });
const body = (...components: unknown[]) => ({ components: components.map((c) => row(c)) }) as MessageBody;

describe('a string select in a message, as REST checks it', () => {
  it('accepts one at every limit', () => {
    const options = Array.from({ length: 25 }, (_, i) => ({
      label: 'l'.repeat(100),
      value: `${i}`.padEnd(100, 'v'),
      description: 'd'.repeat(100),
    }));
    expect(validateMessage(body(select('s', { options, placeholder: 'p'.repeat(150), min_values: 0, max_values: 25 })))).toBeNull();
  });

  it('refuses what Discord refuses, at the field’s path', () => {
    const many = Array.from({ length: 26 }, (_, i) => option(String(i)));
    expect(problems(validateMessage(body(select('s', { options: many }))))).toEqual({
      'components.0.components.0.options': ['BASE_TYPE_BAD_LENGTH'],
    });
    expect(problems(validateMessage(body(select('s', { options: [] }))))).toEqual({
      'components.0.components.0.options': ['BASE_TYPE_BAD_LENGTH'],
    });
    const odd = select('s', {
      options: [
        { label: 'l'.repeat(101), value: 'a' },
        { label: 'x', value: 'a', description: 'd'.repeat(101) },
        { label: 'y', value: 'v'.repeat(101) },
      ],
      placeholder: 'p'.repeat(151),
      max_values: 4,
    });
    expect(problems(validateMessage(body(odd)))).toEqual({
      'components.0.components.0.options.0.label': ['BASE_TYPE_BAD_LENGTH'],
      'components.0.components.0.options.1.value': ['SELECT_COMPONENT_OPTION_VALUE_DUPLICATED'],
      'components.0.components.0.options.1.description': ['BASE_TYPE_MAX_LENGTH'],
      'components.0.components.0.options.2.value': ['BASE_TYPE_BAD_LENGTH'],
      'components.0.components.0.placeholder': ['BASE_TYPE_MAX_LENGTH'],
      'components.0.components.0.max_values': ['NUMBER_TYPE_MAX'],
    });
    expect(problems(validateMessage(body(select('s', { min_values: 3, max_values: 2 }))))).toEqual({
      'components.0.components.0.min_values': ['NUMBER_TYPE_MAX'],
    });
    // A select fills its row; its custom id is unique in the message, as a button's is.
    const crowded = { components: [row(select('s'), { type: 2, style: 1, label: 'b', custom_id: 'b' }), row(select('b'))] } as MessageBody;
    expect(problems(validateMessage(crowded))).toEqual({
      'components.0.components': ['COMPONENT_LAYOUT_WIDTH_EXCEEDED'],
      'components.1.components.0.custom_id': ['COMPONENT_CUSTOM_ID_DUPLICATED'],
    });
    expect(problems(validateMessage(body({ type: 3, options: ['a'].map(option) })))).toEqual({
      'components.0.components.0.custom_id': ['BASE_TYPE_REQUIRED'],
    });
  });
});

describe('choosing in a string select', () => {
  let running: Running;
  let client: Client;
  let stopFailing: () => void;

  beforeAll(async () => {
    running = await startEmulator({ ackDeadlineMs: 10_000 });
    stopFailing = failOnUnhandledRejection();
    client = await readyClient(running.apiUrl);
  });
  afterAll(async () => {
    await client.destroy();
    await running.emulator.stop();
    stopFailing();
  });

  /** Handles the next interaction with `handle`, and waits for it to finish. */
  const handled = async (handle: (i: Interaction) => Promise<unknown>, inject: () => Promise<DispatchedInteraction>) => {
    const done = new Promise<void>((resolve, reject) =>
      client.once(Events.InteractionCreate, (i) => void handle(i).then(() => resolve(), reject)),
    );
    const ix = await inject();
    await done;
    return ix;
  };

  /** A bot message carrying `components`, answered to a slash command. */
  async function messageWith(components: unknown[]) {
    const ix = await handled(
      async (i) => {
        if (!i.isChatInputCommand()) throw new Error('not a slash command');
        await i.reply({ content: 'pick', components: components as never });
      },
      () => running.emulator.slashCommand('ask'),
    );
    const message = running.emulator.originalMessage(ix.id);
    if (!message) throw new Error('no reply recorded');
    return message;
  }

  it('sends component_type 3 with the values; discord.js reads them, and update() edits the message', async () => {
    const message = await messageWith([row(select('pick', { max_values: 2 }))]);
    let seen: unknown;
    const ix = await handled(
      async (i) => {
        if (!i.isStringSelectMenu()) throw new Error('not a string select');
        seen = [i.customId, i.values, i.message.id];
        await i.update({ content: `chose ${i.values.join(' and ')}`, components: [] });
      },
      () => running.emulator.select('pick', message, ['c', 'a']),
    );
    expect(ix.payload).toMatchObject({
      type: 3,
      data: { custom_id: 'pick', component_type: 3, values: ['c', 'a'] },
      message: { id: message.id },
    });
    expect(seen).toEqual(['pick', ['c', 'a'], message.id]);
    expect(message).toMatchObject({ content: 'chose c and a', components: [] });
  });

  it('throws for what no user could choose: a value not offered or twice, too few, too many, a disabled or missing select', async () => {
    const message = await messageWith([
      row(select('one')),
      row(select('two', { min_values: 2, max_values: 3 })),
      row(select('off', { disabled: true })),
    ]);
    const where = (id: string) => `select ${id} on message ${message.id}`;
    expect(() => running.emulator.select('one', message, ['z'])).toThrow(`${where('one')} has no option z`);
    expect(() => running.emulator.select('one', message, [])).toThrow(`${where('one')} needs at least 1 values (got 0)`);
    expect(() => running.emulator.select('one', message, ['a', 'b'])).toThrow(`${where('one')} takes at most 1 values (got 2)`);
    expect(() => running.emulator.select('two', message, ['a'])).toThrow(`${where('two')} needs at least 2 values (got 1)`);
    expect(() => running.emulator.select('two', message, ['a', 'a'])).toThrow(`${where('two')}: a value chosen twice`);
    expect(() => running.emulator.select('off', message, ['a'])).toThrow(`${where('off')} is disabled`);
    expect(() => running.emulator.select('none', message, ['a'])).toThrow(`message ${message.id} has no select none`);
    // A button's custom id is no select.
    const buttons = await messageWith([row({ type: 2, style: 1, label: 'b', custom_id: 'b' })]);
    expect(() => running.emulator.select('b', buttons, ['a'])).toThrow(`has no select b`);
  });

  it('a bot message with a select over Discord’s limits is refused with 50035', async () => {
    const ix = await running.emulator.slashCommand('ask');
    const r = await api(
      running.apiUrl,
      'POST',
      `/interactions/${ix.id}/${ix.token}/callback`,
      {
        type: 4,
        data: { content: 'x', components: [row(select('s', { options: [] }))] },
      },
      { auth: null },
    );
    expect(r).toMatchObject({ status: 400, body: { code: 50035 } });
  });
});
