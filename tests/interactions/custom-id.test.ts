/** Button state in custom_id (src/interactions/custom-id.ts), and the registry routing each prefix. */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { BUTTONS, decodeCustomId, encodeCustomId, isExpired } from '../../src/interactions/custom-id.js';
import { createRegistry } from '../../src/interactions/dispatch.js';
import { DISCORD_LIMITS as L } from '../../src/interactions/limits.js';
import { notice } from '../../src/interactions/message.js';

const USER = '123456789012345678';

describe('button state in custom_id', () => {
  it('round-trips, and refuses anything tampered with', () => {
    const state = { prefix: BUTTONS.searchPage, userId: USER, issuedAt: 1_700_000_000_000, args: ['2', 'jacobin-2022'] };
    const id = encodeCustomId(state);
    expect(id.length).toBeLessThanOrEqual(L.customId);
    expect(decodeCustomId(id)).toEqual(state);
    for (const bad of ['', 'talks', 'talks:page', id.slice(0, 12), `${id}${'x'.repeat(100)}`, 'talks:page:notanid:abc:1', 'talks::123456789012345678:abc']) {
      expect(decodeCustomId(bad), bad).toBeNull();
    }
  });

  it('routes each prefix to the one command that registered it, and nothing else', () => {
    const { buttons } = createRegistry(COMMANDS);
    expect([...buttons.keys()].sort()).toEqual(Object.values(BUTTONS).sort());
    for (const unknown of ['talks:nuke:123456789012345678:abc', 'other:page:123456789012345678:abc:1']) expect(buttons.has(decodeCustomId(unknown)?.prefix ?? '')).toBe(false);
    const twice = { definition: { name: 'again', description: 'x' }, execute: () => notice('x'), buttons: { [BUTTONS.searchPage]: () => notice('x') } };
    expect(() => createRegistry([...COMMANDS, twice])).toThrow('two handlers for the button prefix talks:page');
  });

  it('expires with the interaction token after 15 minutes', () => {
    const state = { prefix: BUTTONS.searchPage, userId: USER, issuedAt: 0, args: [] };
    expect(isExpired(state, 14 * 60_000)).toBe(false);
    expect(isExpired(state, 16 * 60_000)).toBe(true);
  });
});
