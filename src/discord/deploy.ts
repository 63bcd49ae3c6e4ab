/**
 * `npm run deploy`: register the application commands with Discord, for one guild (instant: use it while
 * developing) or globally (all servers). PUT replaces the whole set, so running it twice changes nothing.
 */
import { REST, Routes, type RESTPostAPIApplicationCommandsJSONBody, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { COMMANDS } from '../../commands/index.js';
import { definitionBody } from './command.js';

/** The JSON of every command, as registered. */
export function commandBodies(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...COMMANDS.values()].map((c) => definitionBody(c.definition));
}

export interface DeployOptions {
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
  return (await rest.put(route, { body: commandBodies() })) as RESTPutAPIApplicationCommandsResult;
}
