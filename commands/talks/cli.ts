/** `/talks`'s terminal face: each subcommand a `talks` command of its own (`talks search`, not `talks talks search`). */
import type { CliCommand } from '../../src/cli/command.js';
import { searchCli } from './search.cli.js';
import { sourcesCli } from './sources.cli.js';
import { summaryCli } from './summary.cli.js';
import { timelineCli } from './timeline.cli.js';

export const cli: readonly CliCommand[] = [searchCli, timelineCli, summaryCli, sourcesCli];
