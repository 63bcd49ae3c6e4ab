/**
 * `npm run deploy`: register the application commands with Discord, for one guild (instant: use it while
 * developing) or globally (all servers). PUT replaces the whole set, so running it twice changes nothing.
 */
import { REST } from '@discordjs/rest';
import { Routes, type RESTPostAPIApplicationCommandsJSONBody, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import type { CommandModule } from '../interactions/types.js';

/** The JSON of every command, as registered (a definition is never mutated, only serialised). */
export function commandBodies(commands: readonly CommandModule[]): RESTPostAPIApplicationCommandsJSONBody[] {
  return commands.map((c) => c.definition as RESTPostAPIApplicationCommandsJSONBody);
}

export interface DeployOptions {
  commands: readonly CommandModule[];
  token: string;
  applicationId: string;
  guildId?: string;
  /** Another API base (the local emulator in tests). */
  api?: string;
}

export async function deployCommands(options: DeployOptions): Promise<RESTPutAPIApplicationCommandsResult> {
  const rest = new REST({ version: '10', ...(options.api ? { api: options.api } : {}) }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  return (await rest.put(route, { body: commandBodies(options.commands) })) as RESTPutAPIApplicationCommandsResult;
}
