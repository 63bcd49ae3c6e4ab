/** Reading a request body: JSON, or Discord's multipart uploads (a `payload_json` part and files). */
import type { IncomingMessage } from 'node:http';
import type { UploadedFile } from '../model.js';

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart/form-data with a `payload_json` part and files (their names, types and bytes). Throws on bad JSON. */
export function parseBody(buffer: Buffer, contentType: string): { body: unknown; files: UploadedFile[] } {
  if (buffer.length === 0) return { body: null, files: [] };
  const boundary = /multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return { body: contentType.includes('json') ? JSON.parse(buffer.toString('utf8')) : null, files: [] };
  const files: UploadedFile[] = [];
  let body: unknown = null;
  // latin1 keeps one character per byte, so sizes and slices stay exact for binary parts.
  for (const part of buffer.toString('latin1').split(`--${boundary}`).slice(1, -1)) {
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split);
    const content = part.slice(split + 4, part.endsWith('\r\n') ? -2 : undefined);
    const field = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (filename !== undefined) {
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream';
      const data = Buffer.from(content, 'latin1');
      files.push({ field, filename, contentType, size: data.length, data });
    } else if (field === 'payload_json') {
      body = JSON.parse(Buffer.from(content, 'latin1').toString('utf8'));
    }
  }
  return { body, files };
}
