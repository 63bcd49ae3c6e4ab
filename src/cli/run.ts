/**
 * The `talks` command's argument handling and dispatch, separate from the process for testing. The commands are
 * passed in (the terminal faces `commands/registry.ts` lists); their usage, help and the check of what was typed
 * are generated here from what each declares.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Corpus } from '../core/corpus.js';
import { editDistance } from '../core/search.js';
import { DEFAULT_DATA_DIR, openLibrary, openStore } from '../library/open.js';
import type { LibraryStore } from '../library/store.js';
import { withoutMentions } from '../interactions/mentions.js';
import { DEFAULT_SEEDS_DIR, PROJECT_ROOT } from '../runtime/paths.js';
import { EXIT, UsageError, type CliCall, type CliCommand, type CliIO, type CliOption } from './command.js';

/** Options every command takes. */
const GLOBAL: Readonly<Record<string, CliOption>> = {
  seeds: { type: 'string', value: 'DIR', help: 'the article folder (default: the bundled seeds/)' },
  help: { type: 'boolean', short: 'h', help: 'this help' },
  version: { type: 'boolean', short: 'v', help: 'the version of talks' },
};

/** The interactive session: a command of the terminal only. */
const SESSION: CliCommand = {
  name: 'session',
  summary: 'interactive: type questions, get answers',
  options: {},
  async run(call) {
    const { index } = await call.corpus();
    const { runSession } = await import('./session.js');
    await runSession(index, call.io, call.readerUrl);
    return EXIT.ok;
  },
};

const ENVIRONMENT = `Environment:
  PUBLIC_READER_URL   the reader site's address (npm run build writes it to site/): every
                      citation then links to its passage, in the text and as "url" in --json`;

const USAGE_COLUMN = 51;

/** `talks search "<question>" [--limit N] …`: a command's first usage line, from its declaration. */
function usageLine(path: string, command: CliCommand): string {
  const words = command.words
    ? command.words.required
      ? [command.words.quoted ? `"<${command.words.name}>"` : `<${command.words.name}>`]
      : [`[${command.words.name}]`]
    : [];
  if (command.words?.then) words.push(`<${command.words.then}>`);
  const options = Object.entries(command.options).map(([name, o]) => `[--${name}${o.value ? ` ${o.value}` : ''}]`);
  return [`talks ${path}`, ...words, ...options].join(' ');
}

function optionLines(options: Readonly<Record<string, CliOption>>): string[] {
  const left = (name: string, o: CliOption): string => `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
  const width = Math.max(...Object.entries(options).map(([n, o]) => left(n, o).length)) + 4;
  return Object.entries(options).map(([n, o]) => `  ${left(n, o).padEnd(width)}${o.help}`);
}

function mainHelp(commands: readonly CliCommand[]): string {
  const lines = commands.flatMap((c) => {
    const all = c.subcommands
      ? c.subcommands.map((s) => [usageLine(`${c.name} ${s.name}`, s), s.summary] as const)
      : [[usageLine(c.name, c), c.summary] as const, ...(c.usage ?? []).map((u) => [`talks ${c.name} ${u.args}`, u.summary] as const)];
    return all.flatMap(([usage, summary]) =>
      usage.length + 2 < USAGE_COLUMN
        ? [`  ${usage.padEnd(USAGE_COLUMN - 2)}${summary}`]
        : [`  ${usage}`, `${' '.repeat(USAGE_COLUMN)}${summary}`],
    );
  });
  const examples = commands.flatMap((c) => [...(c.examples ?? []), ...(c.subcommands ?? []).flatMap((s) => s.examples ?? [])]);
  return [
    'talks — cited answers about the history of the Russia–Ukraine peace talks',
    '',
    'Usage:',
    ...lines,
    `  ${'talks help [command]'.padEnd(USAGE_COLUMN - 2)}this help, or a command's`,
    '',
    'Options for every command:',
    ...optionLines(GLOBAL),
    '',
    ENVIRONMENT,
    ...(examples.length > 0 ? ['', 'Examples:', ...examples.map((e) => `  ${e}`)] : []),
  ].join('\n');
}

function commandHelp(path: string, command: CliCommand): string {
  if (command.subcommands) {
    return [
      `talks ${path} — ${command.summary}`,
      '',
      'Usage:',
      ...command.subcommands.map((s) => `  ${usageLine(`${path} ${s.name}`, s)}`),
      '',
      `See talks ${path} <subcommand> --help.`,
    ].join('\n');
  }
  return [
    `talks ${path} — ${command.summary}`,
    '',
    'Usage:',
    `  ${usageLine(path, command)}`,
    ...(command.usage ?? []).map((u) => `  talks ${path} ${u.args}`),
    '',
    'Options:',
    ...optionLines({ ...command.options, seeds: GLOBAL.seeds as CliOption, help: GLOBAL.help as CliOption }),
    ...(command.details ? ['', command.details] : []),
  ].join('\n');
}

/** The nearest of `names` to a mistyped `name`, if it is a slip or two away. */
function nearest(name: string, names: readonly string[]): string | null {
  let best: string | null = null;
  let distance = 3;
  for (const n of names) {
    const d = editDistance(name, n);
    if (d < distance) [best, distance] = [n, d];
  }
  return best;
}

/** "unknown option --limti (did you mean --limit?)": `shown` is how the thing is written, `names` its kin. */
function unknown(
  what: string,
  given: string,
  names: readonly string[],
  hint: string,
  shown: (name: string) => string = (n) => `"${n}"`,
): UsageError {
  const near = nearest(given, names);
  return new UsageError(`unknown ${what} ${shown(given)}${near ? ` (did you mean ${shown(near)}?)` : ` (${hint})`}`);
}

/** Every option any command declares, for a first reading of the arguments; two declarations of a name must agree. */
function allOptions(commands: readonly CliCommand[]): ParseArgsConfig['options'] {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  const add = (options: Readonly<Record<string, CliOption>>): void => {
    for (const [name, o] of Object.entries(options)) {
      if (out[name] && out[name].type !== o.type) throw new Error(`--${name} is declared as both a string and a boolean`);
      out[name] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
    }
  };
  add(GLOBAL);
  for (const c of commands) for (const s of [c, ...(c.subcommands ?? [])]) add(s.options);
  return out;
}

/**
 * `--limit -1` as `--limit=-1`: parseArgs takes a value starting with a dash for another option; joined, it
 * reaches the command's own check, which says what a limit must be.
 */
function joinNegativeValues(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (arg.startsWith('--') && options[arg.slice(2)]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** The seeds folder, checked: a wrong path is one line naming where it came from, not a file-system error. */
function seedsFolder(fromOption: string | undefined, env: NodeJS.ProcessEnv): string {
  const dir = fromOption ?? env.TALKS_SEEDS_DIR ?? DEFAULT_SEEDS_DIR;
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // not there, or not readable: said below
  }
  if (!isDir) {
    const origin =
      fromOption !== undefined ? '--seeds' : env.TALKS_SEEDS_DIR !== undefined ? 'TALKS_SEEDS_DIR' : 'the bundled seeds folder';
    throw new UsageError(`${origin}: "${dir}" is not a folder`);
  }
  return dir;
}

/** Where the library's own state is: DATA_DIR, else `data/` in the project. */
function dataDir(env: NodeJS.ProcessEnv): string {
  return env.DATA_DIR ? resolve(env.DATA_DIR) : DEFAULT_DATA_DIR;
}

/** The library's store: SQLite under DATA_DIR (opened only when there is one, or something is added), or Redis with REDIS_URL. */
async function libraryStore(env: NodeJS.ProcessEnv): Promise<LibraryStore> {
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new UsageError('REDIS_URL must be a redis:// or rediss:// URL');
  try {
    return await openStore({ dataDir: dataDir(env), redisUrl });
  } catch (err) {
    throw new UsageError(`cannot open the library's store: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Load the library — the seeds and what moderators changed (from the cache when nothing changed) — reporting each
 * broken file on stderr by name.
 */
async function openCorpus(seedsDir: string, io: CliIO, store?: LibraryStore | null): Promise<{ corpus: Corpus }> {
  const own = store === undefined ? await libraryStore(io.env) : null;
  try {
    const opened = await openLibrary(seedsDir, store ?? own, { useCache: io.env.TALKS_NO_CACHE === undefined });
    for (const w of opened.warnings) io.stderr.write(`warning: ${w.file}: ${w.message}\n`);
    return { corpus: opened.corpus };
  } finally {
    await own?.close();
  }
}

/** PUBLIC_READER_URL, checked; the config module (and zod) loads only when it is set, so a plain one-shot search loads neither. */
async function readerBase(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (!env.PUBLIC_READER_URL) return undefined;
  const { ConfigError, readReaderUrl } = await import('../runtime/config.js');
  try {
    return readReaderUrl(env);
  } catch (err) {
    throw err instanceof ConfigError ? new UsageError(err.message) : err;
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/**
 * What was typed, against what the command declares: a mistyped or foreign option is one line, with the option it
 * was probably meant to be.
 */
function checkTokens(
  tokens: readonly Token[],
  takes: Readonly<Record<string, CliOption>>,
  known: NonNullable<ParseArgsConfig['options']>,
  path: string | null,
): void {
  const help = path === null ? 'talks help' : `talks ${path} --help`;
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const declared = takes[t.name];
    if (!declared) {
      if (known[t.name] && path !== null) throw new UsageError(`${path} does not take --${t.name} (see ${help})`);
      throw unknown('option', t.name, Object.keys(takes), `see ${help}`, (n) => (n.length === 1 ? `-${n}` : `--${n}`));
    }
    if (declared.type === 'string' && t.value === undefined) throw new UsageError(`${t.rawName} needs a value (see ${help})`);
    if (declared.type === 'boolean' && t.inlineValue) throw new UsageError(`${t.rawName} takes no value`);
  }
}

/** Run `talks` with `argv`, answering with the commands passed in (`commands/registry.ts`), plus the session. */
export async function runCli(argv: string[], registered: readonly CliCommand[], io: CliIO): Promise<number> {
  try {
    const commands = [...registered, SESSION];
    const options = allOptions(commands) ?? {};
    const { values, positionals, tokens } = parseArgs({
      args: joinNegativeValues(argv, options),
      options,
      allowPositionals: true,
      strict: false,
      tokens: true,
    });
    if (values.version === true) {
      io.stdout.write(`talks ${version()}\n`);
      return EXIT.ok;
    }
    const [name, ...rest] = positionals;
    const names = commands.map((c) => c.name);
    if (!name || name === 'help') {
      checkTokens(tokens, GLOBAL, options, null);
      const [topic, sub, ...more] = rest;
      const found = topic === undefined ? undefined : commands.find((c) => c.name === topic);
      const inner = sub === undefined ? undefined : found?.subcommands?.find((s) => s.name === sub);
      if (more.length > 0 || (topic !== undefined && !found) || (sub !== undefined && !inner))
        throw new UsageError(`no help for "${rest.join(' ')}" (try: talks help)`);
      const text =
        inner && found ? commandHelp(`${found.name} ${inner.name}`, inner) : found ? commandHelp(found.name, found) : mainHelp(commands);
      io.stdout.write(`${text}\n`);
      return name || values.help ? EXIT.ok : EXIT.usage;
    }
    const top = commands.find((c) => c.name === name);
    if (!top) throw unknown('command', name, names, 'try: talks help');
    let command = top;
    let path = top.name;
    let words = rest;
    if (top.subcommands) {
      const [subName, ...after] = rest;
      const sub = top.subcommands.find((s) => s.name === subName);
      if (!sub) {
        if (values.help === true || subName === undefined) {
          io.stdout.write(`${commandHelp(top.name, top)}\n`);
          return values.help === true ? EXIT.ok : EXIT.usage;
        }
        throw unknown(
          `${top.name} subcommand`,
          subName,
          top.subcommands.map((s) => s.name),
          `try: talks ${top.name} --help`,
        );
      }
      [command, path, words] = [sub, `${top.name} ${sub.name}`, after];
    }
    checkTokens(tokens, { ...command.options, ...GLOBAL }, options, path);
    if (!command.words && words.length > 0) throw new UsageError(`${path} takes no arguments (got "${words.join(' ')}")`);
    if (values.help === true) {
      io.stdout.write(`${commandHelp(path, command)}\n`);
      return EXIT.ok;
    }
    if (!command.run) throw new UsageError(`${path} needs a subcommand (see talks ${path} --help)`);
    const seeds = (): string => seedsFolder(typeof values.seeds === 'string' ? values.seeds : undefined, io.env);
    const call: CliCall = {
      words,
      values,
      io,
      asked: () => withoutMentions(words.join(' ')),
      seeds,
      corpus: async (store) => (await openCorpus(seeds(), io, store)).corpus,
      store: () => libraryStore(io.env),
      readerUrl: await readerBase(io.env),
      async print(json, text) {
        if (values.json === true) {
          io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
          return;
        }
        // The terminal renderer (and its wrapping library) loads only when it draws: --json never needs it.
        const terminal = await import('../render/terminal.js');
        io.stdout.write(`${text(terminal, terminal.detectStyle(io.stdout, io.env))}\n`);
      },
      async refused(message, json, examples = []) {
        io.stderr.write(`talks: ${message}\n`);
        if (values.json === true) io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        else if (examples.length > 0) io.stdout.write(`${(await import('../render/terminal.js')).renderExamples(examples)}\n`);
        return EXIT.usage;
      },
    };
    return await command.run(call);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // parseArgs errors and ours are both one line; anything else is a bug, but still one line for the user.
    io.stderr.write(`talks: ${message.split('\n')[0]}\n`);
    return err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? EXIT.usage : 1;
  }
}
