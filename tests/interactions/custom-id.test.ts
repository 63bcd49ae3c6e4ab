/** Button state in custom_id (src/interactions/custom-id.ts), buttons declared once (buttons.ts), and the registry routing each prefix. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS } from '../../commands/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { defineButton, defineSelect, pageArg } from '../../src/interactions/buttons.js';
import { decodeCustomId, encodeCustomId, isExpired, queryFooter, readQueryFooter } from '../../src/interactions/custom-id.js';
import { createRegistry } from '../../src/interactions/dispatch.js';
import { DISCORD_LIMITS as L } from '../../src/interactions/limits.js';
import { notice } from '../../src/interactions/message.js';
import type { BotContext, ButtonInput, SelectInput } from '../../src/interactions/types.js';
import { seedCorpus } from '../support/seeds.js';

const USER = '123456789012345678';
const OTHER = '123456789012345679';

describe('button state in custom_id', () => {
  it('round-trips, and refuses anything tampered with', () => {
    const state = { prefix: 'talks:page', userId: USER, issuedAt: 1_700_000_000_000, args: ['2', 'jacobin-2022'] };
    const id = encodeCustomId(state);
    expect(id.length).toBeLessThanOrEqual(L.customId);
    expect(decodeCustomId(id)).toEqual(state);
    for (const bad of [
      '',
      'talks',
      'talks:page',
      id.slice(0, 12),
      `${id}${'x'.repeat(100)}`,
      'talks:page:notanid:abc:1',
      'talks::123456789012345678:abc',
      'talks:page:1234:abc',
    ]) {
      expect(decodeCustomId(bad), bad).toBeNull();
    }
  });

  it('routes each prefix to the one command that declared it, and nothing else', () => {
    const { buttons } = createRegistry(COMMANDS);
    expect([...buttons.keys()].sort()).toEqual([
      'library:add',
      'library:cancel',
      'library:edit',
      'library:pick',
      'library:remove',
      'library:reportconfirm',
      'library:reportpage',
      'talks:cancel',
      'talks:full',
      'talks:page',
      'talks:post',
      'talks:tpage',
      'talks:vote',
    ]);
    for (const unknown of ['talks:nuke:123456789012345678:abc', 'other:page:123456789012345678:abc:1'])
      expect(buttons.has(decodeCustomId(unknown)?.prefix ?? '')).toBe(false);
    const again = defineButton({
      prefix: 'talks:page',
      args: z.object({}),
      who: 'anyone',
      verb: 'x',
      stale: 'x',
      handle: () => notice('x'),
    });
    const twice = { definition: { name: 'again', description: 'x' }, execute: () => notice('x'), buttons: [again] };
    expect(() => createRegistry([...COMMANDS, twice])).toThrow('two handlers for the button prefix talks:page');
  });

  it('expires with the interaction token after 15 minutes', () => {
    const state = { prefix: 'talks:page', userId: USER, issuedAt: 0, args: [] };
    expect(isExpired(state, 14 * 60_000)).toBe(false);
    expect(isExpired(state, 16 * 60_000)).toBe(true);
  });
});

describe('a button declared once', () => {
  const seen: unknown[] = [];
  const button = defineButton({
    prefix: 'test:page',
    args: z.object({
      page: pageArg,
      source: z
        .string()
        .regex(/^[a-z0-9-]+$/)
        .optional(),
    }),
    who: 'asker',
    verb: 'page',
    stale: 'stale',
    handle(_input, args, owner) {
      seen.push({ args, owner });
      return notice('ok');
    },
  });
  const ctx = {
    corpus: seedCorpus(),
    logger: createLogger({ level: 'silent' }),
    now: () => 1_700_000_000_000,
    post: () => Promise.resolve({ ok: true as const, messageId: '1' }),
    commands: [],
  } satisfies BotContext;
  const owner = { userId: USER, issuedAt: 1_700_000_000_000 };
  const press = (customId: string, userId = USER): Promise<string> => {
    const input: ButtonInput = {
      kind: 'button',
      id: '1000000000000000001',
      userId,
      guildId: null,
      channelId: null,
      memberPermissions: null,
      customId,
      message: { id: '1000000000000000002', embeds: [], ephemeral: false, query: null },
    };
    const state = decodeCustomId(customId);
    if (!state) throw new Error(`not a custom_id: ${customId}`);
    return Promise.resolve(button.press(input, state, ctx)).then((r) =>
      r.type === 'reply' || r.type === 'update' ? (r.message.content ?? '') : '',
    );
  };

  it('writes its arguments in the order its schema declares, leaving out the trailing ones not given', () => {
    expect(button.id(owner, { page: 2, source: 'jacobin-2022' })).toBe(`test:page:${USER}:${(1_700_000_000).toString(36)}:2:jacobin-2022`);
    expect(button.id(owner, { page: 0, source: undefined })).toBe(`test:page:${USER}:${(1_700_000_000).toString(36)}:0`);
    expect(() => button.id(owner, { page: 1, source: 'a:b' })).toThrow('cannot hold ":"');
  });

  it('keeps an empty argument between two given ones; a button for anyone answers another user, at any age', async () => {
    const anyone = defineButton({
      prefix: 'test:any',
      args: z.object({ a: z.string(), b: z.string().optional(), c: z.string().optional() }),
      who: 'anyone',
      verb: 'use',
      stale: 'stale',
      handle: (_input, args) => notice(JSON.stringify(args)),
    });
    const old = { userId: USER, issuedAt: 1_700_000_000_000 - 60 * 60_000 };
    const id = anyone.id(old, { a: 'x', b: undefined, c: 'z' });
    expect(id).toBe(`test:any:${USER}:${(old.issuedAt / 1000).toString(36)}:x::z`);
    const state = decodeCustomId(id);
    if (!state) throw new Error('not a custom_id');
    const input: ButtonInput = {
      kind: 'button',
      id: '1000000000000000001',
      userId: OTHER,
      guildId: null,
      channelId: null,
      memberPermissions: null,
      customId: id,
      message: { id: '1000000000000000002', embeds: [], ephemeral: false, query: null },
    };
    const reply = await anyone.press(input, state, ctx);
    expect(reply.type === 'reply' ? reply.message.content : reply.type).toBe('{"a":"x","c":"z"}');
  });

  it('as a select, hands its handler the values chosen, checked, or answers its stale notice', async () => {
    const pick = defineSelect({
      prefix: 'test:pick',
      args: z.object({ page: pageArg }),
      values: z.array(z.enum(['a', 'b'])).min(1),
      who: 'asker',
      verb: 'pick from',
      stale: 'stale',
      handle: (_input, args, values) => notice(`${args.page} ${values.join('+')}`),
    });
    const id = pick.id(owner, { page: 2 });
    const state = decodeCustomId(id);
    if (!state) throw new Error('not a custom_id');
    const chosen = async (values: string[]): Promise<unknown> => {
      const input: SelectInput = {
        kind: 'select',
        values,
        id: '1000000000000000001',
        userId: USER,
        guildId: null,
        channelId: null,
        memberPermissions: null,
        customId: id,
        message: { id: '1000000000000000002', embeds: [], ephemeral: false, query: null },
      };
      const reply = await pick.press(input, state, ctx);
      return reply.type === 'reply' ? reply.message.content : reply.type;
    };
    expect(await chosen(['b', 'a'])).toBe('2 b+a');
    expect(await chosen(['c'])).toBe('stale');
    expect(await chosen([])).toBe('stale');
  });

  it('hands its handler the arguments typed and checked, and the owner', async () => {
    seen.length = 0;
    expect(await press(button.id(owner, { page: 3, source: 'parish-2025' }))).toBe('ok');
    expect(seen).toEqual([{ args: { page: 3, source: 'parish-2025' }, owner }]);
  });

  it('answers its stale notice when the arguments no longer read, and refuses another user or an expired press first', async () => {
    seen.length = 0;
    const id = button.id(owner, { page: 1, source: undefined });
    for (const bad of [`${id.slice(0, -1)}x`, `${id}:Not A Slug`, `${id}:a:b`, id.replace(/:1$/, ':-1'), id.replace(/:1$/, ':1000')])
      expect(await press(bad), bad).toBe('stale');
    expect(await press(id, OTHER)).toMatch(/^Only the person who asked can page this reply/);
    const old = button.id({ userId: USER, issuedAt: 1_700_000_000_000 - 16 * 60_000 }, { page: 1, source: undefined });
    expect(await press(old)).toMatch(/^These buttons have expired \(after 15 minutes\)/);
    expect(seen).toEqual([]);
  });
});

describe('custom_id limits and the question a reply carries', () => {
  const at = 1_700_000_000_000;
  const issued = (1_700_000_000).toString(36);
  // prefix, user and issued take 10 + 1 + 18 + 1 + 6 = 36 characters with their colons; the argument fills the rest.
  const sized = (length: number): string => `talks:page:${USER}:${issued}:${'a'.repeat(length - 37)}`;

  it('writes and reads exactly 100 characters, and no more', () => {
    const state = { prefix: 'talks:page', userId: USER, issuedAt: at, args: ['a'.repeat(L.customId - 37)] };
    expect(encodeCustomId(state)).toHaveLength(L.customId);
    expect(decodeCustomId(sized(L.customId))).toEqual(state);
    expect(() => encodeCustomId({ ...state, args: ['a'.repeat(L.customId - 36)] })).toThrow(
      new RangeError(`custom_id over ${L.customId} characters: ${sized(L.customId + 1)}`),
    );
    expect(decodeCustomId(sized(L.customId + 1))).toBeNull();
  });

  it('reads a prefix of two lower-case words and an issued time of up to nine base-36 digits, whole', () => {
    for (const bad of [
      `Talks:page:${USER}:${issued}`,
      `talks:page1:${USER}:${issued}`,
      `talks:page:${USER}:X${issued}`,
      `talks:page:${USER}:${issued}X`,
      `talks:page:${USER}:1234567890`,
    ])
      expect(decodeCustomId(bad), bad).toBeNull();
    expect(decodeCustomId(`talks:page:${USER}:123456789`)?.issuedAt).toBe(parseInt('123456789', 36) * 1000);
  });

  it('expires only past the token lifetime, not at it', () => {
    const state = { prefix: 'talks:page', userId: USER, issuedAt: 0, args: [] };
    expect(isExpired(state, L.interactionTokenMs)).toBe(false);
    expect(isExpired(state, L.interactionTokenMs + 1)).toBe(true);
  });

  it('finds the question in the last embed whose footer carries one, and nothing in a footer of another shape', () => {
    expect(queryFooter('grain deal')).toBe('🔎 grain deal');
    const footer = (text: string): { footer: { text: string } } => ({ footer: { text } });
    expect(readQueryFooter([footer(queryFooter('first')), footer(`page 2\n${queryFooter('second')}`)])).toBe('second');
    expect(readQueryFooter([footer(queryFooter('first')), footer('page 2'), {}])).toBe('first');
    expect(readQueryFooter([{ footer: null }, {}, footer('no question')])).toBeNull();
  });
});
