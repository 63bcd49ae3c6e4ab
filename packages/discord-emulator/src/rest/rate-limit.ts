/** Rate-limit buckets behind the `x-ratelimit-*` headers, and Discord's answers for injected faults. */
import { createHash } from 'node:crypto';
import type { FaultRule } from '../types.js';
import type { Reply } from './route.js';

/**
 * Per-bucket counters behind the `x-ratelimit-*` headers, so discord.js's queueing runs as against Discord.
 * Buckets are keyed by route and major parameter (channel, guild, webhook) like Discord's.
 */
export class RateLimits {
  private readonly buckets = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly limits: { limit: number; windowMs: number }) {}

  count(method: string, path: string): { headers: Record<string, string>; limited?: Reply } {
    if (path.startsWith('/interactions/')) return { headers: {} };
    const template = path.replace(/^\/webhooks\/\d+\/[^/]+/, '/webhooks/:id/:token').replace(/\/\d{5,}/g, '/:id');
    const major = /^\/webhooks\/\d+\/[^/]+/.exec(path)?.[0] ?? /^\/(?:channels|guilds)\/\d+/.exec(path)?.[0] ?? '';
    const bucket = createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 32);
    const key = `${bucket}:${major}`;
    const { limit, windowMs } = this.limits;
    const now = Date.now();
    let entry = this.buckets.get(key);
    if (!entry || now >= entry.resetAt) this.buckets.set(key, (entry = { count: 0, resetAt: now + windowMs }));
    entry.count++;
    const resetAfter = (entry.resetAt - now) / 1000;
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - entry.count)),
      'x-ratelimit-reset': (entry.resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': bucket,
    };
    if (entry.count <= limit) return { headers };
    const limited = faultReply({ path: /./, status: 429, retryAfterSeconds: resetAfter });
    return { headers, limited: { ...limited, headers: { ...headers, ...limited.headers } } };
  }
}

/** Discord's answer for an injected fault. */
export function faultReply(rule: FaultRule): Reply {
  if (rule.status === 429) {
    const retryAfter = rule.retryAfterSeconds ?? 0.1;
    const global = rule.global ?? false;
    return {
      status: 429,
      // The header carries the exact value (Discord rounds it up to whole seconds), so tests stay fast.
      headers: {
        'retry-after': String(retryAfter),
        'x-ratelimit-scope': global ? 'global' : 'user',
        ...(global ? { 'x-ratelimit-global': 'true' } : {}),
      },
      body: rule.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global },
    };
  }
  const text: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };
  return {
    status: rule.status,
    body: rule.body ?? { message: `${rule.status}: ${text[rule.status] ?? 'Error'}`, code: 0 },
  };
}
