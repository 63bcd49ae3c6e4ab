/**
 * String selects in a message (`defineSelect` in src/interactions/buttons.ts): parsed from a raw interaction
 * (parse.ts), routed by custom-id prefix (dispatch.ts), their owner, expiry, arguments and chosen values checked.
 */
import { ComponentType, InteractionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSelect } from '../../src/interactions/buttons.js';
import { createRegistry, dispatch } from '../../src/interactions/dispatch.js';
import { notice } from '../../src/interactions/message.js';
import { compiledInteractionSchema, inputFromRaw } from '../../src/interactions/parse.js';
import type { BotContext, CommandModule, InteractionInput } from '../../src/interactions/types.js';
import { createLogger } from '../../src/runtime/logger.js';
import { seedCorpus } from '../support/seeds.js';

const USER = '123456789012345678';
const OTHER = '123456789012345679';
const NOW = 1_700_000_000_000;

const seen: unknown[] = [];
const pick = defineSelect({
  prefix: 'test:pick',
  args: z.object({ shelf: z.string().regex(/^[a-z]+$/) }),
  values: z
    .array(z.enum(['a', 'b', 'c']))
    .min(1)
    .max(2),
  who: 'asker',
  verb: 'choose from',
  stale: 'stale',
  handle(_input, args, values, owner) {
    seen.push({ args, values, owner });
    return notice(`picked ${values.join(',')}`);
  },
});
const command: CommandModule = { definition: { name: 'test', description: 'x' }, execute: () => notice('x'), selects: [pick] };
const registry = createRegistry([command]);
const ctx = {
  corpus: seedCorpus(),
  logger: createLogger({ level: 'silent' }),
  now: () => NOW,
  post: () => Promise.resolve({ ok: true as const, messageId: '1' }),
  commands: [command],
} satisfies BotContext;
const owner = { userId: USER, issuedAt: NOW };

/** A raw MESSAGE_COMPONENT interaction, as Discord sends it for a select. */
function raw(customId: string, values: unknown, componentType = ComponentType.StringSelect, userId = USER): unknown {
  return {
    id: '1000000000000000001',
    application_id: '1000000000000000009',
    type: InteractionType.MessageComponent,
    token: 't',
    channel_id: '1000000000000000003',
    user: { id: userId },
    data: { custom_id: customId, component_type: componentType, values },
    message: { id: '1000000000000000002', embeds: [{ footer: { text: '🔎 grain deal' } }] },
  };
}

function input(payload: unknown): InteractionInput | null {
  const parsed = compiledInteractionSchema.safeParse(payload);
  return parsed.success ? inputFromRaw(parsed.data) : null;
}

async function choose(customId: string, values: unknown, userId = USER): Promise<string> {
  const i = input(raw(customId, values, ComponentType.StringSelect, userId));
  if (!i) throw new Error('not parsed');
  const reply = await dispatch(i, registry, ctx, null);
  return reply.type === 'reply' || reply.type === 'update' ? (reply.message.content ?? '') : '';
}

describe('a string select in a message', () => {
  it('is parsed as a select with its values and its message (query read from the footer); a button stays a button', () => {
    const id = pick.id(owner, { shelf: 'top' });
    expect(input(raw(id, ['a', 'b']))).toMatchObject({
      kind: 'select',
      customId: id,
      values: ['a', 'b'],
      message: { id: '1000000000000000002', query: 'grain deal', ephemeral: false },
    });
    expect(input(raw(id, undefined, ComponentType.Button))).toMatchObject({ kind: 'button', customId: id });
    // Values Discord could never send are refused at the edge.
    expect(input(raw(id, ['x'.repeat(101)]))).toBeNull();
    expect(
      input(
        raw(
          id,
          Array.from({ length: 26 }, () => 'a'),
        ),
      ),
    ).toBeNull();
  });

  it('reaches its handler with the arguments and values typed and checked, and the owner', async () => {
    seen.length = 0;
    expect(await choose(pick.id(owner, { shelf: 'top' }), ['b', 'a'])).toBe('picked b,a');
    expect(seen).toEqual([{ args: { shelf: 'top' }, values: ['b', 'a'], owner }]);
  });

  it('answers its stale notice for a value not offered, too many or none, or a tampered id; refuses others and expired', async () => {
    seen.length = 0;
    const id = pick.id(owner, { shelf: 'top' });
    expect(await choose(id, ['d'])).toBe('stale');
    expect(await choose(id, ['a', 'b', 'c'])).toBe('stale');
    expect(await choose(id, [])).toBe('stale');
    expect(await choose(`${id}9`, ['a'])).toBe('stale');
    expect(await choose(id, ['a'], OTHER)).toMatch(/^Only the person who asked can choose from this reply/);
    expect(await choose(pick.id({ userId: USER, issuedAt: NOW - 16 * 60_000 }, { shelf: 'top' }), ['a'])).toMatch(/have expired/);
    expect(seen).toEqual([]);
  });

  it('is routed by its own prefix, apart from buttons: a prefix no command declared gets a notice', async () => {
    expect([...registry.selects.keys()]).toEqual(['test:pick']);
    expect(registry.buttons.has('test:pick')).toBe(false);
    expect(await choose(`test:other:${USER}:abc`, ['a'])).toMatch(/not one I know/);
    const twice: CommandModule = { ...command, definition: { name: 'again', description: 'x' } };
    expect(() => createRegistry([command, twice])).toThrow('two handlers for the select prefix test:pick');
  });
});
