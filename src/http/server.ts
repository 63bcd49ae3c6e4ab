/**
 * The HTTP interactions endpoint (`npm run serve`): Discord POSTs each interaction here instead of sending it
 * over the gateway. Stateless: any number of instances behind a load balancer serve one application, since
 * button state lives in custom_ids and the corpus is read-only. The same interaction pipeline as the gateway bot.
 *
 * Hostile requests are cheap to refuse: bodies are capped (413), headers too (431), slow senders time out,
 * signatures are checked before any JSON is parsed (401), stale or replayed signatures are refused, malformed
 * JSON is a 400. Requests that never arrive whole (a client hanging up mid-body, a broken chunked body) are
 * counted and logged at debug: they cost nothing and need no signature, so they must not fill the error log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Corpus } from '../core/corpus.js';
import { MemoryStore, type ExpiringStore } from '../stores/expiring.js';
import { messageJson, noticeMessage } from '../interactions/message.js';
import { multipartBody } from './multipart.js';
import { createPipeline, type PipelineOptions } from '../interactions/pipeline.js';
import { checkSignature } from './signature.js';

/** Discord's interaction payloads are a few kilobytes; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024;
/** A signed request older (or newer) than this is refused. */
const MAX_SKEW_SECONDS = 300;
/** Whole-request and header deadlines: a slow-loris sender is cut off. */
export const REQUEST_TIMEOUT_MS = 10_000;
export const HEADERS_TIMEOUT_MS = 5_000;
/**
 * Signatures the default replay memory holds. Each is held until its timestamp leaves the window; when more
 * arrive than it holds, the memory refuses those it can no longer tell apart from a replay (timestamps no
 * newer than the oldest it had to forget), so replays stay refused at any rate. Genuine requests, signed
 * the moment Discord sends them, are refused only if more than this many arrive within one second.
 */
export const REPLAY_MEMORY = 10_000;

/** A later reply, with no way to send it afterwards, is awaited this long: Discord waits 3 s for the response. */
const LATER_WAIT_MS = 2500;

export interface InteractionsServerOptions extends Omit<PipelineOptions, 'post'> {
  publicKey: KeyObject;
  /** Posting to a channel needs the bot token; without one, Post explains why it cannot. */
  post?: PipelineOptions['post'];
  /**
   * Put a later reply in place of its acknowledgement (REST, with the interaction's token); without it, a later
   * reply is awaited, up to LATER_WAIT_MS, and sent as the response itself.
   */
  editOriginal?: (interaction: { applicationId: string; token: string }, messageJson: string) => Promise<void>;
  maxBodyBytes?: number;
  /** Deadlines (tests shorten them). */
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Where signatures are remembered (default: this process's memory); a shared store for several instances. */
  replayStore?: ExpiringStore<true>;
  /** Answers the requests it claims (the reader site under /sources/); the rest go on to the endpoint. */
  reader?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** /health also reports memory figures (HEALTH_DETAIL=1): off by default, for /health is public. */
  healthDetail?: boolean;
}

export interface InteractionsServer {
  server: Server;
  /** Counters for the health endpoint and the load tests. */
  stats: { handled: number; refused: Record<string, number> };
  /**
   * Listen on `port` (0: any free port) and resolve with the port taken. A port that cannot be had rejects with a
   * ListenError of one line naming it, never an unhandled 'error' event.
   */
  listen: (port: number, host: string) => Promise<number>;
  /**
   * Stop accepting, finish requests in flight (each answered with `connection: close`), close. Whatever is
   * still open after the request deadline (it cannot be a request that is still progressing) is cut off.
   */
  close: () => Promise<void>;
  /** Answer from another library from the next interaction on (a reload, an article added). */
  setCorpus: (corpus: Corpus) => void;
}

function send(res: ServerResponse, status: number, json: string, closeConnection = false): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    ...(closeConnection ? { connection: 'close' } : {}),
  });
  res.end(json);
}

/** What /health reports: enough for a load balancer, and memory for the load tests and the soak script. */
interface HealthBody {
  ok: true;
  sources: number;
  passages: number;
  handled: number;
  refused: Record<string, number>;
  /**
   * Bytes, from process.memoryUsage(); only with `healthDetail` (HEALTH_DETAIL=1). Not by the caller's address:
   * behind a reverse proxy on the same machine, every caller is loopback.
   */
  memory?: { heapUsed: number; rss: number };
}

/** Why a port could not be listened on, as one line (`serve: …`). */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The usual reasons a listen fails, said plainly; anything else keeps Node's message. */
export function listenProblem(err: Error & { code?: string }, port: number, host: string): ListenError {
  const code = err.code ?? '';
  if (code === 'EADDRINUSE') return new ListenError(`port ${port} is already in use (set PORT to another)`, code);
  if (code === 'EACCES') return new ListenError(`port ${port} needs privileges this process lacks (set PORT to 1024 or above)`, code);
  if (code === 'EADDRNOTAVAIL') return new ListenError(`HOST ${host} is not an address of this machine (set HOST, e.g. 0.0.0.0)`, code);
  return new ListenError(`cannot listen on ${host}:${port}: ${err.message}`, code);
}

/** GET /: someone opened the endpoint's address in a browser. One line saying what is here. */
function pointer(reader: boolean): string {
  const pages = reader ? 'the articles it quotes are at /sources/, ' : '';
  const what = "Peace Talks Bot's Discord interactions endpoint: Discord POSTs interactions to /interactions";
  return `${what}; ${pages}its health is at /health.\n`;
}

/** Why a body was not read whole: too large, too slow, the client hung up, or its chunked encoding broke. */
type Unread = 'too-large' | 'too-slow' | 'aborted';

function readBody(req: IncomingMessage, limit: number, deadlineMs: number): Promise<Buffer | Unread> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve('too-slow');
      req.destroy();
    }, deadlineMs).unref();
    req.on('close', () => clearTimeout(timer));
    // Past the limit, the rest is read and dropped (until the request deadline at most) while the 413 is sent:
    // closing a socket with unread data resets it, and the client would never see its answer.
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      resolve('too-large');
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        // A body without a declared length that grows past the limit: stop keeping it, answer 413.
        req.off('data', onData);
        chunks.length = 0;
        resolve('too-large');
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // A client that hangs up mid-body, or whose chunked body does not parse: 'aborted', then an ECONNRESET.
    req.on('error', () => resolve('aborted'));
    req.on('close', () => {
      if (!req.complete) resolve('aborted');
    });
  });
}

/** The replay memory's key: verification accepts the hex in either case, so the memory must not tell them apart. */
function replayKey(signature: string): string {
  return signature.toLowerCase();
}

export function createInteractionsServer({ corpus, ...options }: InteractionsServerOptions): InteractionsServer {
  // The first library goes to the pipeline alone: what the server keeps must not hold it past a reload.
  const now = options.now ?? Date.now;
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const stats = { handled: 0, refused: {} as Record<string, number> };
  const seen = options.replayStore ?? new MemoryStore<true>(REPLAY_MEMORY);
  // Once close() is called, every response also closes its connection, so kept-alive clients move elsewhere.
  let closing = false;
  const reply = (res: ServerResponse, status: number, body: unknown): void => send(res, status, JSON.stringify(body), closing);
  const count = (reason: string): void => {
    stats.refused[reason] = (stats.refused[reason] ?? 0) + 1;
  };
  const refuse = (res: ServerResponse, status: number, reason: string): void => {
    count(reason);
    reply(res, status, { error: reason });
  };
  const pipeline = createPipeline({
    ...options,
    corpus,
    now,
    post:
      options.post ??
      (() => Promise.resolve({ ok: false, code: null, reason: 'this endpoint has no bot token to post with (set DISCORD_TOKEN)' })),
  });

  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  // Every failure is caught here, so the server may call it without awaiting.
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/health') {
        const memory = options.healthDetail ? process.memoryUsage() : null;
        const health: HealthBody = {
          ok: true,
          sources: pipeline.corpus().index.sources.size,
          passages: pipeline.corpus().index.passageCount,
          handled: stats.handled,
          refused: stats.refused,
          ...(memory ? { memory: { heapUsed: memory.heapUsed, rss: memory.rss } } : {}),
        };
        reply(res, 200, health);
        return;
      }
      // POST / stays an interactions endpoint (a URL set without the path); GET / is a person with a browser.
      if (req.method === 'GET' && path === '/') {
        const text = pointer(options.reader !== undefined);
        res.writeHead(200, {
          'content-type': 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(text),
          ...(closing ? { connection: 'close' } : {}),
        });
        res.end(text);
        return;
      }
      if (options.reader?.(req, res)) return;
      if (path !== '/interactions' && path !== '/') return refuse(res, 404, 'not-found');
      if (req.method !== 'POST') return refuse(res, 405, 'method-not-allowed');
      const body = await readBody(req, limit, requestTimeout);
      if (body === 'too-slow') {
        count('body-timeout');
        return;
      }
      if (body === 'aborted') {
        // Answered 400 by the clientError handler if the body was malformed; a client that left gets nothing.
        const reason = malformed.has(req.socket) ? 'body-malformed' : 'body-aborted';
        count(reason);
        options.logger.debug({ reason }, 'request body not received whole');
        return;
      }
      if (body === 'too-large') return refuse(res, 413, 'body-too-large');
      const signature = req.headers['x-signature-ed25519'];
      const timestamp = req.headers['x-signature-timestamp'];
      const check = await checkSignature(
        options.publicKey,
        typeof signature === 'string' ? signature : undefined,
        typeof timestamp === 'string' ? timestamp : undefined,
        body,
        Math.floor(now() / 1000),
        MAX_SKEW_SECONDS,
      );
      if (!check.ok) return refuse(res, 401, `signature-${check.reason}`);
      // Checked and recorded in one step (`add`) after the verification settles: of two copies of one request
      // verified at the same time, the first to finish is answered and the other refused as a replay. Held
      // until the timestamp leaves the window (the +1: the window is checked in whole seconds).
      const expiresAt = (Number(timestamp) + MAX_SKEW_SECONDS + 1) * 1000;
      if (!(await seen.add(replayKey(signature as string), true, expiresAt, now()))) return refuse(res, 401, 'signature-replayed');

      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return refuse(res, 400, 'malformed-json');
      }
      const answer = await pipeline.answer(json);
      if (answer.kind === 'refused') return refuse(res, 400, answer.reason);
      if (answer.kind === 'answered') stats.handled++;
      const followUp = answer.kind === 'answered' ? answer.followUp : undefined;
      if (answer.kind === 'answered' && followUp) {
        const edit = options.editOriginal;
        if (edit) {
          send(res, 200, answer.json, closing);
          const message = await followUp.message();
          await edit(answer, message).catch((err: unknown) =>
            options.logger.warn({ err }, 'a later reply could not replace its acknowledgement'),
          );
          return;
        }
        // No way to edit afterwards: the reply itself, if it comes within Discord's wait.
        const message = await Promise.race([
          followUp.message(),
          new Promise<null>((r) => setTimeout(() => r(null), LATER_WAIT_MS).unref()),
        ]);
        const late = messageJson(
          noticeMessage('That took longer than this endpoint can wait (it has no bot token to answer later). Please try again.'),
        );
        return send(res, 200, `{"type":${followUp.type},"data":${message ?? late}}`, closing);
      }
      if (answer.kind === 'answered' && answer.files) {
        // Discord takes a response with files as an upload: the JSON and the files in one multipart body.
        const { contentType, body } = multipartBody(answer.json, answer.files);
        res.writeHead(200, { 'content-type': contentType, 'content-length': body.length, ...(closing ? { connection: 'close' } : {}) });
        res.end(body);
        return;
      }
      send(res, 200, answer.json, closing);
    } catch (err) {
      options.logger.error({ err }, 'interactions endpoint failed');
      if (!res.headersSent) refuse(res, 500, 'internal-error');
    }
  };

  // Node checks the deadlines on this interval (30 s by default): check often enough to enforce them.
  const server = createServer(
    {
      connectionsCheckingInterval: Math.min(1000, Math.max(100, headersTimeout / 2)),
      // Given here, not set afterwards: Node reads them when the server is created.
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: 5_000,
    },
    (req, res) => void handle(req, res),
  );
  // Our own deadline for a request's headers, per connection: Node's built-in check misses slow senders
  // while another keep-alive connection is idle (seen on Node 20), and a slow-loris must never hold a socket.
  const deadlines = new WeakMap<Socket, NodeJS.Timeout>();
  const arm = (socket: Socket, keptAlive: boolean): void => {
    clearTimeout(deadlines.get(socket));
    const read = socket.bytesRead;
    deadlines.set(
      socket,
      setTimeout(() => {
        // A kept-alive connection that sent nothing since its last answer is idle, not slow: it is watched
        // again, and Node closes it at the keep-alive timeout it announced. Closing it here, sooner than the
        // client was told, resets the next request the client sends on it.
        if (keptAlive && socket.bytesRead === read) return arm(socket, true);
        count('headers-timeout');
        socket.destroy();
      }, headersTimeout).unref(),
    );
  };
  server.on('connection', (socket: Socket) => {
    arm(socket, false);
    socket.on('close', () => clearTimeout(deadlines.get(socket)));
  });
  // Sockets with a request being answered, and those whose request body failed to parse mid-way.
  const busy = new WeakSet<Socket>();
  const malformed = new WeakSet<Socket>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    clearTimeout(deadlines.get(req.socket));
    busy.add(req.socket);
    res.on('close', () => busy.delete(req.socket));
    // The next request on a kept-alive connection gets a fresh deadline, once this one's body is all read.
    const next = (): void => {
      if (!req.socket.destroyed) arm(req.socket, true);
    };
    res.on('finish', () => (req.complete ? next() : req.once('end', next)));
  });
  // Whatever node's parser refuses, before or during a request: oversized headers get 431, anything else that
  // does not parse 400; a connection reset gets nothing. An unfinished body is counted where it was being read.
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => {
    const reading = busy.has(socket);
    const code = err.code ?? '';
    if (code === 'ECONNRESET' || code === 'HPE_INVALID_EOF_STATE') {
      if (!reading) count('closed-early');
      socket.destroy();
      return;
    }
    const status = code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (reading) malformed.add(socket);
    else count(code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large' : 'client-error');
    options.logger.debug({ code }, 'request refused by the HTTP parser');
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
    else socket.destroy();
  });
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= new Promise((resolve) => {
      closing = true;
      // Requests in flight get the request deadline they already had to finish; nothing legitimate needs longer.
      const force = setTimeout(() => server.closeAllConnections(), requestTimeout).unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    }));
  const listen = (port: number, host: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const failed = (err: Error & { code?: string }): void => reject(listenProblem(err, port, host));
      server.once('error', failed);
      server.listen(port, host, () => {
        server.off('error', failed);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  return { server, stats, listen, close, setCorpus: pipeline.setCorpus };
}
