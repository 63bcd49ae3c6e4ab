/** How a REST call the bot (or the endpoint) made is written down: method, URL, status, content type, body. */
import { blob, field } from './format.js';
import type { ProxiedRequest } from './proxy.js';

export function restCalls(requests: readonly ProxiedRequest[]): string {
  let text = '';
  for (const r of requests) {
    text += field('rest', `${r.method} ${r.url} -> ${r.done ? r.status : 'no answer'}`);
    if (r.contentType !== null) text += field('rest content-type', r.contentType);
    text += blob('rest body', r.body);
  }
  return text;
}
