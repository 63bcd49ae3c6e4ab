#!/usr/bin/env node
/**
 * `talks`: the command-line face of the core. One-shot commands for people and scripts, a JSONL batch
 * mode for evaluation, and the interactive session `npm start` opens when there is no Discord token.
 * Exit codes: 0 answered, 1 nothing found, 2 bad usage or input.
 */
// First: an unsupported Node stops here with one line.
import '../runtime/node-version.js';
import { cliCommands } from '../../commands/registry.js';
import { runCli } from '../cli/run.js';

// A closed output pipe (`talks search --stdin --json | head -1`) ends the command quietly: no EPIPE trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2), await cliCommands(), {
  // A getter: opening stdin costs a few milliseconds that only --stdin and the session need.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
