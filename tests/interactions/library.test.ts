/**
 * `/library`'s handlers (commands/library/) through the dispatcher, with the desk a bot opens
 * (src/library/bot-library.ts) and a clock the test moves: who may change the library, how many adds a moderator
 * may make, and what hostile article text becomes in the bot's messages. Attachments are served from loopback, as
 * Discord's CDN serves them. Every article here is invented for the test.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { createRegistry, dispatch } from '../../src/interactions/dispatch.js';
import type { DiscordMessage } from '../../src/interactions/message.js';
import type { BotContext, InteractionInput, Reply } from '../../src/interactions/types.js';
import { ADD_BURST, ADD_REFILL_MS, openBotLibrary, type BotLibrary } from '../../src/library/bot-library.js';
import { createLogger } from '../../src/runtime/logger.js';
import { DEFAULT_SEEDS_DIR } from '../../src/runtime/paths.js';
import { suiteDir } from '../support/seeds.js';

const MOD = '1400000000000000201';
const OTHER_MOD = '1400000000000000202';
const BUSY_MOD = '1400000000000000203';
const MANAGE = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages;
const PLAIN = PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel;
const ANNOUNCE = '1300000000000000300';
const REFUSED = /^Only moderators with Manage Server can change the library\.$/;

const registry = createRegistry(COMMANDS);
const folders = suiteDir('library-handlers');
let library: BotLibrary;
let server: Server;
let base = '';
/** What the loopback CDN serves, by path, and every path asked for. */
const files = new Map<string, { type: string; body: Buffer }>();
const hits: string[] = [];
const posted: Array<{ channel: string; message: DiscordMessage }> = [];
let clock = Date.UTC(2026, 2, 1, 12);
let ids = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const file = files.get(req.url ?? '');
    res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    res.end(file?.body ?? 'no such file');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  library = await openBotLibrary({
    seedsDir: DEFAULT_SEEDS_DIR,
    dataDir: folders.dir,
    logger: createLogger({ level: 'silent' }),
    allowPrivate: true, // the CDN here is on loopback
    announceChannelId: ANNOUNCE,
    cacheDir: join(folders.dir, 'cache'),
  });
}, 60_000);

afterAll(async () => {
  await library?.close();
  server?.closeAllConnections();
  server?.close();
  folders.remove();
});

const ctx = (): BotContext => ({
  corpus: library.corpus,
  logger: createLogger({ level: 'silent' }),
  now: () => clock,
  post: (channel, message) => {
    posted.push({ channel, message });
    return Promise.resolve({ ok: true, messageId: '1' });
  },
  commands: COMMANDS,
  library: library.desk,
});

const who = (permissions: bigint, userId = MOD) => ({
  id: String(1500000000000000000n + BigInt(++ids)),
  userId,
  userName: 'mod',
  guildId: '1300000000000000100',
  channelId: '1300000000000000200',
  memberPermissions: permissions,
});

const command = (subcommand: string, options: Record<string, unknown>, permissions: bigint, userId = MOD): InteractionInput =>
  ({ ...who(permissions, userId), kind: 'command', command: 'library', subcommand, options }) as InteractionInput;
const press = (customId: string, permissions: bigint): InteractionInput => ({
  ...who(permissions),
  kind: 'button',
  customId,
  message: { id: '1', embeds: [], ephemeral: true, query: null },
});
const submit = (customId: string, fields: Record<string, string>, permissions: bigint): InteractionInput => ({
  ...who(permissions),
  kind: 'modal',
  customId,
  fields,
  message: null,
});

/** An attachment option, its bytes served by the loopback CDN. */
function attach(filename: string, body: Buffer, type = 'text/plain', size = body.length): Record<string, unknown> {
  const path = `/attachments/${++ids}/${filename}`;
  files.set(path, { type, body });
  return { file: { id: String(1600000000000000000n + BigInt(ids)), filename, size, url: `${base}${path}`, contentType: type } };
}

const send = (input: InteractionInput): Promise<Reply> => dispatch(input, registry, ctx(), null);

/** The message a reply ends with (a deferred one's, once its work is done). */
async function messageOf(reply: Reply): Promise<DiscordMessage> {
  if (reply.type === 'later') return reply.message();
  if (reply.type === 'reply' || reply.type === 'update') return reply.message;
  throw new Error(`expected a message, got ${reply.type}`);
}

const customIds = (m: DiscordMessage): string[] =>
  (m.components ?? []).flatMap((row) => (row as { components: Array<{ custom_id?: string }> }).components.map((c) => c.custom_id ?? ''));

function modalId(reply: Reply): string {
  if (reply.type !== 'modal') throw new Error(`expected a form, got ${reply.type}`);
  return reply.modal.custom_id;
}

const article = (title: string, body: string): Buffer =>
  Buffer.from(
    [
      title,
      '',
      'By Nora Vell',
      '',
      'Published 2 March 2026',
      '',
      `${body} Negotiators from the invented republics of Varnia and Ostrel met in Valletta on 1 March, the mediators said.`,
      '',
      'The talks were about a ferry corridor across the Kessin strait. Both delegations called the meeting useful.',
    ].join('\n'),
  );

describe('who may change the library', () => {
  it('refuses a member without Manage Server at every step, though Discord showed them the command', async () => {
    const before = { revision: await library.store.revision(), hits: hits.length };
    // A moderator's preview, then the same person without the permission (a server owner re-granted the command).
    const preview = await messageOf(await send(command('add', attach('a.txt', article('Ferry Talks', 'Plain words.')), MANAGE)));
    const [add = '', edit = ''] = customIds(preview);
    expect(add).toMatch(/^library:add/);
    const form = modalId(await send(press(edit, MANAGE)));
    const removal = await messageOf(await send(command('remove', { source: 'jacobin-2022' }, MANAGE)));
    const [confirm = ''] = customIds(removal);
    const correction = modalId(await send(command('edit', { source: 'jacobin-2022' }, MANAGE)));
    const fetched = hits.length;

    const refusals = [
      command('add', attach('b.txt', article('Ferry Talks Again', 'Other words.')), PLAIN),
      command('add', { url: `${base}/page` }, PLAIN),
      command('remove', { source: 'jacobin-2022' }, PLAIN),
      command('edit', { source: 'jacobin-2022' }, PLAIN),
      press(add, PLAIN),
      press(edit, PLAIN),
      submit(form, { title: 'Taken over' }, PLAIN),
      press(confirm, PLAIN),
      submit(correction, { title: 'Taken over' }, PLAIN),
    ];
    for (const input of refusals) {
      const reply = await send(input);
      expect(reply.type, input.kind).toBe('reply');
      const m = await messageOf(reply);
      expect(m.content, `${input.kind} ${'customId' in input ? input.customId : ''}`).toMatch(REFUSED);
      expect(m.flags).toBe(64);
    }
    expect(hits.length).toBe(fetched); // nothing was fetched for them
    expect(fetched).toBeGreaterThan(before.hits);
    expect(await library.store.revision()).toBe(before.revision);
  }, 30_000);
});

describe('adds per moderator', () => {
  it('limits 30 adds in a minute from one moderator, and not another moderator', async () => {
    const start = clock;
    const outcomes: Array<'started' | number> = [];
    for (let i = 0; i < 30; i++) {
      clock = start + i * 2000;
      const reply = await send(command('add', { url: `${base}/page-${i}` }, MANAGE, BUSY_MOD));
      if (reply.type === 'later') outcomes.push('started');
      else {
        const text = (await messageOf(reply)).content ?? '';
        const wait = /^That is a lot of articles at once: try again in (\d+) s\.$/.exec(text);
        if (!wait) throw new Error(`neither started nor limited: ${text}`);
        outcomes.push(Number(wait[1]));
      }
    }
    const started = outcomes.filter((o) => o === 'started').length;
    const waits = outcomes.filter((o): o is number => o !== 'started');
    // A burst, then one every ADD_REFILL_MS: never 30, and the limit lifts as time passes.
    expect(outcomes.slice(0, ADD_BURST)).toEqual(Array(ADD_BURST).fill('started'));
    expect(outcomes[ADD_BURST]).toEqual(expect.any(Number));
    expect(started).toBeGreaterThan(ADD_BURST);
    expect(started).toBeLessThanOrEqual(ADD_BURST + Math.ceil(60_000 / ADD_REFILL_MS));
    expect(waits.length).toBe(30 - started);
    expect(Math.max(...waits)).toBeLessThanOrEqual(ADD_REFILL_MS / 1000);
    expect(Math.min(...waits)).toBeGreaterThan(0);
    // Another moderator, at the same moment, is not held up by the first one's adds.
    expect((await send(command('add', { url: `${base}/page-other` }, MANAGE, OTHER_MOD))).type).toBe('later');
    clock = start + 30 * 2000 + ADD_REFILL_MS;
  });
});

describe('what cannot be added', () => {
  it('refuses an attachment Discord says is over 2 MB without fetching it', async () => {
    const before = hits.length;
    const big = attach('big.txt', article('Big Talks', 'Words.'), 'text/plain', 2 * 1024 * 1024 + 1);
    const m = await messageOf(await send(command('add', big, MANAGE)));
    expect(m.content).toMatch(/^Not added: the file is over 2 MB \(2049 KB\)\.$/);
    expect(hits.length).toBe(before);
  });

  it('says why a page would not come, and stores nothing', async () => {
    clock += ADD_REFILL_MS * ADD_BURST;
    const revision = await library.store.revision();
    const missing = await messageOf(await send(command('add', { url: `${base}/no-such-page` }, MANAGE)));
    expect(missing.content).toBe('Not added: the page answered 404 Not Found.');
    expect(await library.store.revision()).toBe(revision);
  });

  it('reaches no private address, by URL or attachment, unless the operator allows it (LIBRARY_FETCH_PRIVATE)', async () => {
    // A bot as deployed: the same seeds and store folder, without the allowance this file's bot has.
    const guarded = await openBotLibrary({
      seedsDir: DEFAULT_SEEDS_DIR,
      dataDir: folders.dir,
      logger: createLogger({ level: 'silent' }),
      cacheDir: join(folders.dir, 'cache'),
    });
    try {
      const before = hits.length;
      const asked = (input: InteractionInput): Promise<DiscordMessage> =>
        dispatch(input, registry, { ...ctx(), library: guarded.desk }, null).then(messageOf);
      const byUrl = await asked(command('add', { url: `${base}/page` }, MANAGE, OTHER_MOD));
      expect(byUrl.content).toBe(`Not added: ${base}/page is a loopback address.`);
      const byFile = await asked(command('add', attach('inside.txt', article('Inside Talks', 'Words.')), MANAGE, OTHER_MOD));
      expect(byFile.content).toMatch(/^Not added: http:\/\/127\.0\.0\.1:\d+\/attachments\/\d+\/inside\.txt is a loopback address\.$/);
      expect(hits.length).toBe(before); // no request reached the server
    } finally {
      await guarded.close();
    }
  });

  it('refuses the same text again, and warns of a near-duplicate (the same title) in its preview', async () => {
    clock += ADD_REFILL_MS * ADD_BURST;
    const text = article('Kessin Ferry Rota Agreed', 'First words.');
    const preview = await messageOf(await send(command('add', attach('rota.txt', text), MANAGE)));
    const [add = ''] = customIds(preview);
    expect((await messageOf(await send(press(add, MANAGE)))).content).toMatch(/^Added /);
    const revision = await library.store.revision();

    const again = await messageOf(await send(command('add', attach('rota-copy.txt', text), MANAGE)));
    expect(again.content).toMatch(/^Not added: this is the same text as “Kessin Ferry Rota Agreed” \([a-z0-9-]+\), added already\.$/);
    expect(customIds(again)).toEqual([]);
    const retold = await messageOf(await send(command('add', attach('rota-2.txt', article('Kessin Ferry Rota Agreed', 'Else.')), MANAGE)));
    const warnings = retold.embeds[0]?.fields?.find((f) => f.name === 'Warnings')?.value ?? '';
    expect(warnings).toMatch(/same title as [a-z0-9-]+ \(“Kessin Ferry Rota Agreed”\): is it the same article\?/);
    expect(await library.store.revision()).toBe(revision);
  }, 30_000);
});

describe('hostile text in the bot’s messages', () => {
  const TITLE = '**Bold** claims @everyone <@123456789012345678> <@&987654321098765432> [tap](https://evil.example/)';
  const BODY = 'She wrote <script>document.title = "owned"</script> and [a link](javascript:alert(1)) and __underlined__ text.';

  it('pings nobody and shows markup as the text it is: the preview, the Added line and the announcement', async () => {
    clock += ADD_REFILL_MS * ADD_BURST;
    const preview = await messageOf(await send(command('add', attach('hostile.txt', article(TITLE, BODY)), MANAGE)));
    expect(preview.allowed_mentions).toEqual({ parse: [] });
    const embed = preview.embeds[0];
    if (!embed) throw new Error('no preview embed');
    // Escaped: Discord shows the asterisks, brackets and underscores instead of bold, links and underlines.
    // Mentions defused too (a zero-width space after @ and <), though embeds never ping and allowed_mentions is empty.
    expect(embed.title).toContain('\\*\\*Bold\\*\\* claims @\u200beveryone <\u200b@123456789012345678> <\u200b@&987654321098765432>');
    expect(embed.title).toContain('\\[tap](https://evil.example/)');
    // Discord links only http(s) targets: a javascript: one shows as the text it is.
    expect(embed.description).toContain('[a link](javascript:alert(1))');
    expect(embed.description).toContain('\\_\\_underlined\\_\\_');
    expect(embed.description).toContain('<script>document.title = "owned"</script>');
    for (const shown of [embed.title, embed.description, ...(embed.fields ?? []).map((f) => f.value)]) {
      expect(shown).not.toMatch(/(?<!\\)\*\*Bold|(?<!\\)\[tap\]\(|@everyone|<@&?\d/);
    }

    posted.length = 0;
    const [add = ''] = customIds(preview);
    const done = await messageOf(await send(press(add, MANAGE)));
    expect(done.content).toMatch(/^Added \*\*\\\*\\\*Bold\\\*\\\* claims @\u200beveryone <\u200b@123456789012345678>/);
    expect(done.allowed_mentions).toEqual({ parse: [] });
    expect(posted).toHaveLength(1);
    expect(posted[0]?.channel).toBe(ANNOUNCE);
    expect(posted[0]?.message.allowed_mentions).toEqual({ parse: [] });
    expect(posted[0]?.message.content).toContain('\\*\\*Bold\\*\\* claims @\u200beveryone');
  }, 30_000);

  it('shows a Latin-1 file’s encoding warning in the preview', async () => {
    clock += ADD_REFILL_MS;
    const latin1 = Buffer.from(article('Caf\xe9 Talks in Gen\xe8ve', 'The d\xe9l\xe9gations met in a caf\xe9.').toString(), 'latin1');
    const preview = await messageOf(await send(command('add', attach('cafe.txt', latin1), MANAGE)));
    expect(preview.embeds[0]?.title).toContain('Café Talks in Genève');
    const warnings = preview.embeds[0]?.fields?.find((f) => f.name === 'Warnings')?.value ?? '';
    expect(warnings).toMatch(/not valid UTF-8: read as Windows-1252 \(Latin-1\)/);
  });
});
