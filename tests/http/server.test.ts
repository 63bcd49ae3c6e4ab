/** The HTTP interactions endpoint on 127.0.0.1, with real Ed25519 signatures. */
import type * as NodeCrypto from 'node:crypto';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { APIAllowedMentions, APIApplicationCommandOptionChoice, APIEmbed, InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { encodeCustomId, readQueryFooter } from '../../src/interactions/custom-id.js';
import { MemoryStore } from '../../src/stores/expiring.js';
import { createInteractionsServer, type InteractionsServer, type InteractionsServerOptions } from '../../src/http/server.js';
import { publicKeyFromHex } from '../../src/http/signature.js';
import { createLogger } from '../../src/runtime/logger.js';
import { match } from '../support/matchers.js';
import { seedCorpus } from '../support/seeds.js';
import { CHANNEL, exchange, interaction as makeInteraction, newKeys, signed as signWith, stall, statusesOf } from '../support/http.js';

/**
 * node:crypto's verify, counted: how many verifications are running at once (a callback not yet called).
 * Only the callback form runs in libuv's thread pool; a one-at-a-time verification never has two at once.
 */
const verifying = vi.hoisted(() => ({ now: 0, most: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof NodeCrypto>();
  function verify(...args: unknown[]): unknown {
    const callback = args[4];
    verifying.now += 1;
    verifying.most = Math.max(verifying.most, verifying.now);
    if (typeof callback !== 'function') {
      try {
        return (crypto.verify as (...a: unknown[]) => unknown)(...args);
      } finally {
        verifying.now -= 1;
      }
    }
    return (crypto.verify as (...a: unknown[]) => unknown)(...args.slice(0, 4), (err: Error | null, ok: boolean) => {
      verifying.now -= 1;
      (callback as (e: Error | null, ok: boolean) => void)(err, ok);
    });
  }
  return { ...crypto, default: { ...crypto, verify }, verify };
});

const { privateKey, publicHex } = newKeys();
const USER = '1400000000000000001';
const OTHER = '1400000000000000002';
let endpoint: InteractionsServer;
let base: string;

function signed(body: string, key: KeyObject = privateKey, timestamp?: string): Record<string, string> {
  return signWith(body, key, timestamp);
}

/** POSTs to /interactions (signed, unless `headers` are given): the status and the JSON body, null when empty. */
async function post(payload: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const res = await fetch(`${base}/interactions`, { method: 'POST', body, headers: headers ?? signed(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** An interaction response as these tests read it: its type, and the message or choices it carries. */
interface Reply {
  type: InteractionResponseType;
  data: {
    content?: string;
    flags?: number;
    embeds: APIEmbed[];
    allowed_mentions?: APIAllowedMentions;
    choices: APIApplicationCommandOptionChoice[];
  };
}

/** `post` for an interaction the endpoint answers: the body read as an interaction response. */
async function ask(payload: unknown): Promise<{ status: number; body: Reply }> {
  const { status, body } = await post(payload);
  return { status, body: body as Reply };
}

/** A fresh interaction from USER (see support/http.ts). */
function interaction(type: number, data: unknown, extra: Record<string, unknown> = {}, permissions = '0'): Record<string, unknown> {
  return makeInteraction(type, data, USER, extra, permissions);
}

const searchData = (query: string) => ({
  id: '1000000000000000001',
  name: 'talks',
  type: 1,
  options: [{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: query }] }],
});

/** Every log line the endpoint wrote (debug and up), parsed. */
const logged: Array<{ level: number; msg: string; [k: string]: unknown }> = [];
const corpus = seedCorpus();
const HEADERS_TIMEOUT_MS = 400;
const REQUEST_TIMEOUT_MS = 800;

async function listen(extra: Partial<InteractionsServerOptions> = {}): Promise<{ endpoint: InteractionsServer; port: number }> {
  const sink = new Writable({
    write: (c, _e, cb) => {
      for (const line of String(c).split('\n').filter(Boolean)) logged.push(JSON.parse(line) as (typeof logged)[number]);
      cb();
    },
  });
  const server = createInteractionsServer({
    commands: COMMANDS,
    publicKey: publicKeyFromHex(publicHex),
    corpus,
    logger: createLogger({ level: 'debug', destination: sink }),
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    cooldown: { burst: 1000, refillMs: 1 },
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    ...extra,
  });
  await new Promise<void>((r) => server.server.listen(0, '127.0.0.1', r));
  return { endpoint: server, port: (server.server.address() as AddressInfo).port };
}

beforeAll(async () => {
  const started = await listen();
  endpoint = started.endpoint;
  base = `http://127.0.0.1:${started.port}`;
});

afterAll(async () => {
  await endpoint.close();
  // Nothing any test sent, hostile or not, made the endpoint log an error.
  expect(logged.filter((l) => l.level >= 50)).toEqual([]);
});

describe('signatures', () => {
  it('answers a signed PING with PONG', async () => {
    expect(await post({ id: '1000000000000000001', application_id: '1000000000000000001', type: 1, token: 't', version: 1 })).toEqual({
      status: 200,
      body: { type: 1 },
    });
  });

  it('refuses missing, bad, foreign, stale and replayed signatures with 401', async () => {
    const ping = JSON.stringify({ id: '1000000000000000002', application_id: '1000000000000000001', type: 1, token: 't', version: 1 });
    expect((await post(ping, { 'content-type': 'application/json' })).status).toBe(401);
    const good = signed(ping);
    expect((await post(ping, { ...good, 'x-signature-ed25519': 'ab'.repeat(64) })).status).toBe(401);
    expect((await post(ping, { ...good, 'x-signature-ed25519': 'nothex' })).status).toBe(401);
    expect((await post(ping, signed(ping, generateKeyPairSync('ed25519').privateKey))).status).toBe(401);
    expect((await post(ping, signed(ping, privateKey, String(Math.floor(Date.now() / 1000) - 3600)))).status).toBe(401);
    // The body was signed, then changed.
    expect((await post(ping.replace('2"', '3"'), good)).status).toBe(401);
    const once = JSON.stringify({ id: '1000000000000000004', application_id: '1000000000000000001', type: 1, token: 't', version: 1 });
    const headers = signed(once);
    const before = endpoint.stats.refused['signature-replayed'] ?? 0;
    expect((await post(once, headers)).status).toBe(200);
    expect((await post(once, headers)).status).toBe(401);
    expect((endpoint.stats.refused['signature-replayed'] ?? 0) - before).toBe(1);
  });

  let spellings = 0;
  it.each([
    ['lower case, then upper case', (h: string) => h.toLowerCase(), (h: string) => h.toUpperCase()],
    ['upper case, then lower case', (h: string) => h.toUpperCase(), (h: string) => h.toLowerCase()],
    ['lower case, then mixed case', (h: string) => h.toLowerCase(), (h: string) => h.replace(/[a-f]/, (c) => c.toUpperCase())],
  ])('refuses a replay whose signature hex is spelled differently: %s', async (_label, first, again) => {
    const ping = JSON.stringify({
      id: String(1000000000000003000n + BigInt(++spellings)),
      application_id: '1000000000000000001',
      type: 1,
      token: 't',
      version: 1,
    });
    const headers = signed(ping);
    const signature = headers['x-signature-ed25519'] ?? '';
    expect(first(signature)).not.toBe(again(signature));
    expect((await post(ping, { ...headers, 'x-signature-ed25519': first(signature) })).status).toBe(200);
    expect(await post(ping, { ...headers, 'x-signature-ed25519': again(signature) })).toEqual({
      status: 401,
      body: { error: 'signature-replayed' },
    });
  });

  it('refuses a replay after the memory had to forget it, and still answers new requests', async () => {
    // A memory of 20 and a clock that moves a second a request: 60 genuine requests, each newer than the last.
    let clock = Date.now();
    const small = await listen({ replayStore: new MemoryStore<true>(20), now: () => clock });
    const postSmall = async (body: string, headers: Record<string, string>): Promise<number> => {
      const res = await fetch(`http://127.0.0.1:${small.port}/interactions`, { method: 'POST', body, headers });
      await res.arrayBuffer();
      return res.status;
    };
    try {
      const sent: Array<{ body: string; headers: Record<string, string> }> = [];
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        clock += 1000;
        const body = JSON.stringify({
          id: String(1000000000000001000n + BigInt(i)),
          application_id: '1000000000000000001',
          type: 1,
          token: 't',
          version: 1,
        });
        const headers = signed(body, privateKey, String(Math.floor(clock / 1000)));
        sent.push({ body, headers });
        statuses.push(await postSmall(body, headers));
      }
      expect(statuses).toEqual(Array(60).fill(200));
      // The first is long forgotten, still inside its 5-minute window, and still refused.
      const first = sent[0] ?? { body: '', headers: {} };
      const replay = await fetch(`http://127.0.0.1:${small.port}/interactions`, {
        method: 'POST',
        body: first.body,
        headers: first.headers,
      });
      expect(replay.status).toBe(401);
      expect(await replay.json()).toEqual({ error: 'signature-replayed' });
      // The next genuine request is answered.
      clock += 1000;
      const fresh = JSON.stringify({ id: '1000000000000002000', application_id: '1000000000000000001', type: 1, token: 't', version: 1 });
      expect(await postSmall(fresh, signed(fresh, privateKey, String(Math.floor(clock / 1000))))).toBe(200);
    } finally {
      await small.endpoint.close();
    }
  });
});

describe('signatures verified concurrently (off the event loop)', () => {
  /**
   * Send each request on a raw socket of its own, all but the last byte first, then every last byte in one
   * go: the server reads them all in one turn of the event loop, so their verifications overlap.
   */
  async function together(requests: Array<[string, Record<string, string>]>): Promise<Array<{ status: number; text: string }>> {
    const { port } = endpoint.server.address() as AddressInfo;
    const sockets = await Promise.all(
      requests.map(
        ([body, headers]) =>
          new Promise<{ socket: Socket; last: string; answer: Promise<{ status: number; text: string }> }>((resolve) => {
            const head = Object.entries({
              ...headers,
              host: '127.0.0.1',
              connection: 'close',
              'content-length': String(Buffer.byteLength(body)),
            })
              .map(([k, v]) => `${k}: ${v}\r\n`)
              .join('');
            const raw = `POST /interactions HTTP/1.1\r\n${head}\r\n${body}`;
            let received = '';
            const socket = connect(port, '127.0.0.1', () => {
              socket.write(raw.slice(0, -1));
              resolve({ socket, last: raw.slice(-1), answer });
            });
            const answer = new Promise<{ status: number; text: string }>((done) => {
              socket.on('data', (d: Buffer) => (received += d.toString('utf8')));
              socket.on('close', () =>
                done({
                  status: Number(/^HTTP\/1\.1 (\d+)/.exec(received)?.[1] ?? 0),
                  text: received.slice(received.indexOf('\r\n\r\n') + 4),
                }),
              );
            });
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    for (const s of sockets) s.socket.write(s.last);
    return Promise.all(sockets.map((s) => s.answer));
  }

  it('of identical copies arriving together, exactly one is answered and the rest refused as replays', async () => {
    const before = endpoint.stats.refused['signature-replayed'] ?? 0;
    const body = JSON.stringify(interaction(2, searchData('grain deal')));
    const headers = signed(body);
    verifying.most = 0;
    const answers = await together(Array.from({ length: 12 }, () => [body, headers]));
    // The twelve verifications overlapped: each started before the others finished (one at a time: 1).
    expect(verifying.most).toBeGreaterThanOrEqual(2);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(1);
    expect((JSON.parse(ok[0]?.text ?? '{}') as { type?: number }).type).toBe(4);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a).toEqual({ status: 401, text: '{"error":"signature-replayed"}' });
    expect((endpoint.stats.refused['signature-replayed'] ?? 0) - before).toBe(11);
  });

  it('answers good and refuses bad, missing, stale and tampered requests mixed together, each with its own status', async () => {
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    const kinds = ['good', 'bad', 'missing', 'stale', 'tampered', 'foreign'] as const;
    const foreign = generateKeyPairSync('ed25519').privateKey;
    const jobs = Array.from({ length: 48 }, (_, i) => {
      const kind = kinds[i % kinds.length] ?? 'good';
      const body = JSON.stringify(interaction(1, undefined));
      const good = signed(body);
      const sent: Record<(typeof kinds)[number], [string, Record<string, string>]> = {
        good: [body, good],
        bad: [body, { ...good, 'x-signature-ed25519': 'cd'.repeat(64) }],
        missing: [body, { 'content-type': 'application/json' }],
        stale: [body, signed(body, privateKey, stale)],
        tampered: [body.replace('"type":1', '"type":2'), good],
        foreign: [body, signed(body, foreign)],
      };
      return { kind, request: sent[kind] };
    });
    const expected = {
      good: '200 {"type":1}',
      bad: '401 {"error":"signature-invalid"}',
      missing: '401 {"error":"signature-missing"}',
      stale: '401 {"error":"signature-stale"}',
      tampered: '401 {"error":"signature-invalid"}',
      foreign: '401 {"error":"signature-invalid"}',
    };
    verifying.most = 0;
    const answers = await together(jobs.map((j) => j.request));
    expect(answers.map((a) => `${a.status} ${a.text}`)).toEqual(jobs.map((j) => expected[j.kind]));
    // Every good, bad, tampered and foreign one (all but missing and stale) reached the verification, together.
    expect(verifying.most).toBeGreaterThanOrEqual(2);
  });
});

/** Write `raw` on a socket of its own; what came back (see support/http.ts). */
async function rawExchange(raw: string, options: { hangUpAfterMs?: number } = {}): Promise<string> {
  const { port } = endpoint.server.address() as AddressInfo;
  return (await exchange(port, raw, options)).received;
}

describe('hostile requests', () => {
  it('refuses an oversized body with 413 and malformed JSON with 400', async () => {
    const huge = JSON.stringify({ pad: 'x'.repeat(200_000) });
    expect((await post(huge)).status).toBe(413);
    expect((await post('{"type": 2,')).status).toBe(400);
    expect((await post({ type: 99, id: '1000000000000000005', application_id: '1000000000000000001', token: 't' })).status).toBe(400);
    expect((await post({ hello: 'world' })).status).toBe(400);
  });

  /**
   * Send `opening` on a raw socket and never finish: when did the server close the connection? Not before its
   * deadline, and by itself: we give up only after 10 s, far past either deadline, so a loaded machine that
   * closes late still passes, and a server that never closes fails.
   */
  async function closedAfterStalling(opening: string): Promise<number | null> {
    const { port } = endpoint.server.address() as AddressInfo;
    return (await stall(port, opening, 10_000)).closedAfterMs;
  }

  it.each([
    ['a slow-loris sender at its headers deadline', 'POST /interactions HTTP/1.1\r\nHost: x\r\n', HEADERS_TIMEOUT_MS, 'headers-timeout'],
    [
      'a body that never finishes at the request deadline',
      'POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"type":',
      REQUEST_TIMEOUT_MS,
      'body-timeout',
    ],
  ])('cuts off %s', async (_label, opening, deadlineMs, counter) => {
    const before = endpoint.stats.refused[counter] ?? 0;
    const closedAfter = await closedAfterStalling(opening);
    expect(closedAfter).not.toBeNull();
    expect(closedAfter ?? 0).toBeGreaterThanOrEqual(deadlineMs - 50);
    expect((endpoint.stats.refused[counter] ?? 0) - before).toBe(1);
  });

  /** A raw kept-alive connection that has had one /health answered: what it has received so far, and the socket. */
  async function keptAlive(): Promise<{ socket: Socket; received: () => string }> {
    const { port } = endpoint.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', () => undefined);
    await new Promise<void>((r) => socket.once('connect', r));
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await vi.waitFor(() => expect(statusesOf(received)).toEqual([200]));
    return { socket, received: () => received };
  }

  it('keeps an idle kept-alive connection open past the headers deadline, as long as the keep-alive it announced', async () => {
    const { socket, received } = await keptAlive();
    expect(received()).toMatch(/keep-alive: timeout=5\r\n/i);
    // Closing an idle connection sooner than announced resets the request the client sends on it next.
    await new Promise((r) => setTimeout(r, 2 * HEADERS_TIMEOUT_MS));
    expect(socket.destroyed).toBe(false);
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await vi.waitFor(() => expect(statusesOf(received())).toEqual([200, 200]));
    socket.destroy();
  });

  it("still cuts off a kept-alive connection whose next request's headers never finish, and counts it", async () => {
    const before = endpoint.stats.refused['headers-timeout'] ?? 0;
    const { socket } = await keptAlive();
    const started = performance.now();
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    const closedAfter = await new Promise<number | null>((resolve) => {
      const giveUp = setTimeout(() => resolve(null), 10_000);
      socket.once('close', () => {
        clearTimeout(giveUp);
        resolve(performance.now() - started);
      });
    });
    socket.destroy();
    expect(closedAfter).not.toBeNull();
    expect((endpoint.stats.refused['headers-timeout'] ?? 0) - before).toBe(1);
  });

  it('answers oversized headers with 431', async () => {
    const res = await rawExchange(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res).toMatch(/^HTTP\/1\.1 431 /);
    expect(endpoint.stats.refused['headers-too-large']).toBeGreaterThanOrEqual(1);
  });

  it('counts a client that hangs up mid-body, logs it at debug, and logs no error', async () => {
    const before = endpoint.stats.refused['body-aborted'] ?? 0;
    const mark = logged.length;
    const body = JSON.stringify(interaction(2, searchData('grain deal')));
    const head = Object.entries({ ...signed(body), host: 'x', 'content-length': String(body.length) })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    for (let i = 0; i < 3; i++) await rawExchange(`POST /interactions HTTP/1.1\r\n${head}\r\n${body.slice(0, 50)}`, { hangUpAfterMs: 50 });
    await vi.waitFor(() => expect((endpoint.stats.refused['body-aborted'] ?? 0) - before).toBe(3));
    const lines = logged.slice(mark);
    expect(lines.filter((l) => l.reason === 'body-aborted').map((l) => l.level)).toEqual([20, 20, 20]);
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  });

  it('answers a broken chunked body with 400, counts it and logs no error', async () => {
    const before = endpoint.stats.refused['body-malformed'] ?? 0;
    const mark = logged.length;
    const res = await rawExchange('POST /interactions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"typ\r\nZZZ\r\n');
    expect(res).toMatch(/^HTTP\/1\.1 400 /);
    await vi.waitFor(() => expect((endpoint.stats.refused['body-malformed'] ?? 0) - before).toBe(1));
    expect(logged.slice(mark).filter((l) => l.level >= 40)).toEqual([]);
  });

  it('serves /health and 404/405 elsewhere', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, sources: 5, handled: match.any(Number), refused: match.any(Object) });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/interactions`)).status).toBe(405);
    expect((await fetch(base, { method: 'PUT' })).status).toBe(405);
  });

  it('reports memory on /health only with healthDetail (HEALTH_DETAIL=1), even to a caller on this machine', async () => {
    const plain = (await (await fetch(`${base}/health`)).json()) as Record<string, unknown>;
    expect(plain).not.toHaveProperty('memory');
    const detailed = await listen({ healthDetail: true });
    try {
      const body = (await (await fetch(`http://127.0.0.1:${detailed.port}/health`)).json()) as Record<string, unknown>;
      expect(body).toMatchObject({ ok: true, sources: 5, memory: { heapUsed: match.any(Number), rss: match.any(Number) } });
      expect(Object.keys(body.memory as object)).toEqual(['heapUsed', 'rss']);
    } finally {
      await detailed.endpoint.close();
    }
  });

  it('answers GET / with one line of text saying what is here; POST / is still the endpoint', async () => {
    const res = await fetch(`${base}/?from=browser`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await res.text();
    expect(text).toBe(
      "Peace Talks Bot's Discord interactions endpoint: Discord POSTs interactions to /interactions; its health is at /health.\n",
    );
    // POST / answers as POST /interactions does (a signed PING each).
    const answers = await Promise.all(
      ['/', '/interactions'].map(async (path, i) => {
        const ping = JSON.stringify({
          id: `10000000000000009${String(i).padStart(2, '0')}`,
          application_id: '1000000000000000001',
          type: 1,
          token: 't',
          version: 1,
        });
        const res = await fetch(`${base}${path}`, { method: 'POST', body: ping, headers: signed(ping) });
        return { status: res.status, body: (await res.json()) as unknown };
      }),
    );
    expect(answers[0]).toEqual(answers[1]);
    // With the reader pages, the line points to them too.
    const withReader = await listen({ reader: () => false });
    try {
      const line = await (await fetch(`http://127.0.0.1:${withReader.port}/`)).text();
      expect(line).toMatch(/^[^\n]*\n$/);
      for (const path of ['/interactions', '/sources/', '/health']) expect(line).toContain(path);
    } finally {
      await withReader.endpoint.close();
    }
  });
});

describe('commands over HTTP, same handlers as the gateway', () => {
  it('search answers with cited embeds', async () => {
    const { status, body } = await ask(interaction(2, searchData('grain deal')));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.embeds).toHaveLength(3);
    expect(readQueryFooter(body.data.embeds)).toBe('grain deal');
  });

  it.each([
    [
      'timeline',
      [{ type: 3, name: 'topic', value: 'grain deal' }],
      (body: Reply) => expect(body.data.embeds[0]?.title).toMatch(/^Timeline about “grain deal”/),
    ],
    ['sources', [], (body: Reply) => expect(body.data.embeds[0]?.fields).toHaveLength(5)],
    ['help', [], (body: Reply) => expect(body.data.embeds[0]?.description).toContain('/talks search')],
  ])('/talks %s works over HTTP', async (name, options, check) => {
    const { status, body } = await ask(
      interaction(2, { id: '1000000000000000001', name: 'talks', type: 1, options: [{ type: 1, name, options }] }),
    );
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    check(body);
  });

  it('autocomplete returns choices', async () => {
    const data = {
      id: '1000000000000000001',
      name: 'talks',
      type: 1,
      options: [{ type: 1, name: 'timeline', options: [{ type: 3, name: 'topic', value: 'gra', focused: true }] }],
    };
    const { body } = await ask(interaction(4, data));
    expect(body.type).toBe(8);
    expect(body.data.choices.length).toBeGreaterThan(0);
  });

  it('a page button updates the message for its owner and is refused to others', async () => {
    const first = await ask(interaction(2, searchData('negotiations')));
    const message = { id: '1600000000000000001', embeds: first.body.data.embeds, flags: 0 };
    const customId = encodeCustomId({ prefix: 'talks:page', userId: USER, issuedAt: Date.now(), args: ['1'] });
    const mine = await ask(interaction(3, { custom_id: customId, component_type: 2 }, { message }));
    expect(mine.body.type).toBe(7);
    expect(mine.body.data.embeds[0]?.title).toMatch(/^4\. /);
    const theirs = await ask(
      interaction(3, { custom_id: customId, component_type: 2 }, { message, member: { user: { id: OTHER }, permissions: '0' } }),
    );
    expect(theirs.body.type).toBe(4);
    expect(theirs.body.data.flags).toBe(64);
  });

  it('the message menu works', async () => {
    const target = '1600000000000000002';
    const data = {
      id: '1000000000000000002',
      name: 'Find sources',
      type: 3,
      target_id: target,
      resolved: { messages: { [target]: { id: target, content: 'what about the grain deal?' } } },
    };
    const { body } = await ask(interaction(2, data));
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
  });

  it('summary: refused to members, previewed for moderators, and Post explains it needs a token', async () => {
    const data = {
      id: '1000000000000000001',
      name: 'talks',
      type: 1,
      options: [{ type: 1, name: 'summary', options: [{ type: 3, name: 'topic', value: 'mediation' }] }],
    };
    const member = await ask(interaction(2, data));
    expect(member.body.data.content).toMatch(/Only moderators/);
    const mod = await ask(interaction(2, data, {}, '8192'));
    expect(mod.body.data.embeds[0]?.title).toBe('Summary: mediation');
    const postId = encodeCustomId({ prefix: 'talks:post', userId: USER, issuedAt: Date.now(), args: [CHANNEL] });
    const press = await ask(
      interaction(
        3,
        { custom_id: postId, component_type: 2 },
        { message: { id: '1600000000000000003', embeds: mod.body.data.embeds, flags: 64 } },
        '8192',
      ),
    );
    expect(press.body.data.content).toMatch(/no bot token/);
  });
});
