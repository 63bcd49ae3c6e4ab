/**
 * Discord's attachment CDN, on the emulator's own port: files a test adds (`addAttachment`) are served under
 * `/cdn/…` (Discord's `cdn.discordapp.com`) and `/media/…` (`media.discordapp.net`, the `proxy_url`) behind
 * signed, expiring links, the way Discord has signed attachment URLs since 2024:
 *
 *   /cdn/ephemeral-attachments/{channel}/{id}/{filename}?ex={hex expiry}&is={hex issued}&hm={hex signature}&
 *
 * `ex` and `is` are Unix seconds in hex, as Discord writes them; the emulator also remembers each link's expiry to
 * the millisecond, so a test can use a link that lives 20 ms. An expired, tampered or unsigned link answers 404 with
 * Discord's text "This content is no longer available.".
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { APIAttachment } from 'discord-api-types/v10';
import { snowflake } from './model.js';
import type { AttachmentInput } from './types.js';

/** Discord signs attachment links for 24 hours. */
export const DEFAULT_ATTACHMENT_LINK_TTL_MS = 24 * 60 * 60_000;

/** What Discord's CDN answers for an expired or badly signed attachment link. */
export const NO_LONGER_AVAILABLE = 'This content is no longer available.';

/** Content types Discord reports for the extensions a bot is likely to see, when the uploader did not say. */
const CONTENT_TYPES: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  zip: 'application/zip',
};

export interface StoredFile {
  id: string;
  channelId: string;
  filename: string;
  ephemeral: boolean;
  bytes: Buffer;
  /** Served as `content-type` (`application/octet-stream` when unknown). */
  contentType: string | undefined;
  /** The attachment object as last signed (what `resolved.attachments` carries). */
  attachment: APIAttachment;
}

interface Link {
  fileId: string;
  ex: string;
  is: string;
  expiresAt: number;
}

export interface CdnReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const CDN_PATH = /^\/(cdn|media)\/(attachments|ephemeral-attachments)\/(\d+)\/(\d+)\/([^/]+)$/;

export class Cdn {
  readonly files = new Map<string, StoredFile>();
  private readonly links = new Map<string, Link>();
  private readonly secret = randomBytes(32);
  private serial = 0;

  constructor(private readonly options: { origin: () => string; linkTtlMs: number }) {}

  /** Stores a file and returns its attachment object, with a freshly signed link. */
  add(input: AttachmentInput, channelId: string): APIAttachment {
    if (typeof input.filename !== 'string' || input.filename.length === 0) throw new Error('emulator: addAttachment needs a filename');
    if (!(input.bytes instanceof Uint8Array)) throw new Error('emulator: addAttachment needs bytes (a Uint8Array or Buffer)');
    // Discord replaces spaces (and characters a URL path cannot carry) in the names it stores.
    const filename = input.filename.replace(/[\s/\\?#%]/g, '_');
    const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
    const contentType = input.contentType ?? CONTENT_TYPES[extension];
    const file: StoredFile = {
      id: snowflake(),
      channelId,
      filename,
      ephemeral: input.ephemeral ?? true,
      // A copy, so the test changing its buffer later does not change what the CDN serves.
      bytes: Buffer.from(input.bytes),
      contentType,
      attachment: undefined as unknown as APIAttachment,
    };
    this.files.set(file.id, file);
    this.sign(file, input.linkTtlMs, input.description);
    return file.attachment;
  }

  /** Signs a new link for a stored file (as Discord does whenever it hands the attachment out again). */
  refresh(id: string, linkTtlMs?: number): APIAttachment {
    const file = this.files.get(id);
    if (!file) throw new Error(`emulator: no attachment ${id}`);
    this.sign(file, linkTtlMs, file.attachment.description);
    return file.attachment;
  }

  /** Makes every link of an attachment answer 404, as a deleted upload's do. */
  remove(id: string): boolean {
    return this.files.delete(id);
  }

  private sign(file: StoredFile, linkTtlMs: number | undefined, description: string | undefined): void {
    const issuedAt = Date.now();
    const expiresAt = issuedAt + (linkTtlMs ?? this.options.linkTtlMs);
    const ex = Math.ceil(expiresAt / 1000).toString(16);
    const is = Math.floor(issuedAt / 1000).toString(16);
    const path = `${file.ephemeral ? 'ephemeral-attachments' : 'attachments'}/${file.channelId}/${file.id}/${encodeURIComponent(file.filename)}`;
    // Each link gets its own signature (a serial number is signed too), remembered with its exact expiry.
    const hm = createHmac('sha256', this.secret).update(`${path}?ex=${ex}&is=${is}#${++this.serial}`).digest('hex');
    this.links.set(hm, { fileId: file.id, ex, is, expiresAt });
    const query = `?ex=${ex}&is=${is}&hm=${hm}&`;
    const origin = this.options.origin();
    file.attachment = {
      id: file.id,
      filename: file.filename,
      ...(description !== undefined ? { description } : {}),
      ...(file.contentType !== undefined ? { content_type: file.contentType } : {}),
      size: file.bytes.length,
      url: `${origin}/cdn/${path}${query}`,
      proxy_url: `${origin}/media/${path}${query}`,
      ephemeral: file.ephemeral,
    };
  }

  /** Whether a (decoded) path is the CDN's; other paths outside `/api/v10` answer the API's 404. */
  static handles(path: string): boolean {
    return CDN_PATH.test(path);
  }

  /** GET or HEAD of a signed link: the bytes, or Discord's 404 for a link that expired or does not verify. */
  serve(method: string, path: string, query: Record<string, string>): CdnReply {
    if (method !== 'GET' && method !== 'HEAD') return text(405, '405: Method Not Allowed');
    const [, , kind, channelId, id = '', filename] = CDN_PATH.exec(path) ?? [];
    const file = this.files.get(id);
    const link = this.links.get(query.hm ?? '');
    const valid =
      file !== undefined &&
      link !== undefined &&
      link.fileId === file.id &&
      file.channelId === channelId &&
      file.filename === filename &&
      (kind === 'ephemeral-attachments') === file.ephemeral &&
      query.ex === link.ex &&
      query.is === link.is &&
      Date.now() < link.expiresAt;
    if (!valid) return text(404, NO_LONGER_AVAILABLE);
    return {
      status: 200,
      headers: {
        'content-type': file.contentType ?? 'application/octet-stream',
        'content-length': String(file.bytes.length),
      },
      body: file.bytes,
    };
  }
}

function text(status: number, message: string): CdnReply {
  const body = Buffer.from(message, 'utf8');
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.length) }, body };
}
