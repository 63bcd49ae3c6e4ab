/** Every application command the bot registers and answers: the registry each entry point hands to the pipeline. */
import type { CommandModule } from '../src/interactions/types.js';
import { findSources } from './find-sources.js';
import { talks } from './talks/index.js';

export const COMMANDS: readonly CommandModule[] = [talks, findSources];
