/** Every application command the bot registers and answers, by name. */
import type { CommandModule } from '../src/discord/command.js';
import { findSources } from './find-sources.js';
import { talks } from './talks.js';

export const COMMANDS: ReadonlyMap<string, CommandModule> = new Map([
  [talks.definition.name, talks],
  [findSources.definition.name, findSources],
]);
