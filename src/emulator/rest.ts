/**
 * The REST API under `/api/v10`: the routes a slash-command bot uses, Discord's error shapes and codes, rate-limit
 * headers, and injected faults. Paths are decoded before routing because discord.js sends `@original` as
 * `%40original`. Every request is recorded (when answered) with what was answered.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIApplicationCommand } from 'discord.js';
import {
  DEFAULT_USER,
  MessageFlag,
  snowflake,
  type MessageBody,
  type StoredInteraction,
  type UploadedFile,
  type World,
} from './model.js';
import type { FaultRule, RecordedMessage, RecordedRequest } from './types.js';
import {
  apiError,
  fieldError,
  validateChoices,
  validateCommands,
  validateMessage,
  validateModal,
  type DiscordError,
} from './validate.js';

export interface RestHooks {
  world: World;
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

interface Call {
  method: string;
  path: string;
  params: string[];
  query: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  methods: string[];
  pattern: RegExp;
  /** Needs `Authorization: Bot <token>`; interaction callbacks and webhooks authenticate by token in the URL. */
  bot: boolean;
  run: (call: Call) => Reply;
}

const err = (e: DiscordError): Reply => ({ status: e.status, body: e.body });
const UNKNOWN_INTERACTION = apiError(404, 10062, 'Unknown interaction');
const UNKNOWN_MESSAGE = apiError(404, 10008, 'Unknown Message');
const UNKNOWN_CHANNEL = apiError(404, 10003, 'Unknown Channel');

/** Callback types each interaction type accepts (1 PONG is for HTTP-only ping interactions, never sent here). */
const CALLBACKS: Record<number, number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};
/** Flags a bot may set when creating a message: suppress embeds, ephemeral, suppress notifications, components v2. */
const CREATE_FLAGS = (1 << 2) | MessageFlag.Ephemeral | (1 << 12) | (1 << 15);

type Json = Record<string, unknown>;
const asObject = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

export class RestApi {
  private readonly routes: Route[];
  private readonly buckets = new Map<string, { count: number; resetAt: number }>();
  private readonly verifyKey = randomBytes(32).toString('hex');

  constructor(private readonly hooks: RestHooks) {
    const id = '(\\d+)';
    const tok = '([^/]+)';
    const commands = `^/applications/${id}(?:/guilds/${id})?/commands`;
    this.routes = [
      { methods: ['GET'], pattern: /^\/gateway$/, bot: false, run: () => this.ok({ url: hooks.gatewayUrl() }) },
      { methods: ['GET'], pattern: /^\/gateway\/bot$/, bot: true, run: () => this.gatewayBot() },
      { methods: ['GET'], pattern: /^\/users\/@me$/, bot: true, run: () => this.ok(hooks.world.botUser) },
      { methods: ['GET'], pattern: /^\/applications\/@me$/, bot: true, run: () => this.ok(this.application()) },
      {
        methods: ['POST'],
        pattern: new RegExp(`^/interactions/${id}/${tok}/callback$`),
        bot: false,
        run: (c) => this.callback(c),
      },
      {
        methods: ['GET', 'PATCH', 'DELETE'],
        pattern: new RegExp(`^/webhooks/${id}/${tok}/messages/(@original|\\d+)$`),
        bot: false,
        run: (c) => this.webhookMessage(c),
      },
      { methods: ['POST'], pattern: new RegExp(`^/webhooks/${id}/${tok}$`), bot: false, run: (c) => this.followUp(c) },
      { methods: ['GET'], pattern: new RegExp(`^/channels/${id}$`), bot: true, run: (c) => this.getChannel(c) },
      {
        methods: ['POST'],
        pattern: new RegExp(`^/channels/${id}/messages$`),
        bot: true,
        run: (c) => this.createChannelMessage(c),
      },
      {
        methods: ['GET', 'PATCH', 'DELETE'],
        pattern: new RegExp(`^/channels/${id}/messages/${id}$`),
        bot: true,
        run: (c) => this.channelMessage(c),
      },
      { methods: ['GET', 'PUT', 'POST'], pattern: new RegExp(`${commands}$`), bot: true, run: (c) => this.commands(c) },
      {
        methods: ['GET', 'PATCH', 'DELETE'],
        pattern: new RegExp(`${commands}/${id}$`),
        bot: true,
        run: (c) => this.command(c),
      },
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
    if (!url.pathname.startsWith('/api/v10/')) {
      reply = err(apiError(404, 0, '404: Not Found'));
    } else if (fault && fault.status >= 400) {
      reply = faultReply(fault);
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
    const limits = this.rateLimit(method, path);
    if (limits.limited) return limits.limited;
    const params = (route.pattern.exec(path) ?? []).slice(1).map((p) => p ?? '');
    const reply = route.run({ method, path, params, query, body: parsed.body, files: parsed.files });
    return { ...reply, headers: { ...limits.headers, ...reply.headers } };
  }

  /**
   * Per-bucket counters behind the `x-ratelimit-*` headers, so discord.js's queueing runs as against Discord.
   * Buckets are keyed by route and major parameter (channel, guild, webhook) like Discord's.
   */
  private rateLimit(method: string, path: string): { headers: Record<string, string>; limited?: Reply } {
    if (path.startsWith('/interactions/')) return { headers: {} };
    const template = path.replace(/^\/webhooks\/\d+\/[^/]+/, '/webhooks/:id/:token').replace(/\/\d{5,}/g, '/:id');
    const major = /^\/webhooks\/\d+\/[^/]+/.exec(path)?.[0] ?? /^\/(?:channels|guilds)\/\d+/.exec(path)?.[0] ?? '';
    const bucket = createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 32);
    const key = `${bucket}:${major}`;
    const { limit, windowMs } = this.hooks.rateLimit;
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

  private ok(body: unknown, status = 200): Reply {
    return { status, body };
  }

  // ---- gateway and identity ----

  private gatewayBot(): Reply {
    return this.ok({
      url: this.hooks.gatewayUrl(),
      shards: this.hooks.recommendedShards,
      session_start_limit: {
        total: 1000,
        remaining: Math.max(0, 1000 - this.hooks.identifies()),
        reset_after: 14_400_000,
        max_concurrency: 1,
      },
    });
  }

  private application(): Json {
    const { world } = this.hooks;
    return {
      id: world.applicationId,
      name: world.botUser.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot: world.botUser,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: this.verifyKey,
      flags: 0,
      team: null,
      owner: world.user(DEFAULT_USER),
      approximate_guild_count: world.guilds.length,
      redirect_uris: [],
      interactions_endpoint_url: null,
      integration_types_config: { 0: {} },
      tags: [],
    };
  }

  // ---- interactions ----

  private callback(c: Call): Reply {
    const { world } = this.hooks;
    const [id = '', token = ''] = c.params;
    const ix = world.interactions.get(id);
    const now = Date.now();
    if (!ix || ix.token !== token || ix.expired || now > ix.expiresAt) return err(UNKNOWN_INTERACTION);
    if (ix.callbackType !== null) return err(apiError(400, 40060, 'Interaction has already been acknowledged.'));
    // Discord forgets interactions that were not acknowledged within 3 seconds.
    if (now > ix.ackBy) return err(UNKNOWN_INTERACTION);
    const body = asObject(c.body) ?? {};
    const type = body.type;
    if (typeof type !== 'number' || !(CALLBACKS[ix.type] ?? []).includes(type)) {
      return err(
        fieldError('type', 'INTERACTION_CALLBACK_TYPE_INVALID', `Callback type ${String(type)} is not valid for this interaction`),
      );
    }
    const data = (asObject(body.data) ?? {}) as MessageBody;
    let message: RecordedMessage | undefined;
    let change: 'create' | 'update' = 'create';
    switch (type) {
      case 4: {
        const invalid = validateMessage(data, 'data');
        if (invalid) return err(invalid);
        message = world.createMessage({
          channelId: ix.channelId,
          guildId: ix.guildId,
          body: data,
          files: c.files,
          kind: 'reply',
          type: ix.type === 2 ? (ix.commandType === 1 ? 20 : 23) : 0,
          interaction: ix,
          flags: (data.flags ?? 0) & CREATE_FLAGS,
        });
        ix.originalMessageId = message.id;
        break;
      }
      case 5:
        // "Bot is thinking…": an empty loading message that the first edit or follow-up fills in.
        message = world.createMessage({
          channelId: ix.channelId,
          guildId: ix.guildId,
          body: {},
          kind: 'reply',
          type: ix.type === 2 ? (ix.commandType === 1 ? 20 : 23) : 0,
          interaction: ix,
          flags: MessageFlag.Loading | ((data.flags ?? 0) & MessageFlag.Ephemeral),
        });
        ix.originalMessageId = message.id;
        break;
      case 6:
      case 7: {
        const source = ix.sourceMessageId ? world.message(ix.sourceMessageId) : undefined;
        if (!source) return err(fieldError('type', 'INTERACTION_CALLBACK_TYPE_INVALID', 'No message to update'));
        if (type === 7) {
          const invalid = validateMessage(data, 'data', false);
          if (invalid) return err(invalid);
          message = world.editMessage(source, data, c.files);
          change = 'update';
        }
        ix.originalMessageId = source.id;
        break;
      }
      case 8: {
        const invalid = validateChoices(data);
        if (invalid) return err(invalid);
        ix.callbackData = data;
        break;
      }
      case 9: {
        const invalid = validateModal(data);
        if (invalid) return err(invalid);
        ix.callbackData = data;
        break;
      }
    }
    ix.callbackType = type;
    if (message) this.hooks.messageChanged(message, change);
    if (c.query.with_response !== 'true') return { status: 204 };
    return this.ok({
      interaction: {
        id: ix.id,
        type: ix.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: message.loading,
              response_message_ephemeral: message.ephemeral,
            }
          : {}),
      },
      resource: { type, ...(message ? { message: message.raw } : {}) },
    });
  }

  /** Resolves `/webhooks/{app}/{token}` to its interaction, or Discord's error for it. */
  private webhookInteraction(c: Call): StoredInteraction | Reply {
    const [appId, token = ''] = c.params;
    if (appId !== this.hooks.world.applicationId) return err(apiError(404, 10015, 'Unknown Webhook'));
    const ix = this.hooks.world.interactionsByToken.get(token);
    if (!ix || ix.expired || Date.now() > ix.expiresAt) return err(apiError(401, 50027, 'Invalid Webhook Token'));
    // Until the interaction is acknowledged its webhook does not exist yet.
    if (ix.callbackType === null) return err(apiError(404, 10015, 'Unknown Webhook'));
    return ix;
  }

  private followUp(c: Call): Reply {
    const ix = this.webhookInteraction(c);
    if ('status' in ix) return ix;
    const { world } = this.hooks;
    const body = (asObject(c.body) ?? {}) as MessageBody;
    const invalid = validateMessage(body);
    if (invalid) return err(invalid);
    const original = ix.originalMessageId ? world.message(ix.originalMessageId) : undefined;
    let message: RecordedMessage;
    if (ix.callbackType === 5 && original?.loading && !original.deleted) {
      // The first follow-up after a deferred reply fills the "thinking" message (keeping the defer's ephemerality).
      message = world.editMessage(original, body, c.files);
      this.hooks.messageChanged(message, 'update');
    } else {
      message = world.createMessage({
        channelId: ix.channelId,
        guildId: ix.guildId,
        body,
        files: c.files,
        kind: 'followup',
        interaction: ix,
        flags: (body.flags ?? 0) & CREATE_FLAGS,
      });
      this.hooks.messageChanged(message, 'create');
    }
    return c.query.wait === 'true' ? this.ok(message.raw) : { status: 204 };
  }

  private webhookMessage(c: Call): Reply {
    const ix = this.webhookInteraction(c);
    if ('status' in ix) return ix;
    const which = c.params[2];
    const id = which === '@original' ? ix.originalMessageId : which;
    const message = id && (id === ix.originalMessageId || ix.messageIds.has(id)) ? this.hooks.world.message(id) : undefined;
    if (!message || message.deleted) return err(UNKNOWN_MESSAGE);
    return this.messageVerb(c, message);
  }

  /** GET / PATCH / DELETE of one message, shared by webhook and channel routes. */
  private messageVerb(c: Call, message: RecordedMessage): Reply {
    if (c.method === 'GET') return this.ok(message.raw);
    if (c.method === 'DELETE') {
      message.deleted = true;
      this.hooks.messageChanged(message, 'delete');
      return { status: 204 };
    }
    const body = (asObject(c.body) ?? {}) as MessageBody;
    const raw = message.raw;
    // Validate the message as it would be after the edit: an edit may not leave it empty.
    const merged: MessageBody = {
      content: body.content !== undefined ? body.content : raw.content,
      embeds: body.embeds !== undefined ? body.embeds : raw.embeds,
      components: body.components !== undefined ? body.components : (raw.components ?? []),
      attachments: body.attachments !== undefined ? body.attachments : raw.attachments,
      flags: raw.flags ?? 0,
    };
    const invalid = validateMessage(merged);
    if (invalid) return err(invalid);
    this.hooks.world.editMessage(message, body, c.files);
    this.hooks.messageChanged(message, 'update');
    return this.ok(message.raw);
  }

  // ---- channels ----

  private getChannel(c: Call): Reply {
    const found = this.hooks.world.findChannel(c.params[0] ?? '');
    if (!found || found.channel.deleted) return err(UNKNOWN_CHANNEL);
    return this.ok(this.hooks.world.channelObject(found.guild, found.channel));
  }

  private createChannelMessage(c: Call): Reply {
    const { world } = this.hooks;
    const channelId = c.params[0] ?? '';
    const found = world.findChannel(channelId);
    if (!world.isDmChannel(channelId)) {
      if (!found || found.channel.deleted) return err(UNKNOWN_CHANNEL);
      if (found.channel.botCanSend === false) return err(apiError(403, 50013, 'Missing Permissions'));
    }
    const body = (asObject(c.body) ?? {}) as MessageBody;
    const invalid = validateMessage(body);
    if (invalid) return err(invalid);
    const message = world.createMessage({
      channelId,
      guildId: found?.guild.id ?? null,
      body,
      files: c.files,
      kind: 'channel',
      type: body.message_reference ? 19 : 0,
      flags: (body.flags ?? 0) & ((1 << 2) | (1 << 12) | (1 << 15)),
    });
    this.hooks.messageChanged(message, 'create');
    return this.ok(message.raw);
  }

  private channelMessage(c: Call): Reply {
    const [channelId, messageId = ''] = c.params;
    const message = this.hooks.world.message(messageId);
    if (!message || message.deleted || message.channelId !== channelId || message.ephemeral) return err(UNKNOWN_MESSAGE);
    if (c.method === 'PATCH' && message.raw.author.id !== this.hooks.world.botUser.id) {
      return err(apiError(403, 50005, 'Cannot edit a message authored by another user'));
    }
    return this.messageVerb(c, message);
  }

  // ---- application commands ----

  /** Checks the application and guild of a commands route; returns the scope (guild id or undefined). */
  private commandScope(c: Call): { guildId: string | undefined } | Reply {
    const [appId, guildId] = c.params;
    const { world } = this.hooks;
    if (appId !== world.applicationId) return err(apiError(403, 50001, 'Missing Access'));
    if (guildId && !world.guild(guildId)) return err(apiError(403, 50001, 'Missing Access'));
    return { guildId: guildId || undefined };
  }

  /** The command as Discord echoes it: ids, application id, a new version, defaults filled in. */
  private normaliseCommand(raw: Json, guildId: string | undefined, existing?: APIApplicationCommand): APIApplicationCommand {
    const type = (raw.type as number | undefined) ?? 1;
    return {
      id: existing?.id ?? snowflake(),
      application_id: this.hooks.world.applicationId,
      version: snowflake(),
      type,
      name: raw.name as string,
      name_localizations: (raw.name_localizations as Record<string, string> | undefined) ?? null,
      description: (raw.description as string | undefined) ?? '',
      description_localizations: (raw.description_localizations as Record<string, string> | undefined) ?? null,
      ...(Array.isArray(raw.options) && raw.options.length ? { options: raw.options } : {}),
      default_member_permissions: (raw.default_member_permissions as string | undefined) ?? null,
      dm_permission: (raw.dm_permission as boolean | undefined) ?? true,
      nsfw: (raw.nsfw as boolean | undefined) ?? false,
      contexts: (raw.contexts as number[] | undefined) ?? null,
      integration_types: (raw.integration_types as number[] | undefined) ?? [0],
      ...(guildId ? { guild_id: guildId } : {}),
    } as APIApplicationCommand;
  }

  private commands(c: Call): Reply {
    const scope = this.commandScope(c);
    if ('status' in scope) return scope;
    const { world } = this.hooks;
    const current = world.registeredCommands(scope.guildId);
    if (c.method === 'GET') return this.ok(current);
    const sameAs = (raw: Json) => (cmd: APIApplicationCommand) =>
      cmd.name === raw.name && (cmd.type ?? 1) === ((raw.type as number | undefined) ?? 1);
    if (c.method === 'PUT') {
      if (!Array.isArray(c.body)) return err(fieldError('_root', 'BASE_TYPE_ARRAY', 'Must be an array.'));
      const invalid = validateCommands(c.body);
      if (invalid) return err(invalid);
      // Bulk overwrite keeps the ids of commands that still exist (matched by name and type), as Discord does.
      const next = (c.body as Json[]).map((raw) => this.normaliseCommand(raw, scope.guildId, current.find(sameAs(raw))));
      world.setCommands(scope.guildId, next);
      return this.ok(next);
    }
    const raw = asObject(c.body) ?? {};
    const invalid = validateCommands([raw]);
    if (invalid) return err(invalid);
    const existing = current.find(sameAs(raw));
    const command = this.normaliseCommand(raw, scope.guildId, existing);
    world.setCommands(scope.guildId, [...current.filter((x) => x !== existing), command]);
    return this.ok(command, existing ? 200 : 201);
  }

  private command(c: Call): Reply {
    const scope = this.commandScope(c);
    if ('status' in scope) return scope;
    const { world } = this.hooks;
    const current = world.registeredCommands(scope.guildId);
    const existing = current.find((x) => x.id === c.params[2]);
    if (!existing) return err(apiError(404, 10063, 'Unknown application command'));
    if (c.method === 'GET') return this.ok(existing);
    if (c.method === 'DELETE') {
      world.setCommands(scope.guildId, current.filter((x) => x !== existing));
      return { status: 204 };
    }
    const merged = { ...existing, ...(asObject(c.body) ?? {}) } as Json;
    const invalid = validateCommands([merged]);
    if (invalid) return err(invalid);
    const command = this.normaliseCommand(merged, scope.guildId, existing);
    world.setCommands(scope.guildId, current.map((x) => (x === existing ? command : x)));
    return this.ok(command);
  }
}

/** Discord's answer for an injected fault. */
function faultReply(rule: FaultRule): Reply {
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

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart/form-data with a `payload_json` part and files (kept as metadata). Throws on bad JSON. */
function parseBody(buffer: Buffer, contentType: string): { body: unknown; files: UploadedFile[] } {
  if (buffer.length === 0) return { body: null, files: [] };
  const boundary = /multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return { body: contentType.includes('json') ? JSON.parse(buffer.toString('utf8')) : null, files: [] };
  const files: UploadedFile[] = [];
  let body: unknown = null;
  // latin1 keeps one character per byte, so sizes and slices stay exact for binary parts.
  for (const part of buffer.toString('latin1').split(`--${boundary}`).slice(1, -1)) {
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split);
    const content = part.slice(split + 4, part.endsWith('\r\n') ? -2 : undefined);
    const field = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (filename !== undefined) {
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream';
      files.push({ field, filename, contentType, size: Buffer.byteLength(content, 'latin1') });
    } else if (field === 'payload_json') {
      body = JSON.parse(Buffer.from(content, 'latin1').toString('utf8'));
    }
  }
  return { body, files };
}
