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

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Windows-1252's bytes 0x80–0x9F (the rest is Latin-1); its five unassigned bytes stay C1 controls. Written
 * out: Node's TextDecoder('windows-1252') decodes these bytes as Latin-1's C1 controls.
 */
const CP1252_80_9F = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1').replace(/[\u0080-\u009F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] ?? c);
}
/** Control characters no text file holds (tab, line breaks and form feed aside), C1 included. */
const CONTROL = /[^\P{Cc}\t\n\r\f]/u;

/**
 * An article's bytes as text. UTF-8 when they are valid UTF-8; otherwise Windows-1252, which is what a
 * Latin-1 file almost always is (every byte is a character there, so nothing becomes U+FFFD), with a
 * warning. Bytes that are neither (control characters in the result) are not text. Text that already holds
 * U+FFFD was damaged by an earlier conversion: refused rather than indexed.
 */
export function decodeArticle(bytes: Uint8Array): { text: string; warning?: string } {
  let text: string;
  let warning: string | undefined;
  try {
    text = UTF8.decode(bytes);
  } catch {
    text = windows1252(bytes);
    if (CONTROL.test(text)) throw new Error('not a text file (binary, or an encoding other than UTF-8 and Windows-1252)');
    warning = 'not valid UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8 to silence this warning';
  }
  const damaged = text.match(/\uFFFD/g)?.length ?? 0;
  if (damaged > 0) throw new Error(`holds ${damaged} U+FFFD replacement character${damaged === 1 ? '' : 's'}: damaged by an earlier conversion; fix the text or save the original as UTF-8`);
  return warning === undefined ? { text } : { text, warning };
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
      const { text: raw, warning } = decodeArticle(readFileSync(join(dir, file)));
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
      if (warning) warnings.push({ file, message: warning });
    } catch (err) {
      warnings.push({ file, message: `skipped: ${message(err)}` });
    }
  }
  for (const file of manifest.keys()) {
    if (!files.includes(file)) warnings.push({ file, message: `listed in ${MANIFEST_FILE} but not found` });
  }
  return { sources, warnings };
}
