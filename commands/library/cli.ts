/**
 * `talks library`: the operator's way to grow the library, the same code path as Discord's `/library`
 * (`src/library/manage.ts`): add a file or a page (previewed first with --dry-run), list it, remove or correct a
 * source. Changes go to the store under DATA_DIR (or Redis with REDIS_URL); every running bot answers from them
 * within seconds.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { EXIT, JSON_OPTION, UsageError, type CliCall, type CliCommand, type CliOption } from '../../src/cli/command.js';
import type { Actor, LibraryStore } from '../../src/library/store.js';
import { reportCli } from './report.cli.js';

/** Who acts at the terminal: the operator's account. */
function operator(): Actor {
  let name = 'operator';
  try {
    name = userInfo().username || name;
  } catch {
    // no account name (a container): "operator"
  }
  return { id: `terminal:${name}`, name };
}

const DETAIL_OPTIONS: Readonly<Record<string, CliOption>> = {
  title: { type: 'string', value: 'TEXT', help: 'the title, when the article does not give it (or gives it wrong)' },
  author: { type: 'string', value: 'NAMES', help: 'the authors, comma-separated' },
  outlet: { type: 'string', value: 'NAME', help: 'the publication' },
  date: { type: 'string', value: 'DATE', help: 'the date it was published (2026, 2026-02, 2026-02-14 or "14 February 2026")' },
  url: { type: 'string', value: 'URL', help: "the original's address" },
};

function details(call: CliCall): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [option, field] of [
    ['title', 'title'],
    ['author', 'authors'],
    ['outlet', 'outlet'],
    ['date', 'date'],
    ['url', 'url'],
  ] as const) {
    const value = call.values[option];
    if (typeof value === 'string') out[field] = value;
  }
  return out;
}

/** The operator's one-line refusal for anything the library would not take. */
async function refusing<T>(run: () => Promise<T>): Promise<T> {
  const [{ LibraryRefusal }, { isIngestError }] = await Promise.all([
    import('../../src/library/manage.js'),
    import('../../src/library/ingest/index.js'),
  ]);
  try {
    return await run();
  } catch (err) {
    if (err instanceof LibraryRefusal || isIngestError(err)) throw new UsageError(err.message);
    throw err;
  }
}

async function withStore<T>(call: CliCall, run: (store: LibraryStore) => Promise<T>): Promise<T> {
  const store = await call.store();
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

const add: CliCommand = {
  name: 'add',
  summary: 'add an article (a .txt, .md or .html file, or a page by its URL), previewed first',
  words: { name: 'file-or-url', required: true },
  options: {
    ...DETAIL_OPTIONS,
    'dry-run': { type: 'boolean', help: 'show the preview and add nothing' },
    json: JSON_OPTION('{"preview": {"meta", "dateHow", "paragraphs", "passages", "events", "firstPassage", "warnings"}, "added"?}'),
  },
  details:
    'The article is read as the bot reads it (a page through its address, with a timeout, a 2 MB cap and no private\n' +
    'address), previewed with every warning, and added unless --dry-run. Every running bot answers from it within seconds.',
  examples: ['talks library add report.txt --dry-run', 'talks library add https://example.org/article --date 2026-02-14'],
  async run(call) {
    if (call.words.length !== 1) throw new UsageError('give one file or URL, e.g. talks library add report.txt');
    const target = call.words[0] as string;
    const { draftFromUrl, extractDraft } = await import('../../src/library/ingest/index.js');
    const { addDraft, previewDraft } = await import('../../src/library/manage.js');
    const isUrl = /^https?:\/\//i.test(target);
    const allowPrivate = call.io.env.LIBRARY_FETCH_PRIVATE === '1';
    const draft = await refusing(async () => {
      if (isUrl) return await draftFromUrl(target, { allowPrivate });
      let size: number;
      try {
        size = statSync(target).size;
      } catch {
        throw new UsageError(`"${target}" is not a file`);
      }
      if (size > 2 * 1024 * 1024) throw new UsageError(`"${target}" is over 2 MB`);
      return extractDraft({ bytes: readFileSync(target), fileName: basename(target) });
    });
    const actor = operator();
    const dryRun = call.values['dry-run'] === true;
    return await withStore(call, async (store) => {
      const corpus = await call.corpus(store);
      const state = await store.state();
      const preview = await refusing(() => Promise.resolve(previewDraft(draft, corpus, state, details(call), actor.name)));
      if (dryRun) {
        await call.print({ preview }, (t, style) => t.renderPreviewTerminal(preview, style));
        return EXIT.ok;
      }
      const origin = { kind: isUrl ? ('url' as const) : ('file' as const), ref: isUrl ? target : basename(target) };
      const outcome = await addDraft(store, draft, preview, origin, actor, Date.now());
      if (!outcome.ok) {
        const why =
          outcome.problem === 'same-text'
            ? `the same text is in the library as ${outcome.existing}`
            : `the id ${outcome.existing} is taken`;
        return await call.refused(`not added: ${why}`, { preview, added: false, problem: outcome.problem });
      }
      await call.print(
        { preview, added: true, revision: outcome.revision, store: store.where },
        (t, style) =>
          `${t.renderPreviewTerminal(preview, style)}\n\n` +
          `Added as ${preview.meta.id} (library revision ${outcome.revision}, ${store.where}).`,
      );
      return EXIT.ok;
    });
  },
};

const list: CliCommand = {
  name: 'list',
  summary: 'every source, with where it came from',
  options: { json: JSON_OPTION('{"sources": [{"meta", "origin", "passages"}]}') },
  async run(call) {
    const { listLibrary } = await import('../../src/library/manage.js');
    return await withStore(call, async (store) => {
      const corpus = await call.corpus(store);
      const state = await store.state();
      const sources = listLibrary(corpus, state);
      await call.print({ sources }, (t, style) => t.renderLibraryTerminal(sources, style));
      return EXIT.ok;
    });
  },
};

const remove: CliCommand = {
  name: 'remove',
  summary: 'hide a source from answers and pages (a seed file stays on disk)',
  words: { name: 'id', required: true },
  options: { json: JSON_OPTION('{"removed": "<id>"}') },
  async run(call) {
    const { removeSource } = await import('../../src/library/manage.js');
    const id = call.words.join(' ');
    return await withStore(call, async (store) => {
      const meta = await refusing(async () => removeSource(store, await call.corpus(store), id, operator(), Date.now()));
      await call.print({ removed: meta.id }, () => `Removed ${meta.id} (“${meta.title}”) from answers and pages.`);
      return EXIT.ok;
    });
  },
};

const edit: CliCommand = {
  name: 'edit',
  summary: "correct a source's details",
  words: { name: 'id', required: true },
  options: { ...DETAIL_OPTIONS, json: JSON_OPTION('{"edited": {meta}}') },
  async run(call) {
    const { editSource } = await import('../../src/library/manage.js');
    const id = call.words.join(' ');
    return await withStore(call, async (store) => {
      const meta = await refusing(async () => editSource(store, await call.corpus(store), id, details(call), operator(), Date.now()));
      await call.print({ edited: meta }, () => `Corrected ${meta.id}: “${meta.title}”.`);
      return EXIT.ok;
    });
  },
};

const confirm: CliCommand = {
  name: 'confirm',
  summary: 'confirm the passage that answers a question: questions worded alike find it',
  words: { name: 'question', required: true, quoted: true, then: 'passage-id' },
  options: { json: JSON_OPTION('{"confirmed": {"id", "question", "passageId", "by", "at"}, "already": false}') },
  details: 'The passage id is as `talks search --json` prints it (e.g. jacobin-2022#p9). Every running bot answers with it within seconds.',
  examples: ['talks library confirm "was the grain deal just for show" jacobin-2022#p9'],
  async run(call) {
    if (call.words.length !== 2)
      throw new UsageError('give the question (quoted) and the passage id, e.g. talks library confirm "…" jacobin-2022#p9');
    const [question, passageId] = call.words as [string, string];
    const { confirmPassage } = await import('../../src/library/confirmations.js');
    return await withStore(call, async (store) => {
      const result = await refusing(async () =>
        confirmPassage(store, await call.corpus(store), question, passageId, operator(), Date.now()),
      );
      await call.print({ confirmed: result.confirmed, already: result.already }, () =>
        result.already
          ? `Already confirmed: “${result.confirmed.question}” → ${passageId}.`
          : `Confirmed: questions like “${result.confirmed.question}” now find ${passageId} (id ${result.confirmed.id}).`,
      );
      return EXIT.ok;
    });
  },
};

const confirmations: CliCommand = {
  name: 'confirmations',
  summary: 'the confirmed answers, newest first',
  options: { json: JSON_OPTION('{"confirmations": [{"id", "question", "passageId", "by", "at"}]}') },
  async run(call) {
    return await withStore(call, async (store) => {
      const list = [...(await store.state()).confirmed].reverse();
      await call.print({ confirmations: list }, () =>
        list.length === 0
          ? 'No passage is confirmed yet.'
          : list
              .map((c) => `${c.id}  “${c.question}” → ${c.passageId}  (${c.by.name}, ${new Date(c.at).toISOString().slice(0, 10)})`)
              .join('\n'),
      );
      return EXIT.ok;
    });
  },
};

const unconfirm: CliCommand = {
  name: 'unconfirm',
  summary: 'withdraw a confirmation (its id from talks library confirmations)',
  words: { name: 'id', required: true },
  options: { json: JSON_OPTION('{"withdrawn": {"id", "question", "passageId"}}') },
  async run(call) {
    const { withdrawConfirmation } = await import('../../src/library/confirmations.js');
    const id = call.words.join(' ');
    return await withStore(call, async (store) => {
      const gone = await refusing(() => withdrawConfirmation(store, id, operator(), Date.now()));
      await call.print({ withdrawn: gone }, () => `Withdrawn: “${gone.question}” no longer leads to ${gone.passageId}.`);
      return EXIT.ok;
    });
  },
};

export const cli: readonly CliCommand[] = [
  {
    name: 'library',
    summary: 'grow the library: add, list, remove or correct sources; confirm answers',
    options: {},
    subcommands: [add, list, remove, edit, confirm, confirmations, unconfirm],
  },
  reportCli,
];
