/**
 * A mix of good and hostile requests against the HTTP interactions endpoint on 127.0.0.1, for the load test
 * (tests/e2e/http-load.test.ts) and the soak script (bench/soak.ts). Every good request is a freshly signed
 * `/talks search` asked by its own user (so the per-user cooldown never answers instead of the search); every
 * hostile one must be refused with its own status. Bounded by a request count and a deadline.
 */
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/runtime/paths.js';
import { interaction, newKeys, nowSeconds, searchData, send, signed, stall, type HttpAnswer } from './http.js';

/** Hostile requests and the status each must be refused with. */
const HOSTILE_STATUS = {
  'missing-signature': 401,
  'malformed-signature': 401,
  'bad-signature': 401,
  'foreign-key': 401,
  'tampered-body': 401,
  replayed: 401,
  'stale-timestamp': 401,
  'future-timestamp': 401,
  oversized: 413,
  'oversized-chunked': 413,
  'malformed-json': 400,
  'not-an-interaction': 400,
  'unknown-type': 400,
} as const;
export type HostileKind = keyof typeof HOSTILE_STATUS;
export const HOSTILE_KINDS = Object.keys(HOSTILE_STATUS) as HostileKind[];

/** Connections that never finish their request: the server must close each by its own deadline. */
const STALL_KINDS = ['headers-stalled', 'headers-trickled', 'body-stalled'] as const;
type StallKind = (typeof STALL_KINDS)[number];

/** The held-out evaluation questions: real questions, written apart from the articles. */
export function heldoutQuestions(): string[] {
  const raw = JSON.parse(readFileSync(join(PROJECT_ROOT, 'eval', 'heldout-questions.json'), 'utf8')) as Array<{ q: string }>;
  return raw.map((x) => x.q);
}

export interface MixFigures {
  requests: number;
  good: { sent: number; answered: number; withEmbeds: number };
  hostile: Record<HostileKind, { sent: number; refused: number }>;
  /** The first few things that went wrong, for the assertion message. */
  problems: string[];
  ms: number;
}

export function emptyFigures(): MixFigures {
  return {
    requests: 0,
    good: { sent: 0, answered: 0, withEmbeds: 0 },
    hostile: Object.fromEntries(HOSTILE_KINDS.map((k) => [k, { sent: 0, refused: 0 }])) as MixFigures['hostile'],
    problems: [],
    ms: 0,
  };
}

/** Add `b` into `a` (for totals over rounds). */
export function addFigures(a: MixFigures, b: MixFigures): MixFigures {
  a.requests += b.requests;
  a.good.sent += b.good.sent;
  a.good.answered += b.good.answered;
  a.good.withEmbeds += b.good.withEmbeds;
  for (const k of HOSTILE_KINDS) {
    a.hostile[k].sent += b.hostile[k].sent;
    a.hostile[k].refused += b.hostile[k].refused;
  }
  a.problems.push(...b.problems.slice(0, Math.max(0, 20 - a.problems.length)));
  a.ms += b.ms;
  return a;
}

export const goodLost = (f: MixFigures): number => f.good.sent - f.good.answered;
export const hostileSent = (f: MixFigures): number => HOSTILE_KINDS.reduce((n, k) => n + f.hostile[k].sent, 0);
export const hostileMisrefused = (f: MixFigures): number => HOSTILE_KINDS.reduce((n, k) => n + f.hostile[k].sent - f.hostile[k].refused, 0);

export interface MixOptions {
  port: number;
  privateKey: KeyObject;
  questions: readonly string[];
  /** Jobs to run (a replay job sends two requests: the original, then its replay). */
  jobs: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** One job in `hostileEvery` is hostile, rotating through every kind. */
  hostileEvery: number;
  /** Stop starting jobs after this long. */
  deadlineMs: number;
}

let userSeq = 1_800_000_000_000_000_000n;
let questionSeq = 0;
let nonce = 0;
const foreignKey = newKeys().privateKey;
const OVERSIZED = JSON.stringify({ pad: 'x'.repeat(200_000) });

/**
 * Run the mix once. Good requests go over kept-alive connections; oversized ones each on a connection of
 * their own.
 */
export async function runMix(options: MixOptions): Promise<MixFigures> {
  const figures = emptyFigures();
  const started = performance.now();
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const key = options.privateKey;
  let next = 0;
  let hostileSeq = 0;

  const problem = (what: string): void => {
    if (figures.problems.length < 20) figures.problems.push(what);
  };
  const attempt = async (body: string | Buffer | undefined, headers: Record<string, string>, own = false): Promise<HttpAnswer | Error> => {
    figures.requests += 1;
    try {
      return await send(options.port, { body, headers, agent: own ? false : agent });
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  };

  const good = async (): Promise<{ body: string; headers: Record<string, string> }> => {
    userSeq += 1n;
    const query = options.questions[questionSeq++ % options.questions.length] ?? 'grain deal';
    const body = JSON.stringify(interaction(2, searchData(query), String(userSeq)));
    const headers = signed(body, key);
    figures.good.sent += 1;
    const answer = await attempt(body, headers);
    if (answer instanceof Error) {
      problem(`good "${query}": ${answer.message}`);
      return { body, headers };
    }
    let parsed: { type?: unknown; data?: { content?: unknown; embeds?: unknown } } = {};
    try {
      parsed = JSON.parse(answer.text) as typeof parsed;
    } catch {
      // counted below
    }
    const embeds = Array.isArray(parsed.data?.embeds) ? parsed.data.embeds.length : 0;
    const content = typeof parsed.data?.content === 'string' ? parsed.data.content : '';
    if (answer.status === 200 && parsed.type === 4 && (embeds > 0 || content.length > 0)) {
      figures.good.answered += 1;
      if (embeds > 0) figures.good.withEmbeds += 1;
    } else {
      problem(`good "${query}": ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    return { body, headers };
  };

  const hostile = async (kind: HostileKind): Promise<void> => {
    const signedBody = (body: string): [string, Record<string, string>] => [body, signed(body, key)];
    const ping = (): string => JSON.stringify(interaction(1, undefined, '1400000000000000001'));
    let body: string | undefined;
    let headers: Record<string, string>;
    let own = false;
    switch (kind) {
      case 'missing-signature':
        body = ping();
        headers = { 'content-type': 'application/json' };
        break;
      case 'malformed-signature':
        body = ping();
        headers = { ...signed(body, key), 'x-signature-ed25519': 'not-a-signature' };
        break;
      case 'bad-signature':
        body = ping();
        headers = { ...signed(body, key), 'x-signature-ed25519': 'ab'.repeat(64) };
        break;
      case 'foreign-key':
        body = ping();
        headers = signed(body, foreignKey);
        break;
      case 'tampered-body': {
        const original = ping();
        headers = signed(original, key);
        body = original.replace('"type":1', '"type":2');
        break;
      }
      case 'replayed': {
        // A good request, answered, then sent again byte for byte.
        const first = await good();
        body = first.body;
        headers = first.headers;
        break;
      }
      case 'stale-timestamp':
        body = ping();
        headers = signed(body, key, String(nowSeconds() - 3600));
        break;
      case 'future-timestamp':
        body = ping();
        headers = signed(body, key, String(nowSeconds() + 3600));
        break;
      case 'oversized':
        [body, headers] = signedBody(OVERSIZED);
        own = true;
        break;
      case 'oversized-chunked':
        // No content-length: the limit has to be enforced while reading.
        [body, headers] = signedBody(OVERSIZED);
        headers = { ...headers, 'transfer-encoding': 'chunked' };
        own = true;
        break;
      // Signed, so each needs its own bytes: the same body and timestamp would be refused as a replay instead.
      case 'malformed-json':
        [body, headers] = signedBody(`{"id": "${++nonce}", "type": 2, "data": {`);
        break;
      case 'not-an-interaction':
        [body, headers] = signedBody(JSON.stringify({ hello: 'world', nonce: ++nonce }));
        break;
      case 'unknown-type':
        [body, headers] = signedBody(JSON.stringify(interaction(99, {}, '1400000000000000001')));
        break;
    }
    figures.hostile[kind].sent += 1;
    const answer = await attempt(body, headers, own);
    if (answer instanceof Error) return problem(`${kind}: ${answer.message}`);
    if (answer.status === HOSTILE_STATUS[kind]) figures.hostile[kind].refused += 1;
    else problem(`${kind}: ${answer.status} ${answer.text.slice(0, 200)}`);
  };

  const worker = async (): Promise<void> => {
    while (next < options.jobs && performance.now() - started < options.deadlineMs) {
      const i = next++;
      if (i % options.hostileEvery === options.hostileEvery - 1) {
        const kind = HOSTILE_KINDS[hostileSeq++ % HOSTILE_KINDS.length] ?? 'missing-signature';
        await hostile(kind);
      } else {
        await good();
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent.destroy();
  figures.ms = performance.now() - started;
  return figures;
}

export interface StallOutcome {
  kind: StallKind;
  /** When the server closed the connection, or null if it was still open when we gave up. */
  closedAfterMs: number | null;
  /** The server never answered 2xx to a request it never received in full. */
  answered2xx: boolean;
}

/**
 * Open `perKind` connections of each stalling kind. They resolve once the server has closed them (or after
 * `giveUpMs`): headers that never finish (all at once, or a byte every 500 ms), and a body that never finishes.
 */
export function openStallers(port: number, perKind: number, giveUpMs: number): Promise<StallOutcome[]> {
  const openings: Record<StallKind, { opening: string; trickle?: { text: string; everyMs: number } }> = {
    'headers-stalled': { opening: 'POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\n' },
    'headers-trickled': { opening: 'POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', trickle: { text: 'a', everyMs: 500 } },
    'body-stalled': {
      opening: 'POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":',
    },
  };
  const all: Array<Promise<StallOutcome>> = [];
  for (const kind of STALL_KINDS) {
    const { opening, trickle } = openings[kind];
    for (let i = 0; i < perKind; i++) {
      all.push(
        stall(port, opening, giveUpMs, trickle).then(({ closedAfterMs, received }) => ({
          kind,
          closedAfterMs,
          answered2xx: /^HTTP\/1\.1 2/.test(received),
        })),
      );
    }
  }
  return Promise.all(all);
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One line of figures, for the test output, the soak script and SECURITY.md. */
export function summaryLine(f: MixFigures): string {
  const refused = HOSTILE_KINDS.map((k) => `${k} ${f.hostile[k].refused}/${f.hostile[k].sent}`).join(', ');
  return (
    `${f.requests} requests; good ${f.good.answered}/${f.good.sent} answered (${f.good.withEmbeds} with embeds), ` +
    `lost ${goodLost(f)}; hostile refused with the right status: ${refused}`
  );
}
