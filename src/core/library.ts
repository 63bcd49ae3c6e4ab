/**
 * Loading the seed library from a folder: every text file in it, described by `sources.json`.
 * This is the core's only file-system edge. A broken file or manifest is reported by name and
 * everything else still loads.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from './manifest.js';
import { buildSource, derivedMeta } from './source.js';
import type { LoadWarning, Source, SourceMeta } from './types.js';

/** The manifest's file name inside the seeds folder. */
export const MANIFEST_FILE = 'sources.json';
/** Which files in the seeds folder are articles. */
export const ARTICLE_EXTENSIONS = ['.txt', '.md'];
/** Larger files are refused: an article is tens of kilobytes, not megabytes. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export interface Library {
  sources: Source[];
  warnings: LoadWarning[];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Read the manifest; a missing or malformed one is a warning, not a failure. */
export function readManifest(dir: string, warnings: LoadWarning[]): Map<string, SourceMeta> {
  const byFile = new Map<string, SourceMeta>();
  let json: string;
  try {
    json = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    warnings.push({ file: MANIFEST_FILE, message: 'no manifest; titles are derived from the texts' });
    return byFile;
  }
  try {
    for (const meta of parseManifest(json)) byFile.set(meta.file, meta);
  } catch (err) {
    warnings.push({ file: MANIFEST_FILE, message: `ignored: ${message(err)}` });
  }
  return byFile;
}

/** Load every article in `dir`. Never throws for a bad file; throws only if `dir` is not readable. */
export function loadLibrary(dir: string): Library {
  const warnings: LoadWarning[] = [];
  const manifest = readManifest(dir, warnings);
  const files = readdirSync(dir)
    .filter((f) => ARTICLE_EXTENSIONS.some((ext) => f.toLowerCase().endsWith(ext)))
    .sort();
  const sources: Source[] = [];
  const ids = new Set<string>();
  for (const file of files) {
    try {
      const size = statSync(join(dir, file)).size;
      if (size > MAX_ARTICLE_BYTES) throw new Error(`too large (${size} bytes; the limit is ${MAX_ARTICLE_BYTES})`);
      const raw = readFileSync(join(dir, file), 'utf8');
      let meta = manifest.get(file);
      if (!meta) {
        meta = derivedMeta(file, raw);
        warnings.push({ file, message: `not in ${MANIFEST_FILE}; loaded with the derived title "${meta.title}"` });
      }
      if (ids.has(meta.id)) throw new Error(`duplicate source id "${meta.id}"`);
      const source = buildSource(meta, raw);
      if (source.paragraphs.length === 0) throw new Error('no body text after cleaning');
      ids.add(meta.id);
      sources.push(source);
    } catch (err) {
      warnings.push({ file, message: `skipped: ${message(err)}` });
    }
  }
  for (const file of manifest.keys()) {
    if (!files.includes(file)) warnings.push({ file, message: `listed in ${MANIFEST_FILE} but not found` });
  }
  return { sources, warnings };
}
