/** The commands (commands/) through the dispatcher, without a transport: their definitions, and what people type. */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { commandBodies } from '../../src/discord/deploy.js';
import { createRegistry, dispatch } from '../../src/interactions/dispatch.js';
import { DISCORD_LIMITS as L } from '../../src/interactions/limits.js';
import type { BotContext, CommandInput, MessageCommandInput } from '../../src/interactions/types.js';
import { createLogger } from '../../src/runtime/logger.js';
import { seedCorpus } from '../support/seeds.js';

const corpus = seedCorpus();
const USER = '123456789012345678';
const NOW = Date.UTC(2026, 0, 1);

describe('what people type in Discord', () => {
  const bot: BotContext = {
    corpus,
    logger: createLogger({ level: 'silent' }),
    now: () => NOW,
    post: () => Promise.resolve({ ok: true, messageId: '1' }),
    commands: COMMANDS,
  };
  const who = {
    id: '1000000000000000001',
    userId: USER,
    guildId: '1300000000000000100',
    channelId: '1300000000000000200',
    memberPermissions: 0xffffn,
  };
  const ROLE = '<@&1234567890123456789>';
  const shown = async (input: CommandInput | MessageCommandInput): Promise<string> =>
    JSON.stringify(await dispatch(input, createRegistry(COMMANDS), bot, null));

  it("reaches the core without Discord's mention syntax: questions, topics and a message's text", async () => {
    for (const [subcommand, option] of [
      ['search', 'query'],
      ['timeline', 'topic'],
      ['summary', 'topic'],
    ] as const) {
      const reply = await shown({
        ...who,
        kind: 'command',
        command: 'talks',
        subcommand,
        options: { [option]: `@everyone ${ROLE} grain deal` },
      });
      expect(reply, subcommand).toContain('grain deal');
      expect(reply, subcommand).not.toMatch(/1234567890123456789|everyone/);
    }
    const message = {
      ...who,
      kind: 'message-command' as const,
      command: 'Find sources',
      target: { id: '1000000000000000002', content: `${ROLE} what about the grain deal?`, query: null },
    };
    expect(await shown(message)).not.toContain('1234567890123456789');
  });
});

describe('command definitions', () => {
  it('are valid JSON within Discord’s limits, with autocomplete on query and topic', () => {
    const bodies = commandBodies(COMMANDS);
    expect(bodies.map((b) => b.name)).toEqual(['talks', 'Find sources', 'library', 'Confirm passage']);
    const talks = JSON.parse(JSON.stringify(bodies[0])) as {
      description: string;
      options: Array<{ name: string; description: string; options?: Array<{ name: string; description: string; autocomplete?: boolean }> }>;
    };
    expect(talks.description.length).toBeLessThanOrEqual(100);
    const options = talks.options.flatMap((sub) => (sub.options ?? []).map((o) => ({ ...o, where: `${sub.name} ${o.name}` })));
    expect(talks.options.map((sub) => sub.description.length).filter((n) => n > L.optionDescription)).toEqual([]);
    expect(options.filter((o) => o.description.length > L.optionDescription).map((o) => o.where)).toEqual([]);
    // Every query and topic option autocompletes: there are three.
    expect(options.filter((o) => o.name === 'query' || o.name === 'topic').map((o) => `${o.where} ${o.autocomplete === true}`)).toEqual([
      'search query true',
      'timeline topic true',
      'summary topic true',
    ]);
    // /library is for Manage Server by default, in servers only; each handler checks again (see tests/e2e/library.test.ts).
    const library = JSON.parse(JSON.stringify(bodies[2])) as typeof talks & { default_member_permissions: string; contexts: number[] };
    expect(library.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(library.contexts).toEqual([0]);
    expect(library.options.map((sub) => sub.name)).toEqual(['add', 'list', 'remove', 'edit', 'confirm', 'confirmations', 'report']);
    // The context menu that opens a confirmation is for the same moderators.
    const confirmMenu = bodies[3] as { default_member_permissions?: string; type?: number };
    expect(confirmMenu.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(
      library.options
        .flatMap((sub) => [sub.description, ...(sub.options ?? []).map((o) => o.description)])
        .filter((d) => d.length > L.optionDescription),
    ).toEqual([]);
  });
});
