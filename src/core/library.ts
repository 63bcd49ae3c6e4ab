/**
 * The seed library from its files: every article, described by the manifest (`sources.json`). Pure: the
 * edge (`src/library/seed-files.ts`) reads the folder and hands over each file's name and bytes. A broken file or
 * manifest is reported by name and everything else still loads.
 */
import { articleDate, toSourceDate } from './article-date.js';
import { readTextHead, type HeaderScan } from './article-head.js';
import { cleanText } from './clean.js';
import { parseManifest } from './manifest.js';
import { buildSource, derivedMeta } from './source.js';
import type { LoadWarning, Source, SourceMeta } from './types.js';

/** The manifest's file name inside the seeds folder. */
export const MANIFEST_FILE = 'sources.json';

export interface Library {
  sources: Source[];
  warnings: LoadWarning[];
}

/** An article file as the edge found it: its bytes, or why they could not be read (the file system's error). */
export type ArticleFile = { name: string; bytes: Uint8Array } | { name: string; unreadable: string };

export interface LibraryFiles {
  /** The manifest's text; null when there is none. */
  manifest: string | null;
  /** The article files, in the order they load (of two with one id, the first is kept). */
  articles: readonly ArticleFile[];
  /** Today, for dating a file the manifest does not list by the latest date it reports (none is inferred without it). */
  now?: Date;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Windows-1252's bytes 0x80–0x9F (the rest is Latin-1); its five unassigned bytes stay C1 controls. Written
 * out: Node's TextDecoder('windows-1252') decodes these bytes as Latin-1's C1 controls.
 */
const CP1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\u0080-\u009F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] ?? c);
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
  if (damaged > 0)
    throw new Error(
      `holds ${damaged} U+FFFD replacement character${damaged === 1 ? '' : 's'}: damaged by an earlier conversion; ` +
        'fix the text or save the original as UTF-8',
    );
  return warning === undefined ? { text } : { text, warning };
}

/** The manifest's entries by file; a missing or malformed manifest is a warning, not a failure. */
function manifestEntries(json: string | null, warnings: LoadWarning[]): Map<string, SourceMeta> {
  const byFile = new Map<string, SourceMeta>();
  if (json === null) {
    warnings.push({ kind: 'manifest', file: MANIFEST_FILE, message: 'no manifest; titles are derived from the texts' });
    return byFile;
  }
  try {
    for (const meta of parseManifest(json)) byFile.set(meta.file, meta);
  } catch (err) {
    warnings.push({ kind: 'manifest', file: MANIFEST_FILE, message: `ignored: ${message(err)}` });
  }
  return byFile;
}

/**
 * What a file the manifest does not list says of itself, read as an upload of it is: title and byline, the date
 * its head states (a "Published …" line, a byline's date, a wire dateline) or else the latest it reports, and a
 * dateline's agency as the outlet.
 */
function unlistedMeta(file: string, text: string, scan: HeaderScan, now: Date | undefined): SourceMeta {
  const meta = derivedMeta(file, text);
  const cleaned = cleanText(text);
  const paragraphs = cleaned.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
  const date = articleDate(scan.dates, cleaned, now ? { paragraphs, now } : {});
  return { ...meta, publication: scan.agency, date: date && toSourceDate(date) };
}

/** Build the library from its files. Never throws: a file that cannot be loaded is a warning naming it. */
export function buildLibrary(files: LibraryFiles): Library {
  const warnings: LoadWarning[] = [];
  const manifest = manifestEntries(files.manifest, warnings);
  const sources: Source[] = [];
  const ids = new Set<string>();
  for (const file of files.articles) {
    try {
      if ('unreadable' in file) throw new Error(file.unreadable);
      const { text: decoded, warning } = decodeArticle(file.bytes);
      let raw = decoded;
      let meta = manifest.get(file.name);
      if (!meta) {
        // Its head's lines that only held a date leave the text, as they leave an upload's.
        const head = readTextHead(decoded.split(/\r\n?|\n/));
        raw = head.lines.join('\n');
        meta = unlistedMeta(file.name, raw, head.scan, files.now);
        warnings.push({
          kind: 'unlisted',
          file: file.name,
          message: `not in ${MANIFEST_FILE}; loaded with the derived title "${meta.title}"`,
        });
      }
      if (ids.has(meta.id)) throw new Error(`duplicate source id "${meta.id}"`);
      const source = buildSource(meta, raw);
      if (source.paragraphs.length === 0) throw new Error('no body text after cleaning');
      ids.add(meta.id);
      sources.push(source);
      if (warning) warnings.push({ kind: 'encoding', file: file.name, message: warning });
    } catch (err) {
      warnings.push({ kind: 'skipped', file: file.name, message: `skipped: ${message(err)}` });
    }
  }
  const names = new Set(files.articles.map((f) => f.name));
  for (const file of manifest.keys()) {
    if (!names.has(file)) warnings.push({ kind: 'missing', file, message: `listed in ${MANIFEST_FILE} but not found` });
  }
  return { sources, warnings };
}

/**
 * What moderators changed beyond the seeds folder: articles added, sources hidden, details corrected, and the
 * questions they confirmed passages answer (by passage id).
 */
export interface LibraryChanges {
  added: ReadonlyArray<{ meta: SourceMeta; text: string }>;
  removed: ReadonlySet<string>;
  edited: ReadonlyMap<string, SourceMeta>;
  confirmed?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The library as answers see it: the seeds with their corrected details, then the added articles, each hidden
 * when removed. An added article whose id a seed already has is left out with a warning (the store refuses it;
 * this only guards a seed file added later with the same id).
 */
export function withChanges(seeds: Library, changes: LibraryChanges): Library {
  const warnings = [...seeds.warnings];
  const shown = (meta: SourceMeta): SourceMeta => changes.edited.get(meta.id) ?? meta;
  const sources: Source[] = seeds.sources
    .filter((s) => !changes.removed.has(s.meta.id))
    .map((s) => (changes.edited.has(s.meta.id) ? { ...s, meta: shown(s.meta) } : s));
  const ids = new Set(seeds.sources.map((s) => s.meta.id));
  for (const a of changes.added) {
    if (changes.removed.has(a.meta.id)) continue;
    if (ids.has(a.meta.id)) {
      warnings.push({ kind: 'skipped', file: a.meta.file, message: `skipped: an added article has the id "${a.meta.id}" of a seed` });
      continue;
    }
    ids.add(a.meta.id);
    sources.push(buildSource(shown(a.meta), a.text));
  }
  return { sources, warnings };
}
