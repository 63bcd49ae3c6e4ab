/**
 * The interactions the emulator injects over the gateway, and how it judges the bot's answers to them: callbacks
 * and the interaction's webhook, with plain fetch; then the same through a discord.js Client's own methods.
 */
import { Events, type Client, type Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchedInteraction } from '../src/index.js';
import { api, APP, CHANNEL, failOnUnhandledRejection, GUILD, RawGateway, readyClient, startEmulator, type Running } from './helpers.js';

const ALICE = { id: '1400000000000000001', username: 'alice' };
const query = (value: string, focused = false) => [{ name: 'query', type: 3, value, ...(focused ? { focused } : {}) }];
let running: Running;
let gateway: RawGateway;

beforeAll(async () => {
  running = await startEmulator({ ackDeadlineMs: 10_000 });
  gateway = await RawGateway.open(running.emulator.gatewayUrl);
  await gateway.identify();
});
afterAll(async () => {
  gateway.close();
  await running.emulator.stop();
});

const callback = (ix: DispatchedInteraction, body: unknown, q = '') =>
  api(running.apiUrl, 'POST', `/interactions/${ix.id}/${ix.token}/callback${q}`, body, { auth: null });
const webhook = (ix: DispatchedInteraction, method: string, rest = '', body?: unknown) =>
  api(running.apiUrl, method, `/webhooks/${APP}/${ix.token}${rest}`, body, { auth: null });
/** A slash command answered with a plain reply, so there is a bot message with `components` to press. */
async function replied(components: unknown[] = []): Promise<DispatchedInteraction> {
  const ix = await running.emulator.slashCommand('ask', query('x'));
  expect((await callback(ix, { type: 4, data: { content: 'with buttons', components } })).status).toBe(204);
  return ix;
}
const row = (...buttons: Array<{ custom_id: string; disabled?: boolean }>) => ({
  type: 1,
  components: buttons.map((b) => ({ type: 2, style: 1, label: b.custom_id, ...b })),
});

describe('what it injects', () => {
  it('a slash command carries every field discord.js needs, sent over the gateway', async () => {
    const ix = await running.emulator.slashCommand('ask', query('Minsk'), { user: ALICE, memberPermissions: '2048' });
    const sent = await gateway.dispatch('INTERACTION_CREATE');
    expect(sent.d).toEqual(ix.payload);
    expect(ix.payload).toMatchObject({
      id: ix.id,
      application_id: APP,
      token: ix.token,
      type: 2,
      data: { name: 'ask', type: 1, options: query('Minsk') },
      guild_id: GUILD,
      channel: { id: CHANNEL, type: 0 },
      member: { user: { id: ALICE.id, username: 'alice' }, permissions: '2048' },
      entitlements: [],
      authorizing_integration_owners: { 0: GUILD },
      context: 0,
    });
    expect(ix.token).toMatch(/^aW50ZXJhY3Rpb246[\w-]{64}$/);
  });

  it('in a DM: no guild or member, the user, a DM channel, context 1', async () => {
    const ix = await running.emulator.slashCommand('ask', [], { user: ALICE, guildId: null });
    expect(ix.payload).toMatchObject({
      user: { id: ALICE.id },
      channel: { type: 1 },
      context: 1,
      authorizing_integration_owners: { 1: ALICE.id },
    });
    expect(ix.payload).not.toHaveProperty('member');
    expect(ix.payload).not.toHaveProperty('guild_id');
  });

  it("names the command's registered id, and its guild only when it is a guild command", async () => {
    const put = await api(running.apiUrl, 'PUT', `/applications/${APP}/guilds/${GUILD}/commands`, [{ name: 'local', description: 'd' }]);
    const [registered] = put.body as Array<{ id: string }>;
    const local = await running.emulator.slashCommand('local');
    expect(local.payload.data).toMatchObject({ id: registered?.id, guild_id: GUILD });
    const unregistered = await running.emulator.slashCommand('elsewhere');
    expect(unregistered.payload.data).not.toHaveProperty('guild_id');
    expect((await running.emulator.slashCommand('elsewhere')).payload.data).toMatchObject({
      id: (unregistered.payload.data as { id: string }).id,
    });
  });

  it('autocomplete needs exactly one focused option', async () => {
    expect(() => running.emulator.autocomplete('ask', query('Min'))).toThrow(/exactly one option with focused: true \(got 0\)/);
    const ix = await running.emulator.autocomplete('ask', [{ type: 1, name: 'search', options: query('Min', true) }]);
    expect(ix.payload).toMatchObject({ type: 4, data: { name: 'ask', options: [{ options: query('Min', true) }] } });
  });

  it('a button press carries the message; a recorded message must have that button, enabled', async () => {
    const ix = await replied([row({ custom_id: 'more' }, { custom_id: 'off', disabled: true })]);
    const message = running.emulator.originalMessage(ix.id);
    if (!message) throw new Error('no reply recorded');
    const press = await running.emulator.button('more', message, { user: ALICE });
    expect(press.payload).toMatchObject({ type: 3, data: { custom_id: 'more', component_type: 2 }, message: { id: message.id } });
    expect(() => running.emulator.button('missing', message)).toThrow(`message ${message.id} has no button missing`);
    expect(() => running.emulator.button('off', message)).toThrow(`button off on message ${message.id} is disabled`);
    // A message described by id only is taken at its word.
    await expect(running.emulator.button('any', { id: '1300000000000000777' })).resolves.toMatchObject({
      payload: { message: { id: '1300000000000000777' } },
    });
  });

  it('a message context menu resolves its target message, which is then known by id', async () => {
    const target = { id: '1300000000000000888', content: 'a user wrote this', author: ALICE };
    const ix = await running.emulator.messageContextMenu('Quote', target);
    expect(ix.payload).toMatchObject({
      type: 2,
      data: {
        name: 'Quote',
        type: 3,
        target_id: target.id,
        resolved: { messages: { [target.id]: { content: target.content, author: { id: ALICE.id } } } },
      },
    });
    expect(running.emulator.message(target.id)).toMatchObject({ kind: 'external', content: target.content });
  });
});

describe('callbacks', () => {
  it('a reply (type 4) is 204 and becomes the original message; a second acknowledgement is 40060', async () => {
    const ix = await running.emulator.slashCommand('ask', query('x'));
    expect((await callback(ix, { type: 4, data: { content: 'answer', flags: 64 } })).status).toBe(204);
    expect(running.emulator.originalMessage(ix.id)).toMatchObject({
      kind: 'reply',
      content: 'answer',
      ephemeral: true,
      interactionId: ix.id,
      raw: { type: 20 },
    });
    expect(running.emulator.interaction(ix.id)?.callbackType).toBe(4);
    expect(await callback(ix, { type: 4, data: { content: 'again' } })).toMatchObject({ status: 400, body: { code: 40060 } });
  });

  it('a reply with a file (multipart) keeps the file: its attachment on the message, its bytes on the record', async () => {
    const ix = await running.emulator.slashCommand('ask', query('x'));
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ type: 4, data: { content: 'report', attachments: [{ id: 0, filename: 'r.csv' }] } }));
    form.append('files[0]', new Blob(['a,b\r\n1,2\r\n'], { type: 'text/csv' }), 'r.csv');
    const res = await fetch(`${running.apiUrl}/v10/interactions/${ix.id}/${ix.token}/callback`, { method: 'POST', body: form });
    expect(res.status).toBe(204);
    const message = running.emulator.originalMessage(ix.id);
    expect(message?.raw.attachments).toMatchObject([{ filename: 'r.csv', size: 10, content_type: 'text/csv' }]);
    expect(message?.files?.map((f) => [f.filename, f.contentType, f.data.toString('utf8')])).toEqual([
      ['r.csv', 'text/csv', 'a,b\r\n1,2\r\n'],
    ]);
  });

  it('with_response=true answers with the interaction and the message', async () => {
    const ix = await running.emulator.slashCommand('ask', query('x'));
    const r = await callback(ix, { type: 4, data: { content: 'answer' } }, '?with_response=true');
    const id = running.emulator.originalMessage(ix.id)?.id;
    expect(r).toMatchObject({
      status: 200,
      body: {
        interaction: { id: ix.id, type: 2, response_message_id: id, response_message_loading: false },
        resource: { type: 4, message: { id, content: 'answer' } },
      },
    });
  });

  it('refuses a callback type the interaction does not take, a bad message, and bad choices or modals (50035)', async () => {
    const ix = await running.emulator.slashCommand('ask', query('x'));
    expect(await callback(ix, { type: 8, data: { choices: [] } })).toMatchObject({
      status: 400,
      body: { code: 50035, errors: { type: { _errors: [{ code: 'INTERACTION_CALLBACK_TYPE_INVALID' }] } } },
    });
    expect(await callback(ix, { type: 4, data: { content: 'x'.repeat(2001) } })).toMatchObject({
      body: {
        code: 50035,
        errors: { data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } },
      },
    });
    expect(await callback(ix, { type: 4, data: {} })).toMatchObject({ status: 400, body: { code: 50006 } });
    expect(await callback(ix, { type: 9, data: { custom_id: 'm', title: 't'.repeat(46), components: [{}] } })).toMatchObject({
      body: { errors: { data: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
    });
    const ac = await running.emulator.autocomplete('ask', query('x', true));
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    expect(await callback(ac, { type: 8, data: { choices } })).toMatchObject({
      body: { errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
    });
    expect((await callback(ac, { type: 8, data: { choices: choices.slice(0, 2) } })).status).toBe(204);
    expect(running.emulator.interaction(ac.id)?.callbackData).toEqual({ choices: choices.slice(0, 2) });
  });

  it('an unknown token, an expired interaction and a late acknowledgement are 10062 Unknown interaction', async () => {
    const ix = await running.emulator.slashCommand('ask', query('x'));
    expect(await callback({ ...ix, token: 'nope' }, { type: 5 })).toMatchObject({
      status: 404,
      body: { code: 10062, message: 'Unknown interaction' },
    });
    running.emulator.expireInteraction(ix.id);
    expect(await callback(ix, { type: 5 })).toMatchObject({ status: 404, body: { code: 10062 } });

    const strict = await startEmulator({ ackDeadlineMs: 20 });
    const shard = await RawGateway.open(strict.emulator.gatewayUrl);
    try {
      await shard.identify();
      const late = await strict.emulator.slashCommand('ask');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const r = await api(strict.apiUrl, 'POST', `/interactions/${late.id}/${late.token}/callback`, { type: 5 }, { auth: null });
      expect(r).toMatchObject({ status: 404, body: { code: 10062 } });
    } finally {
      shard.close();
      await strict.emulator.stop();
    }
  });

  it('on a button: type 7 edits the message it is on, type 6 only acknowledges', async () => {
    const ix = await replied([row({ custom_id: 'next' })]);
    const message = running.emulator.originalMessage(ix.id);
    if (!message) throw new Error('no reply recorded');
    const update = await running.emulator.button('next', message);
    expect((await callback(update, { type: 7, data: { content: 'page 2' } })).status).toBe(204);
    expect(running.emulator.originalMessage(update.id)).toBe(message);
    expect(message).toMatchObject({ content: 'page 2', edits: 1 });
    const deferred = await running.emulator.button('next', message);
    expect((await callback(deferred, { type: 6 })).status).toBe(204);
    expect(message.edits).toBe(1);
    expect(running.emulator.originalMessage(deferred.id)).toBe(message);
  });
});

describe('the interaction webhook', () => {
  it('exists only once the interaction is acknowledged (10015), and only for the application', async () => {
    const ix = await running.emulator.slashCommand('ask', query('x'));
    expect(await webhook(ix, 'POST', '', { content: 'early' })).toMatchObject({
      status: 404,
      body: { code: 10015, message: 'Unknown Webhook' },
    });
    await callback(ix, { type: 5 });
    const other = await api(running.apiUrl, 'POST', `/webhooks/1/${ix.token}`, { content: 'x' }, { auth: null });
    expect(other).toMatchObject({ status: 404, body: { code: 10015 } });
  });

  it('after a defer: the first follow-up fills the thinking message, the next are new messages', async () => {
    const ix = await running.emulator.slashCommand('ask', query('x'));
    await callback(ix, { type: 5, data: { flags: 64 } });
    const original = running.emulator.originalMessage(ix.id);
    expect(original).toMatchObject({ loading: true, ephemeral: true, content: '' });
    const first = await webhook(ix, 'POST', '?wait=true', { content: 'done' });
    expect(first.body).toMatchObject({ id: original?.id, content: 'done' });
    expect(original).toMatchObject({ loading: false, ephemeral: true });
    expect((await webhook(ix, 'POST', '', { content: 'more' })).status).toBe(204);
    expect(running.emulator.messagesFor(ix.id).map((m) => [m.kind, m.content])).toEqual([
      ['reply', 'done'],
      ['followup', 'more'],
    ]);
  });

  it('reads, edits and deletes @original (sent as %40original) and follow-ups by id', async () => {
    const ix = await replied();
    const edited = await webhook(ix, 'PATCH', '/messages/%40original', { content: 'edited', embeds: [{ description: 'd' }] });
    expect(edited).toMatchObject({
      status: 200,
      body: { content: 'edited', embeds: [{ type: 'rich', description: 'd' }], author: { id: APP } },
    });
    expect(running.emulator.requests.at(-1)?.path).toBe(`/webhooks/${APP}/${ix.token}/messages/@original`);
    const follow = await webhook(ix, 'POST', '?wait=true', { content: 'f' });
    const id = (follow.body as { id: string }).id;
    expect((await webhook(ix, 'GET', `/messages/${id}`)).body).toMatchObject({ id, content: 'f' });
    expect(await webhook(ix, 'GET', '/messages/1300000000000000555')).toMatchObject({ status: 404, body: { code: 10008 } });
    expect((await webhook(ix, 'DELETE', '/messages/@original')).status).toBe(204);
    expect(await webhook(ix, 'GET', '/messages/@original')).toMatchObject({ status: 404, body: { code: 10008 } });
    expect(running.emulator.responsesFor(ix.id).map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 204',
      'PATCH 200',
      'POST 200',
      'GET 200',
      'GET 404',
      'DELETE 204',
      'GET 404',
    ]);
  });

  it('an expired token is 50027 Invalid Webhook Token', async () => {
    const ix = await replied();
    running.emulator.expireInteraction(ix.token);
    expect(await webhook(ix, 'PATCH', '/messages/@original', { content: 'late' })).toMatchObject({
      status: 401,
      body: { code: 50027, message: 'Invalid Webhook Token' },
    });
  });
});

describe('with discord.js', () => {
  let client: Client;
  let stopFailing: () => void;
  /** Handles the next interaction with `handle`, and waits for the emulator to see the callback. */
  const handled = async (handle: (i: Interaction) => Promise<unknown>, inject: () => Promise<DispatchedInteraction>) => {
    const done = new Promise<void>((resolve, reject) =>
      client.once(Events.InteractionCreate, (i) => void handle(i).then(() => resolve(), reject)),
    );
    const ix = await inject();
    await done;
    return ix;
  };

  beforeAll(async () => {
    gateway.close();
    stopFailing = failOnUnhandledRejection();
    client = await readyClient(running.apiUrl);
  });
  afterAll(async () => {
    await client.destroy();
    stopFailing();
  });

  it('a slash command reaches the handler with its options; reply, editReply and followUp arrive', async () => {
    let seen: unknown;
    const ix = await handled(
      async (i) => {
        if (!i.isChatInputCommand()) throw new Error('not a slash command');
        seen = [i.commandName, i.options.getString('query'), i.user.id, i.guildId, i.channel?.id];
        await i.reply({ embeds: [{ title: 'Answer' }] });
        await i.editReply({ content: 'edited' });
        await i.followUp({ content: 'and more' });
      },
      () => running.emulator.slashCommand('ask', query('Minsk'), { user: ALICE }),
    );
    expect(seen).toEqual(['ask', 'Minsk', ALICE.id, GUILD, CHANNEL]);
    expect(running.emulator.messagesFor(ix.id).map((m) => [m.kind, m.content, m.embeds.length])).toEqual([
      ['reply', 'edited', 1],
      ['followup', 'and more', 0],
    ]);
  });

  it('deferReply then editReply fills the thinking message; in a DM there is no guild', async () => {
    const ix = await handled(
      async (i) => {
        if (!i.isChatInputCommand() || i.guildId !== null) throw new Error('not a DM command');
        await i.deferReply();
        await i.editReply('later');
      },
      () => running.emulator.slashCommand('ask', [], { guildId: null, user: ALICE }),
    );
    expect(running.emulator.originalMessage(ix.id)).toMatchObject({ content: 'later', loading: false });
  });

  it('a button press: update() edits the message it is on', async () => {
    const ix = await replied([row({ custom_id: 'page:2' })]);
    const message = running.emulator.originalMessage(ix.id);
    if (!message) throw new Error('no reply recorded');
    await handled(
      async (i) => {
        if (!i.isButton() || i.customId !== 'page:2' || i.message.id !== message.id) throw new Error('not the button');
        await i.update({ content: 'page 2', components: [] });
      },
      () => running.emulator.button('page:2', message),
    );
    expect(message).toMatchObject({ content: 'page 2', components: [] });
  });

  it('autocomplete: respond() sends the choices; a context menu gets its target message', async () => {
    const ac = await handled(
      async (i) => {
        if (!i.isAutocomplete()) throw new Error('not autocomplete');
        await i.respond([{ name: `${i.options.getFocused()}sk`, value: 'minsk' }]);
      },
      () => running.emulator.autocomplete('ask', query('Min', true)),
    );
    expect(running.emulator.interaction(ac.id)).toMatchObject({
      callbackType: 8,
      callbackData: { choices: [{ name: 'Minsk', value: 'minsk' }] },
    });

    const menu = await handled(
      async (i) => {
        if (!i.isMessageContextMenuCommand()) throw new Error('not a message command');
        await i.reply(`quoted: ${i.targetMessage.content}`);
      },
      () => running.emulator.messageContextMenu('Quote', { id: '1300000000000000444', content: 'hello' }),
    );
    expect(running.emulator.originalMessage(menu.id)?.content).toBe('quoted: hello');
  });
});
