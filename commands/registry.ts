/**
 * Every command, one line each: its folder's Discord face (definition, handlers, buttons, help) and, where it has
 * one, its terminal face. Each face loads only where it is used: the bot never loads a terminal face, and `talks`
 * never loads discord.js.
 */
import type { CliCommand } from '../src/cli/command.js';
import type { CommandModule } from '../src/interactions/types.js';

export interface CommandFolder {
  bot: () => Promise<CommandModule>;
  cli?: () => Promise<readonly CliCommand[]>;
}

export const REGISTRY: readonly CommandFolder[] = [
  { bot: async () => (await import('./talks/index.js')).talks, cli: async () => (await import('./talks/cli.js')).cli },
  { bot: async () => (await import('./find-sources/index.js')).findSources },
  { bot: async () => (await import('./library/index.js')).library, cli: async () => (await import('./library/cli.js')).cli },
  { bot: async () => (await import('./confirm-passage/index.js')).confirmPassage },
];

/** The terminal faces, in registry order. */
export async function cliCommands(): Promise<CliCommand[]> {
  return (await Promise.all(REGISTRY.map((f) => f.cli?.() ?? Promise.resolve([])))).flat();
}
