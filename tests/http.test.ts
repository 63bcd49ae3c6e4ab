/** The HTTP interactions endpoint on 127.0.0.1, with real Ed25519 signatures. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCustomId } from '../src/discord/custom-id.js';
import { createInteractionsServer, type InteractionsServer } from '../src/http/server.js';
import { publicKeyFromHex } from '../src/http/signature.js';
import { createLogger } from '../src/logger.js';
import { readQueryFooter } from '../src/render/discord.js';
import { seedCorpus } from './helpers.js';
import { CHANNEL, interaction as makeInteraction, newKeys, signed as signWith, stall } from './support/http.js';

const { privateKey, publicHex } = newKeys();
const USER = '1400000000000000001';
const OTHER = '1400000000000000002';
let endpoint: InteractionsServer;
let base: string;

function signed(body: string, key: KeyObject = privateKey, timestamp?: string): Record<string, string> {
  return signWith(body, key, timestamp);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
async function post(payload: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const res = await fetch(`${base}/interactions`, { method: 'POST', body, headers: headers ?? signed(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A fresh interaction from USER (see support/http.ts). */
function interaction(type: number, data: unknown, extra: Record<string, unknown> = {}, permissions = '0'): Record<string, unknown> {
  return makeInteraction(type, data, USER, extra, permissions);
}

const searchData = (query: string) => ({ id: '1', name: 'talks', type: 1, options: [{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: query }] }] });

beforeAll(async () => {
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  endpoint = createInteractionsServer({
    publicKey: publicKeyFromHex(publicHex),
    corpus: seedCorpus(),
    logger: createLogger({ level: 'silent', destination: sink }),
    headersTimeoutMs: 400,
    cooldown: { burst: 1000, refillMs: 1 },
    requestTimeoutMs: 800,
  });
  await new Promise<void>((r) => endpoint.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await endpoint.close();
});

describe('signatures', () => {
  it('answers a signed PING with PONG', async () => {
    expect(await post({ id: '1', application_id: '1', type: 1, token: 't', version: 1 })).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses missing, bad, foreign, stale and replayed signatures with 401', async () => {
    const ping = JSON.stringify({ id: '2', application_id: '1', type: 1, token: 't', version: 1 });
    expect((await post(ping, { 'content-type': 'application/json' })).status).toBe(401);
    const good = signed(ping);
    expect((await post(ping, { ...good, 'x-signature-ed25519': 'ab'.repeat(64) })).status).toBe(401);
    expect((await post(ping, { ...good, 'x-signature-ed25519': 'nothex' })).status).toBe(401);
    expect((await post(ping, signed(ping, generateKeyPairSync('ed25519').privateKey))).status).toBe(401);
    expect((await post(ping, signed(ping, privateKey, String(Math.floor(Date.now() / 1000) - 3600)))).status).toBe(401);
    // The body was signed, then changed.
    expect((await post(ping.replace('"2"', '"3"'), good)).status).toBe(401);
    const once = JSON.stringify({ id: '4', application_id: '1', type: 1, token: 't', version: 1 });
    const headers = signed(once);
    expect((await post(once, headers)).status).toBe(200);
    expect((await post(once, headers)).status).toBe(401);
    expect(endpoint.stats.refused['signature-replayed']).toBeGreaterThanOrEqual(1);
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
            const head = Object.entries({ ...headers, host: '127.0.0.1', connection: 'close', 'content-length': String(Buffer.byteLength(body)) })
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
              socket.on('close', () => done({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(received)?.[1] ?? 0), text: received.slice(received.indexOf('\r\n\r\n') + 4) }));
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
    const answers = await together(Array.from({ length: 12 }, () => [body, headers]));
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
    const expected = { good: '200 {"type":1}', bad: '401 {"error":"signature-invalid"}', missing: '401 {"error":"signature-missing"}', stale: '401 {"error":"signature-stale"}', tampered: '401 {"error":"signature-invalid"}', foreign: '401 {"error":"signature-invalid"}' };
    const answers = await together(jobs.map((j) => j.request));
    answers.forEach((a, i) => expect(`${a.status} ${a.text}`, jobs[i]?.kind).toBe(expected[jobs[i]?.kind ?? 'good']));
  });
});

describe('hostile requests', () => {
  it('refuses an oversized body with 413 and malformed JSON with 400', async () => {
    const huge = JSON.stringify({ pad: 'x'.repeat(200_000) });
    expect((await post(huge)).status).toBe(413);
    expect((await post('{"type": 2,')).status).toBe(400);
    expect((await post({ type: 99, id: '5', application_id: '1', token: 't' })).status).toBe(400);
    expect((await post({ hello: 'world' })).status).toBe(400);
  });

  /** Send `opening` on a raw socket and never finish: does the server close the connection within 3 s? */
  async function closedAfterStalling(opening: string): Promise<boolean> {
    const { port } = endpoint.server.address() as AddressInfo;
    return (await stall(port, opening, 3000)).closedAfterMs !== null;
  }

  it('cuts off a slow-loris sender', async () => {
    expect(await closedAfterStalling('POST /interactions HTTP/1.1\r\nHost: x\r\n')).toBe(true);
  });

  it('cuts off a body that never finishes', async () => {
    expect(await closedAfterStalling('POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"type":')).toBe(true);
    expect(endpoint.stats.refused['body-timeout']).toBeGreaterThanOrEqual(1);
  });

  it('serves /health and 404/405 elsewhere', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, sources: 5, memory: { heapUsed: expect.any(Number), rss: expect.any(Number) } });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/interactions`)).status).toBe(405);
  });
});

describe('commands over HTTP, same handlers as the gateway', () => {
  it('search answers with cited embeds', async () => {
    const { status, body } = await post(interaction(2, searchData('grain deal')));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.embeds).toHaveLength(3);
    expect(readQueryFooter(body.data.embeds)).toBe('grain deal');
  });

  it.each([
    ['timeline', [{ type: 3, name: 'topic', value: 'grain deal' }], (body: { data: { embeds: Array<{ title: string }> } }) => expect(body.data.embeds[0]?.title).toMatch(/^Timeline about “grain deal”/)],
    ['sources', [], (body: { data: { embeds: Array<{ fields: unknown[] }> } }) => expect(body.data.embeds[0]?.fields).toHaveLength(5)],
    ['help', [], (body: { data: { embeds: Array<{ description: string }> } }) => expect(body.data.embeds[0]?.description).toContain('/talks search')],
  ])('/talks %s works over HTTP', async (name, options, check) => {
    const { status, body } = await post(interaction(2, { id: '1', name: 'talks', type: 1, options: [{ type: 1, name, options }] }));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    check(body);
  });

  it('autocomplete returns choices', async () => {
    const data = { id: '1', name: 'talks', type: 1, options: [{ type: 1, name: 'timeline', options: [{ type: 3, name: 'topic', value: 'gra', focused: true }] }] };
    const { body } = await post(interaction(4, data));
    expect(body.type).toBe(8);
    expect(body.data.choices.length).toBeGreaterThan(0);
  });

  it('a page button updates the message for its owner and is refused to others', async () => {
    const first = await post(interaction(2, searchData('negotiations')));
    const message = { id: '1600000000000000001', embeds: first.body.data.embeds, flags: 0 };
    const customId = encodeCustomId({ action: 'page', userId: USER, issuedAt: Date.now(), args: ['1'] });
    const mine = await post(interaction(3, { custom_id: customId, component_type: 2 }, { message }));
    expect(mine.body.type).toBe(7);
    expect(mine.body.data.embeds[0].title).toMatch(/^4\. /);
    const theirs = await post(interaction(3, { custom_id: customId, component_type: 2 }, { message, member: { user: { id: OTHER }, permissions: '0' } }));
    expect(theirs.body.type).toBe(4);
    expect(theirs.body.data.flags).toBe(64);
  });

  it('the message menu works', async () => {
    const target = '1600000000000000002';
    const data = { id: '2', name: 'Find sources', type: 3, target_id: target, resolved: { messages: { [target]: { id: target, content: 'what about the grain deal?' } } } };
    const { body } = await post(interaction(2, data));
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
  });

  it('summary: refused to members, previewed for moderators, and Post explains it needs a token', async () => {
    const data = { id: '1', name: 'talks', type: 1, options: [{ type: 1, name: 'summary', options: [{ type: 3, name: 'topic', value: 'mediation' }] }] };
    const member = await post(interaction(2, data));
    expect(member.body.data.content).toMatch(/Only moderators/);
    const mod = await post(interaction(2, data, {}, '8192'));
    expect(mod.body.data.embeds[0].title).toBe('Summary: mediation');
    const postId = encodeCustomId({ action: 'post', userId: USER, issuedAt: Date.now(), args: [CHANNEL] });
    const press = await post(interaction(3, { custom_id: postId, component_type: 2 }, { message: { id: '1600000000000000003', embeds: mod.body.data.embeds, flags: 64 } }, '8192'));
    expect(press.body.data.content).toMatch(/no bot token/);
  });
});
