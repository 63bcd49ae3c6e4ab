/**
 * A local Discord emulator that the real discord.js `Client` talks to on 127.0.0.1, for end-to-end tests and the
 * offline playground (no machine here can reach Discord). One HTTP server carries both the REST API
 * (`/api/v10/...`) and the gateway WebSocket.
 *
 * ```ts
 * const emulator = new DiscordEmulator({ heartbeatIntervalMs: 250 });
 * const { apiUrl } = await emulator.start();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], ...emulatorClientOptions(apiUrl) });
 * await client.login('any-token');                     // then wait for 'clientReady'
 * const ix = await emulator.slashCommand('search', [{ name: 'query', type: 3, value: 'Minsk' }]);
 * const [callback] = [await emulator.waitForResponse(ix.id)];
 * // ... assert on callback.body; later: await client.destroy(); await emulator.stop();
 * ```
 *
 * The client finds the gateway only through `GET /gateway/bot`, so `rest.api` is the one setting it needs.
 * `emulatorClientOptions` also removes discord.js's ~5 s identify throttle, which otherwise slows every
 * re-IDENTIFY (after op 9 or close 1000) in tests. Destroy clients before stopping the emulator, or they keep
 * reconnecting.
 *
 * See the package's README.md for what is emulated and what is not.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIApplicationCommand,
  APIApplicationCommandInteractionDataOption,
  APIAttachment,
  APIMessage,
  APIUser,
} from 'discord-api-types/v10';
import { Cdn, DEFAULT_ATTACHMENT_LINK_TTL_MS } from './cdn.js';
import { Gateway } from './gateway.js';
import {
  buildAutocomplete,
  buildButton,
  buildSelect,
  buildMessageContextMenu,
  buildModalSubmit,
  buildSlashCommand,
  foreignMessage,
  type Built,
  type Lifetimes,
} from './interactions.js';
import { forcedSubmission, modalSubmission, type ModalValues } from './modals.js';
import { DEFAULT_USER, shardForGuild, World, type StoredInteraction } from './model.js';
import { RestApi } from './rest/index.js';
import type {
  AttachmentInput,
  DispatchedInteraction,
  EmulatorGuild,
  EmulatorOptions,
  FaultRule,
  GatewayEventRecord,
  InteractionOptions,
  MessageTarget,
  ModalSubmitOptions,
  RecordedMessage,
  RecordedRequest,
} from './types.js';

export type * from './types.js';
export { shardForGuild, snowflake, type MessageBody } from './model.js';
export type { ModalValues } from './modals.js';
export { NO_LONGER_AVAILABLE } from './cdn.js';
/** Checks a message body as Discord's API would: `null`, or the 400 it would answer. */
export { validateMessage, type DiscordError } from './validate.js';

/** What the emulator knows about one interaction: how (and whether) the bot acknowledged it. */
export type InteractionState = Readonly<StoredInteraction>;
export type MessageChange = 'create' | 'update' | 'delete';

/**
 * Client options that point discord.js at the emulator and drop the identify throttle. Spread into
 * `new Client({ intents, ...emulatorClientOptions(apiUrl) })`.
 */
export function emulatorClientOptions(apiUrl: string): {
  rest: { api: string };
  ws: { buildIdentifyThrottler: () => { waitForIdentify: () => Promise<void> } };
} {
  return {
    rest: { api: apiUrl },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
  };
}

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

export class DiscordEmulator {
  /** Every REST request, recorded when answered (so `at`, the arrival time, is not always increasing). */
  readonly requests: RecordedRequest[] = [];
  /** Every gateway payload clients sent (IDENTIFY, RESUME, heartbeats, ...). */
  readonly gatewayEvents: GatewayEventRecord[] = [];
  private readonly world: World;
  private readonly cdn: Cdn;
  private readonly gateway: Gateway;
  private readonly rest: RestApi;
  private readonly options: EmulatorOptions;
  private readonly lifetimes: Lifetimes;
  private readonly faults: Array<FaultRule & { remaining: number }> = [];
  private readonly waiters = new Set<Waiter>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly requestListeners = new Set<(r: RecordedRequest) => void>();
  private readonly messageListeners = new Set<(m: RecordedMessage, change: MessageChange) => void>();
  private server: Server | null = null;
  private port = 0;

  constructor(options: EmulatorOptions = {}) {
    this.options = options;
    this.lifetimes = { tokenTtlMs: options.tokenTtlMs ?? 15 * 60_000, ackDeadlineMs: options.ackDeadlineMs ?? 3000 };
    this.cdn = new Cdn({
      origin: () => `http://127.0.0.1:${this.port}`,
      linkTtlMs: options.attachmentLinkTtlMs ?? DEFAULT_ATTACHMENT_LINK_TTL_MS,
    });
    this.world = new World(options, this.cdn);
    const tokenOk = (token: unknown) =>
      typeof token === 'string' && token.length > 0 && (options.token === undefined || token === options.token);
    this.gateway = new Gateway({
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      url: () => this.gatewayUrl,
      tokenOk,
      ready: (shardId, shardCount) => this.readyFor(shardId, shardCount),
      record: (event) => {
        this.gatewayEvents.push(event);
        this.changed();
      },
      changed: () => this.changed(),
      log: (line) => this.log(line),
    });
    this.rest = new RestApi({
      world: this.world,
      cdn: this.cdn,
      tokenOk,
      gatewayUrl: () => this.gatewayUrl,
      recommendedShards: options.shards ?? 1,
      identifies: () => this.gateway.identifies,
      rateLimit: options.rateLimit ?? { limit: 50, windowMs: 1000 },
      takeFault: (method, path) => this.takeFault(method, path),
      sleep: (ms) => this.sleep(ms),
      record: (request) => {
        this.requests.push(request);
        this.log(`rest: ${request.method} ${request.path} -> ${request.status}`);
        for (const listener of this.requestListeners) listener(request);
        this.changed();
      },
      messageChanged: (message, change) => {
        for (const listener of this.messageListeners) listener(message, change);
      },
    });
  }

  get applicationId(): string {
    return this.world.applicationId;
  }

  get botUser(): APIUser {
    return this.world.botUser;
  }

  get guilds(): readonly EmulatorGuild[] {
    return this.world.guilds;
  }

  /** Every message recorded (bot messages, and foreign ones that buttons or context menus referred to). */
  get messages(): readonly RecordedMessage[] {
    return this.world.messages;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  // ---- lifecycle ----

  /** Listens on 127.0.0.1 (port 0: any free port). `apiUrl` is what discord.js wants as `rest.api`. */
  async start(port = 0): Promise<{ port: number; apiUrl: string; gatewayUrl: string }> {
    if (this.server) throw new Error('emulator: already started');
    const server = createServer((req, res) => {
      this.rest.handle(req, res).catch((error: unknown) => {
        this.log(`rest: internal error ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
      });
    });
    server.on('upgrade', (req, socket, head) => this.gateway.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.log(`emulator listening on http://127.0.0.1:${this.port}`);
    return { port: this.port, apiUrl: `http://127.0.0.1:${this.port}/api`, gatewayUrl: this.gatewayUrl };
  }

  /** Terminates sockets, closes the server and clears timers, so the process can exit. Pending waits reject. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const waiter of [...this.waiters]) waiter.fail(new Error('emulator: stopped'));
    await this.gateway.stop();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- waiting ----

  /** Resolves with the first recorded request that matches, past or future. */
  waitForRequest(match: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitFor(() => this.requests.find(match), timeoutMs, 'a matching request');
  }

  /** Resolves with the first response request for an interaction (or the first that matches), past or future. */
  waitForResponse(interactionId: string, match: (r: RecordedRequest) => boolean = () => true, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitFor(() => this.responsesFor(interactionId).find(match), timeoutMs, `a response to interaction ${interactionId}`);
  }

  waitForGatewayEvent(match: (e: GatewayEventRecord) => boolean, timeoutMs = 5000): Promise<GatewayEventRecord> {
    return this.waitFor(() => this.gatewayEvents.find(match), timeoutMs, 'a matching gateway event');
  }

  /** Resolves once an IDENTIFY (from `shardId`, if given) has been received. */
  async waitForIdentify(shardId?: number, timeoutMs = 5000): Promise<void> {
    await this.waitForGatewayEvent((e) => e.op === 2 && (shardId === undefined || e.shardId === shardId), timeoutMs);
  }

  /**
   * Resolves once READY (or RESUMED) went out on a live connection for every expected shard: `shardIds`, else
   * 0..count-1 with the count clients identified with (or `options.shards`).
   */
  async waitForReady(timeoutMs = 10_000, shardIds?: number[]): Promise<void> {
    const expected = () => shardIds ?? [...Array(this.gateway.shardCount ?? this.options.shards ?? 1).keys()];
    await this.waitFor(
      () => {
        const ready = this.gateway.readyShards();
        return expected().every((id) => ready.has(id)) || undefined;
      },
      timeoutMs,
      'shards to be ready',
    );
  }

  // ---- interactions ----

  /** A chat-input command. `options` as Discord sends them, e.g. `[{ name: 'query', type: 3, value: 'Minsk' }]`. */
  slashCommand(
    name: string,
    options: APIApplicationCommandInteractionDataOption[] = [],
    opts: InteractionOptions = {},
  ): Promise<DispatchedInteraction> {
    return this.send(buildSlashCommand(this.world, this.lifetimes, name, options, opts));
  }

  /** Autocomplete for a chat-input command; exactly one option must have `focused: true`. */
  autocomplete(
    name: string,
    options: APIApplicationCommandInteractionDataOption[],
    opts: InteractionOptions = {},
  ): Promise<DispatchedInteraction> {
    return this.send(buildAutocomplete(this.world, this.lifetimes, name, options, opts));
  }

  /**
   * Presses a button on a message: a `RecordedMessage` (e.g. `emulator.originalMessage(ix.id)`), or any message
   * described by id. Throws if a known message has no such enabled button, since no user could press it.
   */
  button(customId: string, message: MessageTarget, opts: InteractionOptions = {}): Promise<DispatchedInteraction> {
    const raw = this.messageFor(message, this.world.botUser);
    assertButton(raw, customId);
    return this.send(buildButton(this.world, this.lifetimes, customId, raw, opts));
  }

  /**
   * Chooses `values` in a string select on a message, as Discord's client sends it (component_type 3, `data.values`).
   * Throws, as no user could choose so, if a known message has no such select, or it is disabled, or a value is not
   * among its options (or twice), or there are fewer than its `min_values` (default 1) or more than its `max_values`
   * (default 1). A message described by id only is taken at its word.
   */
  select(
    customId: string,
    message: MessageTarget,
    values: readonly string[],
    opts: InteractionOptions = {},
  ): Promise<DispatchedInteraction> {
    const raw = this.messageFor(message, this.world.botUser);
    assertSelect(raw, customId, values);
    return this.send(buildSelect(this.world, this.lifetimes, customId, values, raw, opts));
  }

  /** A message context-menu command on `target` (resolved into `data.resolved.messages`). */
  messageContextMenu(name: string, target: MessageTarget, opts: InteractionOptions = {}): Promise<DispatchedInteraction> {
    const author = this.world.user(opts.user ?? DEFAULT_USER);
    return this.send(buildMessageContextMenu(this.world, this.lifetimes, name, this.messageFor(target, author), opts));
  }

  /**
   * A modal submit (interaction type 5) of a modal the bot showed (callback type 9), as the user it was shown to, where
   * it was shown, with the permissions, roles and locale of the interaction that showed it (`opts` may change
   * those): `data.components` keeps the modal's layout (action rows or labels) with each input's value, and
   * `message` is set when a component on a message opened it. `values` by custom id: text inputs take a string
   * (unfilled ones keep their pre-filled `value`), selects and file uploads a list. Throws, as no user could submit
   * it, when the bot never showed that modal (or showed it to another user, or it was already submitted and
   * acknowledged), for an unknown input, and for values breaking a text input's required, min_length or max_length
   * (or a short input's single line), unless `opts.force`.
   */
  modalSubmit(customId: string, values: ModalValues = {}, opts: ModalSubmitOptions = {}): Promise<DispatchedInteraction> {
    const { force, from, message: target, ...rest } = opts;
    if (force) {
      const message = target ? this.messageFor(target, this.world.botUser) : undefined;
      const { components } = forcedSubmission(values);
      return this.send(buildModalSubmit(this.world, this.lifetimes, customId, components, undefined, message, rest));
    }
    const shown = this.shownModal(customId, from, opts.user?.id);
    const { components, resolved } = modalSubmission(shown.callbackData, values, (id) => this.cdn.files.get(id)?.attachment);
    // Discord includes the message when a component on it opened the modal.
    const source = shown.type === 3 && shown.sourceMessageId ? this.world.message(shown.sourceMessageId)?.raw : undefined;
    const invoker = shown.invoker;
    const built = buildModalSubmit(this.world, this.lifetimes, customId, components, resolved, source, {
      user: { id: shown.user.id, username: shown.user.username, globalName: shown.user.global_name },
      guildId: shown.guildId,
      channelId: shown.channelId,
      roles: invoker.roles,
      locale: invoker.locale,
      guildLocale: invoker.guildLocale,
      ...(invoker.permissions !== null ? { memberPermissions: invoker.permissions } : {}),
      ...rest,
    });
    shown.modalSubmitIds.push(built.stored.id);
    return this.send(built);
  }

  /** The modals (callback type 9) the bot showed, newest last, with the interaction that showed each. */
  shownModals(): Array<{ interactionId: string; userId: string; modal: unknown }> {
    return [...this.world.interactions.values()]
      .filter((ix) => ix.callbackType === 9)
      .map((ix) => ({ interactionId: ix.id, userId: ix.user.id, modal: ix.callbackData }));
  }

  // ---- attachments (the CDN) ----

  /**
   * Stores a file on the emulator's CDN and returns its attachment object, as Discord has it once a user uploaded it:
   * a snowflake id, `filename`, `size`, `content_type`, `ephemeral` (true unless `ephemeral: false`) and a signed,
   * expiring `url` (and `proxy_url`) on this emulator's port, e.g.
   * `http://127.0.0.1:<port>/cdn/ephemeral-attachments/<channel>/<id>/<filename>?ex=<hex>&is=<hex>&hm=<hex>&`.
   * Use its id as an attachment option's value (`{ name: 'file', type: 11, value: attachment.id }`) and the slash
   * command carries it in `data.resolved.attachments`. Needs `start()` first (the URL names the port).
   */
  addAttachment(file: AttachmentInput): APIAttachment {
    if (!this.server) throw new Error('emulator: start() the emulator before addAttachment (the link names its port)');
    const channelId = file.channelId ?? this.world.guilds[0]?.channels.find((c) => !c.deleted && (c.type ?? 0) === 0)?.id;
    if (!channelId) throw new Error('emulator: addAttachment needs a channelId (no guild text channel)');
    return this.cdn.add(file, channelId);
  }

  /**
   * Signs a new link for an attachment (as Discord does whenever it hands the attachment out again), valid for
   * `linkTtlMs` (default the emulator's); later slash commands carry the new link. Earlier links stay valid until
   * they expire.
   */
  refreshAttachment(id: string, linkTtlMs?: number): APIAttachment {
    return this.cdn.refresh(id, linkTtlMs);
  }

  /** Deletes an attachment: every link to it answers 404. */
  deleteAttachment(id: string): boolean {
    return this.cdn.remove(id);
  }

  /** Sends any dispatch (op 0) to a shard, e.g. `dispatchRaw('GUILD_DELETE', { id, unavailable: true })`. */
  dispatchRaw(eventName: string, data: unknown, shardId = 0): void {
    this.gateway.dispatch(shardId, eventName, data);
  }

  /** The callback(s), `@original` reads/edits/deletes and follow-ups for one interaction, in arrival order. */
  responsesFor(interactionId: string): RecordedRequest[] {
    const ix = this.world.interactions.get(interactionId);
    if (!ix) return [];
    const callback = `/interactions/${ix.id}/`;
    const webhook = `/webhooks/${this.world.applicationId}/${ix.token}`;
    return this.requests
      .filter((r) => r.path.startsWith(callback) || r.path === webhook || r.path.startsWith(`${webhook}/`))
      .sort((a, b) => a.at - b.at);
  }

  interaction(interactionId: string): InteractionState | undefined {
    return this.world.interactions.get(interactionId);
  }

  /** The interaction's `@original` message (its reply, or the message a component update changed). */
  originalMessage(interactionId: string): RecordedMessage | undefined {
    const id = this.world.interactions.get(interactionId)?.originalMessageId;
    return id ? this.world.message(id) : undefined;
  }

  /** Messages created through an interaction (reply and follow-ups), in creation order. */
  messagesFor(interactionId: string): RecordedMessage[] {
    return this.world.messages.filter((m) => m.interactionId === interactionId);
  }

  /** Messages in a channel that are not deleted, in creation order (ephemeral ones included, flagged). */
  channelMessages(channelId: string): RecordedMessage[] {
    return this.world.channelMessages(channelId);
  }

  message(id: string): RecordedMessage | undefined {
    return this.world.message(id);
  }

  /** Commands registered globally, or in one guild. */
  registeredCommands(guildId?: string): APIApplicationCommand[] {
    return this.world.registeredCommands(guildId);
  }

  onRequest(listener: (r: RecordedRequest) => void): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  /** Called when the bot creates, edits or deletes a message (the playground prints replies this way). */
  onMessage(listener: (m: RecordedMessage, change: MessageChange) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  // ---- faults ----

  /** Fails the next `times` requests matching method and path; see `FaultRule`. */
  failNext(rule: FaultRule): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1 });
  }

  /**
   * Expires an interaction (by token, or id): callbacks then get 404 Unknown interaction (10062) and webhook calls
   * 401 Invalid Webhook Token (50027), as after Discord's 15 minutes.
   */
  expireInteraction(tokenOrId: string): void {
    const ix = this.world.interactionsByToken.get(tokenOrId) ?? this.world.interactions.get(tokenOrId);
    if (!ix) throw new Error(`emulator: no interaction ${tokenOrId}`);
    ix.expired = true;
  }

  /** Closes gateway connections (one shard, or all) with `code`: 4000 resumes, 4004 is fatal, 1000 re-identifies. */
  closeGateway(code: number, shardId?: number): void {
    this.gateway.closeShards(code, shardId);
  }

  /** Drops gateway connections without a close frame (the client sees 1006 and resumes). */
  terminateGateway(shardId?: number): void {
    this.gateway.terminate(shardId);
  }

  /** Op 9 Invalid Session; not resumable makes the client IDENTIFY again. */
  invalidSession(resumable: boolean, shardId?: number): void {
    this.gateway.invalidSession(resumable, shardId);
  }

  /** Op 7 Reconnect: the client reconnects and resumes. */
  sendReconnect(shardId?: number): void {
    this.gateway.reconnect(shardId);
  }

  /** Leaves the next `count` heartbeats of a shard unacknowledged; discord.js then resumes on a new connection. */
  dropHeartbeatAcks(count = 1, shardId = 0): void {
    this.gateway.dropHeartbeatAcks(count, shardId);
  }

  // ---- internals ----

  private readyFor(shardId: number, shardCount: number): { ready: Record<string, unknown>; guilds: unknown[] } {
    const mine = this.world.guilds.filter((g) => shardForGuild(g.id, shardCount) === shardId);
    return {
      ready: {
        v: 10,
        user: this.world.botUser,
        user_settings: {},
        // Listing the guilds as unavailable makes discord.js wait for their GUILD_CREATE before `clientReady`.
        guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
        application: { id: this.world.applicationId, flags: 0 },
        private_channels: [],
        presences: [],
        relationships: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        auth: {},
        _trace: ['emulator'],
      },
      guilds: mine.map((g) => this.world.guildCreate(g)),
    };
  }

  private shardFor(guildId: string | null): number {
    return guildId ? shardForGuild(guildId, this.gateway.shardCount ?? this.options.shards ?? 1) : 0;
  }

  private async send<P extends DispatchedInteraction['payload']>(built: Built<P>): Promise<DispatchedInteraction> {
    const { payload, stored } = built;
    const shardId = this.shardFor(stored.guildId);
    if (!this.gateway.hasSession(shardId)) {
      await this.waitFor(() => this.gateway.hasSession(shardId) || undefined, 10_000, `shard ${shardId} to identify`);
    }
    this.gateway.dispatch(shardId, 'INTERACTION_CREATE', payload);
    // Deadlines run from the moment Discord would have sent the interaction.
    const now = Date.now();
    stored.ackBy = now + this.lifetimes.ackDeadlineMs;
    stored.expiresAt = now + this.lifetimes.tokenTtlMs;
    this.log(`gateway: INTERACTION_CREATE ${stored.id} (type ${stored.type}) -> shard ${shardId}`);
    return { id: stored.id, token: stored.token, shardId, payload };
  }

  private messageFor(target: MessageTarget, defaultAuthor: APIUser): APIMessage {
    if ('raw' in target) return target.raw;
    const known = this.world.message(target.id);
    if (known) return known.raw;
    return this.world.adoptMessage(foreignMessage(this.world, target, defaultAuthor)).raw;
  }

  /** The latest modal the bot showed with this custom id (to this user, or from this interaction), still open. */
  private shownModal(customId: string, from: string | undefined, userId: string | undefined): StoredInteraction {
    const candidates = [...this.world.interactions.values()].filter(
      (ix) =>
        ix.callbackType === 9 &&
        (ix.callbackData as { custom_id?: unknown } | null)?.custom_id === customId &&
        (from === undefined || ix.id === from) &&
        (userId === undefined || ix.user.id === userId),
    );
    const shown = candidates.at(-1);
    if (!shown) {
      const open = this.shownModals().map((m) => (m.modal as { custom_id?: unknown }).custom_id);
      const whom = `${userId ? ` to user ${userId}` : ''}${from ? ` by interaction ${from}` : ''}`;
      throw new Error(`emulator: the bot never showed a modal ${customId}${whom} (shown: ${open.length ? open.join(', ') : 'none'})`);
    }
    const last = shown.modalSubmitIds.at(-1);
    if (last !== undefined && (this.world.interactions.get(last)?.callbackType ?? null) !== null) {
      throw new Error(`emulator: modal ${customId} (shown by interaction ${shown.id}) was already submitted; the bot must show it again`);
    }
    return shown;
  }

  private takeFault(method: string, path: string): FaultRule | undefined {
    const index = this.faults.findIndex((f) => {
      f.path.lastIndex = 0;
      return (!f.method || f.method.toUpperCase() === method) && f.path.test(path);
    });
    const fault = this.faults[index];
    if (!fault) return undefined;
    if (--fault.remaining <= 0) this.faults.splice(index, 1);
    this.log(`fault: ${method} ${path} -> ${fault.status}${fault.delayMs ? ` after ${fault.delayMs} ms` : ''}`);
    return fault;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const found = probe();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return;
          done();
          resolve(value);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(`emulator: timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  private log(line: string): void {
    this.options.logger?.(line);
  }
}

type Component = {
  type?: number;
  custom_id?: string;
  disabled?: boolean;
  options?: Array<{ value?: string }>;
  min_values?: number;
  max_values?: number;
};

/** Every component of a message, at any depth (rows, sections, containers). */
function componentsOf(message: APIMessage): Component[] {
  const all: Component[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const c = node as { components?: unknown[]; accessory?: unknown; component?: unknown };
    all.push(node);
    c.components?.forEach(walk);
    walk(c.accessory);
    walk(c.component);
  };
  (message.components ?? []).forEach(walk);
  return all;
}

/** Finds the button a user would click; a known message must really carry it, enabled. */
function assertButton(message: APIMessage, customId: string): void {
  const all = componentsOf(message);
  if (all.length === 0) return; // a message described by id only: nothing to check against
  const found = all.find((c) => c.custom_id === customId && c.type === 2);
  if (!found) throw new Error(`emulator: message ${message.id} has no button ${customId}`);
  if (found.disabled) throw new Error(`emulator: button ${customId} on message ${message.id} is disabled`);
}

/** What Discord's client lets a user choose in a string select: among its options, each once, within min/max. */
function assertSelect(message: APIMessage, customId: string, values: readonly string[]): void {
  const all = componentsOf(message);
  if (all.length === 0) return;
  const found = all.find((c) => c.custom_id === customId && c.type === 3);
  const where = `select ${customId} on message ${message.id}`;
  if (!found) throw new Error(`emulator: message ${message.id} has no select ${customId}`);
  if (found.disabled) throw new Error(`emulator: ${where} is disabled`);
  const options = new Set((found.options ?? []).map((o) => o.value));
  for (const v of values) if (!options.has(v)) throw new Error(`emulator: ${where} has no option ${v}`);
  if (new Set(values).size !== values.length) throw new Error(`emulator: ${where}: a value chosen twice`);
  const min = found.min_values ?? 1;
  const max = found.max_values ?? 1;
  if (values.length < min) throw new Error(`emulator: ${where} needs at least ${min} values (got ${values.length})`);
  if (values.length > max) throw new Error(`emulator: ${where} takes at most ${max} values (got ${values.length})`);
}
