/**
 * The benchmark scripts' command line: `--help` prints the usage and exits without building anything;
 * anything else unknown is one line and exit 2; otherwise `npm run build` runs first (the figures time dist/).
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/runtime/paths.js';

export function usageOrBuild(name: string, usage: string): void {
  let help = false;
  try {
    help = parseArgs({ options: { help: { type: 'boolean', short: 'h' } }, strict: true }).values.help === true;
  } catch (err) {
    process.stderr.write(`${name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)} (try --help)\n`);
    process.exit(2);
  }
  if (help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}
