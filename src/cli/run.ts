/** The `talks` command's argument handling and dispatch, separate from the process for testing. */
import { statSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Corpus } from '../core/corpus.js';
import type { SearchIndex } from '../core/search-index.js';
import { listSources } from '../core/sources-list.js';
import { openCorpus as openCachedCorpus } from '../corpus-cache.js';
import { DEFAULT_LIMIT, MAX_LIMIT, search } from '../core/search.js';
import { summarize } from '../core/summary.js';
import { parseDateArg, SHORT_TIMELINE_EVENTS, timeline } from '../core/timeline.js';
import { withoutMentions } from '../mentions.js';
import { DEFAULT_SEEDS_DIR } from '../paths.js';
import { SUMMARY_BUDGET } from '../render/format.js';
import { searchJson, sourcesJson, summaryJson, timelineJson } from '../render/json.js';

export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export const EXIT = { ok: 0, noResults: 1, usage: 2 } as const;

const MAIN_HELP = `talks — cited answers about the history of the Russia–Ukraine peace talks

Usage:
  talks search "<question>" [--limit N] [--json]   cited excerpts, best first
  talks search --stdin --json                      one query per input line → one JSON object per line
  talks timeline [topic] [--from DATE] [--to DATE] [--limit N] [--json]
                                                   a short dated timeline, every line cited
  talks summary <topic> [--json]                   a cited summary a moderator could post
  talks sources [--json]                           the library: each article's metadata and counts
  talks session                                    interactive: type questions, get answers
  talks help [command]                             this help, or a command's

Options for every command:
  --seeds DIR    the article folder (default: the bundled seeds/)
  -h, --help     help

Environment:
  PUBLIC_READER_URL   the reader site's address (npm run build writes it to site/): every
                      citation then links to its passage, in the text and as "url" in --json

Examples:
  talks search "Who tried to mediate in March 2022?"
  talks search "grain deal" --limit 3 --json
  talks timeline "Istanbul talks" --from 2022-03 --to "June 2022"
  talks summary "US Congress support for Ukraine"`;

const TIMELINE_HELP = `talks timeline — dated events from the articles, in date order

Usage:
  talks timeline [topic] [--from DATE] [--to DATE] [--limit N] [--json]

Without a topic: the events most about the peace talks. With a topic: the events about it.
At most ${SHORT_TIMELINE_EVENTS} lines by default, the most relevant kept and the rest counted ("+12 more").

Options:
  --from DATE    only events on or after DATE (2022, 2022-03, 2022-03-10 or "March 2022")
  --to DATE      only events on or before DATE
  --limit N      how many events to show (1–500)
  --json         print {"events": [{"date", "end"?, "precision", "derivation", "text", "citations"}], "total", "more"}`;

const SUMMARY_HELP = `talks summary — a cited summary of what the articles say about a topic

Usage:
  talks summary <topic> [--json]

Quotes from the articles (as many as a Discord embed holds), each with a footnote, then the list of sources.
Where two sources disagree, both sides are shown and marked "(sources differ)".`;

const SOURCES_HELP = `talks sources — the articles in the library

Usage:
  talks sources [--json]

Each article's id, title, authors, publication, date (and how it was worked out), and how many
paragraphs, passages and dated events it gave.`;

const HELP: Record<string, string> = {};

const SEARCH_HELP = `talks search — cited excerpts for a question

Usage:
  talks search "<question>" [--limit N] [--json] [--source ID]
  talks search --stdin [--json]

Options:
  --limit N      how many results (1–${MAX_LIMIT}, default ${DEFAULT_LIMIT})
  --json         print {"query", "results": [{"id", "score", "excerpt", "highlights", "citation"}]}
  --stdin        read one query per line; write one JSON object per line (JSONL), flushed per line
  --source ID    only passages from this source (see seeds/sources.json)
  --seeds DIR    the article folder (default: the bundled seeds/)

Colour is used on a terminal unless NO_COLOR is set.
Exit codes: 0 results, 1 nothing found, 2 bad usage or input.`;

// No defaults: an option left out stays undefined, so an option a command does not take can be refused.
const OPTIONS = {
  limit: { type: 'string' },
  json: { type: 'boolean' },
  stdin: { type: 'boolean' },
  source: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  seeds: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];
type OptionName = keyof typeof OPTIONS;

/** What each command takes: its options, and whether it takes words after its name. */
const COMMAND_ARGS: Record<string, { options: OptionName[]; words: boolean }> = {
  search: { options: ['limit', 'json', 'stdin', 'source', 'seeds', 'help'], words: true },
  timeline: { options: ['limit', 'json', 'from', 'to', 'seeds', 'help'], words: true },
  summary: { options: ['json', 'seeds', 'help'], words: true },
  sources: { options: ['json', 'seeds', 'help'], words: false },
  session: { options: ['seeds', 'help'], words: false },
};

class UsageError extends Error {}

/**
 * `--limit -1` as `--limit=-1`: parseArgs takes a value starting with a dash for another option and refuses
 * it as "ambiguous"; joined, it reaches our own check, which says what a limit must be.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = arg.slice(2) as OptionName;
    if (arg.startsWith('--') && OPTIONS[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Refuse what `command` would silently ignore: options it does not take, words after a command that takes none. */
function checkArgs(command: string, given: readonly string[], words: readonly string[]): void {
  const takes = COMMAND_ARGS[command];
  if (!takes) return;
  const stray = given.find((name) => !takes.options.includes(name as OptionName));
  if (stray) throw new UsageError(`${command} does not take --${stray} (see talks ${command} --help)`);
  if (!takes.words && words.length > 0) throw new UsageError(`${command} takes no arguments (got "${words.join(' ')}")`);
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
    const origin = fromOption !== undefined ? '--seeds' : env.TALKS_SEEDS_DIR !== undefined ? 'TALKS_SEEDS_DIR' : 'the bundled seeds folder';
    throw new UsageError(`${origin}: "${dir}" is not a folder`);
  }
  return dir;
}

function parseLimit(value: string | undefined, fallback = DEFAULT_LIMIT, max = MAX_LIMIT): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new UsageError(`--limit must be a whole number from 1 to ${max} (got "${value}")`);
  }
  return n;
}

function parseDateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = parseDateArg(value);
  if (!date) throw new UsageError(`--${name} must be a date like 2022, 2022-03, 2022-03-10 or "March 2022" (got "${value}")`);
  return date;
}

/** Load the library (from the cache when nothing changed), reporting each broken file on stderr by name. */
export async function openCorpus(seedsDir: string, io: CliIO): Promise<{ corpus: Corpus }> {
  const opened = await openCachedCorpus(seedsDir, { useCache: io.env.TALKS_NO_CACHE === undefined });
  for (const w of opened.warnings) io.stderr.write(`warning: ${w.file}: ${w.message}\n`);
  return { corpus: opened.corpus };
}

/** PUBLIC_READER_URL, checked; the config module (and zod) loads only when it is set, so a plain one-shot search loads neither. */
async function readerBase(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (!env.PUBLIC_READER_URL) return undefined;
  const { ConfigError, readReaderUrl } = await import('../config.js');
  try {
    return readReaderUrl(env);
  } catch (err) {
    throw err instanceof ConfigError ? new UsageError(err.message) : err;
  }
}

async function searchStdin(index: SearchIndex, io: CliIO, limit: number, sourceId: string | undefined, readerUrl: string | undefined): Promise<number> {
  // Loaded here: only --stdin reads lines.
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const answer = search(index, withoutMentions(line), { limit, ...(sourceId ? { sourceId } : {}) });
    io.stdout.write(`${JSON.stringify(searchJson(answer, readerUrl))}\n`);
  }
  return EXIT.ok;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    Object.assign(HELP, { search: SEARCH_HELP, timeline: TIMELINE_HELP, summary: SUMMARY_HELP, sources: SOURCES_HELP });
    if (!command || command === 'help') {
      if (rest.length > 1 || (rest[0] !== undefined && !HELP[rest[0]])) throw new UsageError(`no help for "${rest.join(' ')}" (try: talks help)`);
      io.stdout.write(`${HELP[rest[0] ?? ''] ?? MAIN_HELP}\n`);
      return command || values.help ? EXIT.ok : EXIT.usage;
    }
    checkArgs(command, Object.keys(values), rest);
    if (values.help && HELP[command]) {
      io.stdout.write(`${HELP[command]}\n`);
      return EXIT.ok;
    }
    // The terminal renderer (and its wrapping library) loads only when it draws: --json never needs it.
    const terminal = values.json ? null : await import('../render/terminal.js');
    const style = terminal?.detectStyle(io.stdout, io.env) ?? { color: false, width: 80 };
    const print = (json: Record<string, unknown>, text: () => string): void => {
      io.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text()}\n`);
    };
    /** A refused question: one line on stderr (exit 2); on stdout the JSON, or searches to copy, if any. */
    const refused = (message: string, json: Record<string, unknown>, examples: readonly string[] = []): number => {
      io.stderr.write(`talks: ${message}\n`);
      if (values.json) io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      else if (examples.length > 0) io.stdout.write(`${terminal?.renderExamples(examples) ?? ''}\n`);
      return EXIT.usage;
    };
    const seeds = (): string => seedsFolder(values.seeds, io.env);
    /** The question or topic, as the bot would read it if it was pasted there. */
    const asked = (): string => withoutMentions(rest.join(' '));
    const readerUrl = await readerBase(io.env);
    switch (command) {
      case 'search': {
        const limit = parseLimit(values.limit);
        if (values.stdin && rest.length > 0) throw new UsageError('give the question as an argument or with --stdin, not both');
        if (!values.stdin && rest.length === 0) throw new UsageError('what should I search for? e.g. talks search "grain deal"');
        const { index } = (await openCorpus(seeds(), io)).corpus;
        if (values.source && !index.sources.has(values.source)) {
          throw new UsageError(`unknown source "${values.source}"; known: ${[...index.sources.keys()].join(', ')}`);
        }
        if (values.stdin) return await searchStdin(index, io, limit, values.source, readerUrl);
        const answer = search(index, asked(), { limit, ...(values.source ? { sourceId: values.source } : {}) });
        if (answer.kind === 'invalid') return refused(answer.message, searchJson(answer, readerUrl), answer.examples);
        print(searchJson(answer, readerUrl), () => terminal?.renderSearchTerminal(answer, style, readerUrl) ?? '');
        return answer.kind === 'results' ? EXIT.ok : EXIT.noResults;
      }
      case 'timeline': {
        const options = {
          limit: parseLimit(values.limit, SHORT_TIMELINE_EVENTS, 500),
          ...(rest.length > 0 ? { topic: asked() } : {}),
          ...(values.from ? { from: parseDateOption('from', values.from) } : {}),
          ...(values.to ? { to: parseDateOption('to', values.to) } : {}),
        };
        if (options.from && options.to && options.from.slice(0, options.to.length) > options.to) {
          throw new UsageError(`--from ${options.from} is after --to ${options.to}`);
        }
        const { corpus } = await openCorpus(seeds(), io);
        const answer = timeline(corpus, options);
        print(timelineJson(answer, readerUrl), () => terminal?.renderTimelineTerminal(answer, style, readerUrl) ?? '');
        return answer.events.length > 0 ? EXIT.ok : EXIT.noResults;
      }
      case 'summary': {
        if (rest.length === 0) throw new UsageError('what should I summarize? e.g. talks summary "grain deal"');
        const { corpus } = await openCorpus(seeds(), io);
        const answer = summarize(corpus, asked(), SUMMARY_BUDGET);
        if (answer.kind === 'invalid') return refused(answer.message ?? 'that topic cannot be summarized', summaryJson(answer, readerUrl));
        print(summaryJson(answer, readerUrl), () => terminal?.renderSummaryTerminal(answer, style, readerUrl) ?? '');
        return answer.kind === 'summary' ? EXIT.ok : EXIT.noResults;
      }
      case 'sources': {
        const { corpus } = await openCorpus(seeds(), io);
        const sources = listSources(corpus);
        print(sourcesJson(sources, readerUrl), () => terminal?.renderSourcesTerminal(sources, style, readerUrl) ?? '');
        return EXIT.ok;
      }
      case 'session': {
        const { corpus } = await openCorpus(seeds(), io);
        const { runSession } = await import('./session.js');
        await runSession(corpus.index, io, readerUrl);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`unknown command "${command}" (try: talks help)`);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // parseArgs errors and ours are both one line; anything else is a bug, but still one line for the user.
    io.stderr.write(`talks: ${message.split('\n')[0]}\n`);
    return err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? EXIT.usage : 1;
  }
}
