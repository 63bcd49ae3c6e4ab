/**
 * Test support for the ingestion edge: a network jail (no test may open a connection beyond loopback, even when
 * the guard under test is broken on purpose), and a loopback HTTP server with the pages the tests need.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, Socket, type AddressInfo, type LookupFunction } from 'node:net';
import { gzipSync } from 'node:zlib';

const LOOPBACK = (address: string): boolean => /^127\./.test(address) || address === '::1' || address === '::ffff:127.0.0.1';

export interface Jail {
  /** Every address a connection was attempted to (IP literals, and what a host name's lookup answered). */
  attempts: string[];
  /** Attempts that were refused because they were not loopback. */
  refused: string[];
  release(): void;
}

type ConnectArgs = Parameters<Socket['connect']>;

/**
 * Patch `net.Socket#connect` so that only loopback can be reached. A refused attempt fails the socket (the fetch
 * reports a network error, so the test goes red) and is recorded; nothing leaves the machine.
 */
export function jailNetwork(): Jail {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with .apply(socket) and put back
  const original = Socket.prototype.connect;
  const jail: Jail = {
    attempts: [],
    refused: [],
    release: () => {
      Socket.prototype.connect = original;
    },
  };
  const refuse = (socket: Socket, target: string): Socket => {
    jail.refused.push(target);
    process.nextTick(() => socket.destroy(new Error(`test jail: no connection to ${target} (loopback only)`)));
    return socket;
  };
  Socket.prototype.connect = function (this: Socket, ...args: unknown[]): Socket {
    const first = args[0];
    const opts = (Array.isArray(first) ? (first as unknown[])[0] : first) as
      { host?: string; port?: number; path?: string; lookup?: LookupFunction } | number | string;
    if (typeof opts === 'object' && opts !== null && typeof opts.path === 'string') return original.apply(this, args as ConnectArgs);
    const host =
      typeof opts === 'object' && opts !== null ? (opts.host ?? 'localhost') : typeof args[1] === 'string' ? args[1] : 'localhost';
    if (isIP(host) !== 0) {
      jail.attempts.push(host);
      if (!LOOPBACK(host)) return refuse(this, host);
      return original.apply(this, args as ConnectArgs);
    }
    // A host name: only through a lookup the caller supplied (never the system's DNS), answering loopback.
    const lookup = typeof opts === 'object' && opts !== null ? opts.lookup : undefined;
    if (!lookup) return refuse(this, `${host} (system DNS)`);
    const opt = opts as { lookup?: LookupFunction };
    opt.lookup = (hostname, options, callback) =>
      lookup(hostname, options, (err, address, family) => {
        const list = Array.isArray(address) ? address.map((a) => a.address) : [address];
        jail.attempts.push(...list);
        const outside = list.find((a) => !LOOPBACK(a));
        if (!err && outside !== undefined) {
          jail.refused.push(outside);
          callback(new Error(`test jail: no connection to ${outside} (loopback only)`), '', 4);
          return;
        }
        callback(err, address, family);
      });
    return original.apply(this, args as ConnectArgs);
  };
  return jail;
}

export const MB = 1024 * 1024;

export interface TestServer {
  base: string;
  port: number;
  /** Request paths, in order. */
  hits: string[];
  /** Host headers, in order. */
  hosts: string[];
  /** Body bytes handed to the socket by the streaming routes, by path. */
  written: Map<string, number>;
  close(): Promise<void>;
}

export const ARTICLE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour Talks Reach a First Step | The Lowland Courier</title>
<meta property="og:title" content="Harbour Talks Reach a First Step">
<meta property="og:site_name" content="The Lowland Courier">
<meta property="article:published_time" content="2025-05-06T08:15:00+02:00">
<script>window.tracking = "should never appear";</script>
<style>body { font-family: serif }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/region">Region</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article>
<h1>Harbour Talks Reach a First Step</h1>
<p class="byline">By Mirela Stan</p>
<p>Negotiators for the invented coastal states of Varnia and Ostrel agreed on Tuesday to reopen the shared harbour of Kessin
to grain ships, the first concrete result of talks that began in the winter, officials from both delegations said.</p>
<p>The arrangement, brokered by a fictional council of river towns, lets up to twelve ships a week pass under joint inspection.
Both sides called it a test of trust rather than a settlement, and neither gave up its claim to the harbour itself.</p>
<figure><img src="ships.jpg" alt="Ships"><figcaption>Grain ships wait outside Kessin. (Photo: Invented Agency)</figcaption></figure>
<h2>What Comes Next</h2>
<p>A second round is planned for the summer, when the delegations are expected to discuss the return of
fishing boats seized during the dispute. Mediators said they hoped the harbour deal would make that conversation easier.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/x">A festival of lanterns draws record crowds</a></li>
<li><a href="/y">Ferry timetable changes for the autumn</a></li></ul></aside>
<footer><p>Copyright The Lowland Courier. All rights reserved. Terms. Privacy. Contact us.</p></footer>
</body></html>`;

export const NO_ARTICLE_HTML = `<!doctype html><html><head><title>Sign in</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a> <a href="/contact">Contact</a></nav>
<form><label>Email <input name="email"></label><button>Sign in</button></form>
<ul><li><a href="/1">Harbour talks</a></li><li><a href="/2">Ferry times</a></li></ul>
<footer>Copyright</footer></body></html>`;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** Write `total` bytes in `chunk`-sized pieces, `delayMs` apart, honouring back-pressure, until done or the client leaves. */
function stream(res: ServerResponse, path: string, written: Map<string, number>, total: number, chunk: number, delayMs: number): void {
  const piece = Buffer.alloc(chunk, 0x61);
  let sent = 0;
  let gone = false;
  res.on('close', () => (gone = true));
  const next = (): void => {
    if (gone) return;
    if (sent >= total) {
      res.end();
      return;
    }
    sent += chunk;
    written.set(path, sent);
    const ok = res.write(piece);
    if (ok) setTimeout(next, delayMs);
    else res.once('drain', () => setTimeout(next, delayMs));
  };
  next();
}

let bomb: Buffer | undefined;

export async function startServer(): Promise<TestServer> {
  const hits: string[] = [];
  const hosts: string[] = [];
  const written = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let base = '';
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '/';
    hits.push(path);
    hosts.push(req.headers.host ?? '');
    const send = (status: number, type: string | null, body: string | Buffer, headers: Record<string, string> = {}): void => {
      if (type) res.setHeader('content-type', type);
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.writeHead(status);
      res.end(body);
    };
    const redirect = (to: string): void => send(302, null, '', { location: to });
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) {
      const n = Number(chain[1]);
      if (n > 0) redirect(`/chain/${n - 1}`);
      else send(200, 'text/html; charset=utf-8', ARTICLE_HTML);
      return;
    }
    switch (path) {
      case '/article':
      case '/2025/05/06/harbour-talks':
        return send(200, 'text/html; charset=utf-8', ARTICLE_HTML);
      case '/notes.txt':
        return send(
          200,
          'text/plain; charset=utf-8',
          'Harbour Notes\n\nBy Mirela Stan\n\nThe harbour reopened to grain ships on Tuesday under joint inspection.\n',
        );
      case '/no-article':
        return send(200, 'text/html; charset=utf-8', NO_ARTICLE_HTML);
      case '/missing':
        return send(404, 'text/html', '<h1>Not here</h1>');
      case '/broken':
        return send(500, 'text/html', '<h1>Oops</h1>');
      case '/loop-a':
        return redirect('/loop-b');
      case '/loop-b':
        return redirect('/loop-a');
      case '/relative':
        return redirect('article');
      case '/to-private':
        return redirect('http://10.0.0.1/');
      case '/to-metadata':
        return redirect('http://169.254.169.254/latest/meta-data/');
      case '/to-named':
        return redirect(`http://intranet.test:${new URL(base).port}/article`);
      case '/to-ftp':
        return redirect('ftp://files.example.test/article.txt');
      case '/image':
        return send(200, 'image/png', PNG);
      case '/no-type':
        res.writeHead(200);
        res.end('just bytes');
        return;
      case '/octet':
        return send(200, 'application/octet-stream', 'Harbour Notes\n\nThe harbour reopened to grain ships on Tuesday.\n');
      case '/expired':
        return send(404, 'text/plain', 'This content is no longer available.');
      case '/forbidden':
        return send(403, 'text/plain', 'Forbidden');
      case '/gzip':
        return send(200, 'text/html; charset=utf-8', gzipSync(ARTICLE_HTML), { 'content-encoding': 'gzip' });
      case '/bomb':
        bomb ??= gzipSync(Buffer.alloc(50 * MB, 0x61));
        return send(200, 'text/plain', bomb, { 'content-encoding': 'gzip' });
      case '/huge':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return stream(res, path, written, 50 * MB, 64 * 1024, 5);
      case '/huge-declared':
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(50 * MB) });
        return stream(res, path, written, 50 * MB, 64 * 1024, 5);
      case '/slow': {
        const t = setTimeout(() => send(200, 'text/html', ARTICLE_HTML), 3000);
        timers.add(t);
        res.on('close', () => clearTimeout(t));
        return;
      }
      case '/drip':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return stream(res, path, written, 1000, 10, 100);
      default:
        return send(404, 'text/plain', 'no such page');
    }
  };
  const server: Server = createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    base,
    port,
    hits,
    hosts,
    written,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
