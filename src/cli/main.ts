#!/usr/bin/env node
/**
 * `talks`: the command-line face of the core. One-shot commands for people and scripts, a JSONL batch
 * mode for evaluation, and the interactive session `npm start` opens when there is no Discord token.
 * Exit codes: 0 answered, 1 nothing found, 2 bad usage or input.
 */
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), {
  // A getter: opening stdin costs a few milliseconds that only --stdin and the session need.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
