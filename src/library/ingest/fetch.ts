/**
 * Fetching an article's page, or a Discord attachment, without letting the link steer the bot.
 *
 * One GET per hop over node:http/https, with: http(s) links only; one time limit for the whole fetch (DNS,
 * every redirect and the body); a size cap enforced while streaming (and from Content-Length before reading);
 * at most 5 redirects, each one checked like the first; the content type checked; and no request forgery:
 * every hop's host is resolved here, refused if ANY of its addresses is not public (see `address.ts`), and the
 * connection goes to the vetted addresses themselves (a `lookup` that returns them), so a DNS answer that
 * changes between the check and the connect (rebinding) is never used.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, STATUS_CODES, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { MAX_ARTICLE_BYTES } from '../seed-files.js';
import { addressGuard, addressRange, describeRange, type AddressPolicy } from './address.js';
import { formatSize, IngestError } from './errors.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = MAX_ARTICLE_BYTES;
const DEFAULT_MAX_REDIRECTS = 5;
const USER_AGENT = 'PeaceTalksBot/0.1 (article ingest)';

/** Media types that hold an article. */
const ARTICLE_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown', 'text/x-markdown'];

/** An address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface FetchOptions extends AddressPolicy {
  /** For the whole fetch: DNS, every redirect and the body. Default 10 s. */
  timeoutMs?: number;
  /** The body's size cap, in bytes (after decompression). Default 2 MB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Cancels the fetch ('aborted'). */
  signal?: AbortSignal;
  userAgent?: string;
  /** Resolves a host name; default `dns.lookup(host, {all: true})`. Tests give a fixed answer here. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export interface Fetched {
  /** The URL as asked for (normalised by URL parsing). */
  requestedUrl: string;
  /** The URL the body came from, after redirects. */
  url: string;
  /** Every URL redirected to, in order. */
  redirects: string[];
  status: number;
  /** The media type, lowercased, without parameters ("text/html"); null when the server gave none. */
  contentType: string | null;
  /** The charset parameter of Content-Type, lowercased, or null. */
  charset: string | null;
  /** The body, decompressed. */
  bytes: Uint8Array;
}

/** How the two kinds of fetch differ: what they call the thing, what they accept, what a 404 means. */
interface Profile {
  noun: 'page' | 'attachment';
  accepts(mediaType: string | null): boolean;
  statusError(status: number, text: string): IngestError;
}

const PAGE: Profile = {
  noun: 'page',
  accepts: (type) => type !== null && ARTICLE_TYPES.includes(type),
  statusError: (status, text) => new IngestError('http-status', `the page answered ${status} ${text}`.trim()),
};

/**
 * Discord's CDN names a file's type from its extension (and serves unknown ones as octet-stream); the bytes
 * are judged again by `extractDraft`, which knows the file name.
 */
const ATTACHMENT: Profile = {
  noun: 'attachment',
  accepts: (type) => type === null || type === 'application/octet-stream' || ARTICLE_TYPES.includes(type),
  statusError: (status, text) =>
    status === 403 || status === 404 || status === 410
      ? new IngestError('expired-link', 'the attachment link has expired; attach the file again', { detail: `${status} ${text}` })
      : new IngestError('http-status', `the attachment link answered ${status} ${text}`.trim()),
};

/** Fetch an article's page: HTML, plain text or Markdown. Throws `IngestError`. */
export function fetchArticle(url: string, options: FetchOptions = {}): Promise<Fetched> {
  return guardedFetch(url, options, PAGE);
}

/** Fetch a file attached to a Discord message (its CDN link). Same guard; an expired link is 'expired-link'. */
export function fetchAttachment(url: string, options: FetchOptions = {}): Promise<Fetched> {
  return guardedFetch(url, options, ATTACHMENT);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

async function guardedFetch(input: string, options: FetchOptions, profile: Profile): Promise<Fetched> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const guard = addressGuard(options);
  const resolve = options.resolve ?? systemResolve;

  // One controller for the whole fetch: the deadline and the caller's signal both end it, with the reason.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new IngestError('timeout', `the ${profile.noun} did not load within ${seconds(timeoutMs)}`)),
    timeoutMs,
  );
  const cancel = (): void => controller.abort(new IngestError('aborted', `the ${profile.noun} fetch was cancelled`));
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  const signal = controller.signal;

  try {
    const first = parseLink(input, null);
    const visited = new Set([first.href]);
    const redirects: string[] = [];
    let url = first;
    for (;;) {
      const addresses = await untilAborted(vet(url, redirects.length > 0 ? profile.noun : null, guard, resolve), signal);
      const res = await untilAborted(send(url, addresses, signal, options.userAgent ?? USER_AGENT), signal);
      const location = res.headers.location;
      if (REDIRECTS.has(res.statusCode ?? 0) && location) {
        res.destroy();
        const next = parseLink(location, url, profile.noun);
        if (visited.has(next.href))
          throw new IngestError('too-many-redirects', `the ${profile.noun} redirects in a loop`, { detail: next.href });
        if (redirects.length >= maxRedirects) {
          throw new IngestError('too-many-redirects', `the ${profile.noun} redirected more than ${maxRedirects} times`);
        }
        visited.add(next.href);
        redirects.push(next.href);
        url = next;
        continue;
      }
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.destroy();
        throw profile.statusError(status, res.statusMessage || STATUS_CODES[status] || '');
      }
      const { mediaType, charset } = parseContentType(res.headers['content-type']);
      if (!profile.accepts(mediaType)) {
        res.destroy();
        throw new IngestError(
          'content-type',
          mediaType === null
            ? `the ${profile.noun} did not say what kind of file it is (no content type)`
            : `the ${profile.noun} is ${mediaType}, not an article (HTML, plain text or Markdown)`,
        );
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        throw tooLarge(profile, maxBytes);
      }
      const bytes = await readCapped(res, maxBytes, profile, signal);
      return { requestedUrl: first.href, url: url.href, redirects, status, contentType: mediaType, charset, bytes };
    }
  } catch (err) {
    // Whatever failed after the deadline or a cancel, the moderator is told that, not the socket error it caused.
    if (signal.aborted && signal.reason instanceof IngestError) throw signal.reason;
    if (err instanceof IngestError) throw err;
    throw networkError(err, profile);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
    controller.abort(); // ends any response still streaming after an early return or throw
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

function tooLarge(profile: Profile, maxBytes: number): IngestError {
  return new IngestError('too-large', `the ${profile.noun} is over ${formatSize(maxBytes)}`);
}

/** A link as the WHATWG URL parser reads it (so "http://2130706433/" is already 127.0.0.1), http(s) only. */
function parseLink(link: string, base: URL | null, noun: Profile['noun'] = 'page'): URL {
  let url: URL;
  const via = base ? `the ${noun} redirected to “${link}”, which` : `“${link}”`;
  try {
    url = new URL(link, base ?? undefined);
  } catch {
    throw new IngestError('bad-url', `${via} is not a valid link`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IngestError(
      'bad-url',
      `${base ? `the ${noun} redirected to ${url.href}, which` : url.href} is not a web link (only http and https are fetched)`,
    );
  }
  // Credentials in a link would be sent to whatever host it names; and "https://trusted@evil/" misleads readers.
  if (url.username || url.password) throw new IngestError('bad-url', 'links with a user name or password in them are not fetched');
  url.hash = '';
  return url;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (err, addresses: LookupAddress[]) => {
      if (err) reject(err);
      else resolve(addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    });
  });
}

/** The addresses this hop may connect to: all of them public (or allowed), else the hop is refused. */
async function vet(
  url: URL,
  /** Set on a redirect hop: what redirected there. */
  redirectedBy: Profile['noun'] | null,
  guard: ReturnType<typeof addressGuard>,
  resolve: (hostname: string) => Promise<ResolvedAddress[]>,
): Promise<ResolvedAddress[]> {
  const host = hostOf(url);
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new IngestError('network', `could not find the site ${host}`, { detail: code, cause: err });
    }
    if (addresses.length === 0) throw new IngestError('network', `could not find the site ${host}`);
  }
  const refused = addresses.find((a) => !guard.allows(host, a.address));
  if (refused) {
    const what =
      literal !== 0
        ? `is ${describeRange(addressRange(host))}`
        : `resolves to ${describeRange(addressRange(refused.address))} (${refused.address})`;
    throw new IngestError(
      'private-address',
      redirectedBy ? `the ${redirectedBy} redirected to ${url.href}, which ${what}` : `${url.href} ${what}`,
    );
  }
  return addresses;
}

/** A `lookup` that answers with the vetted addresses only, whatever name it is asked about. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    const list = wanted.length > 0 ? wanted : addresses;
    if (options.all) callback(null, list);
    else callback(null, list[0]?.address ?? '', list[0]?.family ?? 4);
  };
}

function send(url: URL, addresses: ResolvedAddress[], signal: AbortSignal, userAgent: string): Promise<IncomingMessage> {
  const options: RequestOptions = {
    method: 'GET',
    protocol: url.protocol,
    hostname: hostOf(url),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    headers: {
      'user-agent': userAgent,
      accept: 'text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,*/*;q=0.1',
      'accept-encoding': 'gzip, deflate, br',
    },
    lookup: pinnedLookup(addresses),
    agent: false, // no pooled socket from an earlier hop or fetch
    signal,
  };
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(options, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Rejects as soon as `signal` aborts, so waiting on DNS (which cannot be cancelled) still ends on time. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function parseContentType(header: string | undefined): { mediaType: string | null; charset: string | null } {
  if (!header) return { mediaType: null, charset: null };
  const [type = '', ...params] = header.split(';');
  const mediaType = type.trim().toLowerCase() || null;
  let charset: string | null = null;
  for (const param of params) {
    const [key, value] = param.split('=');
    if (key?.trim().toLowerCase() === 'charset' && value)
      charset = value
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
  }
  return { mediaType, charset };
}

/** The body, decompressed, refused the moment it passes `maxBytes` (the rest is never read). */
function readCapped(res: IncomingMessage, maxBytes: number, profile: Profile, signal: AbortSignal): Promise<Uint8Array> {
  const encoding = String(res.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  let body: Readable = res;
  if (encoding === 'gzip' || encoding === 'x-gzip') body = res.pipe(createGunzip());
  else if (encoding === 'deflate') body = res.pipe(createInflate());
  else if (encoding === 'br') body = res.pipe(createBrotliDecompress());
  else if (encoding !== 'identity' && encoding !== '') {
    res.destroy();
    return Promise.reject(new IngestError('network', `the ${profile.noun} was sent in an encoding the bot cannot read (${encoding})`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: Error | null): void => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      if (err) {
        res.destroy();
        if (body !== res) body.destroy();
        reject(err);
      } else {
        resolve(new Uint8Array(Buffer.concat(chunks, size)));
      }
    };
    const onAbort = (): void => finish(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(tooLarge(profile, maxBytes));
      else chunks.push(chunk);
    });
    body.on('end', () => finish(null));
    body.on('error', (err) =>
      finish(
        body === res
          ? err
          : new IngestError('network', `the ${profile.noun} was sent compressed, and could not be decompressed`, { cause: err }),
      ),
    );
    res.on('error', (err) => finish(err));
    // A connection that closes before the body ends (and before 'end') is a truncated page.
    res.on('close', () => {
      if (!res.complete) finish(new IngestError('network', `the connection closed before the ${profile.noun} was complete`));
    });
  });
}

function networkError(err: unknown, profile: Profile): IngestError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ECONNREFUSED'
      ? 'the server refused the connection'
      : code === 'ECONNRESET'
        ? 'the server closed the connection'
        : code === 'ENOTFOUND'
          ? 'the site was not found'
          : code?.startsWith('ERR_TLS') || code?.includes('CERT')
            ? 'its certificate could not be verified'
            : 'the connection failed';
  return new IngestError('network', `could not fetch the ${profile.noun}: ${reason}`, { detail: code ?? String(err), cause: err });
}
