/** Writing the reader site to a folder (the edge of `build.ts`): the new files replace the old folder whole. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SiteFile } from './build.js';

/**
 * Write `files` into `dir`, replacing what was there: built beside it, then renamed into place, so a server
 * reading the folder never sees half a site, and pages of removed articles do not linger.
 */
export function writeSite(dir: string, files: readonly SiteFile[]): void {
  const parent = dirname(dir);
  const fresh = join(parent, `.${basename(dir)}.${process.pid}.new`);
  const old = join(parent, `.${basename(dir)}.${process.pid}.old`);
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  try {
    for (const f of files) writeFileSync(join(fresh, f.name), f.body);
    rmSync(old, { recursive: true, force: true });
    try {
      renameSync(dir, old);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    renameSync(fresh, dir);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}
