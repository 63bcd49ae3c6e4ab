/**
 * `/library`: moderators grow the library from Discord. `add` reads an attached file or a web page into a
 * private preview (Add, Edit details, Cancel; nothing stored before Add); `list` shows every source and where it
 * came from; `remove` hides one (after a confirm); `edit` corrects a source's details in a form. Registered for
 * Manage Server, and checked again on every interaction: a server owner can grant the command to anyone.
 */
import { randomUUID } from 'node:crypto';
import {
  ApplicationCommandOptionType as T,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { defineButton, defineModal, type Owner } from '../../src/interactions/buttons.js';
import { clamp, notice, NO_MENTIONS, reply, update, type DiscordMessage } from '../../src/interactions/message.js';
import { readArgs } from '../../src/interactions/options.js';
import type { BotContext, CommandModule, Reply, SubcommandDefinition, SubcommandModule } from '../../src/interactions/types.js';
import { DRAFT_TTL_MS, type LibraryDesk, type PendingDraft } from '../../src/library/desk.js';
import { isIngestError } from '../../src/library/ingest/errors.js';
import { addDraft, editSource, LibraryRefusal, listLibrary, previewDraft, removeSource, type Details } from '../../src/library/manage.js';
import { EMPTY_STATE } from '../../src/library/store.js';
import { actorOf, canManage, deskOf, REFUSED } from './moderators.js';
import { confirm } from './confirm.js';
import { confirmations } from './confirmations.js';
import { report } from './report.js';
import { autocompleteChoices, detailsModal, libraryListMessage, libraryPreviewMessage, safeText } from '../../src/render/discord.js';

/** The largest file read, as for seeds. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A refusal or a page that would not come, as the moderator reads it; anything else is a bug, thrown on. */
function why(err: unknown): string {
  if (err instanceof LibraryRefusal || isIngestError(err)) return `Not added: ${safeText(err.message)}.`;
  throw err;
}

const draftArg = z.object({ draft: z.string().regex(/^[0-9a-f-]{36}$/) });
const sourceArg = z.object({
  source: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80),
});

async function previewOf(ctx: BotContext, desk: LibraryDesk, pending: PendingDraft, by: string): Promise<ReturnType<typeof previewDraft>> {
  return previewDraft(pending.draft, ctx.corpus, await desk.store.state(), pending.details, by);
}

function previewMessage(preview: ReturnType<typeof previewDraft>, owner: Owner, key: string, content?: string): DiscordMessage {
  return libraryPreviewMessage(
    preview,
    {
      add: addButton.id(owner, { draft: key }),
      edit: editButton.id(owner, { draft: key }),
      cancel: cancelButton.id(owner, { draft: key }),
    },
    content,
  );
}

const STALE_DRAFT = 'This preview has expired (after 15 minutes). Run `/library add` again.';

const addButton = defineButton({
  prefix: 'library:add',
  args: draftArg,
  who: 'asker',
  verb: 'add',
  stale: STALE_DRAFT,
  async handle(input, { draft: key }, _owner, ctx): Promise<Reply> {
    if (!canManage(input.memberPermissions)) return notice(REFUSED);
    const desk = deskOf(ctx);
    if (typeof desk === 'string') return notice(desk);
    const pending = await desk.drafts.get(key, ctx.now());
    if (!pending) return notice(STALE_DRAFT);
    return {
      type: 'later',
      update: true,
      ephemeral: true,
      message: async () => {
        let preview;
        try {
          preview = await previewOf(ctx, desk, pending, actorOf(input).name);
        } catch (err) {
          return done(why(err));
        }
        const outcome = await addDraft(desk.store, pending.draft, preview, pending.origin, actorOf(input), ctx.now());
        if (!outcome.ok) {
          const existing = safeText(outcome.existing);
          return done(
            outcome.problem === 'same-text'
              ? `Not added: the same text is in the library as \`${existing}\`.`
              : `Not added: the id \`${existing}\` is taken.`,
          );
        }
        await desk.drafts.set(key, pending, ctx.now(), ctx.now());
        await desk.refresh();
        const added = `Added **${safeText(clamp(preview.meta.title, 200))}** as \`${preview.meta.id}\`: \`/talks\` answers from it now.`;
        if (desk.announceChannelId) {
          await ctx.post(desk.announceChannelId, {
            content: clamp(
              `📚 New in the library: **${safeText(preview.meta.title)}** (\`${preview.meta.id}\`), ` +
                `added by ${safeText(actorOf(input).name)}.`,
              2000,
            ),
            embeds: [],
            components: [],
            allowed_mentions: NO_MENTIONS,
          });
        }
        return done(added);
      },
    };
  },
});

/** The preview message replaced by one line: what happened. */
function done(text: string): DiscordMessage {
  return { content: clamp(text, 2000), embeds: [], components: [], allowed_mentions: NO_MENTIONS };
}

const editButton = defineButton({
  prefix: 'library:edit',
  args: draftArg,
  who: 'asker',
  verb: 'edit',
  stale: STALE_DRAFT,
  async handle(input, { draft: key }, owner, ctx): Promise<Reply> {
    if (!canManage(input.memberPermissions)) return notice(REFUSED);
    const desk = deskOf(ctx);
    if (typeof desk === 'string') return notice(desk);
    const pending = await desk.drafts.get(key, ctx.now());
    if (!pending) return notice(STALE_DRAFT);
    const d = pending.draft;
    const values = {
      title: pending.details.title ?? d.title ?? '',
      authors: pending.details.authors ?? d.authors.join(', '),
      outlet: pending.details.outlet ?? d.outlet ?? '',
      date: pending.details.date ?? d.date?.value ?? '',
      url: pending.details.url ?? d.url ?? '',
    };
    return { type: 'modal', modal: detailsModal(draftDetails.id(owner, { draft: key }), 'Details of the article', values) };
  },
});

const detailFields = (fields: Readonly<Record<string, string>>): Details => ({
  ...(fields.title !== undefined ? { title: fields.title } : {}),
  ...(fields.authors !== undefined ? { authors: fields.authors } : {}),
  ...(fields.outlet !== undefined ? { outlet: fields.outlet } : {}),
  ...(fields.date ? { date: fields.date } : {}),
  ...(fields.url !== undefined ? { url: fields.url } : {}),
});

const draftDetails = defineModal({
  prefix: 'library:details',
  args: draftArg,
  who: 'asker',
  verb: 'edit',
  stale: STALE_DRAFT,
  async handle(input, { draft: key }, owner, ctx): Promise<Reply> {
    if (!canManage(input.memberPermissions)) return notice(REFUSED);
    const desk = deskOf(ctx);
    if (typeof desk === 'string') return notice(desk);
    const pending = await desk.drafts.get(key, ctx.now());
    if (!pending) return notice(STALE_DRAFT);
    const next = { ...pending, details: detailFields(input.fields) };
    let preview;
    try {
      preview = await previewOf(ctx, desk, next, actorOf(input).name);
    } catch (err) {
      return notice(why(err).replace(/^Not added: /, 'Those details do not work: '));
    }
    await desk.drafts.set(key, next, ctx.now() + DRAFT_TTL_MS, ctx.now());
    return update(previewMessage(preview, owner, key, 'Preview, with your details. Nothing is added until you press Add.'));
  },
});

const cancelButton = defineButton({
  prefix: 'library:cancel',
  args: draftArg,
  who: 'asker',
  verb: 'cancel',
  stale: STALE_DRAFT,
  async handle(_input, { draft: key }, _owner, ctx): Promise<Reply> {
    const desk = deskOf(ctx);
    if (typeof desk !== 'string') {
      const pending = await desk.drafts.get(key, ctx.now());
      if (pending) await desk.drafts.set(key, pending, ctx.now(), ctx.now());
    }
    return update(done('Cancelled: nothing was added.'));
  },
});

const add: SubcommandModule = (() => {
  const definition = {
    type: T.Subcommand,
    name: 'add',
    description: 'Moderators: add an article from a file or its web page, previewed first',
    options: [
      { type: T.Attachment, name: 'file', description: 'The article: a .txt, .md or .html file (up to 2 MB)' },
      { type: T.String, name: 'url', description: 'Or the address of its web page', max_length: 500 },
    ],
  } as const satisfies SubcommandDefinition;
  return {
    definition,
    help: '(moderators) add an article from a file or a web page: previewed, then Add.',
    async execute(input, ctx): Promise<Reply> {
      if (!canManage(input.memberPermissions)) return notice(REFUSED);
      const desk = deskOf(ctx);
      if (typeof desk === 'string') return notice(desk);
      const args = readArgs(input.options, definition.options);
      if ((args.file === undefined) === (args.url === undefined)) return notice('Give the article as a `file` or a `url` (one of them).');
      if (args.file && args.file.size > MAX_FILE_BYTES)
        return notice(`Not added: the file is over 2 MB (${Math.ceil(args.file.size / 1024)} KB).`);
      const wait = await desk.takeAdd(input.userId, ctx.now());
      if (wait > 0) return notice(`That is a lot of articles at once: try again in ${Math.ceil(wait / 1000)} s.`);
      const owner = { userId: input.userId, issuedAt: ctx.now() };
      const { file, url } = args;
      return {
        type: 'later',
        update: false,
        ephemeral: true,
        message: async () => {
          const { draftFromAttachment, draftFromUrl } = await import('../../src/library/ingest/index.js');
          let pending: PendingDraft;
          let preview;
          try {
            const draft = file
              ? await draftFromAttachment({ url: file.url, fileName: file.filename, contentType: file.contentType ?? null }, desk.fetch)
              : await draftFromUrl(url as string, desk.fetch);
            pending = {
              draft,
              details: {},
              origin: file ? { kind: 'attachment', ref: file.filename } : { kind: 'url', ref: url as string },
              userId: input.userId,
            };
            preview = await previewOf(ctx, desk, pending, actorOf(input).name);
          } catch (err) {
            return done(why(err));
          }
          const key = randomUUID();
          await desk.drafts.set(key, pending, ctx.now() + DRAFT_TTL_MS, ctx.now());
          return previewMessage(preview, owner, key);
        },
      };
    },
    buttons: [addButton, editButton, cancelButton],
    modals: [draftDetails],
  };
})();

const list: SubcommandModule = {
  definition: { type: T.Subcommand, name: 'list', description: 'Every source in the library, and where it came from', options: [] },
  help: 'every source, and where it came from.',
  // Costs a listing, not a rebuild: no cooldown.
  cooldown: false,
  async execute(_input, ctx): Promise<Reply> {
    const desk = ctx.library;
    const state = desk ? await desk.store.state() : EMPTY_STATE;
    return reply(libraryListMessage(listLibrary(ctx.corpus, state), true));
  },
};

function sourceChoices(ctx: BotContext, typed: string): Reply {
  const needle = typed.slice(0, 100).toLowerCase();
  const matches = [...ctx.corpus.index.sources.values()].filter(
    (s) => !needle || s.meta.id.includes(needle) || s.meta.title.toLowerCase().includes(needle),
  );
  return {
    type: 'choices',
    choices: autocompleteChoices(matches.map((s) => ({ name: `${s.meta.title} (${s.meta.id})`, value: s.meta.id }))),
  };
}

/** The source `remove` and `edit` act on, picked from the library (autocomplete). */
const SOURCE_OPTION = {
  type: T.String,
  name: 'source',
  description: 'The source',
  required: true,
  autocomplete: true,
  max_length: 100,
} as const;

function noSuchSource(typed: string): Reply {
  return notice(`There is no source “${safeText(clamp(typed, 100))}” in the library.`);
}

const confirmRemove = defineButton({
  prefix: 'library:remove',
  args: sourceArg,
  who: 'asker',
  verb: 'remove from',
  stale: 'This confirmation no longer works. Run `/library remove` again.',
  handle(input, { source }, _owner, ctx): Reply {
    if (!canManage(input.memberPermissions)) return notice(REFUSED);
    const desk = deskOf(ctx);
    if (typeof desk === 'string') return notice(desk);
    return {
      type: 'later',
      update: true,
      ephemeral: true,
      message: async () => {
        try {
          const meta = await removeSource(desk.store, ctx.corpus, source, actorOf(input), ctx.now());
          await desk.refresh();
          return done(`Removed **${safeText(meta.title)}** (\`${meta.id}\`) from answers and pages.`);
        } catch (err) {
          if (err instanceof LibraryRefusal) return done(`Not removed: ${safeText(err.message)}.`);
          throw err;
        }
      },
    };
  },
});

const remove: SubcommandModule = (() => {
  const definition = {
    type: T.Subcommand,
    name: 'remove',
    description: 'Moderators: hide a source from answers and pages',
    options: [SOURCE_OPTION],
  } as const satisfies SubcommandDefinition;
  return {
    definition,
    help: '(moderators) hide a source from answers and pages, after a confirm.',
    cooldown: false,
    execute(input, ctx): Reply {
      if (!canManage(input.memberPermissions)) return notice(REFUSED);
      const args = readArgs(input.options, definition.options);
      const source = ctx.corpus.index.sources.get(args.source);
      if (!source) return noSuchSource(args.source);
      const owner = { userId: input.userId, issuedAt: ctx.now() };
      return reply({
        content:
          `Remove **${safeText(source.meta.title)}** (\`${source.meta.id}\`) from answers and pages? ` +
          'Its file, if a seed, stays on disk.',
        embeds: [],
        components: [
          {
            type: 1,
            components: [{ type: 2, style: 4, label: 'Remove', custom_id: confirmRemove.id(owner, { source: source.meta.id }) }],
          },
        ],
        allowed_mentions: NO_MENTIONS,
        flags: 64,
      });
    },
    autocomplete: (input, ctx) => sourceChoices(ctx, input.focused.value),
    buttons: [confirmRemove],
  };
})();

const sourceDetails = defineModal({
  prefix: 'library:correct',
  args: sourceArg,
  who: 'asker',
  verb: 'edit',
  stale: 'This form no longer works. Run `/library edit` again.',
  async handle(input, { source }, _owner, ctx): Promise<Reply> {
    if (!canManage(input.memberPermissions)) return notice(REFUSED);
    const desk = deskOf(ctx);
    if (typeof desk === 'string') return notice(desk);
    try {
      const meta = await editSource(desk.store, ctx.corpus, source, detailFields(input.fields), actorOf(input), ctx.now());
      await desk.refresh();
      return notice(`Corrected **${safeText(meta.title)}** (\`${meta.id}\`).`);
    } catch (err) {
      if (err instanceof LibraryRefusal) return notice(`Not changed: ${safeText(err.message)}.`);
      throw err;
    }
  },
});

const edit: SubcommandModule = (() => {
  const definition = {
    type: T.Subcommand,
    name: 'edit',
    description: "Moderators: correct a source's title, authors, outlet, date or URL",
    options: [SOURCE_OPTION],
  } as const satisfies SubcommandDefinition;
  return {
    definition,
    help: "(moderators) correct a source's details in a form.",
    cooldown: false,
    execute(input, ctx): Reply {
      if (!canManage(input.memberPermissions)) return notice(REFUSED);
      const args = readArgs(input.options, definition.options);
      const source = ctx.corpus.index.sources.get(args.source);
      if (!source) return noSuchSource(args.source);
      const m = source.meta;
      const owner = { userId: input.userId, issuedAt: ctx.now() };
      return {
        type: 'modal',
        modal: detailsModal(sourceDetails.id(owner, { source: m.id }), 'Correct the details', {
          title: m.title,
          authors: m.authors.join(', '),
          outlet: m.publication ?? '',
          date: m.date?.value ?? '',
          url: m.url ?? '',
        }),
      };
    },
    autocomplete: (input, ctx) => sourceChoices(ctx, input.focused.value),
    modals: [sourceDetails],
  };
})();

export const library = {
  definition: {
    name: 'library',
    description: 'The articles the bot answers from: add, list, remove, correct',
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    options: [
      add.definition,
      list.definition,
      remove.definition,
      edit.definition,
      confirm.definition,
      confirmations.definition,
      report.definition,
    ],
  },
  subcommands: [add, list, remove, edit, confirm, confirmations, report],
} as const satisfies CommandModule;
