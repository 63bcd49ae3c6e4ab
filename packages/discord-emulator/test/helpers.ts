/**
 * Test helpers: an emulator per test file, `fetch` with a bot token, a bare gateway connection speaking the
 * protocol by hand, and a discord.js Client logged in to the emulator.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { expect } from 'vitest';
import { WebSocket } from 'ws';
import { frameText } from '../src/gateway.js';
import { DiscordEmulator, emulatorClientOptions, type EmulatorOptions } from '../src/index.js';

export const TOKEN = 'emulator-test-token';
export const GUILD = '1300000000000000100';
export const CHANNEL = '1300000000000000200';
export const APP = '1300000000000000001';

export interface Running {
  emulator: DiscordEmulator;
  apiUrl: string;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Running> {
  const emulator = new DiscordEmulator(options);
  const { apiUrl } = await emulator.start(0);
  return { emulator, apiUrl };
}

/** An asymmetric matcher, as vitest runs it (its `AsymmetricMatcherInterface`, which `vitest` does not export). */
export interface Matcher {
  asymmetricMatch(other: unknown): boolean;
}

/** `expect.any` and `expect.stringMatching`, typed: vitest's return `any`, which the lint refuses inside a typed object. */
export const match = {
  any: (type: abstract new (...args: never[]) => unknown): Matcher => expect.any(type) as Matcher,
  stringMatching: (pattern: RegExp): Matcher => expect.stringMatching(pattern) as Matcher,
};

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty body. */
  body: unknown;
}

/** A request under `/api/v10`, with `Authorization: Bot <TOKEN>` unless `auth` is null. */
export async function api(
  apiUrl: string,
  method: string,
  path: string,
  body?: unknown,
  { auth = `Bot ${TOKEN}`, raw }: { auth?: string | null; raw?: string } = {},
): Promise<Answer> {
  const res = await fetch(`${apiUrl}/v10${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: auth } : {}),
      ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

export interface Payload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** A gateway connection driven by hand: every payload received is kept; `next` waits for one past the cursor. */
export class RawGateway {
  readonly received: Payload[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private cursor = 0;
  private listeners = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(frameText(data)) as Payload);
      for (const listener of this.listeners) listener();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async open(gatewayUrl: string, query = '?v=10&encoding=json'): Promise<RawGateway> {
    const ws = new WebSocket(`${gatewayUrl}${query}`);
    const gateway = new RawGateway(ws);
    await once(ws, 'open');
    return gateway;
  }

  send(op: number, d: unknown): void {
    this.ws.send(JSON.stringify({ op, d }));
  }

  /** The next payload (after those already taken) that matches, waiting up to `timeoutMs`. */
  next(match: (p: Payload) => boolean = () => true, timeoutMs = 2000): Promise<Payload> {
    return new Promise((resolve, reject) => {
      const check = () => {
        while (this.cursor < this.received.length) {
          const p = this.received[this.cursor++] as Payload;
          if (match(p)) {
            done();
            resolve(p);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching gateway payload within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  dispatch(t: string, timeoutMs?: number): Promise<Payload> {
    return this.next((p) => p.op === 0 && p.t === t, timeoutMs);
  }

  /** HELLO, IDENTIFY as `shard`, READY; returns READY's `d`. */
  async identify(token = TOKEN, shard: [number, number] = [0, 1]): Promise<Record<string, unknown>> {
    await this.next((p) => p.op === 10);
    this.send(2, { token, intents: 1, properties: { os: 'linux', browser: 'test', device: 'test' }, shard });
    return (await this.dispatch('READY')).d as Record<string, unknown>;
  }

  close(): void {
    this.ws.terminate();
  }
}

/** A discord.js Client with the Guilds intent, logged in to the emulator and past `clientReady`. */
export async function readyClient(apiUrl: string, token = TOKEN): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...emulatorClientOptions(apiUrl) });
  const ready = once(client, Events.ClientReady);
  await client.login(token);
  await ready;
  return client;
}

/** Makes the test file fail on an unhandled rejection, where discord.js reports payloads it could not read. */
export function failOnUnhandledRejection(): () => void {
  const fail = (reason: unknown) => {
    throw reason instanceof Error ? reason : new Error(String(reason));
  };
  process.on('unhandledRejection', fail);
  return () => process.off('unhandledRejection', fail);
}
