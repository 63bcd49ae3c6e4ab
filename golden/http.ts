/**
 * Part 2: the HTTP interactions endpoint, in this process on 127.0.0.1, answering signed requests (Ed25519,
 * with a fixed key, over the fixed clock's timestamps). Recorded per case: the request's interaction data, the
 * status, the content-type and connection headers, the body byte for byte, and any REST call the endpoint made
 * meanwhile (posting a summary, through the recording proxy to the emulator).
 */
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { startHttpEndpoint, type Corpus, type RunningHttp } from './app.js';
import { blob, caseHeader, field, type Normaliser } from './format.js';
import type { RecordingProxy } from './proxy.js';
import { restCalls } from './rest-record.js';
import {
  APPLICATION_ID,
  BOT_TOKEN,
  FIXED_NOW,
  GENERAL,
  GUILD_ID,
  MODERATOR,
  scenario,
  type Button,
  type Driver,
  type RawOption,
  type Who,
} from './scenario.js';

/** A fixed Ed25519 key (from a fixed seed; not a secret), so every request is byte-for-byte the same each run. */
const SEED = Buffer.from('676f6c64656e2d7365742d6b65792d6e6f742d612d7365637265742d21212121', 'hex');
const PRIVATE_KEY = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), SEED]),
  format: 'der',
  type: 'pkcs8',
});
const PUBLIC_HEX = (createPublicKey(PRIVATE_KEY).export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex');
/** Another key: its signatures are valid Ed25519, but not the application's. */
const FOREIGN_KEY = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 7)]),
  format: 'der',
  type: 'pkcs8',
});
const DM_CHANNEL = '1300000000000000300';

/** /health reports the process's memory to loopback callers: the two numbers are replaced by `{n}`. */
const HEALTH_MEMORY = /"heapUsed":\d+,"rss":\d+/g;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

interface Message {
  id: string;
  channel_id: string;
  content?: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
}

/** What a button is pressed on: the message as the endpoint last left it (updated in place by type 7 answers). */
interface Handle {
  message: Message | null;
}

class HttpRecorder {
  text = '';
  private cases = 0;
  private offset = 0;
  private interactions = 0n;
  private messages = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private port: number,
    private readonly proxy: RecordingProxy,
    private readonly normaliser: Normaliser,
  ) {}

  now = (): number => FIXED_NOW + this.offset;

  setOffset(ms: number): void {
    this.offset = ms;
  }

  usePort(port: number): void {
    this.port = port;
  }

  close(): void {
    this.agent.destroy();
  }

  headers(body: string, key: KeyObject = PRIVATE_KEY, timestamp = String(Math.floor(this.now() / 1000))): Record<string, string> {
    const signature = sign(null, Buffer.from(timestamp + body), key).toString('hex');
    return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
  }

  send(options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: options.method ?? 'POST',
          path: options.path ?? '/interactions',
          headers: options.headers ?? {},
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('golden: the endpoint did not answer within 30 s')));
      req.on('error', reject);
      req.end(options.body);
    });
  }

  /** One case: send, record the answer and the REST calls made while it was handled. */
  async exchange(title: string, describe: string, options: Parameters<HttpRecorder['send']>[0]): Promise<Answer> {
    const mark = this.proxy.requests.length;
    const answer = await this.send(options);
    await this.proxy.settle(20);
    this.cases += 1;
    let text = caseHeader(`http/${String(this.cases).padStart(3, '0')}`, title);
    text += field('request', describe);
    text += field('status', answer.status);
    text += field('content-type', String(answer.headers['content-type'] ?? '(none)'));
    text += field('connection', String(answer.headers.connection ?? '(none)'));
    text += blob('body', answer.body.toString('utf8').replace(HEALTH_MEMORY, '"heapUsed":{n},"rss":{n}'));
    text += restCalls(this.proxy.requests.slice(mark));
    this.text += this.normaliser.apply(text);
    return answer;
  }

  note(title: string, text: string): void {
    this.cases += 1;
    this.text += this.normaliser.apply(caseHeader(`http/${String(this.cases).padStart(3, '0')}`, title) + field('not sent', text));
  }

  /** An interaction as Discord would POST it: a new id and token, in the guild's #general or in a DM. */
  interaction(type: number, data: unknown, who: Who, message?: Message): Record<string, unknown> {
    this.interactions += 1n;
    const id = String(1500000000000000000n + this.interactions);
    const where = who.dm
      ? { channel_id: DM_CHANNEL, channel: { id: DM_CHANNEL, type: 1 }, user: who.user }
      : {
          guild_id: GUILD_ID,
          channel_id: GENERAL,
          channel: { id: GENERAL, type: 0 },
          member: { user: who.user, permissions: who.permissions },
        };
    return {
      id,
      application_id: APPLICATION_ID,
      type,
      token: `token-${this.interactions}`,
      version: 1,
      ...where,
      data,
      ...(message ? { message } : {}),
    };
  }

  /** A signed interaction; its `data` is the request line of the case. */
  async interact(title: string, payload: Record<string, unknown>): Promise<Answer> {
    const body = JSON.stringify(payload);
    const who = payload.member ? `member ${JSON.stringify(payload.member)}` : `dm user ${JSON.stringify(payload.user)}`;
    return this.exchange(title, `type ${String(payload.type)} data ${JSON.stringify(payload.data)} ${who}`, {
      body,
      headers: this.headers(body),
    });
  }

  nextMessageId(): string {
    this.messages += 1;
    return String(1700000000000000000n + BigInt(this.messages));
  }
}

/** Discord fills in `type: "rich"` on the embeds of a message it sends back (as the emulator does). */
const asStored = (embeds: unknown[]): unknown[] => embeds.map((e) => ({ type: 'rich', ...(e as object) }));

/**
 * Turns an answer into the message it creates (type 4) or updates in place (type 7), as Discord would hand it
 * back in a button's interaction.
 */
function apply(recorder: HttpRecorder, answer: Answer, on: Handle | null, channelId: string): Handle {
  let parsed: { type?: number; data?: { content?: string; embeds?: unknown[]; components?: unknown[]; flags?: number } } = {};
  try {
    parsed = JSON.parse(answer.body.toString('utf8')) as typeof parsed;
  } catch {
    return { message: null };
  }
  const data = parsed.data ?? {};
  if (parsed.type === 7 && on?.message) {
    const m = on.message;
    on.message = {
      ...m,
      ...(data.content !== undefined ? { content: data.content } : {}),
      embeds: data.embeds ? asStored(data.embeds) : m.embeds,
      components: data.components ?? m.components,
    };
    return on;
  }
  if (parsed.type !== 4) return { message: null };
  return {
    message: {
      id: recorder.nextMessageId(),
      channel_id: channelId,
      ...(data.content !== undefined ? { content: data.content } : {}),
      embeds: asStored(data.embeds ?? []),
      components: data.components ?? [],
      flags: data.flags ?? 0,
    },
  };
}

function buttonsOf(message: Message | null): Button[] {
  const rows = (message?.components ?? []) as Array<{ components?: Array<{ label?: string; custom_id?: string; disabled?: boolean }> }>;
  return rows
    .flatMap((r) => r.components ?? [])
    .map((b) => ({ label: b.label ?? '', customId: b.custom_id ?? '', disabled: b.disabled === true }));
}

function driver(recorder: HttpRecorder): Driver<Handle> {
  const channelOf = (who: Who): string => (who.dm ? DM_CHANNEL : GENERAL);
  return {
    async command(title, name, options, who, resolvedChannels) {
      const resolved = resolvedChannels?.length
        ? { resolved: { channels: Object.fromEntries(resolvedChannels.map((c) => [c.id, { id: c.id, name: c.name, type: 0 }])) } }
        : {};
      const answer = await recorder.interact(title, recorder.interaction(2, { id: '1', name, type: 1, options, ...resolved }, who));
      return apply(recorder, answer, null, channelOf(who));
    },
    async autocomplete(title, name, options: RawOption[], who) {
      await recorder.interact(title, recorder.interaction(4, { id: '1', name, type: 1, options }, who));
    },
    async messageCommand(title, name, target, who) {
      const data = {
        id: '2',
        name,
        type: 3,
        target_id: target.id,
        resolved: { messages: { [target.id]: { id: target.id, channel_id: channelOf(who), content: target.content } } },
      };
      const answer = await recorder.interact(title, recorder.interaction(2, data, who));
      return apply(recorder, answer, null, channelOf(who));
    },
    buttons: (on) => buttonsOf(on.message),
    async press(title, on, customId, who) {
      if (!on.message) throw new Error('golden: pressed a button on no message');
      const answer = await recorder.interact(title, recorder.interaction(3, { custom_id: customId, component_type: 2 }, who, on.message));
      return apply(recorder, answer, on, on.message.channel_id);
    },
    async pressForeign(title, messageId, customId, who) {
      const message: Message = {
        id: messageId,
        channel_id: GENERAL,
        embeds: [],
        components: [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: customId }] }],
        flags: 0,
      };
      await recorder.interact(title, recorder.interaction(3, { custom_id: customId, component_type: 2 }, who, message));
    },
    note: (title, text) => recorder.note(title, text),
    setClockOffset: (ms) => recorder.setOffset(ms),
  };
}

/** A request that is not HTTP: what the server writes back on the raw socket. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('close', () => resolve(received));
    socket.on('error', () => undefined);
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

/** Part 2's file. `apiUrl` is the recording proxy (to the emulator) the endpoint posts summaries through. */
export async function recordHttp(corpus: Corpus, proxy: RecordingProxy, apiUrl: string, normaliser: Normaliser): Promise<string> {
  const recorder = new HttpRecorder(0, proxy, normaliser);
  let endpoint: RunningHttp = await startHttpEndpoint({
    corpus,
    publicHex: PUBLIC_HEX,
    now: recorder.now,
    rest: { token: BOT_TOKEN, api: apiUrl },
  });
  recorder.usePort(endpoint.port);
  recorder.text += '# The endpoint as `npm run serve` runs it with DISCORD_TOKEN (and DISCORD_API_URL: the emulator).\n';
  try {
    const ping = (id: string): string => JSON.stringify({ id, application_id: APPLICATION_ID, type: 1, token: 't', version: 1 });
    // Transport and signatures
    await recorder.exchange('PING', 'POST /interactions, signed PING', { body: ping('1'), headers: recorder.headers(ping('1')) });
    await recorder.exchange('PING on /', 'POST /, signed PING', { path: '/', body: ping('2'), headers: recorder.headers(ping('2')) });
    await recorder.exchange('unsigned', 'POST /interactions, PING without signature headers', {
      body: ping('3'),
      headers: { 'content-type': 'application/json' },
    });
    await recorder.exchange('signature not hex', 'POST /interactions, x-signature-ed25519: nothex', {
      body: ping('4'),
      headers: { ...recorder.headers(ping('4')), 'x-signature-ed25519': 'nothex' },
    });
    await recorder.exchange('signature of zeros', 'POST /interactions, a well-formed signature that is not valid', {
      body: ping('5'),
      headers: { ...recorder.headers(ping('5')), 'x-signature-ed25519': 'ab'.repeat(64) },
    });
    await recorder.exchange('signed by another key', 'POST /interactions, PING signed with a key that is not the application’s', {
      body: ping('6'),
      headers: recorder.headers(ping('6'), FOREIGN_KEY),
    });
    const staleAt = String(Math.floor(recorder.now() / 1000) - 3600);
    await recorder.exchange('stale timestamp', 'POST /interactions, PING signed an hour ago', {
      body: ping('7'),
      headers: recorder.headers(ping('7'), PRIVATE_KEY, staleAt),
    });
    const futureAt = String(Math.floor(recorder.now() / 1000) + 600);
    await recorder.exchange('timestamp from the future', 'POST /interactions, PING signed 10 minutes ahead', {
      body: ping('8'),
      headers: recorder.headers(ping('8'), PRIVATE_KEY, futureAt),
    });
    await recorder.exchange('body changed after signing', 'POST /interactions, PING whose id was changed after signing', {
      body: ping('9').replace('"9"', '"10"'),
      headers: recorder.headers(ping('9')),
    });
    const once = recorder.headers(ping('11'));
    await recorder.exchange('replay: first', 'POST /interactions, signed PING', { body: ping('11'), headers: once });
    await recorder.exchange('replay: the same request again', 'POST /interactions, the same bytes and headers again', {
      body: ping('11'),
      headers: once,
    });
    // Malformed requests
    const send = (title: string, describe: string, body: string): Promise<Answer> =>
      recorder.exchange(title, describe, { body, headers: recorder.headers(body) });
    await send('malformed JSON', 'signed body {"type": 2,', '{"type": 2,');
    await send('not an interaction', 'signed body {"hello":"world"}', '{"hello":"world"}');
    await send(
      'unknown interaction type',
      'signed type 99',
      JSON.stringify({ id: '12', application_id: APPLICATION_ID, type: 99, token: 't', version: 1 }),
    );
    await send(
      'modal submit (not handled)',
      'signed type 5',
      JSON.stringify(
        recorder.interaction(
          5,
          { custom_id: 'talks:modal', components: [] },
          { user: { id: '1400000000000099999', username: 'x' }, permissions: '0' },
        ),
      ),
    );
    await send(
      'autocomplete with nothing focused',
      'signed type 4, no focused option',
      JSON.stringify(
        recorder.interaction(
          4,
          { id: '1', name: 'talks', type: 1, options: [{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: 'gra' }] }] },
          { user: { id: '1400000000000099999', username: 'x' }, permissions: '0' },
        ),
      ),
    );
    await send(
      'unknown command',
      'signed type 2, command "nope"',
      JSON.stringify(
        recorder.interaction(
          2,
          { id: '1', name: 'nope', type: 1, options: [] },
          { user: { id: '1400000000000099998', username: 'y' }, permissions: '0' },
        ),
      ),
    );
    const huge = JSON.stringify({ pad: 'x'.repeat(200_000) });
    await recorder.exchange('body over 64 KiB', 'POST /interactions, 200,010 bytes', { body: huge, headers: recorder.headers(huge) });
    await recorder.exchange('GET /interactions', 'GET /interactions', { method: 'GET' });
    await recorder.exchange('unknown path', 'POST /nope', { path: '/nope', body: ping('13'), headers: recorder.headers(ping('13')) });
    const raw = await rawExchange(endpoint.port, 'NOT HTTP AT ALL\r\n\r\n');
    recorder.text += normaliser.apply(
      caseHeader('http/raw', 'not HTTP') +
        field('request', 'raw socket: "NOT HTTP AT ALL\\r\\n\\r\\n"') +
        field('response (JSON-escaped)', JSON.stringify(raw)),
    );

    // The interactions, the same as the gateway's
    await scenario(driver(recorder));
    await recorder.exchange('health', 'GET /health (memory figures replaced)', { method: 'GET', path: '/health' });
    await endpoint.close();

    // Without a token, Post cannot post
    endpoint = await startHttpEndpoint({ corpus, publicHex: PUBLIC_HEX, now: recorder.now });
    recorder.usePort(endpoint.port);
    recorder.text += '# The endpoint as `npm run serve` runs it without DISCORD_TOKEN.\n';
    const d = driver(recorder);
    const mod: Who = { user: { id: '1400000000000088888', username: 'mod' }, permissions: MODERATOR };
    const preview = await d.command(
      'no token: summary preview',
      'talks',
      [{ type: 1, name: 'summary', options: [{ type: 3, name: 'topic', value: 'mediation' }] }],
      mod,
    );
    const post = d.buttons(preview).find((b) => b.label === 'Post to channel');
    if (post) await d.press('no token: Post', preview, post.customId, mod);
    else d.note('no token: Post', 'no Post button');
    await recorder.exchange('no token: health', 'GET /health (memory figures replaced)', { method: 'GET', path: '/health' });
  } finally {
    recorder.close();
    await endpoint.close();
  }
  return recorder.text;
}
