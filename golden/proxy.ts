/**
 * A recording REST proxy between the bot and the emulator: every request the bot's REST client makes is kept
 * exactly as it arrived (method, URL, content type, the body's bytes) and passed on unchanged; the emulator's
 * status is kept with it. The gateway WebSocket does not pass through here: `GET /gateway/bot` answers with the
 * emulator's own ws:// URL.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  seq: number;
  method: string;
  /** Path and query as sent, e.g. `/api/v10/interactions/…/callback?with_response=false`. */
  url: string;
  contentType: string | null;
  body: Buffer;
  /** The emulator's status; 0 until it answered (or if it never did). */
  status: number;
  done: boolean;
}

export class RecordingProxy {
  readonly requests: ProxiedRequest[] = [];
  private server: Server | null = null;
  private listeners = new Set<() => void>();
  private lastActivity = performance.now();

  constructor(private readonly target: { host: string; port: number }) {}

  get inFlight(): number {
    return this.requests.filter((r) => !r.done).length;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const record: ProxiedRequest = {
          seq: this.requests.length,
          method: req.method ?? '',
          url: req.url ?? '',
          contentType: req.headers['content-type'] ?? null,
          body,
          status: 0,
          done: false,
        };
        this.requests.push(record);
        this.touch();
        const headers = { ...req.headers, host: `${this.target.host}:${this.target.port}`, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        const upstream = request(
          { host: this.target.host, port: this.target.port, method: req.method, path: req.url, headers },
          (answer) => {
            record.status = answer.statusCode ?? 0;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            answer.on('end', () => {
              record.done = true;
              this.touch();
            });
          },
        );
        upstream.on('error', (err) => {
          record.done = true;
          this.touch();
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: `golden proxy: ${err.message}`, code: 0 }));
        });
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves with the first finished request that matches (past or future); rejects after `timeoutMs`. */
  waitFor(match: (r: ProxiedRequest) => boolean, timeoutMs: number): Promise<ProxiedRequest> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.requests.find((r) => r.done && match(r));
        if (!found) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`golden proxy: no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** Resolves once nothing is in flight and no request has started or finished for `quietMs`. */
  async settle(quietMs: number, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const idleFor = performance.now() - this.lastActivity;
      if (this.inFlight === 0 && idleFor >= quietMs) return;
      if (performance.now() > deadline) throw new Error('golden proxy: requests still in flight');
      await new Promise((r) => setTimeout(r, Math.max(5, quietMs - idleFor)));
    }
  }

  private touch(): void {
    this.lastActivity = performance.now();
    for (const l of [...this.listeners]) l();
  }
}
