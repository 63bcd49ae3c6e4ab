/**
 * Moderators grow the library from Discord (issue 23), end to end: the real bot against the emulator, which
 * serves the attachment from its CDN. A moderator adds a file (preview, Edit details, Add), a member's search
 * finds it, a member without Manage Server is refused, a source is removed (confirm) and is gone.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ApplicationCommandOptionType as T, PermissionFlagsBits } from 'discord.js';
import { DiscordEmulator, emulatorClientOptions } from '@peace-talks/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { openBotLibrary, type BotLibrary } from '../../src/library/bot-library.js';
import { startBot, type RunningBot } from '../../src/discord/run.js';
import { createLogger } from '../../src/runtime/logger.js';
import { DEFAULT_SEEDS_DIR } from '../../src/runtime/paths.js';
import { buttonsOf, finalMessage as finalReply, subcommand, type Reply } from '../support/replies.js';
import { suiteDir } from '../support/seeds.js';

const TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.Gabcde.e2e-library-token-not-a-secret-0123456789';
const MOD = { id: '1400000000000000101', username: 'mod' };
const MEMBER = { id: '1400000000000000102', username: 'member' };
const MANAGE = String(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);
const PLAIN = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);

const ARTICLE = [
  'Varna shipping office opens (invented article for testing)',
  '',
  'By Mira Okonjo',
  '',
  'Published 14 February 2026',
  '',
  'VARNA, 14 February 2026 (Invented Wire) — Ukrainian and Russian envoys agreed to open a joint inspection office for grain ' +
    'ships in the Bulgarian port of Varna, Turkish mediators said.',
  '',
  'On 12 February, Turkish mediators met both delegations in Istanbul to settle the last questions about the quinquereme inspection rota.',
  '',
  'The office will clear up to forty ships a week under the quinquereme rota, according to the draft seen by reporters.',
].join('\n');

let emulator: DiscordEmulator;
let bot: RunningBot;
let library: BotLibrary;
let logs = '';
const folders = suiteDir('library-e2e');

const sub = subcommand;
const finalMessage = (interactionId: string): Promise<Reply> => finalReply(emulator, interactionId);

async function searchFor(query: string): Promise<string> {
  const ix = await emulator.slashCommand('talks', sub('search', [{ name: 'query', type: T.String, value: query }]), {
    user: MEMBER,
    memberPermissions: PLAIN,
  });
  return JSON.stringify(await finalMessage(ix.id));
}

beforeAll(async () => {
  emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
  const { apiUrl } = await emulator.start(0);
  const destination = new Writable({
    write(chunk, _enc, cb) {
      logs += String(chunk);
      cb();
    },
  });
  const logger = createLogger({ level: 'info', secrets: [TOKEN], destination });
  // The emulator's CDN is on loopback: this setup allows it, as an operator would only for tests.
  library = await openBotLibrary({
    seedsDir: DEFAULT_SEEDS_DIR,
    dataDir: folders.dir,
    logger,
    allowPrivate: true,
    cacheDir: join(folders.dir, 'cache'),
  });
  bot = await startBot({
    commands: COMMANDS,
    token: TOKEN,
    corpus: library.corpus,
    logger,
    client: emulatorClientOptions(apiUrl),
    library: library.desk,
  });
  await library.follow(bot.setCorpus);
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await library?.close();
  await emulator?.stop();
  folders.remove();
});

describe('/library from Discord', () => {
  it('a moderator adds an attached article: previewed, details edited, added; a member finds it at once', async () => {
    expect(await searchFor('quinquereme rota')).not.toMatch(/varna-office-agreed-2026/);
    const file = emulator.addAttachment({ filename: 'varna.txt', bytes: Buffer.from(ARTICLE), contentType: 'text/plain; charset=utf-8' });
    const ix = await emulator.slashCommand('library', sub('add', [{ name: 'file', type: T.Attachment, value: file.id }]), {
      user: MOD,
      memberPermissions: MANAGE,
    });
    const preview = await finalMessage(ix.id);
    const shown = JSON.stringify(preview);
    expect(shown).toContain('Varna shipping office opens');
    expect(shown).toContain('Mira Okonjo');
    expect(shown).toMatch(/14 Feb 2026 \(dateline\)/);
    expect(shown).toMatch(/\d+ paragraphs, \d+ passages, \d+ dated events/);
    expect(preview.flags).toBe(64);
    const [add, edit] = buttonsOf(preview);
    expect([add?.label, edit?.label]).toEqual(['Add to the library', 'Edit details']);
    // Nothing is stored before Add.
    expect(await library.store.revision()).toBe(0);

    const message = emulator.originalMessage(ix.id);
    if (!message || !edit?.custom_id || !add?.custom_id) throw new Error('no preview message');
    const opened = await emulator.button(edit.custom_id, message, { user: MOD, memberPermissions: MANAGE });
    const form = (await emulator.waitForResponse(opened.id, (r) => r.path.endsWith('/callback'))).body as {
      type: number;
      data: { custom_id: string };
    };
    expect(form.type).toBe(9);
    const submitted = await emulator.modalSubmit(
      form.data.custom_id,
      { title: 'Varna office agreed', authors: 'Mira Okonjo', outlet: 'Invented Wire', date: '2026-02-14', url: '' },
      { user: MOD, memberPermissions: MANAGE },
    );
    const edited = await finalMessage(submitted.id);
    expect(JSON.stringify(edited)).toContain('Varna office agreed');

    const pressed = await emulator.button(add.custom_id, emulator.originalMessage(ix.id) ?? message, {
      user: MOD,
      memberPermissions: MANAGE,
    });
    const done = await finalMessage(pressed.id);
    expect(done.content).toMatch(/^Added \*\*Varna office agreed\*\* as `varna-office-agreed-2026`/);
    expect(await library.store.revision()).toBe(1);
    // The member's next search answers from it.
    expect(await searchFor('quinquereme rota')).toMatch(/varna-office-agreed-2026/);
    const audit = await library.store.audit(5);
    expect(audit[0]).toMatchObject({
      action: 'add',
      sourceId: 'varna-office-agreed-2026',
      actor: { id: MOD.id },
      origin: { kind: 'attachment', ref: 'varna.txt' },
    });
  }, 60_000);

  it('refuses a member without Manage Server, even though Discord showed them the command', async () => {
    const file = emulator.addAttachment({ filename: 'x.txt', bytes: Buffer.from(ARTICLE), contentType: 'text/plain' });
    const ix = await emulator.slashCommand('library', sub('add', [{ name: 'file', type: T.Attachment, value: file.id }]), {
      user: MEMBER,
      memberPermissions: PLAIN,
    });
    expect((await finalMessage(ix.id)).content).toMatch(/^Only moderators with Manage Server/);
  });

  it('says why an expired attachment link, an empty file or a binary cannot be added, and stores nothing', async () => {
    const before = await library.store.revision();
    const expired = emulator.addAttachment({ filename: 'late.txt', bytes: Buffer.from(ARTICLE), contentType: 'text/plain', linkTtlMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    const empty = emulator.addAttachment({ filename: 'empty.txt', bytes: Buffer.alloc(0), contentType: 'text/plain' });
    const image = emulator.addAttachment({
      filename: 'photo.png',
      bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      contentType: 'image/png',
    });
    for (const [file, why] of [
      [expired, /expired|no longer/i],
      [empty, /empty/i],
      [image, /not (a text|an article)|image|binary/i],
    ] as const) {
      const ix = await emulator.slashCommand('library', sub('add', [{ name: 'file', type: T.Attachment, value: file.id }]), {
        user: MOD,
        memberPermissions: MANAGE,
      });
      const m = await finalMessage(ix.id);
      expect(m.content, file.filename).toMatch(/^Not added: /);
      expect(m.content, file.filename).toMatch(why);
    }
    expect(await library.store.revision()).toBe(before);
  }, 30_000);

  it('removes a source after a confirm: it is gone from answers', async () => {
    const ix = await emulator.slashCommand(
      'library',
      sub('remove', [{ name: 'source', type: T.String, value: 'varna-office-agreed-2026' }]),
      { user: MOD, memberPermissions: MANAGE },
    );
    const confirm = await finalMessage(ix.id);
    const [remove] = buttonsOf(confirm);
    const message = emulator.originalMessage(ix.id);
    if (!remove?.custom_id || !message) throw new Error(`no confirm button: ${JSON.stringify(confirm).slice(0, 300)}`);
    const pressed = await emulator.button(remove.custom_id, message, { user: MOD, memberPermissions: MANAGE });
    expect((await finalMessage(pressed.id)).content).toMatch(/^Removed \*\*Varna office agreed\*\*/);
    expect(await searchFor('quinquereme rota')).not.toMatch(/varna-office-agreed-2026/);
    expect(logs).not.toMatch(/"level":50/);
  }, 30_000);
});
