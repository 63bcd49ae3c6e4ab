/**
 * The offline playground (`npm start` without a token): the real bot, logged in to a local Discord
 * emulator on 127.0.0.1, and a terminal standing in for the Discord app. Type `/talks search ceasefire`,
 * see the reply drawn as Discord would show it, press its buttons by number, fill in its forms a field a
 * line. `/library add file:<path>` attaches a local file as Discord would (the emulator's CDN serves it to the
 * bot); what is added is kept under DATA_DIR, as the bot keeps it. Nothing leaves the machine.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { styleText } from 'node:util';
import {
  DiscordEmulator,
  emulatorClientOptions,
  snowflake,
  type RecordedMessage,
  type RecordedRequest,
} from '@peace-talks/discord-emulator';
import {
  ApplicationCommandOptionType,
  InteractionResponseType,
  PermissionFlagsBits,
  type APIApplicationCommandInteractionDataOption,
} from 'discord-api-types/v10';
import { COMMANDS } from '../../commands/index.js';
import type { CliIO } from '../cli/command.js';
import { EXAMPLE_QUESTIONS } from '../core/examples.js';
import { openFeedback } from '../feedback/feedback.js';
import { openBotLibrary, type BotLibrary } from '../library/bot-library.js';
import { DEFAULT_DATA_DIR } from '../library/open.js';
import { deployCommands } from '../discord/deploy.js';
import { answerOf, CANCEL_FORM, fieldProblem, fieldPrompt, FORM_HINT, readForm } from './form.js';
import { parsePlaygroundLine, type PlaygroundOption } from './parse.js';
import { startBot } from '../discord/run.js';
import { createLogger } from '../runtime/logger.js';
import { DEFAULT_SEEDS_DIR } from '../runtime/paths.js';
import { renderDiscordMessage, type PressableButton } from '../render/discord-terminal.js';
import { detectStyle } from '../render/terminal.js';
import { buildSite } from '../site/build.js';
import { startReaderServer } from '../site/serve.js';
import { ConfigError, readFeedbackConfig, readReaderUrl } from '../runtime/config.js';

const HELP = `Type what you would type in Discord:
  /talks search ceasefire                 cited excerpts (or just type a question)
  /talks timeline topic:grain deal from:2022
  /talks summary topic:mediation          (you are a moderator here) preview, drop or add quotes, then Post
  /talks sources    /talks help
  /find <some message text>               the "Find sources" menu on a message
  /library add file:notes/article.md      attach a local .txt, .md or .html file: a preview, then Add
  /library add url:https://example.org/…  or read an article's web page
  /library list                           every source, and where it came from
  /library remove source:<id>             hide a source from answers (after a confirm)
  /library edit source:<id>               correct a source's details in a form
  /confirm                                the "Confirm passage" menu on the last answer: pick the passage that answers it
  /library confirmations                  the confirmed answers (remove:<id> withdraws one)
  3                                       press button [3] of the last reply, or choose option [3] of its menu
  (a form)                                one field a line: Enter keeps the value in [brackets], - empties it,
                                          ${CANCEL_FORM} closes it without sending
  :quit                                   leave (Ctrl-D too)`;

/** How long to wait for the bot's answer to one interaction (its callback). */
const REPLY_TIMEOUT_MS = 5000;
/** How long a deferred answer may take: reading a page or a file (a 10 s fetch, then the extraction) and rebuilding. */
const DEFERRED_TIMEOUT_MS = 30_000;
/** The largest file the playground attaches: Discord's upload limit (the bot itself takes 2 MB at most). */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The permissions of the person at the playground: a moderator (Manage Messages for summaries, Manage Server for /library). */
const MODERATOR_PERMISSIONS =
  PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageMessages | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel;

/** Log lines for a person: a seed file's warning as "warning: <file>: <message>", anything else as pino wrote it. */
function readableLog(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done): void {
      const line = String(chunk);
      try {
        const entry = JSON.parse(line) as { level?: number; file?: unknown; msg?: unknown };
        if (entry.level === 40 && typeof entry.file === 'string' && typeof entry.msg === 'string') {
          out.write(`warning: ${entry.file}: ${entry.msg}\n`);
          return done();
        }
      } catch {
        // not one JSON line: passed on as it is
      }
      out.write(line);
      done();
    },
  });
}

/** A path as typed: `~/` is the home folder; anything else is relative to where the playground runs. */
function localPath(typed: string): string {
  return resolve(typed.startsWith('~/') ? `${homedir()}${typed.slice(1)}` : typed);
}

/** Discord's error answer in one line: its code and message. */
function discordError(request: RecordedRequest): string {
  const body = request.response as { code?: unknown; message?: unknown } | null;
  const code = body && typeof body.code === 'number' ? ` ${body.code}` : '';
  const message = body && typeof body.message === 'string' ? ` ${body.message}` : '';
  return `${request.status}${code}${message}`;
}

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
  const logger = createLogger({ level: 'warn', destination: readableLog(io.stderr) });
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
  // The library as the bot opens it: the seeds, and what /library changed, kept under DATA_DIR (SQLite). Never
  // Redis here, even with REDIS_URL set: the playground does not change a library other machines answer from.
  // The emulator's CDN is on loopback, so the bot may fetch from private addresses here.
  const dataDir = resolve(io.env.DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  let library: BotLibrary;
  try {
    library = await openBotLibrary({ seedsDir: io.env.TALKS_SEEDS_DIR ?? DEFAULT_SEEDS_DIR, dataDir, logger, allowPrivate: true });
  } catch (err) {
    io.stderr.write(`playground: cannot open the library store in ${dataDir}: ${err instanceof Error ? err.message : String(err)}\n`);
    rl.close();
    return 1;
  }
  // Votes and the report, as the bot keeps them: DATA_DIR/feedback.sqlite (FEEDBACK=off: none).
  let feedback;
  try {
    feedback = await openFeedback({
      dataDir,
      enabled: io.env.FEEDBACK?.trim() !== 'off',
      retentionDays: readFeedbackConfig({ FEEDBACK_RETENTION_DAYS: io.env.FEEDBACK_RETENTION_DAYS }).FEEDBACK_RETENTION_DAYS,
      logger,
    });
  } catch (err) {
    io.stderr.write(`playground: cannot open feedback in ${dataDir}: ${err instanceof Error ? err.message : String(err)}\n`);
    await library.close();
    rl.close();
    return 1;
  }
  const { corpus } = library;
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
    library: library.desk,
    ...(feedback ? { feedback } : {}),
    ...(readerUrl ? { readerUrl } : {}),
  });
  // An article added, removed or corrected (here, or by `talks library` on this DATA_DIR) is answered from at
  // once, and its reader page served.
  await library.follow((next) => {
    bot.setCorpus(next);
    reader?.update(buildSite(next));
  });
  const channels = emulator.guilds.flatMap((g) => g.channels);
  const channelName = (id: string): string | undefined => channels.find((c) => c.id === id)?.name;

  io.stdout.write(
    `Peace Talks Bot — offline playground. The real bot is connected to a local Discord emulator\n` +
      `(${corpus.index.sources.size} articles, ${corpus.index.passageCount} passages). ` +
      `You are a moderator in #${channels[0]?.name ?? 'general'}.\n` +
      `Citations link to the reader pages at ${readerUrl ?? ''}\n` +
      `Articles added with /library are kept in ${library.store.where}\n\n${HELP}\n\n` +
      `Try: /talks search ${EXAMPLE_QUESTIONS[0] ?? 'ceasefire'}\n\n`,
  );

  let buttons: PressableButton[] = [];
  let lastMessage: RecordedMessage | null = null;
  const moderator = { memberPermissions: String(MODERATOR_PERMISSIONS) };
  const dim = (text: string): string => (style.color ? styleText('dim', text) : text);

  // A summary posted to a channel shows up there too.
  const posted: RecordedMessage[] = [];
  emulator.onMessage((m, change) => {
    if (change === 'create' && m.kind === 'channel') posted.push(m);
  });

  /** The next line typed, or null when input ends. */
  let ended = false;
  const nextLine = async (): Promise<string | null> => {
    if (ended) return null;
    const next = await lines.next();
    if (next.done) ended = true;
    return next.done ? null : next.value;
  };

  /** Asks one question on its own line; piped input is echoed after it, as a terminal would show it. */
  const ask = async (prompt: string): Promise<string | null> => {
    if (interactive) {
      rl.setPrompt(prompt);
      rl.prompt();
    } else io.stdout.write(prompt);
    const line = await nextLine();
    if (interactive) rl.setPrompt('you> ');
    else io.stdout.write(`${line ?? ''}\n`);
    return line;
  };

  /** A form the bot showed (a modal): drawn, asked a field a line, then submitted as Discord would. */
  const fillForm = async (shownBy: string, data: unknown): Promise<void> => {
    const { form, unsupported } = readForm(data);
    io.stdout.write(`${dim('(a form: only you can see it)')}\n┌ ${style.color ? styleText('bold', form.title) : form.title}\n`);
    for (const note of form.notes) io.stdout.write(`│ ${note}\n`);
    if (unsupported.length > 0) io.stdout.write(`│ (the playground cannot fill in: ${unsupported.join(', ')}; they are sent as shown)\n`);
    io.stdout.write(`│ ${dim(FORM_HINT)}\n`);
    const values: Record<string, string> = {};
    for (const field of form.fields) {
      for (;;) {
        const typed = await ask(fieldPrompt(field));
        if (typed === null || typed.trim() === CANCEL_FORM) {
          io.stdout.write('(form closed: nothing was sent)\n');
          return;
        }
        const value = answerOf(field, typed);
        const problem = fieldProblem(field, value);
        if (!problem) {
          values[field.customId] = value;
          break;
        }
        io.stdout.write(`  ${problem}\n`);
      }
    }
    io.stdout.write('└ submitted\n');
    await show((await emulator.modalSubmit(form.customId, values, { from: shownBy })).id);
  };

  /** `fromMenu`: a notice answering a menu's choice leaves the message the menu is on pressable (a refusal changes nothing). */
  const show = async (interactionId: string, fromMenu = false): Promise<void> => {
    const callback = await emulator.waitForResponse(interactionId, (r) => r.path.endsWith('/callback'), REPLY_TIMEOUT_MS);
    if (callback.status >= 400) {
      io.stdout.write(`(Discord refused the bot's answer: ${discordError(callback)})\n`);
      return;
    }
    const type = (callback.body as { type?: unknown } | null)?.type;
    if (type === InteractionResponseType.Modal) return fillForm(interactionId, (callback.body as { data?: unknown }).data);
    // Deferred: "thinking…" (a reply to come) or nothing visible (an update to come), then the edit of @original.
    if (type === InteractionResponseType.DeferredChannelMessageWithSource || type === InteractionResponseType.DeferredMessageUpdate) {
      if (type === InteractionResponseType.DeferredChannelMessageWithSource) io.stdout.write(`${dim('(Peace Talks Bot is thinking…)')}\n`);
      const edit = await emulator
        .waitForResponse(interactionId, (r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'), DEFERRED_TIMEOUT_MS)
        .catch(() => null);
      if (!edit) {
        io.stdout.write(`(the bot did not finish its answer within ${DEFERRED_TIMEOUT_MS / 1000} s)\n`);
        return;
      }
      if (edit.status >= 400) {
        io.stdout.write(`(Discord refused the bot's answer: ${discordError(edit)})\n`);
        return;
      }
    }
    // A reply is a new message; a button's update changes the message it is on.
    const message = emulator.messagesFor(interactionId).at(-1) ?? emulator.originalMessage(interactionId);
    if (!message) {
      io.stdout.write('(the bot did not answer)\n');
      return;
    }
    const posts = posted.splice(0);
    // A summary just posted is drawn once, in its channel, not again under "Posted to #general."
    const sameEmbeds = (m: RecordedMessage): boolean => m.embeds.length > 0 && JSON.stringify(m.embeds) === JSON.stringify(message.embeds);
    const drawn = renderDiscordMessage(posts.some(sameEmbeds) ? { ...message, embeds: [] } : message, style, 1, channelName);
    const notice = message !== lastMessage && drawn.buttons.length === 0;
    if (!(fromMenu && notice)) {
      lastMessage = message;
      buttons = drawn.buttons;
    }
    io.stdout.write(`${drawn.text}\n`);
    // A file the bot attached (the report's CSV) is saved beside the library, where the person can open it.
    for (const file of message.files ?? []) {
      const path = join(dataDir, basename(file.filename));
      await writeFile(path, file.data);
      io.stdout.write(`📎 ${file.filename} (${file.data.length} bytes), saved to ${path}\n`);
    }
    for (const m of posts) {
      io.stdout.write(
        `\n#${channelName(m.channelId) ?? 'channel'} — the bot posted:\n${renderDiscordMessage(m, style, 1, channelName).text}\n`,
      );
    }
  };

  /** A slash command's options as Discord sends them: each file named (type 11) uploaded to the emulator's CDN first. */
  const attach = async (options: PlaygroundOption[]): Promise<APIApplicationCommandInteractionDataOption[]> => {
    const sent: PlaygroundOption[] = [];
    for (const option of options) {
      if (option.type !== ApplicationCommandOptionType.Attachment) {
        sent.push(option);
        continue;
      }
      const path = localPath(String(option.value));
      const size = await stat(path).then(
        (s) => (s.isFile() ? s.size : null),
        () => null,
      );
      if (size === null) {
        const typed = String(option.value);
        throw new Error(`there is no file “${typed}”${path === typed ? '' : ` (${path})`}`);
      }
      if (size > MAX_UPLOAD_BYTES) throw new Error(`“${basename(path)}” is too large to attach: Discord takes files up to 10 MB`);
      // Discord names the attachment's content type from its extension, as the emulator does.
      const file = emulator.addAttachment({ filename: basename(path), bytes: await readFile(path) });
      sent.push({ ...option, value: file.id });
    }
    return sent as APIApplicationCommandInteractionDataOption[];
  };

  rl.setPrompt('you> ');
  if (interactive) rl.prompt();
  try {
    for (let next = first ?? (await lines.next()); !next.done && !ended; next = await lines.next()) {
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
            const options = await attach(action.options);
            const sent = await emulator.slashCommand(
              action.command,
              [
                { type: ApplicationCommandOptionType.Subcommand, name: action.subcommand, options },
              ] as APIApplicationCommandInteractionDataOption[],
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
          case 'confirm': {
            if (!lastMessage) io.stdout.write('Ask a question first: /confirm works on the last answer.\n');
            else await show((await emulator.messageContextMenu('Confirm passage', lastMessage, moderator)).id);
            break;
          }
          case 'press': {
            const target = buttons.find((b) => b.number === action.number);
            if (!target || !lastMessage) io.stdout.write(`There is no button [${action.number}] on the last reply.\n`);
            else if (target.disabled) io.stdout.write(`Button [${action.number}] is disabled.\n`);
            // An option of a menu is chosen in its select, as Discord's client sends it.
            else if (target.choice !== undefined)
              await show((await emulator.select(target.customId, lastMessage, [target.choice], moderator)).id, true);
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
    await library.close();
    await feedback?.close();
    await emulator.stop();
    await reader?.close();
  }
  return 0;
}
