/** Every application command the bot registers and answers (`registry.ts`): what each entry point hands the pipeline. */
import type { CommandModule } from '../src/interactions/types.js';
import { REGISTRY } from './registry.js';

export const COMMANDS: readonly CommandModule[] = await Promise.all(REGISTRY.map((f) => f.bot()));
