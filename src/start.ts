/**
 * `npm start`: the main job. With a Discord token the bot connects to Discord (later issue); without one
 * it opens the offline terminal session over the bundled seeds, so a newcomer sees answers at once.
 */
import dotenv from 'dotenv';
import { runCli } from './cli/run.js';

// quiet: dotenv would otherwise print a banner on every start.
dotenv.config({ quiet: true });

const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
if (!process.env.DISCORD_TOKEN) {
  process.stderr.write('No DISCORD_TOKEN set: starting the offline terminal session over the bundled seeds.\n');
}
process.exitCode = await runCli(['session'], io);
