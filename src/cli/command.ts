/**
 * A command's terminal face, declared in its folder next to its Discord face (`commands/<name>/cli.ts`): what it
 * takes (words, options) and what it does. `talks help`, `talks <command> --help`, the check of what was typed
 * and the did-you-mean for a mistyped option are all generated from these declarations (`run.ts`).
 */
import type { Corpus } from '../core/corpus.js';
import type { LibraryStore } from '../library/store.js';
import type * as Terminal from '../render/terminal.js';
import type { TerminalStyle } from '../render/terminal.js';

export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export const EXIT = { ok: 0, noResults: 1, usage: 2 } as const;

/** Bad usage or input: one line on stderr, exit 2. */
export class UsageError extends Error {}

export interface CliOption {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in usage lines: `--limit N`. */
  value?: string;
  help: string;
}

type CliValues = Readonly<Record<string, string | boolean | undefined>>;

/** What a command's `run` is handed: what was typed, already checked against its declaration, and the means to answer. */
export interface CliCall {
  /** The words after the command's name. */
  words: readonly string[];
  values: CliValues;
  io: CliIO;
  /** The words as the bot would read them pasted into Discord (mentions made inert). */
  asked: () => string;
  /**
   * The library: the seeds (--seeds, TALKS_SEEDS_DIR or the bundled ones) and what moderators changed beyond them
   * (in `store`, else the one DATA_DIR or REDIS_URL names); each broken file reported on stderr.
   */
  corpus: (store?: LibraryStore | null) => Promise<Corpus>;
  /** The library's store: SQLite under DATA_DIR (made by the first change), or Redis with REDIS_URL. Close it when done. */
  store: () => Promise<LibraryStore>;
  /** The library's folder, checked. */
  seeds: () => string;
  readerUrl: string | undefined;
  /** Print the answer: its JSON with --json, else its text (the terminal renderer loads only when text is drawn). */
  print: (json: Record<string, unknown>, text: (terminal: typeof Terminal, style: TerminalStyle) => string) => Promise<void>;
  /** A refused question: one line on stderr (exit 2); on stdout the JSON, or searches to copy, if any. */
  refused: (message: string, json: Record<string, unknown>, examples?: readonly string[]) => Promise<number>;
}

export interface CliCommand {
  name: string;
  /** One line for `talks help`. */
  summary: string;
  /**
   * What it takes after its name: `"<question>"`, `[topic]`; none when it takes no words. `then`: a second word
   * after the first (`"<question>" <passage-id>`).
   */
  words?: { name: string; required: boolean; quoted?: boolean; then?: string };
  options: Readonly<Record<string, CliOption>>;
  /** Other ways to call it, after the generated one, each with what it does: `--stdin [--json]`. */
  usage?: ReadonlyArray<{ args: string; summary: string }>;
  /** What `talks <name> --help` says after its options. */
  details?: string;
  examples?: readonly string[];
  /** Its subcommands (`talks library add`), when it has them instead of a `run` of its own. */
  subcommands?: readonly CliCommand[];
  run?: (call: CliCall) => Promise<number>;
}

/** `--json`, as every command that prints an answer declares it. */
export const JSON_OPTION = (shape: string): CliOption => ({ type: 'boolean', help: `print ${shape}` });

/** A whole number from 1 to `max`, or the fallback when not given. */
export function parseLimit(value: string | boolean | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1 || n > max) {
    throw new UsageError(`--limit must be a whole number from 1 to ${max} (got "${String(value)}")`);
  }
  return n;
}
