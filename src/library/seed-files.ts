/**
 * Reading the seeds folder: the file-system edge of `core/library.ts`. Every `.txt`/`.md` file in the
 * folder, in name order, as bytes (or why it could not be read), and the manifest's text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildLibrary, MANIFEST_FILE, type ArticleFile, type Library, type LibraryFiles } from '../core/library.js';

/** Which files in the seeds folder are articles. */
const ARTICLE_EXTENSIONS = ['.txt', '.md'];
/** Larger files are not read: an article is tens of kilobytes, not megabytes. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

function readArticle(dir: string, name: string): ArticleFile {
  try {
    const size = statSync(join(dir, name)).size;
    if (size > MAX_ARTICLE_BYTES) return { name, unreadable: `too large (${size} bytes; the limit is ${MAX_ARTICLE_BYTES})` };
    return { name, bytes: readFileSync(join(dir, name)) };
  } catch (err) {
    return { name, unreadable: err instanceof Error ? err.message : String(err) };
  }
}

/** The files of the library in `dir`. Throws only if `dir` cannot be listed. */
function readLibraryFiles(dir: string): LibraryFiles {
  let manifest: string | null;
  try {
    manifest = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    manifest = null;
  }
  const names = readdirSync(dir)
    .filter((f) => ARTICLE_EXTENSIONS.some((ext) => f.toLowerCase().endsWith(ext)))
    .sort();
  return { manifest, articles: names.map((name) => readArticle(dir, name)), now: new Date() };
}

/** Load every article in `dir`. Never throws for a bad file; throws only if `dir` is not readable. */
export function loadLibrary(dir: string): Library {
  return buildLibrary(readLibraryFiles(dir));
}
