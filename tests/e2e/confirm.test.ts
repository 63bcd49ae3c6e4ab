/**
 * Moderators confirm the passage that answers a question (issue 24), end to end on both stores: the real bot
 * against the emulator. A member asks; a moderator opens Confirm passage on the answer, picks the passage; the next
 * member's question worded alike gets it first, saying a moderator confirmed it — on this instance and, with Redis,
 * on another; a member cannot confirm; the confirmation is listed, withdrawn, and gone.
 */
import { join } from 'node:path';
import { ApplicationCommandOptionType as T, PermissionFlagsBits } from 'discord.js';
import { DiscordEmulator, emulatorClientOptions } from '@peace-talks/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { search } from '../../src/core/search.js';
import { openBotLibrary, type BotLibrary } from '../../src/library/bot-library.js';
import { openFeedback, type Feedback } from '../../src/feedback/feedback.js';
import { startBot, type RunningBot } from '../../src/discord/run.js';
import { createLogger } from '../../src/runtime/logger.js';
import { DEFAULT_SEEDS_DIR } from '../../src/runtime/paths.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';
import { buttonsOf, finalMessage as finalReply, subcommand, type Reply } from '../support/replies.js';
import { suiteDir } from '../support/seeds.js';

const TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.Gabcde.e2e-confirm-token-not-a-secret-0123456789';
const MOD = { id: '1400000000000000201', username: 'mod' };
const MEMBER = { id: '1400000000000000202', username: 'member' };
const NEXT = { id: '1400000000000000203', username: 'next' };
const MANAGE = String(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);
const PLAIN = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);

/** The member's question, the passage a moderator knows answers it, and a later question worded alike. */
const ASKED = 'was the grain deal just for show';
const ANSWER = 'defied the understandable early pessimism';
const LATER = 'Grain deal: just for show?';

type Data = Reply;
const sub = subcommand;

describe.each(['SQLite', 'Redis'] as const)('confirming an answer, on %s', (home) => {
  let emulator: DiscordEmulator;
  let bot: RunningBot;
  let library: BotLibrary;
  let other: BotLibrary | null = null;
  let feedback: Feedback | null = null;
  let redis: RedisServer | null = null;
  const folders = suiteDir(`confirm-e2e-${home}`);

  const finalMessage = (interactionId: string): Promise<Reply> => finalReply(emulator, interactionId);

  async function ask(query: string, user = MEMBER): Promise<{ id: string; message: Data }> {
    const ix = await emulator.slashCommand('talks', sub('search', [{ name: 'query', type: T.String, value: query }]), {
      user,
      memberPermissions: PLAIN,
    });
    return { id: ix.id, message: await finalMessage(ix.id) };
  }

  /** The first quote of an answer: its embed's description. */
  const firstQuote = (m: Data): string => String(m.embeds[0]?.description ?? '');

  /** Ask until the answer shows what `done` looks for (the library rebuilds off the answer path), at most 40 times. */
  async function askUntil(query: string, done: (m: Data) => boolean): Promise<Data> {
    let last: Data | null = null;
    for (let i = 0; i < 40; i++) {
      last = (await ask(`${query}${' '.repeat(i % 2)}`, NEXT)).message;
      if (done(last)) return last;
      await new Promise((r) => setTimeout(r, 250));
    }
    return last as Data;
  }

  beforeAll(async () => {
    emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
    const { apiUrl } = await emulator.start(0);
    const logger = createLogger({ level: 'warn', secrets: [TOKEN] });
    if (home === 'Redis') redis = await startRedisServer();
    const open = (cache: string): Promise<BotLibrary> =>
      openBotLibrary({
        seedsDir: DEFAULT_SEEDS_DIR,
        dataDir: folders.dir,
        logger,
        cacheDir: join(folders.dir, cache),
        ...(redis ? { redisUrl: redis.url } : {}),
      });
    library = await open('cache');
    feedback = await openFeedback({ dataDir: folders.dir, redisUrl: redis?.url, enabled: true, retentionDays: 90, logger });
    bot = await startBot({
      ...(feedback ? { feedback } : {}),
      commands: COMMANDS,
      token: TOKEN,
      corpus: library.corpus,
      logger,
      client: emulatorClientOptions(apiUrl),
      library: library.desk,
    });
    await library.follow(bot.setCorpus);
    // Another instance on the same Redis, answering from its own copy of the library.
    if (redis) {
      other = await open('cache-other');
      await other.follow(() => {});
    }
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await library?.close();
    await feedback?.close();
    await other?.close();
    await emulator?.stop();
    await redis?.stop();
    folders.remove();
  });

  it('a moderator confirms the passage on a member’s answer; the next question worded alike gets it', async () => {
    const asked = await ask(ASKED);
    expect(firstQuote(asked.message)).not.toContain(ANSWER);
    const answer = emulator.originalMessage(asked.id);
    if (!answer) throw new Error('no answer message');

    // A member cannot, even where Discord showed them the menu.
    const refused = await emulator.messageContextMenu('Confirm passage', answer, { user: MEMBER, memberPermissions: PLAIN });
    expect((await finalMessage(refused.id)).content).toMatch(/^Only moderators with Manage Server/);

    const opened = await emulator.messageContextMenu('Confirm passage', answer, { user: MOD, memberPermissions: MANAGE });
    const prompt = await finalMessage(opened.id);
    expect(prompt.flags).toBe(64);
    const listed = String(prompt.embeds[0]?.description ?? '');
    expect(listed).toContain(ASKED);
    // The choices in order, each with its button: the moderator presses the one that holds the answer.
    const choices = listed.split(/\n\n/).filter((block) => /^\*\*\d+\.\*\*/.test(block));
    const at = choices.findIndex((c) => c.includes(ANSWER));
    expect(at).toBeGreaterThanOrEqual(0);
    const button = buttonsOf(prompt)[at];
    expect(button?.label).toBe(`Confirm ${at + 1}`);
    const promptMessage = emulator.originalMessage(opened.id);
    if (!promptMessage || !button?.custom_id) throw new Error('no prompt');

    // Another moderator cannot press this moderator's choice.
    const other2 = await emulator.button(button.custom_id, promptMessage, {
      user: { id: '1400000000000000209', username: 'mod2' },
      memberPermissions: MANAGE,
    });
    expect((await finalMessage(other2.id)).content).toMatch(/^Only the person who asked/);

    // The moderator who lost Manage Server since the prompt was shown is refused when pressing it.
    const demoted = await emulator.button(button.custom_id, promptMessage, { user: MOD, memberPermissions: PLAIN });
    expect((await finalMessage(demoted.id)).content).toMatch(/^Only moderators with Manage Server/);
    expect((await library.store.state()).confirmed).toEqual([]);

    const pressed = await emulator.button(button.custom_id, promptMessage, { user: MOD, memberPermissions: MANAGE });
    expect((await finalMessage(pressed.id)).content).toMatch(/^Confirmed: questions like “was the grain deal just for show” now find /);
    const state = await library.store.state();
    expect(state.confirmed.map((c) => [c.question, c.by.id])).toEqual([[ASKED, MOD.id]]);
    expect((await library.store.audit(1))[0]).toMatchObject({ action: 'confirm', actor: { id: MOD.id }, detail: ASKED });

    // The next member, asking in other words, gets the confirmed passage first, and is told why.
    const later = await askUntil(LATER, (m) => firstQuote(m).includes(ANSWER));
    expect(firstQuote(later)).toContain(ANSWER);
    expect(firstQuote(later)).toContain('Moderators confirmed this passage answers “was the grain deal just for show”');

    // Another instance on the same Redis answers with it too.
    if (other) {
      const instance = other;
      for (let i = 0; i < 40 && !search(instance.corpus.index, LATER).results[0]?.confirmedFor; i++)
        await new Promise((r) => setTimeout(r, 250));
      expect(search(instance.corpus.index, LATER).results[0]?.confirmedFor).toBe(ASKED);
    }
  }, 60_000);

  it('lists the confirmation for moderators, withdraws it, and answers as before', async () => {
    const [confirmation] = (await library.store.state()).confirmed;
    if (!confirmation) throw new Error('nothing confirmed');
    const member = await emulator.slashCommand('library', sub('confirmations'), { user: MEMBER, memberPermissions: PLAIN });
    expect((await finalMessage(member.id)).content).toMatch(/^Only moderators with Manage Server/);
    const list = await emulator.slashCommand('library', sub('confirmations'), { user: MOD, memberPermissions: MANAGE });
    const shown = JSON.stringify(await finalMessage(list.id));
    expect(shown).toContain(ASKED);
    expect(shown).toContain(confirmation.id);

    const remove = await emulator.slashCommand(
      'library',
      sub('confirmations', [{ name: 'remove', type: T.String, value: confirmation.id }]),
      { user: MOD, memberPermissions: MANAGE },
    );
    expect((await finalMessage(remove.id)).content).toMatch(/^Withdrawn: /);
    expect((await library.store.state()).confirmed).toEqual([]);
    const later = await askUntil(LATER, (m) => !firstQuote(m).includes('Moderators confirmed'));
    expect(firstQuote(later)).not.toContain('Moderators confirmed');
  }, 60_000);

  it('keeps a hostile question inert, and refuses a forged choice of a passage that does not exist', async () => {
    const hostile = `@everyone <@${MEMBER.id}> **grain** deal __just__ for \`show\` ${'[x](https://evil.example) '.repeat(8)}`.slice(
      0,
      300,
    );
    const passageId = [...library.corpus.index.passages.values()].find((p) => p.text.includes(ANSWER))?.id ?? '';
    const ix = await emulator.slashCommand(
      'library',
      sub('confirm', [
        { name: 'question', type: T.String, value: hostile },
        { name: 'passage', type: T.String, value: passageId },
      ]),
      { user: MOD, memberPermissions: MANAGE },
    );
    const done = await finalMessage(ix.id);
    expect(done.content).toMatch(/^Confirmed: /);
    expect(done.allowed_mentions).toEqual({ parse: [] });
    expect(done.content).not.toMatch(/@everyone|<@\d+>|\*\*grain\*\*|https:\/\/evil/);
    const [stored] = (await library.store.state()).confirmed;
    expect(stored?.question).not.toMatch(/@everyone|<@/);
    const list = await emulator.slashCommand('library', sub('confirmations'), { user: MOD, memberPermissions: MANAGE });
    const listed = await finalMessage(list.id);
    expect(listed.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(listed.embeds)).not.toMatch(/@everyone|<@\d+>|\*\*grain\*\*/);
    if (stored) await library.store.unconfirm(stored.id, { id: MOD.id, name: MOD.username }, Date.now());

    // A choice no prompt offered: a place past the library's end, with a made-up check.
    const forged = await emulator.button(
      `library:pick:${MOD.id}:${Math.floor(Date.now() / 1000).toString(36)}:99999:deadbeef`,
      { id: '1000000000000000777', embeds: [{ footer: { text: `🔎 ${ASKED}` } }] },
      { user: MOD, memberPermissions: MANAGE },
    );
    expect((await finalMessage(forged.id)).content).toMatch(/^The library changed since these passages were offered/);
    expect((await library.store.state()).confirmed).toEqual([]);
  }, 60_000);

  it('the loop: a member rates an answer Not what I asked, a moderator confirms from the report, the next member is answered', async () => {
    const asked = await ask(ASKED);
    const answer = emulator.originalMessage(asked.id);
    const notAsked = buttonsOf(asked.message).find((b) => b.label === 'Not what I asked');
    if (!answer || !notAsked?.custom_id) throw new Error('no vote buttons on the answer');
    const voted = await emulator.button(notAsked.custom_id, answer, { user: MEMBER, memberPermissions: PLAIN });
    expect((await finalMessage(voted.id)).content).toMatch(/^Thanks!/);

    // The moderator pages the report to the answers rated Not what I asked, and opens the row's Confirm.
    const reported = await emulator.slashCommand('library', sub('report'), { user: MOD, memberPermissions: MANAGE });
    await finalMessage(reported.id);
    let page = emulator.originalMessage(reported.id);
    let row = -1;
    for (let i = 0; i < 12 && page && row < 0; i++) {
      const embed = page.embeds[0];
      const lines = String(embed?.description ?? '').split('\n');
      if (/Rated Not what I asked/.test(embed?.title ?? '')) row = lines.findIndex((l) => l.includes(ASKED));
      if (row >= 0) break;
      const next = buttonsOf(page as unknown as Data).find((b) => b.label === 'Next ▶');
      if (!next?.custom_id) break;
      const paged = await emulator.button(next.custom_id, page, { user: MOD, memberPermissions: MANAGE });
      await finalMessage(paged.id);
      page = emulator.message(page.id) ?? page;
    }
    if (!page || row < 0) throw new Error('the report has no Not what I asked row for the question');
    const confirmRow = buttonsOf(page as unknown as Data).find((b) => b.label === `Confirm ${row + 1}`);
    if (!confirmRow?.custom_id) throw new Error('no Confirm button on the row');
    const opened = await emulator.button(confirmRow.custom_id, page, { user: MOD, memberPermissions: MANAGE });
    const prompt = await finalMessage(opened.id);
    const choices = String(prompt.embeds[0]?.description ?? '')
      .split(/\n\n/)
      .filter((block) => /^\*\*\d+\.\*\*/.test(block));
    const at = choices.findIndex((c) => c.includes(ANSWER));
    const pick = buttonsOf(prompt)[at];
    const promptMessage = emulator.originalMessage(opened.id);
    if (at < 0 || !pick?.custom_id || !promptMessage) throw new Error('the passage is not offered');
    const pressed = await emulator.button(pick.custom_id, promptMessage, { user: MOD, memberPermissions: MANAGE });
    expect((await finalMessage(pressed.id)).content).toMatch(/^Confirmed: /);

    const later = await askUntil(LATER, (m) => firstQuote(m).includes(ANSWER));
    expect(firstQuote(later)).toContain(ANSWER);
    expect(firstQuote(later)).toContain('Moderators confirmed this passage answers');
  }, 90_000);
});
