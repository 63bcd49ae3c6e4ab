/**
 * An interaction response with files, as Discord documents it for uploads: multipart/form-data with the JSON in a
 * `payload_json` part and each file in a part `files[n]`, n being the id its `attachments` entry gives it.
 */
import { randomBytes } from 'node:crypto';
import type { ReplyFile } from '../interactions/message.js';

/** A part's header holds the file's name in quotes: anything that could end it is left out. */
function quotedName(name: string): string {
  return name.replace(/["\\\r\n]/g, '_');
}

export function multipartBody(json: string, files: readonly ReplyFile[]): { contentType: string; body: Buffer } {
  const boundary = `talks-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="payload_json"\r\nContent-Type: application/json\r\n\r\n${json}\r\n`,
    ),
  ];
  files.forEach((f, i) => {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files[${i}]"; filename="${quotedName(f.name)}"\r\n`),
      Buffer.from(`Content-Type: ${f.contentType}\r\n\r\n`),
      Buffer.from(f.data),
      Buffer.from('\r\n'),
    );
  });
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}
