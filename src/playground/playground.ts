/**
 * The offline playground (`npm start` without a token): the real bot, logged in to a local Discord
 * emulator on 127.0.0.1, and a terminal standing in for the Discord app. Type `/talks search ceasefire`,
 * see the reply drawn as Discord would show it, press its buttons by number. Nothing leaves the machine.
 */
import { createInterface } from 'node:readline';
import { DiscordEmulator, emulatorClientOptions, snowflake, type RecordedMessage } from '@peace-talks/discord-emulator';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord-api-types/v10';
import { COMMANDS } from '../../commands/index.js';
import type { CliIO } from '../cli/command.js';
import { EXAMPLE_QUESTIONS } from '../core/examples.js';
import { openCorpus } from '../library/corpus-cache.js';
import { deployCommands } from '../discord/deploy.js';
import { parsePlaygroundLine } from './parse.js';
import { startBot } from '../discord/run.js';
import { createLogger } from '../runtime/logger.js';
import { DEFAULT_SEEDS_DIR } from '../runtime/paths.js';
import { renderDiscordMessage, type PressableButton } from '../render/discord-terminal.js';
import { detectStyle } from '../render/terminal.js';
import { buildSite } from '../site/build.js';
import { startReaderServer } from '../site/serve.js';
import { ConfigError, readReaderUrl } from '../runtime/config.js';

const HELP = `Type what you would type in Discord:
  /talks search ceasefire                 cited excerpts (or just type a question)
  /talks timeline topic:grain deal from:2022
  /talks summary topic:mediation          (you are a moderator here) preview, then press Post
  /talks sources    /talks help
  /find <some message text>               the "Find sources" menu on a message
  3                                       press button [3] of the last reply
  :quit                                   leave (Ctrl-D too)`;

/** How long to wait for the bot's reply to one interaction. */
const REPLY_TIMEOUT_MS = 5000;

/** 0 when the person leaves; 1, silently, with no terminal and no command before stdin ends (a deployment without a token). */
export async function runPlayground(io: CliIO): Promise<number> {
  const style = detectStyle(io.stdout, io.env);
  const interactive = Boolean((io.stdin as NodeJS.ReadStream).isTTY);
  const rl = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive });
  const lines = rl[Symbol.asyncIterator]();
  let first: IteratorResult<string> | null = null;
  while (!interactive && !first?.done && !parsePlaygroundLine(first?.value ?? '')) first = await lines.next();
  if (first?.done) {
    rl.close();
    return 1;
  }
  const logger = createLogger({ level: 'warn', destination: io.stderr });
  const { corpus, warnings } = await openCorpus(io.env.TALKS_SEEDS_DIR ?? DEFAULT_SEEDS_DIR);
  for (const w of warnings) io.stderr.write(`warning: ${w.file}: ${w.message}\n`);
  // Citations link to PUBLIC_READER_URL when it is set; else to the reader pages served here, on loopback.
  let configured: string | undefined;
  try {
    configured = readReaderUrl(io.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`config: ${err.message}\n`);
    rl.close();
    return 1;
  }
  const reader = configured ? null : await startReaderServer(buildSite(corpus));
  const readerUrl = configured ?? reader?.url;

  const emulator = new DiscordEmulator();
  const { apiUrl } = await emulator.start(0);
  const token = 'playground-token.not-a-secret.offline-emulator-only';
  await deployCommands({ commands: COMMANDS, token, applicationId: emulator.applicationId, api: apiUrl });
  // No cooldown: the only user here is the person at the terminal.
  const bot = await startBot({
    commands: COMMANDS,
    token,
    corpus,
    logger,
    client: emulatorClientOptions(apiUrl),
    cooldown: null,
    ...(readerUrl ? { readerUrl } : {}),
  });
  const channels = emulator.guilds.flatMap((g) => g.channels);
  const channelName = (id: string): string | undefined => channels.find((c) => c.id === id)?.name;

  io.stdout.write(
    `Peace Talks Bot — offline playground. The real bot is connected to a local Discord emulator\n` +
      `(${corpus.index.sources.size} articles, ${corpus.index.passageCount} passages). ` +
      `You are a moderator in #${channels[0]?.name ?? 'general'}.\n` +
      `Citations link to the reader pages at ${readerUrl ?? ''}\n\n${HELP}\n\n` +
      `Try: /talks search ${EXAMPLE_QUESTIONS[0] ?? 'ceasefire'}\n\n`,
  );

  let buttons: PressableButton[] = [];
  let lastMessage: RecordedMessage | null = null;
  const moderator = {
    memberPermissions: String(PermissionFlagsBits.ManageMessages | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel),
  };

  // A summary posted to a channel shows up there too.
  const posted: RecordedMessage[] = [];
  emulator.onMessage((m, change) => {
    if (change === 'create' && m.kind === 'channel') posted.push(m);
  });

  const show = async (interactionId: string): Promise<void> => {
    await emulator.waitForResponse(interactionId, () => true, REPLY_TIMEOUT_MS);
    // A reply is a new message; a button's update changes the message it is on.
    const message = emulator.messagesFor(interactionId).at(-1) ?? emulator.originalMessage(interactionId);
    if (!message) {
      io.stdout.write('(the bot did not answer)\n');
      return;
    }
    lastMessage = message;
    const posts = posted.splice(0);
    // A summary just posted is drawn once, in its channel, not again under "Posted to #general."
    const sameEmbeds = (m: RecordedMessage): boolean => m.embeds.length > 0 && JSON.stringify(m.embeds) === JSON.stringify(message.embeds);
    const drawn = renderDiscordMessage(posts.some(sameEmbeds) ? { ...message, embeds: [] } : message, style, 1, channelName);
    buttons = drawn.buttons;
    io.stdout.write(`${drawn.text}\n`);
    for (const m of posts) {
      io.stdout.write(
        `\n#${channelName(m.channelId) ?? 'channel'} — the bot posted:\n${renderDiscordMessage(m, style, 1, channelName).text}\n`,
      );
    }
  };

  rl.setPrompt('you> ');
  if (interactive) rl.prompt();
  try {
    for (let next = first ?? (await lines.next()); !next.done; next = await lines.next()) {
      const line = next.value;
      const action = parsePlaygroundLine(line);
      if (!interactive && action) io.stdout.write(`you> ${line.trim()}\n`);
      if (!action) {
        if (interactive) rl.prompt();
        continue;
      }
      if (action.kind === 'quit') break;
      try {
        switch (action.kind) {
          case 'help':
            io.stdout.write(`${HELP}\n`);
            break;
          case 'error':
            io.stdout.write(`${action.message}\n`);
            break;
          case 'slash': {
            const sent = await emulator.slashCommand(
              'talks',
              [{ type: ApplicationCommandOptionType.Subcommand, name: action.subcommand, options: action.options }],
              moderator,
            );
            await show(sent.id);
            break;
          }
          case 'find': {
            const sent = await emulator.messageContextMenu('Find sources', { id: snowflake(), content: action.text }, moderator);
            await show(sent.id);
            break;
          }
          case 'press': {
            const target = buttons.find((b) => b.number === action.number);
            if (!target || !lastMessage) io.stdout.write(`There is no button [${action.number}] on the last reply.\n`);
            else if (target.disabled) io.stdout.write(`Button [${action.number}] is disabled.\n`);
            else await show((await emulator.button(target.customId, lastMessage, moderator)).id);
            break;
          }
        }
      } catch (err) {
        io.stdout.write(`(${err instanceof Error ? err.message : String(err)})\n`);
      }
      io.stdout.write('\n');
      if (interactive) rl.prompt();
    }
  } finally {
    rl.close();
    await bot.stop();
    await emulator.stop();
    await reader?.close();
  }
  return 0;
}
