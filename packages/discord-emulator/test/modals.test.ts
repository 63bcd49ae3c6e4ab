/**
 * Modals: the bot shows one (callback type 9, checked as Discord checks it), the emulator submits it (interaction
 * type 5, shaped as Discord sends it) only as a user could, and the bot answers the submit. Plain fetch for the
 * protocol, then the same through discord.js's showModal and ModalSubmitInteraction.
 */
import {
  ActionRowBuilder,
  Events,
  LabelBuilder,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Client,
  type Interaction,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchedInteraction } from '../src/index.js';
import { api, CHANNEL, failOnUnhandledRejection, GUILD, RawGateway, readyClient, startEmulator, type Running } from './helpers.js';

const ALICE = { id: '1400000000000000001', username: 'alice' };
const BOB = { id: '1400000000000000002', username: 'bob' };
const CAROL = { id: '1400000000000000003', username: 'carol' };
const MANAGE_SERVER = '32';
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

const callback = (ix: DispatchedInteraction, body: unknown) =>
  api(running.apiUrl, 'POST', `/interactions/${ix.id}/${ix.token}/callback`, body, { auth: null });
const textInput = (custom_id: string, extra: Record<string, unknown> = {}) => ({
  type: 4,
  custom_id,
  label: custom_id,
  style: 1,
  ...extra,
});
const row = (input: unknown) => ({ type: 1, components: [input] });
/** The "Edit details" modal of the issue: title, authors, outlet, date, original URL. */
const details = {
  custom_id: 'library:edit',
  title: 'Edit details',
  components: [
    row(textInput('title', { min_length: 3, max_length: 200, value: 'Talks resume' })),
    row(textInput('authors', { required: false })),
    row(textInput('outlet', { required: false, max_length: 10 })),
    row(textInput('date', { placeholder: 'YYYY-MM-DD', min_length: 10, max_length: 10 })),
    row(textInput('summary', { style: 2, required: false })),
  ],
};
/** A reply carrying an "Edit details" button, pressed by Alice, answered with the modal. */
async function modalFromButton(modal: unknown = details): Promise<{ press: DispatchedInteraction; messageId: string }> {
  const ix = await running.emulator.slashCommand('library', [{ type: 1, name: 'add', options: [] }], { user: ALICE });
  const button = { type: 2, style: 2, label: 'Edit details', custom_id: 'library:edit' };
  expect((await callback(ix, { type: 4, data: { content: 'preview', flags: 64, components: [row(button)] } })).status).toBe(204);
  const message = running.emulator.originalMessage(ix.id);
  if (!message) throw new Error('no preview recorded');
  const press = await running.emulator.button('library:edit', message, { user: ALICE, memberPermissions: MANAGE_SERVER, locale: 'de' });
  expect((await callback(press, { type: 9, data: modal })).status).toBe(204);
  return { press, messageId: message.id };
}

describe('showing a modal (callback type 9)', () => {
  it('refuses what Discord refuses, at the path of the bad field (50035)', async () => {
    const problems = async (data: unknown) => {
      const ix = await running.emulator.slashCommand('library');
      const r = await callback(ix, { type: 9, data });
      expect(r.status).toBe(400);
      const found: Record<string, string[]> = {};
      const walk = (node: Record<string, unknown>, path: string[]) => {
        for (const [key, value] of Object.entries(node)) {
          if (key === '_errors') found[path.join('.')] = (value as Array<{ code: string }>).map((e) => e.code);
          else walk(value as Record<string, unknown>, [...path, key]);
        }
      };
      walk((r.body as { code: number; errors: Record<string, unknown> }).errors, []);
      expect((r.body as { code: number }).code).toBe(50035);
      return found;
    };
    expect(await problems({ ...details, title: 't'.repeat(46) })).toEqual({ 'data.title': ['BASE_TYPE_MAX_LENGTH'] });
    expect(await problems({ ...details, custom_id: 'c'.repeat(101), components: [] })).toEqual({
      'data.custom_id': ['BASE_TYPE_MAX_LENGTH'],
      'data.components': ['BASE_TYPE_BAD_LENGTH'],
    });
    expect(await problems({ ...details, components: [...details.components, row(textInput('sixth'))] })).toEqual({
      'data.components': ['BASE_TYPE_BAD_LENGTH'],
    });
    expect(
      await problems({
        custom_id: 'm',
        title: 'Bad inputs',
        components: [
          row(textInput('a', { label: 'l'.repeat(46), style: 3 })),
          row(textInput('b', { min_length: -1, max_length: 4001, value: 'v'.repeat(4001), placeholder: 'p'.repeat(101) })),
          { type: 1, components: [textInput('c'), textInput('d')] },
          row({ type: 2, style: 1, label: 'button', custom_id: 'e' }),
          row(textInput('a', { label: undefined })),
        ],
      }),
    ).toEqual({
      'data.components.0.components.0.label': ['BASE_TYPE_MAX_LENGTH'],
      'data.components.0.components.0.style': ['BASE_TYPE_CHOICES'],
      'data.components.1.components.0.min_length': ['NUMBER_TYPE_MIN'],
      'data.components.1.components.0.max_length': ['NUMBER_TYPE_MAX'],
      'data.components.1.components.0.value': ['BASE_TYPE_MAX_LENGTH'],
      'data.components.1.components.0.placeholder': ['BASE_TYPE_MAX_LENGTH'],
      'data.components.2.components': ['BASE_TYPE_BAD_LENGTH'],
      'data.components.3.components.0.type': ['UNION_TYPE_CHOICES'],
      'data.components.4.components.0.custom_id': ['COMPONENT_CUSTOM_ID_DUPLICATED'],
      'data.components.4.components.0.label': ['BASE_TYPE_REQUIRED'],
    });
    expect(
      await problems({
        custom_id: 'm',
        title: 'Labels',
        components: [
          { type: 18, label: 'l'.repeat(46), component: { type: 4, custom_id: 'a', style: 1 } },
          { type: 18, label: 'ok', description: 'd'.repeat(101), component: { type: 2, custom_id: 'b', style: 1 } },
          { type: 18, label: 'missing' },
          { type: 10 },
          { type: 9 },
        ],
      }),
    ).toEqual({
      'data.components.0.label': ['BASE_TYPE_MAX_LENGTH'],
      'data.components.1.description': ['BASE_TYPE_MAX_LENGTH'],
      'data.components.1.component.type': ['UNION_TYPE_CHOICES'],
      'data.components.2.component': ['BASE_TYPE_REQUIRED'],
      'data.components.3.content': ['BASE_TYPE_REQUIRED'],
      'data.components.4.type': ['UNION_TYPE_CHOICES'],
    });
  });

  it('is accepted from a command and a button, not from autocomplete or a modal submit', async () => {
    const ix = await running.emulator.slashCommand('library');
    expect((await callback(ix, { type: 9, data: details })).status).toBe(204);
    expect(running.emulator.interaction(ix.id)).toMatchObject({ callbackType: 9, callbackData: details });
    expect(running.emulator.shownModals().at(-1)).toEqual({ interactionId: ix.id, userId: '1300000000000000300', modal: details });
    const submit = await running.emulator.modalSubmit('library:edit', { date: '2026-02-14' });
    expect(await callback(submit, { type: 9, data: details })).toMatchObject({
      status: 400,
      body: { errors: { type: { _errors: [{ code: 'INTERACTION_CALLBACK_TYPE_INVALID' }] } } },
    });
    const ac = await running.emulator.autocomplete('library', [{ name: 'source', type: 3, value: 'x', focused: true }]);
    expect((await callback(ac, { type: 9, data: details })).status).toBe(400);
  });
});

describe('submitting it (interaction type 5)', () => {
  it('opened from a command: the values in the modal layout, as the user it was shown to, with no message', async () => {
    const ix = await running.emulator.slashCommand('library', [], { user: BOB, memberPermissions: MANAGE_SERVER });
    await callback(ix, { type: 9, data: details });
    const submit = await running.emulator.modalSubmit('library:edit', { authors: 'A. Writer', date: '2026-02-14' });
    const sent = await gateway.next((p) => p.t === 'INTERACTION_CREATE' && (p.d as { id: string }).id === submit.id);
    expect(sent.d).toEqual(submit.payload);
    expect(submit.payload).toMatchObject({
      type: 5,
      guild_id: GUILD,
      channel: { id: CHANNEL },
      member: { user: { id: BOB.id }, permissions: MANAGE_SERVER },
      data: { custom_id: 'library:edit' },
    });
    expect(submit.payload.data).toEqual({
      custom_id: 'library:edit',
      components: [
        // An input left alone keeps its pre-filled value; ids are numbered as Discord fills them in.
        { type: 1, id: 1, components: [{ type: 4, id: 2, custom_id: 'title', value: 'Talks resume' }] },
        { type: 1, id: 3, components: [{ type: 4, id: 4, custom_id: 'authors', value: 'A. Writer' }] },
        { type: 1, id: 5, components: [{ type: 4, id: 6, custom_id: 'outlet', value: '' }] },
        { type: 1, id: 7, components: [{ type: 4, id: 8, custom_id: 'date', value: '2026-02-14' }] },
        { type: 1, id: 9, components: [{ type: 4, id: 10, custom_id: 'summary', value: '' }] },
      ],
    });
    expect(submit.payload).not.toHaveProperty('message');
    // A reply is fine; there is no message to update.
    expect(await callback(submit, { type: 7, data: { content: 'x' } })).toMatchObject({ status: 400 });
    expect((await callback(submit, { type: 4, data: { content: 'Saved', flags: 64 } })).status).toBe(204);
    expect(running.emulator.originalMessage(submit.id)).toMatchObject({ content: 'Saved', ephemeral: true });
  });

  it('opened from a button: carries the message, keeps the permissions, and may update the message (7) or defer (6)', async () => {
    const { press, messageId } = await modalFromButton();
    const submit = await running.emulator.modalSubmit('library:edit', { title: 'Talks resume in Geneva', date: '2026-02-14' });
    expect(submit.payload).toMatchObject({
      type: 5,
      member: { user: { id: ALICE.id }, permissions: MANAGE_SERVER },
      locale: 'de',
      message: { id: messageId, content: 'preview' },
      data: { custom_id: 'library:edit' },
    });
    expect((submit.payload.data as { components: unknown[] }).components[0]).toEqual({
      type: 1,
      id: 1,
      components: [{ type: 4, id: 2, custom_id: 'title', value: 'Talks resume in Geneva' }],
    });
    expect(running.emulator.interaction(press.id)?.modalSubmitIds).toEqual([submit.id]);
    expect((await callback(submit, { type: 7, data: { content: 'preview (edited)' } })).status).toBe(204);
    expect(running.emulator.message(messageId)).toMatchObject({ content: 'preview (edited)', edits: 1 });

    await modalFromButton();
    const deferred = await running.emulator.modalSubmit('library:edit', { date: '2026-02-14' }, { memberPermissions: '0' });
    expect(deferred.payload).toMatchObject({ member: { permissions: '0' } });
    expect((await callback(deferred, { type: 6 })).status).toBe(204);
  });

  it('with labels: submits { type: 18, component } and resolves file uploads', async () => {
    const file = running.emulator.addAttachment({ filename: 'a.txt', bytes: new TextEncoder().encode('text') });
    const modal = {
      custom_id: 'labels',
      title: 'Labels',
      components: [
        { type: 10, content: 'Check the details' },
        { type: 18, label: 'Title', component: { type: 4, custom_id: 'title', style: 1, id: 7 } },
        {
          type: 18,
          label: 'Kind',
          component: {
            type: 3,
            custom_id: 'kind',
            options: [
              { label: 'Wire', value: 'wire' },
              { label: 'Opinion', value: 'opinion' },
            ],
          },
        },
        { type: 18, label: 'File', component: { type: 19, custom_id: 'file' } },
      ],
    };
    const ix = await running.emulator.slashCommand('library');
    expect((await callback(ix, { type: 9, data: modal })).status).toBe(204);
    expect(() => running.emulator.modalSubmit('labels', { title: 't', kind: ['poem'], file: [file.id] })).toThrow(
      /string select kind has no option poem/,
    );
    const submit = await running.emulator.modalSubmit('labels', { title: 't', kind: ['wire'], file: [file.id] });
    expect(submit.payload.data).toEqual({
      custom_id: 'labels',
      components: [
        { type: 10, id: 1 },
        { type: 18, id: 2, component: { type: 4, id: 7, custom_id: 'title', value: 't' } },
        { type: 18, id: 3, component: { type: 3, id: 4, custom_id: 'kind', values: ['wire'] } },
        { type: 18, id: 5, component: { type: 19, id: 6, custom_id: 'file', values: [file.id] } },
      ],
      resolved: { attachments: { [file.id]: file } },
    });
  });

  it('refuses a modal the bot never showed, or showed to someone else, unless forced', async () => {
    expect(() => running.emulator.modalSubmit('never:shown', { title: 'x' })).toThrow(/the bot never showed a modal never:shown/);
    await modalFromButton();
    expect(() => running.emulator.modalSubmit('library:edit', { date: '2026-02-14' }, { user: CAROL })).toThrow(
      `the bot never showed a modal library:edit to user ${CAROL.id}`,
    );
    const forced = await running.emulator.modalSubmit('never:shown', { title: 'x', tags: ['a'] }, { force: true, user: CAROL });
    expect(forced.payload).toMatchObject({
      type: 5,
      member: { user: { id: CAROL.id } },
      data: {
        custom_id: 'never:shown',
        components: [
          { type: 1, components: [{ type: 4, custom_id: 'title', value: 'x' }] },
          { type: 18, component: { type: 3, custom_id: 'tags', values: ['a'] } },
        ],
      },
    });
    const onMessage = await running.emulator.modalSubmit('never:shown', {}, { force: true, message: { id: '1300000000000000777' } });
    expect(onMessage.payload).toMatchObject({ message: { id: '1300000000000000777' } });
  });

  it('refuses values no user could submit: a required input empty, too short or long, a line break in a short input, an unknown input', async () => {
    await modalFromButton();
    const submit = (values: Record<string, string>) => () => running.emulator.modalSubmit('library:edit', values);
    expect(submit({ title: '', date: '2026-02-14' })).toThrow('modal library:edit: text input title is required');
    expect(submit({ title: 'ab', date: '2026-02-14' })).toThrow('text input title needs at least 3 characters (got 2)');
    expect(submit({ date: '14 February 2026' })).toThrow('text input date takes at most 10 characters (got 16)');
    expect(submit({})).toThrow('text input date is required');
    expect(submit({ date: '2026-02-14', outlet: 'two\nlines' })).toThrow('text input outlet is a short (one-line) input');
    expect(submit({ date: '2026-02-14', publisher: 'x' })).toThrow('modal library:edit: no input publisher');
    // Optional inputs may stay empty; a paragraph may hold line breaks.
    await expect(running.emulator.modalSubmit('library:edit', { date: '2026-02-14', summary: 'one\ntwo' })).resolves.toMatchObject({
      payload: { type: 5 },
    });
  });

  it('once submitted and acknowledged, it is closed; an unanswered submit may be sent again', async () => {
    await modalFromButton();
    const first = await running.emulator.modalSubmit('library:edit', { date: '2026-02-14' });
    // The bot has not answered yet (Discord keeps the modal open on a failed submit): the user may try again.
    const second = await running.emulator.modalSubmit('library:edit', { date: '2026-02-15' });
    expect(second.id).not.toBe(first.id);
    expect((await callback(second, { type: 6 })).status).toBe(204);
    expect(() => running.emulator.modalSubmit('library:edit', { date: '2026-02-16' })).toThrow(/was already submitted/);
  });
});

describe('with discord.js', () => {
  let client: Client;
  let stopFailing: () => void;
  const next = (handle: (i: Interaction) => Promise<unknown>) =>
    new Promise<void>((resolve, reject) => client.once(Events.InteractionCreate, (i) => void handle(i).then(() => resolve(), reject)));

  beforeAll(async () => {
    gateway.close();
    stopFailing = failOnUnhandledRejection();
    client = await readyClient(running.apiUrl);
  });
  afterAll(async () => {
    await client.destroy();
    stopFailing();
  });

  it('a button shows a modal (action rows or labels); the submit reads the fields and updates the message', async () => {
    for (const layout of ['rows', 'labels'] as const) {
      const ix = await running.emulator.slashCommand('library', [], { user: ALICE });
      const button = { type: 2, style: 2, label: 'Edit details', custom_id: 'edit' };
      await callback(ix, { type: 4, data: { content: 'preview', components: [row(button)] } });
      const message = running.emulator.originalMessage(ix.id);
      if (!message) throw new Error('no preview');

      const shown = next(async (i) => {
        if (!i.isButton()) throw new Error('not the button');
        const title = new TextInputBuilder().setCustomId('title').setStyle(TextInputStyle.Short).setMinLength(3).setValue('Talks resume');
        const date = new TextInputBuilder().setCustomId('date').setStyle(TextInputStyle.Short).setRequired(false);
        const modal = new ModalBuilder().setCustomId('edit').setTitle('Edit details');
        if (layout === 'rows') {
          modal.addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(title.setLabel('Title')),
            new ActionRowBuilder<TextInputBuilder>().addComponents(date.setLabel('Date')),
          );
        } else {
          modal.addLabelComponents(
            new LabelBuilder().setLabel('Title').setTextInputComponent(title),
            new LabelBuilder().setLabel('Date').setTextInputComponent(date),
          );
        }
        await i.showModal(modal);
      });
      await running.emulator.button('edit', message, { user: ALICE, memberPermissions: MANAGE_SERVER });
      await shown;

      let seen: unknown;
      const submitted = next(async (i) => {
        if (!i.isModalSubmit()) throw new Error('not a modal submit');
        seen = [
          i.customId,
          i.fields.getTextInputValue('title'),
          i.fields.getTextInputValue('date'),
          i.isFromMessage() && i.message.id,
          i.user.id,
          i.memberPermissions?.has(0x20n),
        ];
        if (!i.isFromMessage()) throw new Error('not from the message');
        await i.update({ content: `preview: ${i.fields.getTextInputValue('title')}`, components: [] });
      });
      await running.emulator.modalSubmit('edit', { title: 'Talks resume in Geneva' });
      await submitted;
      expect(seen).toEqual(['edit', 'Talks resume in Geneva', '', message.id, ALICE.id, true]);
      expect(message).toMatchObject({ content: 'preview: Talks resume in Geneva', components: [] });
    }
  });
});
