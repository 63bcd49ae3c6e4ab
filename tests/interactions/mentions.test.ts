/**
 * Discord's mention syntax (src/interactions/mentions.ts), dropped from what people type by the bot and the CLI
 * before the core sees it.
 */
import { describe, expect, it } from 'vitest';
import { search } from '../../src/core/search.js';
import { withoutMentions } from '../../src/interactions/mentions.js';
import { seedIndex } from '../support/seeds.js';

const index = seedIndex();

describe("Discord's mention syntax, as the bot and the CLI drop it (src/interactions/mentions.ts)", () => {
  it('takes out every kind of mention, and nothing else', () => {
    const typed =
      'a<@123456789012345678>b <@!123456789012345678> <@&987654321098765432> <#123456789012345678> ' +
      '</talks search:123456789012345678> <:dove:123456789012345678> <a:dove:123456789012345678> @everyone @here @everyoneelse';
    expect(withoutMentions(typed).replace(/\s+/g, ' ')).toBe('a b @everyoneelse');
  });

  it('only mentions is refused as empty', () => {
    const a = search(index, withoutMentions('@everyone @here <@123456789012345678> <@&987654321098765432>'));
    expect(a).toMatchObject({ kind: 'invalid', problem: 'empty', results: [] });
  });

  it('markdown and mentions around real words still search the words, and are not echoed', () => {
    const a = search(index, withoutMentions('**grain** _deal_ `Odessa` @everyone'));
    expect(a.kind).toBe('results');
    expect(a.results[0]?.excerpt).toMatch(/grain|Odessa/);
    expect(a.query).not.toContain('@everyone');
  });
});
