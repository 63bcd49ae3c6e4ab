/**
 * The HTTP endpoint's interaction schema: compiled ahead of time (z.compile) for speed, it must accept and
 * produce exactly what the schema as written does, for real payloads and for anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compiledInteractionSchema, inputFromRaw, rawInteractionSchema } from '../../src/interactions/parse.js';
import { APPLICATION, CHANNEL, GUILD, interaction, searchData } from '../support/http.js';

const USER = '1400000000000000001';
const same = (payload: unknown): void => {
  const compiled = compiledInteractionSchema.safeParse(payload);
  const runtime = rawInteractionSchema.safeParse(payload);
  expect(compiled.success).toBe(runtime.success);
  if (compiled.success && runtime.success) expect(compiled.data).toStrictEqual(runtime.data);
  else expect(compiled.error?.issues).toEqual(runtime.error?.issues);
};

const snowflake = fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n }).map(String);
const leaf = fc.record(
  {
    name: fc.string({ maxLength: 12 }),
    type: fc.integer({ min: 3, max: 11 }),
    value: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.double(), fc.constant(null)),
    focused: fc.boolean(),
  },
  { requiredKeys: ['name', 'type'] },
);
const sub = fc.record(
  { name: fc.string({ maxLength: 12 }), type: fc.constant(1), options: fc.array(leaf, { maxLength: 4 }) },
  { requiredKeys: ['name', 'type'] },
);
const group = fc.record(
  { name: fc.string({ maxLength: 12 }), type: fc.constant(2), options: fc.array(sub, { maxLength: 3 }) },
  { requiredKeys: ['name', 'type'] },
);
const payload = fc.record(
  {
    id: snowflake,
    application_id: snowflake,
    type: fc.integer({ min: 1, max: 5 }),
    token: fc.string({ minLength: 0, maxLength: 20 }),
    version: fc.constant(1),
    guild_id: snowflake,
    channel_id: snowflake,
    channel: fc.record({ id: snowflake, type: fc.integer() }),
    member: fc.record({
      user: fc.record({ id: snowflake, username: fc.string() }),
      permissions: fc.oneof(fc.constant('0'), fc.constant('8192'), fc.string()),
    }),
    user: fc.record({ id: snowflake }),
    data: fc.record(
      {
        id: snowflake,
        name: fc.string({ maxLength: 12 }),
        type: fc.integer({ min: 1, max: 3 }),
        options: fc.array(fc.oneof(leaf, sub, group), { maxLength: 4 }),
        custom_id: fc.string({ maxLength: 110 }),
        component_type: fc.integer(),
        target_id: snowflake,
        resolved: fc.record({
          messages: fc.dictionary(snowflake, fc.record({ id: snowflake, content: fc.string() }, { requiredKeys: ['id'] })),
        }),
      },
      { requiredKeys: [] },
    ),
    message: fc.record(
      {
        id: snowflake,
        embeds: fc.array(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue()), { maxLength: 2 }),
        flags: fc.integer(),
      },
      { requiredKeys: ['id'] },
    ),
  },
  { requiredKeys: ['id', 'application_id', 'type', 'token'] },
);

describe('the compiled interaction schema', () => {
  it('parses real interactions exactly as the schema as written does', () => {
    same(interaction(2, searchData('grain deal'), USER));
    same(
      interaction(
        4,
        {
          name: 'talks',
          type: 1,
          options: [{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: 'gra', focused: true }] }],
        },
        USER,
      ),
    );
    same(
      interaction(3, { custom_id: 'talks:page:1400000000000000001:abc:1', component_type: 2 }, USER, {
        message: { id: CHANNEL, embeds: [{ title: 'x' }] },
      }),
    );
    same(
      interaction(3, { custom_id: 'talks:add:1400000000000000001:abc', component_type: 3, values: ['4'] }, USER, {
        message: { id: CHANNEL, embeds: [{ title: 'x' }] },
      }),
    );
    same({ id: '1000000000000000001', application_id: APPLICATION, type: 1, token: 't', version: 1 });
    same({
      id: '1000000000000000001',
      application_id: APPLICATION,
      type: 2,
      token: 't',
      guild_id: GUILD,
      data: {
        name: 'Find sources',
        type: 3,
        target_id: '1000000000000000005',
        resolved: { messages: { '5': { id: '1000000000000000005' } } },
      },
      user: { id: USER },
    });
  });

  it('agrees with it on generated payloads, valid and not', () => {
    let valid = 0;
    fc.assert(
      fc.property(payload, (p) => {
        same(p);
        if (rawInteractionSchema.safeParse(p).success) valid++;
      }),
      { numRuns: 600 },
    );
    // Both kinds are exercised: most generated payloads are valid, some are refused.
    expect(valid).toBeGreaterThan(300);
    expect(valid).toBeLessThan(600);
    fc.assert(
      fc.property(fc.anything(), (p) => same(p)),
      { numRuns: 300 },
    );
  });

  it('reads a subcommand group → subcommand → value, and drops options nested deeper than Discord sends', () => {
    const grouped = interaction(
      2,
      {
        name: 'talks',
        type: 1,
        options: [
          {
            type: 2,
            name: 'g',
            options: [
              { type: 1, name: 'search', options: [{ type: 3, name: 'query', value: 'grain', options: [{ type: 1, name: 'deeper' }] }] },
            ],
          },
        ],
      },
      USER,
    );
    const parsed = compiledInteractionSchema.parse(grouped);
    expect(inputFromRaw(parsed)).toMatchObject({ kind: 'command', command: 'talks', subcommand: 'search', options: { query: 'grain' } });
    expect(JSON.stringify(parsed)).not.toContain('deeper');
  });
});
