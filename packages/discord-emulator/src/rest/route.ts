/**
 * What every REST resource module shares: the hooks into the emulator, a parsed request (`Call`), an answer
 * (`Reply`), the route table entry, and the small helpers and errors several resources answer with.
 */
import type { Cdn } from '../cdn.js';
import type { FaultRule, RecordedMessage, RecordedRequest } from '../types.js';
import { MessageFlag, type UploadedFile, type World } from '../model.js';
import { apiError, type DiscordError } from '../validate.js';

export interface RestHooks {
  world: World;
  /** The attachment CDN, served outside `/api/v10` on the same port. */
  cdn: Cdn;
  /** Checks a bot token (the part after `Bot `). */
  tokenOk(token: string): boolean;
  gatewayUrl(): string;
  recommendedShards: number;
  identifies(): number;
  rateLimit: { limit: number; windowMs: number };
  takeFault(method: string, path: string): FaultRule | undefined;
  sleep(ms: number): Promise<void>;
  record(request: RecordedRequest): void;
  messageChanged(message: RecordedMessage, change: 'create' | 'update' | 'delete'): void;
}

export interface Call {
  method: string;
  path: string;
  params: string[];
  query: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  methods: string[];
  pattern: RegExp;
  /** Needs `Authorization: Bot <token>`; interaction callbacks and webhooks authenticate by token in the URL. */
  bot: boolean;
  run: (call: Call) => Reply;
}

/** Path parts of route patterns: a snowflake, and a token (anything up to the next slash). */
export const ID = '(\\d+)';
export const TOKEN = '([^/]+)';

export const err = (e: DiscordError): Reply => ({ status: e.status, body: e.body });
export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const UNKNOWN_MESSAGE = apiError(404, 10008, 'Unknown Message');

/** Flags a bot may set when creating a message: suppress embeds, ephemeral, suppress notifications, components v2. */
export const CREATE_FLAGS = (1 << 2) | MessageFlag.Ephemeral | (1 << 12) | (1 << 15);

export type Json = Record<string, unknown>;
export const asObject = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
