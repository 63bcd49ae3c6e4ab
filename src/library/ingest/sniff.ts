/**
 * From an upload's or a page's bytes to text, or a clear refusal: empty, too large, an image or other binary,
 * a document format the library does not read. The text is decoded as the seeds are (`decodeArticle`: UTF-8,
 * else Windows-1252 with a warning), honouring a charset the server or the page declares.
 */
import { decodeArticle } from '../../core/library.js';
import { MAX_ARTICLE_BYTES } from '../seed-files.js';
import { formatSize, IngestError } from './errors.js';

export type ArticleFormat = 'html' | 'markdown' | 'text';

export interface SniffInput {
  bytes: Uint8Array;
  contentType?: string | undefined;
  fileName?: string | undefined;
  url?: string | undefined;
}

export interface Decoded {
  text: string;
  format: ArticleFormat;
  warnings: string[];
}

interface Signature {
  name: string;
  /** Byte values at the start; null matches any byte. */
  bytes: (number | null)[];
  offset?: number;
  /** Documents get "save it as text" advice; the rest are simply not articles. */
  document?: boolean;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

// Magic numbers: what a moderator might attach by mistake, named so the refusal says what it was.
const SIGNATURES: Signature[] = [
  { name: 'a PNG image', bytes: [0x89, ...ascii('PNG')] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: ascii('GIF8') },
  { name: 'a WebP image', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { name: 'a TIFF image', bytes: [...ascii('II'), 0x2a, 0x00] },
  { name: 'a TIFF image', bytes: [...ascii('MM'), 0x00, 0x2a] },
  { name: 'an icon', bytes: [0x00, 0x00, 0x01, 0x00] },
  { name: 'a HEIC or AVIF image, or a video', bytes: ascii('ftyp'), offset: 4 },
  { name: 'a PDF document', bytes: ascii('%PDF-'), document: true },
  { name: 'an RTF document', bytes: ascii('{\\rtf'), document: true },
  { name: 'a Word, EPUB or other zipped document', bytes: [...ascii('PK'), 0x03, 0x04], document: true },
  { name: 'an old Word or Office document', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], document: true },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'a 7-Zip archive', bytes: [...ascii('7z'), 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'a RAR archive', bytes: ascii('Rar!') },
  { name: 'a program', bytes: [0x7f, ...ascii('ELF')] },
  { name: 'a WebAssembly module', bytes: [0x00, ...ascii('asm')] },
  { name: 'an audio file', bytes: ascii('ID3') },
  { name: 'an audio file', bytes: ascii('OggS') },
  { name: 'an audio file', bytes: ascii('fLaC') },
  { name: 'a database file', bytes: ascii('SQLite format 3') },
];

const DOCUMENT_EXTENSIONS: Record<string, string> = {
  pdf: 'a PDF document',
  doc: 'a Word document',
  docx: 'a Word document',
  odt: 'an OpenDocument text',
  rtf: 'an RTF document',
  epub: 'an EPUB book',
  pages: 'a Pages document',
};
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml']);
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd']);
const TEXT_EXTENSIONS = new Set(['txt', 'text']);

function signatureOf(bytes: Uint8Array): Signature | undefined {
  return SIGNATURES.find((sig) => {
    const at = sig.offset ?? 0;
    return bytes.length >= at + sig.bytes.length && sig.bytes.every((b, i) => b === null || bytes[at + i] === b);
  });
}

function extensionOf(name: string | undefined): string | null {
  if (!name) return null;
  const m = /\.([a-z0-9]{1,10})$/i.exec(name);
  return m?.[1]?.toLowerCase() ?? null;
}

function urlExtension(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return extensionOf(new URL(url).pathname);
  } catch {
    return null;
  }
}

function mediaTypeOf(contentType: string | undefined): { type: string | null; charset: string | null } {
  if (!contentType) return { type: null, charset: null };
  const [type = '', ...params] = contentType.split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find((c) => c !== undefined);
  return { type: type.trim().toLowerCase() || null, charset: charset?.toLowerCase() ?? null };
}

function refuseByType(type: string | null): void {
  if (!type) return;
  if (/^(?:image|audio|video|font|model)\//.test(type)) throw new IngestError('not-text', `the file is ${type}, not an article`);
  if (type === 'application/pdf' || /word|officedocument|opendocument|rtf|epub/.test(type)) {
    throw new IngestError('unsupported-file', `the file is ${type}; save the article as .txt, .md or .html and attach that`);
  }
}

/** What kind of article the bytes hold: the file's extension, then the declared type, then a look at the start. */
function formatOf(input: SniffInput, type: string | null, head: string): ArticleFormat {
  const ext = extensionOf(input.fileName);
  if (ext && HTML_EXTENSIONS.has(ext)) return 'html';
  if (ext && MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  if (ext && TEXT_EXTENSIONS.has(ext)) return 'text';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  const urlExt = urlExtension(input.url);
  if (urlExt && MARKDOWN_EXTENSIONS.has(urlExt)) return 'markdown';
  if (type === 'text/plain') return 'text';
  return /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(head) ? 'html' : 'text';
}

const LATIN1_FAMILY = new Set(['windows-1252', 'cp1252', 'iso-8859-1', 'latin1', 'l1', 'iso8859-1', 'us-ascii', 'ascii', 'x-cp1252']);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

/** The charset an HTML page declares in its first kilobyte (the HTML standard's prescan, simplified). */
function metaCharset(head: string): string | null {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
  return m?.[1]?.toLowerCase() ?? null;
}

function decoderFor(label: string): { decode(bytes: Uint8Array): string } | null {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return null;
  }
}

function decode(bytes: Uint8Array, declared: string | null, warnings: string[]): string {
  // A byte-order mark says it all; Windows' "Unicode" text is UTF-16 with one.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) declared = 'utf-8';
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    try {
      const text = new TextDecoder(utf16, { fatal: true }).decode(bytes);
      warnings.push('saved as UTF-16: read as such; save it as UTF-8 to silence this warning');
      return text;
    } catch {
      throw new IngestError('not-text', 'the file starts like UTF-16 text but is not valid UTF-16');
    }
  }
  if (bytes.includes(0)) throw new IngestError('not-text', 'the file is binary, not text');
  if (declared && !UTF8_LABELS.has(declared) && !LATIN1_FAMILY.has(declared)) {
    const decoder = decoderFor(declared);
    if (decoder) {
      try {
        return decoder.decode(bytes);
      } catch {
        warnings.push(`declared as ${declared} but not valid ${declared}; read as UTF-8 or Windows-1252 instead`);
      }
    }
  }
  let decoded: { text: string; warning?: string };
  try {
    decoded = decodeArticle(bytes);
  } catch (err) {
    throw new IngestError('not-text', `the file is not readable text: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  // A page that says it is Latin-1 and is: nothing to warn about.
  if (decoded.warning && !(declared && LATIN1_FAMILY.has(declared))) warnings.push(decoded.warning);
  return decoded.text;
}

// eslint-disable-next-line no-control-regex
const STRAY_CONTROLS = /[\u0001-\u0008\u000B\u000E-\u001F\u007F]/g;

/** Bytes to text and format, or an `IngestError` saying why they are not an article. */
export function decodeInput(input: SniffInput): Decoded {
  const { bytes } = input;
  if (bytes.length === 0) throw new IngestError('empty', 'the file is empty');
  if (bytes.length > MAX_ARTICLE_BYTES) throw new IngestError('too-large', `the file is over ${formatSize(MAX_ARTICLE_BYTES)}`);
  const sig = signatureOf(bytes);
  if (sig?.document)
    throw new IngestError('unsupported-file', `the file is ${sig.name}; save the article as .txt, .md or .html and attach that`);
  if (sig) throw new IngestError('not-text', `the file is ${sig.name}, not an article`);
  const { type, charset } = mediaTypeOf(input.contentType);
  refuseByType(type);
  const ext = extensionOf(input.fileName);
  const doc = ext ? DOCUMENT_EXTENSIONS[ext] : undefined;
  if (doc) throw new IngestError('unsupported-file', `the file is ${doc}; save the article as .txt, .md or .html and attach that`);

  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const format = formatOf(input, type, head);
  const warnings: string[] = [];
  const text = decode(bytes, charset ?? (format === 'html' ? metaCharset(head) : null), warnings);
  const controls = text.match(STRAY_CONTROLS)?.length ?? 0;
  if (controls > Math.max(3, text.length / 1000))
    throw new IngestError('not-text', 'the file is binary, not text (it is full of control characters)');
  if (!/[\p{L}\p{N}]/u.test(text)) throw new IngestError('empty', 'the file has no text in it');
  return { text, format, warnings };
}
