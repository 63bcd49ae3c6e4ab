/** The REST routes under /api/v10 with plain fetch: identity, channels and messages, commands, limits, faults. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, APP, CHANNEL, GUILD, match, RawGateway, startEmulator, TOKEN, type Running } from './helpers.js';

const LOCKED = '1300000000000000201';
const GONE = '1300000000000000202';
let running: Running;
let apiUrl: string;

beforeAll(async () => {
  running = await startEmulator({
    token: TOKEN,
    shards: 3,
    guilds: [
      {
        id: GUILD,
        name: 'Test',
        channels: [
          { id: CHANNEL, name: 'general' },
          { id: LOCKED, name: 'announcements', botCanSend: false },
          { id: GONE, name: 'old', deleted: true },
        ],
      },
    ],
  });
  ({ apiUrl } = running);
});
afterAll(async () => {
  await running.emulator.stop();
});

describe('who the bot is', () => {
  it('GET /gateway/bot gives the gateway URL, the recommended shards and the session start limit', async () => {
    const r = await api(apiUrl, 'GET', '/gateway/bot');
    expect(r).toMatchObject({ status: 200 });
    expect(r.body).toEqual({
      url: running.emulator.gatewayUrl,
      shards: 3,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 14_400_000, max_concurrency: 1 },
    });
    expect((await api(apiUrl, 'GET', '/gateway', undefined, { auth: null })).body).toEqual({ url: running.emulator.gatewayUrl });
  });

  it('GET /users/@me and /applications/@me describe the bot and its application', async () => {
    expect((await api(apiUrl, 'GET', '/users/@me')).body).toEqual(running.emulator.botUser);
    expect((await api(apiUrl, 'GET', '/applications/@me')).body).toMatchObject({
      id: APP,
      bot: { id: APP, bot: true },
      verify_key: match.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it.each([
    ['no Authorization header', null],
    ['a Bearer token', `Bearer ${TOKEN}`],
    ['another bot token', 'Bot someone-else'],
  ])('answers 401 to %s', async (_label, auth) => {
    const r = await api(apiUrl, 'GET', '/users/@me', undefined, { auth });
    expect(r).toMatchObject({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
  });
});

describe('routing', () => {
  it('answers 404 for a route it does not serve, 405 for a method a route does not take', async () => {
    expect(await api(apiUrl, 'GET', '/guilds/1/members')).toMatchObject({ status: 404, body: { message: '404: Not Found', code: 0 } });
    expect(await api(apiUrl, 'PUT', '/users/@me')).toMatchObject({ status: 405, body: { message: '405: Method Not Allowed' } });
    const outside = await fetch(`${apiUrl.replace(/\/api$/, '')}/v9/users/@me`);
    expect(outside.status).toBe(404);
  });

  it('answers 400 (50109) to a body that is not JSON, and records every request with its answer', async () => {
    const r = await api(apiUrl, 'POST', `/channels/${CHANNEL}/messages`, undefined, { raw: '{"content": ' });
    expect(r).toMatchObject({ status: 400, body: { code: 50109, message: 'The request body contains invalid JSON.' } });
    expect(running.emulator.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/channels/${CHANNEL}/messages`,
      status: 400,
      body: null,
      headers: { authorization: `Bot ${TOKEN}` },
      response: { code: 50109 },
    });
  });
});

describe('channels and messages', () => {
  it('GET /channels/{id} is the channel object; a deleted one is 10003', async () => {
    expect((await api(apiUrl, 'GET', `/channels/${CHANNEL}`)).body).toMatchObject({
      id: CHANNEL,
      name: 'general',
      type: 0,
      guild_id: GUILD,
    });
    expect(await api(apiUrl, 'GET', `/channels/${GONE}`)).toMatchObject({ status: 404, body: { code: 10003, message: 'Unknown Channel' } });
  });

  it('posts, reads, edits and deletes a message in a channel', async () => {
    const created = await api(apiUrl, 'POST', `/channels/${CHANNEL}/messages`, { content: 'hello', embeds: [{ title: 'T' }] });
    expect(created).toMatchObject({
      status: 200,
      body: { channel_id: CHANNEL, guild_id: GUILD, content: 'hello', author: { id: APP }, embeds: [{ type: 'rich', title: 'T' }] },
    });
    const id = (created.body as { id: string }).id;
    expect(running.emulator.channelMessages(CHANNEL).map((m) => [m.id, m.kind])).toContainEqual([id, 'channel']);
    expect((await api(apiUrl, 'GET', `/channels/${CHANNEL}/messages/${id}`)).body).toMatchObject({ id, content: 'hello' });
    const edited = await api(apiUrl, 'PATCH', `/channels/${CHANNEL}/messages/${id}`, { content: 'edited' });
    expect(edited.body).toMatchObject({ content: 'edited', embeds: [{ title: 'T' }], edited_timestamp: match.any(String) });
    expect(running.emulator.message(id)).toMatchObject({ content: 'edited', edits: 1 });
    expect((await api(apiUrl, 'DELETE', `/channels/${CHANNEL}/messages/${id}`)).status).toBe(204);
    expect(await api(apiUrl, 'GET', `/channels/${CHANNEL}/messages/${id}`)).toMatchObject({ status: 404, body: { code: 10008 } });
    expect(running.emulator.message(id)?.deleted).toBe(true);
  });

  it('refuses a channel the bot may not send in (50013), a deleted one (10003) and an edit that empties a message (50006)', async () => {
    expect(await api(apiUrl, 'POST', `/channels/${LOCKED}/messages`, { content: 'x' })).toMatchObject({
      status: 403,
      body: { code: 50013 },
    });
    expect(await api(apiUrl, 'POST', `/channels/${GONE}/messages`, { content: 'x' })).toMatchObject({ status: 404, body: { code: 10003 } });
    const { body } = await api(apiUrl, 'POST', `/channels/${CHANNEL}/messages`, { content: 'x' });
    const emptied = await api(apiUrl, 'PATCH', `/channels/${CHANNEL}/messages/${(body as { id: string }).id}`, { content: '' });
    expect(emptied).toMatchObject({ status: 400, body: { code: 50006, message: 'Cannot send an empty message' } });
  });

  it("refuses to edit another user's message (50005)", async () => {
    // A user's message becomes known to the emulator when an interaction refers to it (a context menu here).
    const foreign = { id: '1300000000000000999', content: 'a user wrote this' };
    const ws = await RawGateway.open(running.emulator.gatewayUrl);
    try {
      await ws.identify();
      await running.emulator.messageContextMenu('Quote', foreign);
      const r = await api(apiUrl, 'PATCH', `/channels/${CHANNEL}/messages/${foreign.id}`, { content: 'mine now' });
      expect(r).toMatchObject({ status: 403, body: { code: 50005 } });
    } finally {
      ws.close();
    }
  });

  it('reads a multipart upload: the payload_json part and the files', async () => {
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'a file', attachments: [{ id: 0, description: 'notes' }] }));
    form.append('files[0]', new Blob(['hello, world'], { type: 'text/plain' }), 'notes.txt');
    const res = await fetch(`${apiUrl}/v10/channels/${CHANNEL}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${TOKEN}` },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      content: 'a file',
      attachments: [{ filename: 'notes.txt', size: 12, content_type: 'text/plain', description: 'notes' }],
    });
    expect(running.emulator.requests.at(-1)?.files).toEqual([
      { field: 'files[0]', filename: 'notes.txt', contentType: 'text/plain', size: 12, data: Buffer.from('hello, world') },
    ]);
  });
});

describe('application commands', () => {
  const guildCommands = `/applications/${APP}/guilds/${GUILD}/commands`;
  const ping = { name: 'ping', description: 'Replies' };
  const quote = { name: 'Quote', type: 3 };

  it('a bulk overwrite echoes the commands with ids, keeping the ids of commands that stay', async () => {
    const first = await api(apiUrl, 'PUT', guildCommands, [ping, quote]);
    expect(first).toMatchObject({
      status: 200,
      body: [
        { name: 'ping', type: 1, application_id: APP, guild_id: GUILD, description: 'Replies', default_member_permissions: null },
        { name: 'Quote', type: 3, description: '' },
      ],
    });
    const [pingId] = (first.body as Array<{ id: string }>).map((c) => c.id);
    const second = await api(apiUrl, 'PUT', guildCommands, [{ ...ping, description: 'Pong' }]);
    expect(second.body).toEqual([expect.objectContaining({ id: pingId, description: 'Pong' })]);
    expect(running.emulator.registeredCommands(GUILD).map((c) => c.name)).toEqual(['ping']);
    expect(running.emulator.registeredCommands()).toEqual([]);
  });

  it('creates (201), re-creates (200), reads, edits and deletes one command', async () => {
    const global = `/applications/${APP}/commands`;
    const created = await api(apiUrl, 'POST', global, { name: 'help', description: 'Help' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect(await api(apiUrl, 'POST', global, { name: 'help', description: 'More help' })).toMatchObject({ status: 200, body: { id } });
    expect((await api(apiUrl, 'GET', `${global}/${id}`)).body).toMatchObject({ id, description: 'More help' });
    expect((await api(apiUrl, 'PATCH', `${global}/${id}`, { description: 'Edited' })).body).toMatchObject({ id, description: 'Edited' });
    expect((await api(apiUrl, 'DELETE', `${global}/${id}`)).status).toBe(204);
    expect(await api(apiUrl, 'GET', `${global}/${id}`)).toMatchObject({ status: 404, body: { code: 10063 } });
  });

  it('refuses another application or an unknown guild (50001), and a body that is not a list (50035)', async () => {
    expect(await api(apiUrl, 'PUT', '/applications/1/commands', [])).toMatchObject({ status: 403, body: { code: 50001 } });
    expect(await api(apiUrl, 'PUT', `/applications/${APP}/guilds/1/commands`, [])).toMatchObject({ status: 403, body: { code: 50001 } });
    expect(await api(apiUrl, 'PUT', guildCommands, ping)).toMatchObject({
      status: 400,
      body: { code: 50035, errors: { _root: { _errors: [{ code: 'BASE_TYPE_ARRAY' }] } } },
    });
  });
});

describe('rate limits and faults', () => {
  it('counts requests per route and channel in x-ratelimit headers, and answers 429 past the limit', async () => {
    const limited = await startEmulator({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const get = (channel: string) => api(limited.apiUrl, 'GET', `/channels/${channel}`);
      const first = await get(CHANNEL);
      expect(first.headers.get('x-ratelimit-limit')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
      expect((await get(CHANNEL)).headers.get('x-ratelimit-remaining')).toBe('0');
      const third = await get(CHANNEL);
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(50);
      expect(third.body).toMatchObject({ message: 'You are being rate limited.', global: false });
      // Another channel is another bucket.
      expect((await get('1300000000000000300')).headers.get('x-ratelimit-remaining')).toBe('1');
    } finally {
      await limited.emulator.stop();
    }
  });

  it('fails the next matching requests as told: an error, a 429, a late answer, a dropped connection', async () => {
    const { emulator } = running;
    emulator.failNext({ method: 'GET', path: /^\/users\/@me$/, status: 503, times: 2 });
    expect(await api(apiUrl, 'GET', '/users/@me')).toMatchObject({ status: 503, body: { message: '503: Service Unavailable' } });
    expect((await api(apiUrl, 'GET', '/users/@me')).status).toBe(503);
    expect((await api(apiUrl, 'GET', '/users/@me')).status).toBe(200);

    emulator.failNext({ path: /^\/users\/@me$/, status: 429, retryAfterSeconds: 0.5, global: true });
    const limited = await api(apiUrl, 'GET', '/users/@me');
    expect(limited).toMatchObject({ status: 429, body: { retry_after: 0.5, global: true } });
    expect(limited.headers.get('retry-after')).toBe('0.5');
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');

    emulator.failNext({ path: /^\/users\/@me$/, status: 200, delayMs: 300 });
    const started = performance.now();
    expect((await api(apiUrl, 'GET', '/users/@me')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    emulator.failNext({ path: /^\/users\/@me$/, status: 0 });
    await expect(api(apiUrl, 'GET', '/users/@me')).rejects.toThrow();
    expect(emulator.requests.at(-1)).toMatchObject({ path: '/users/@me', status: 0 });
  });
});
