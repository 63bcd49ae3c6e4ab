/**
 * The REST API under `/api/v10` (and, on the same port, the attachment CDN under `/cdn` and `/media`): the routes a slash-command bot uses (one module per resource: identity,
 * interaction callbacks, webhooks, channels, application commands), Discord's error shapes and codes, rate-limit
 * headers, and injected faults. Paths are decoded before routing because discord.js sends `@original` as
 * `%40original`. Every request is recorded (when answered) with what was answered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Cdn } from '../cdn.js';
import type { UploadedFile } from '../model.js';
import { apiError } from '../validate.js';
import { parseBody, readBody } from './body.js';
import { callbackRoutes } from './callbacks.js';
import { channelRoutes } from './channels.js';
import { commandRoutes } from './commands.js';
import { identityRoutes } from './identity.js';
import { faultReply, RateLimits } from './rate-limit.js';
import { err, type Reply, type RestHooks, type Route } from './route.js';
import { webhookRoutes } from './webhooks.js';

export type { RestHooks } from './route.js';

export class RestApi {
  private readonly routes: Route[];
  private readonly rateLimits: RateLimits;

  constructor(private readonly hooks: RestHooks) {
    this.rateLimits = new RateLimits(hooks.rateLimit);
    this.routes = [
      ...identityRoutes(hooks),
      ...callbackRoutes(hooks),
      ...webhookRoutes(hooks),
      ...channelRoutes(hooks),
      ...commandRoutes(hooks),
    ];
  }

  /** Entry point for every HTTP request that is not a WebSocket upgrade. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = url.pathname.startsWith('/api/v10/') ? url.pathname.slice('/api/v10'.length) : url.pathname;
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      path = raw;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const query = Object.fromEntries(url.searchParams);
    const buffer = await readBody(req);
    let parsed: { body: unknown; files: UploadedFile[] } | null = null;
    let reply: Reply;
    try {
      parsed = parseBody(buffer, headers['content-type'] ?? '');
    } catch {
      parsed = null;
    }
    const record = (status: number, response: unknown) =>
      this.hooks.record({
        method,
        path,
        query,
        headers,
        body: parsed?.body ?? null,
        ...(parsed?.files.length ? { files: parsed.files } : {}),
        at,
        status,
        response,
      });

    const fault = this.hooks.takeFault(method, path);
    if (fault?.delayMs) await this.hooks.sleep(fault.delayMs);
    if (fault?.status === 0) {
      record(0, null);
      req.socket.destroy();
      return;
    }
    if (Cdn.handles(path) && !(fault && fault.status >= 400)) {
      // The attachment CDN: bytes (or Discord's plain-text 404), not JSON, and no rate-limit headers.
      const served = this.hooks.cdn.serve(method, path, query);
      res.writeHead(served.status, served.headers);
      res.end(method === 'HEAD' ? undefined : served.body);
      record(served.status, served.status === 200 ? null : served.body.toString('utf8'));
      return;
    }
    if (fault && fault.status >= 400) {
      reply = faultReply(fault);
    } else if (!url.pathname.startsWith('/api/v10/')) {
      reply = err(apiError(404, 0, '404: Not Found'));
    } else if (parsed === null) {
      reply = err(apiError(400, 50109, 'The request body contains invalid JSON.'));
    } else {
      reply = this.route(method, path, query, headers, parsed);
    }
    const body = reply.status === 204 || reply.body === undefined ? undefined : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...reply.headers,
    });
    res.end(body);
    record(reply.status, reply.body ?? null);
  }

  private route(
    method: string,
    path: string,
    query: Record<string, string>,
    headers: Record<string, string>,
    parsed: { body: unknown; files: UploadedFile[] },
  ): Reply {
    const matches = this.routes.filter((r) => r.pattern.test(path));
    const route = matches.find((r) => r.methods.includes(method));
    if (!route) {
      return matches.length ? err(apiError(405, 0, '405: Method Not Allowed')) : err(apiError(404, 0, '404: Not Found'));
    }
    if (route.bot) {
      const auth = headers.authorization ?? '';
      if (!auth.startsWith('Bot ') || !this.hooks.tokenOk(auth.slice(4))) return err(apiError(401, 0, '401: Unauthorized'));
    }
    const limits = this.rateLimits.count(method, path);
    if (limits.limited) return limits.limited;
    const params = (route.pattern.exec(path) ?? []).slice(1).map((p) => p ?? '');
    const reply = route.run({ method, path, params, query, body: parsed.body, files: parsed.files });
    return { ...reply, headers: { ...limits.headers, ...reply.headers } };
  }
}
