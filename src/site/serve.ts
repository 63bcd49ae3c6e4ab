/**
 * Serving the reader site over HTTP (mounted by `npm run serve` under `/sources/`). The files are held in memory,
 * so a request can only ever get one of them: no file system paths, no escapes (`..`, encoded or not), no
 * listings. Every response carries a strict Content-Security-Policy and nosniff; pages are revalidated by their
 * content hash (ETag), and the hashed stylesheet and icon are cached for a year.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { READER_INDEX } from '../core/reader.js';
import { notFoundFile, type SiteFile } from './build.js';
import { PAGE_CSP } from './pages.js';

/** Where `npm run serve` mounts the reader. */
export const READER_PREFIX = '/sources/';

export const READER_HEADERS = {
  'content-security-policy': `${PAGE_CSP}; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages may change with the library: always revalidate (a 304 costs a round trip, not the page). */
const REVALIDATE = 'no-cache';
/** Smaller bodies are not worth compressing. */
const GZIP_MIN_BYTES = 1024;
/** File names the site uses: one folder, no dot first (so never `..` nor a hidden file). */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

interface Served {
  file: SiteFile;
  gzip: Buffer | null;
}

/** Returns a request handler: true when it answered (the path is under `prefix`), false to leave it to others. */
export function createReaderHandler(
  files: readonly SiteFile[],
  prefix = READER_PREFIX,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const prepare = (file: SiteFile): Served => ({ file, gzip: file.body.length >= GZIP_MIN_BYTES ? gzipSync(file.body) : null });
  const byName = new Map(files.map((f) => [f.name, prepare(f)]));
  const notFound = prepare(notFoundFile(prefix));
  const bare = prefix.replace(/\/$/, '');

  const lookup = (path: string): Served | null => {
    let name: string;
    try {
      name = decodeURIComponent(path.slice(prefix.length));
    } catch {
      return null;
    }
    if (name === '') name = READER_INDEX;
    if (!FILE_NAME.test(name)) return null;
    // `jacobin-2022` as well as `jacobin-2022.html`, as static hosts do.
    return byName.get(name) ?? byName.get(`${name}.html`) ?? null;
  };

  return (req, res) => {
    const path = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    if (path !== bare && !path.startsWith(prefix)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...READER_HEADERS, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return true;
    }
    if (path === bare) {
      res.writeHead(301, { ...READER_HEADERS, location: prefix, 'content-length': 0 });
      res.end();
      return true;
    }
    const found = lookup(path);
    send(req, res, found ?? notFound, found ? 200 : 404);
    return true;
  };
}

function send(req: IncomingMessage, res: ServerResponse, served: Served, status: number): void {
  const { file } = served;
  const gzip = served.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? served.gzip : null;
  const etag = `"${file.hash}${gzip ? '.gz' : ''}"`;
  const headers: Record<string, string | number> = {
    ...READER_HEADERS,
    'content-type': file.type,
    'cache-control': status === 200 && file.immutable ? IMMUTABLE : REVALIDATE,
    ...(served.gzip ? { vary: 'accept-encoding' } : {}),
  };
  if (status === 200) {
    headers.etag = etag;
    const match = String(req.headers['if-none-match'] ?? '');
    if (match === '*' || match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  const body = gzip ?? file.body;
  res.writeHead(status, { ...headers, 'content-length': body.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * A server of the reader alone, on loopback (the offline playground, the browser tests). `update` serves another
 * library's pages from the next request on (the playground's, once an article is added or removed).
 */
export async function startReaderServer(
  files: readonly SiteFile[],
  port = 0,
  host = '127.0.0.1',
): Promise<{ url: string; server: Server; update: (files: readonly SiteFile[]) => void; close: () => Promise<void> }> {
  let handle = createReaderHandler(files);
  const server = createServer((req, res) => {
    if (handle(req, res)) return;
    res.writeHead(302, { ...READER_HEADERS, location: READER_PREFIX, 'content-length': 0 });
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const update = (next: readonly SiteFile[]): void => {
    handle = createReaderHandler(next);
  };
  return { url: `http://${host}:${bound}${READER_PREFIX}`, server, update, close };
}
