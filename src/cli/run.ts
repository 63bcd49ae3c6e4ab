/** The `talks` command's argument handling and dispatch, separate from the process for testing. */
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadLibrary, type Library } from '../core/library.js';
import { buildIndex, type SearchIndex } from '../core/search-index.js';
import { DEFAULT_LIMIT, MAX_LIMIT, search } from '../core/search.js';
import { DEFAULT_SEEDS_DIR } from '../paths.js';
import { searchJson } from '../render/json.js';
import { detectStyle, renderSearchTerminal } from '../render/terminal.js';
import { runSession } from './session.js';

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
  talks session                                    interactive: type questions, get answers
  talks help [command]                             this help, or a command's

Options for every command:
  --seeds DIR    the article folder (default: the bundled seeds/)
  -h, --help     help

Examples:
  talks search "Who tried to mediate in March 2022?"
  talks search "grain deal" --limit 3 --json`;

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

const OPTIONS = {
  limit: { type: 'string' },
  json: { type: 'boolean', default: false },
  stdin: { type: 'boolean', default: false },
  source: { type: 'string' },
  seeds: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

class UsageError extends Error {}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT} (got "${value}")`);
  }
  return n;
}

/** Load the library, reporting each broken file on stderr by name. */
export function openIndex(seedsDir: string, stderr: NodeJS.WriteStream): { library: Library; index: SearchIndex } {
  const library = loadLibrary(seedsDir);
  for (const w of library.warnings) stderr.write(`warning: ${w.file}: ${w.message}\n`);
  return { library, index: buildIndex(library.sources) };
}

async function searchStdin(index: SearchIndex, io: CliIO, limit: number, sourceId: string | undefined): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const answer = search(index, line, { limit, ...(sourceId ? { sourceId } : {}) });
    io.stdout.write(`${JSON.stringify(searchJson(answer))}\n`);
  }
  return EXIT.ok;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    if (!command || command === 'help') {
      io.stdout.write(`${rest[0] === 'search' ? SEARCH_HELP : MAIN_HELP}\n`);
      return command || values.help ? EXIT.ok : EXIT.usage;
    }
    const seeds = values.seeds ?? io.env.TALKS_SEEDS_DIR ?? DEFAULT_SEEDS_DIR;
    switch (command) {
      case 'search': {
        if (values.help) {
          io.stdout.write(`${SEARCH_HELP}\n`);
          return EXIT.ok;
        }
        const limit = parseLimit(values.limit);
        if (values.stdin && rest.length > 0) throw new UsageError('give the question as an argument or with --stdin, not both');
        if (!values.stdin && rest.length === 0) throw new UsageError('what should I search for? e.g. talks search "grain deal"');
        const { index } = openIndex(seeds, io.stderr);
        if (values.source && !index.sources.has(values.source)) {
          throw new UsageError(`unknown source "${values.source}"; known: ${[...index.sources.keys()].join(', ')}`);
        }
        if (values.stdin) return await searchStdin(index, io, limit, values.source);
        const answer = search(index, rest.join(' '), { limit, ...(values.source ? { sourceId: values.source } : {}) });
        io.stdout.write(
          values.json ? `${JSON.stringify(searchJson(answer), null, 2)}\n` : `${renderSearchTerminal(answer, detectStyle(io.stdout, io.env))}\n`,
        );
        if (answer.kind === 'invalid') return EXIT.usage;
        return answer.kind === 'results' ? EXIT.ok : EXIT.noResults;
      }
      case 'session': {
        const { index } = openIndex(seeds, io.stderr);
        await runSession(index, io);
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
