/**
 * The 400s Discord answers for messages and commands it refuses: 50035 Invalid Form Body with an `errors` tree
 * keyed by the bad field's path, and 50006 for an empty message. `validateMessage` is exported; commands are
 * checked through `PUT …/commands`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateMessage, type DiscordError, type MessageBody } from '../src/index.js';
import { api, APP, startEmulator, type Running } from './helpers.js';

/** The error codes of a 50035 answer, by field path (`embeds.0.title`). */
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
const button = (custom_id: string) => ({ type: 2, style: 1, label: custom_id, custom_id });

describe('messages', () => {
  it('accepts a message at every limit', () => {
    const body = {
      content: 'c'.repeat(2000),
      embeds: [{ title: 't'.repeat(256), description: 'd'.repeat(3000), fields: [{ name: 'n', value: 'v'.repeat(1024) }] }],
      components: [{ type: 1, components: ['a', 'b', 'c', 'd', 'e'].map(button) }],
    } as MessageBody;
    expect(validateMessage(body)).toBeNull();
  });

  it('refuses what is too long, with the path of each field, under the prefix it is given', () => {
    const error = validateMessage(
      {
        content: 'c'.repeat(2001),
        embeds: [{ title: 't'.repeat(257), footer: { text: 'f'.repeat(2049) }, fields: [{ name: '', value: 'v'.repeat(1025) }] }],
      },
      'data',
    );
    expect(error).toMatchObject({ status: 400, body: { code: 50035, message: 'Invalid Form Body' } });
    expect(problems(error)).toEqual({
      'data.content': ['BASE_TYPE_MAX_LENGTH'],
      'data.embeds.0.title': ['BASE_TYPE_MAX_LENGTH'],
      'data.embeds.0.footer.text': ['BASE_TYPE_MAX_LENGTH'],
      'data.embeds.0.fields.0.name': ['BASE_TYPE_REQUIRED'],
      'data.embeds.0.fields.0.value': ['BASE_TYPE_MAX_LENGTH'],
    });
  });

  it('refuses more than 10 embeds, more than 25 fields, and embeds over 6000 characters in all', () => {
    const many = validateMessage({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) });
    expect(problems(many)).toEqual({ embeds: ['BASE_TYPE_MAX_LENGTH'] });
    const fields = Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' }));
    expect(problems(validateMessage({ embeds: [{ fields }] }))).toEqual({ 'embeds.0.fields': ['BASE_TYPE_MAX_LENGTH'] });
    const big = validateMessage({ embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] });
    expect(problems(big)).toEqual({ embeds: ['MAX_EMBED_SIZE_EXCEEDED'] });
  });

  it('refuses more than 5 rows or 5 buttons a row, a row that is not type 1, and duplicated or missing custom ids', () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [button(`b${i}`)] }));
    expect(problems(validateMessage({ components: rows }))).toEqual({ components: ['BASE_TYPE_MAX_LENGTH'] });
    const wide = { type: 1, components: ['a', 'b', 'c', 'd', 'e', 'f'].map(button) };
    expect(problems(validateMessage({ components: [wide] }))).toEqual({ 'components.0.components': ['BASE_TYPE_MAX_LENGTH'] });
    const odd = [
      { type: 9, components: [] },
      {
        type: 1,
        components: [button('same'), button('same'), { type: 2, style: 1, label: 'l'.repeat(81) }, { type: 2, style: 5, label: 'link' }],
      },
    ];
    expect(problems(validateMessage({ components: odd }))).toEqual({
      'components.0.type': ['UNION_TYPE_CHOICES'],
      'components.1.components.1.custom_id': ['COMPONENT_CUSTOM_ID_DUPLICATED'],
      'components.1.components.2.label': ['BASE_TYPE_MAX_LENGTH'],
      'components.1.components.2.custom_id': ['BASE_TYPE_REQUIRED'],
      'components.1.components.3.url': ['BASE_TYPE_REQUIRED'],
    });
    // Components v2 (flag 1 << 15) lay out differently; rows are not checked.
    expect(validateMessage({ flags: 1 << 15, components: rows })).toBeNull();
  });

  it('refuses an empty message (50006), unless it is an edit that keeps something', () => {
    expect(validateMessage({ content: '' })).toEqual({ status: 400, body: { code: 50006, message: 'Cannot send an empty message' } });
    expect(validateMessage({}, 'data', false)).toBeNull();
    expect(validateMessage({ attachments: [{ id: 0 }] })).toBeNull();
  });
});

describe('commands', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startEmulator();
  });
  afterAll(async () => {
    await running.emulator.stop();
  });
  const put = async (commands: unknown[]) => {
    const r = await api(running.apiUrl, 'PUT', `/applications/${APP}/commands`, commands);
    return r.status === 200 ? 'ok' : problems({ status: r.status, body: r.body as DiscordError['body'] });
  };

  it('accepts lower-case chat-input names and context-menu names with capitals and spaces', async () => {
    expect(
      await put([
        { name: 'ask-me_2', description: 'd' },
        { name: 'Find sources', type: 3 },
        { name: 'Find sources', type: 2 },
      ]),
    ).toBe('ok');
  });

  it('refuses bad names, missing or long descriptions, duplicates and bad option names, at their paths', async () => {
    const before = running.emulator.registeredCommands();
    expect(
      await put([
        { name: 'Ask', description: 'd' },
        { name: 'ask', description: '' },
        { name: 'long', description: 'd'.repeat(101) },
        {
          name: 'long',
          description: 'd',
          options: [
            { name: 'Query', description: 'q' },
            { name: 'sub', description: 's', options: [{ name: 'ok' }] },
          ],
        },
      ]),
    ).toEqual({
      '0.name': ['APPLICATION_COMMAND_INVALID_NAME'],
      '1.description': ['BASE_TYPE_REQUIRED'],
      '2.description': ['BASE_TYPE_MAX_LENGTH'],
      '3.name': ['APPLICATION_COMMANDS_DUPLICATE_NAME'],
      '3.options.0.name': ['APPLICATION_COMMAND_INVALID_NAME'],
      '3.options.1.options.0.description': ['BASE_TYPE_REQUIRED'],
    });
    // A refused overwrite changes nothing.
    expect(running.emulator.registeredCommands()).toBe(before);
  });
});
