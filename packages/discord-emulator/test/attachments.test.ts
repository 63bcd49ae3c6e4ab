/**
 * Attachments: files a test adds are served by the emulator's CDN behind signed, expiring links (plain fetch), and
 * a slash command's attachment option carries the file in `data.resolved.attachments` (raw gateway, then discord.js).
 */
import { Events, type Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_LONGER_AVAILABLE, type DispatchedInteraction } from '../src/index.js';
import {
  api,
  APP,
  CHANNEL,
  failOnUnhandledRejection,
  GUILD,
  match,
  RawGateway,
  readyClient,
  startEmulator,
  type Running,
} from './helpers.js';

let running: Running;
let gateway: RawGateway;

beforeAll(async () => {
  running = await startEmulator({ ackDeadlineMs: 10_000 });
  gateway = await RawGateway.open(running.emulator.gatewayUrl);
  await gateway.identify();
});
afterAll(async () => {
  gateway.close();
  await running.emulator.stop();
});

const article = '# Talks resume\n\nDelegations met on Tuesday — “quietly”.\n';
const bytes = () => new TextEncoder().encode(article);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the CDN', () => {
  it('serves an added file at its signed link: the same bytes, its content type and length', async () => {
    const attachment = running.emulator.addAttachment({
      filename: 'talks.md',
      bytes: bytes(),
      contentType: 'text/markdown; charset=utf-8',
    });
    const origin = new URL(running.apiUrl).origin;
    expect(attachment).toEqual({
      id: match.stringMatching(/^\d{17,20}$/),
      filename: 'talks.md',
      content_type: 'text/markdown; charset=utf-8',
      size: bytes().length,
      url: match.stringMatching(
        new RegExp(
          `^${origin}/cdn/ephemeral-attachments/${CHANNEL}/${attachment.id}/talks\\.md\\?ex=[0-9a-f]+&is=[0-9a-f]+&hm=[0-9a-f]{64}&$`,
        ),
      ),
      proxy_url: match.stringMatching(new RegExp(`^${origin}/media/ephemeral-attachments/${CHANNEL}/${attachment.id}/talks\\.md\\?`)),
      ephemeral: true,
    });
    const url = new URL(attachment.url);
    // `ex` and `is` are Unix seconds in hex, 24 hours apart by default, as on Discord.
    const [ex, is] = [parseInt(url.searchParams.get('ex') ?? '', 16), parseInt(url.searchParams.get('is') ?? '', 16)];
    expect(is).toBeCloseTo(Date.now() / 1000, -1);
    expect(ex - is).toBeGreaterThanOrEqual(24 * 3600);
    expect(ex - is).toBeLessThanOrEqual(24 * 3600 + 1);

    for (const link of [attachment.url, attachment.proxy_url]) {
      const res = await fetch(link);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(res.headers.get('content-length')).toBe(String(bytes().length));
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes());
    }
    // Recorded like API requests, so a test can wait for the bot's download.
    expect(running.emulator.requests.at(-1)).toMatchObject({ method: 'GET', path: url.pathname.replace('/cdn/', '/media/'), status: 200 });
  });

  it('answers HEAD with the headers and no body', async () => {
    const binary = Buffer.from([0, 1, 2, 250, 255]);
    const attachment = running.emulator.addAttachment({ filename: 'data.bin', bytes: binary });
    expect(attachment).not.toHaveProperty('content_type');
    const head = await fetch(attachment.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('5');
    expect(head.headers.get('content-type')).toBe('application/octet-stream');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    expect(Buffer.from(await (await fetch(attachment.url)).arrayBuffer())).toEqual(binary);
    expect((await fetch(attachment.url, { method: 'POST' })).status).toBe(405);
  });

  it('guesses common content types, changes spaces in names, and posts to /attachments/ when not ephemeral', async () => {
    const attachment = running.emulator.addAttachment({ filename: 'my article.html', bytes: bytes(), ephemeral: false });
    expect(attachment).toMatchObject({ filename: 'my_article.html', content_type: 'text/html; charset=utf-8', ephemeral: false });
    expect(attachment.url).toContain(`/cdn/attachments/${CHANNEL}/${attachment.id}/my_article.html?`);
    expect((await fetch(attachment.url)).status).toBe(200);
  });

  it('an expired link answers 404 "This content is no longer available."; a refreshed one works again', async () => {
    const attachment = running.emulator.addAttachment({ filename: 'soon.txt', bytes: bytes(), linkTtlMs: 30 });
    expect((await fetch(attachment.url)).status).toBe(200);
    await wait(60);
    const expired = await fetch(attachment.url);
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(NO_LONGER_AVAILABLE);
    expect(expired.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const fresh = running.emulator.refreshAttachment(attachment.id);
    expect(fresh.url).not.toBe(attachment.url);
    expect((await fetch(fresh.url)).status).toBe(200);
  });

  it('the emulator-wide link lifetime is an option', async () => {
    const short = await startEmulator({ attachmentLinkTtlMs: 20 });
    try {
      const attachment = short.emulator.addAttachment({ filename: 'a.txt', bytes: bytes() });
      await wait(40);
      expect((await fetch(attachment.url)).status).toBe(404);
    } finally {
      await short.emulator.stop();
    }
  });

  it('a tampered, unsigned or deleted link answers 404', async () => {
    const attachment = running.emulator.addAttachment({ filename: 'signed.txt', bytes: bytes() });
    const url = new URL(attachment.url);
    const variants: string[] = [];
    const later = (parseInt(url.searchParams.get('ex') ?? '', 16) + 3600).toString(16);
    for (const [key, value] of [
      ['ex', later],
      ['is', '0'],
      ['hm', 'f'.repeat(64)],
    ] as const) {
      const changed = new URL(url);
      changed.searchParams.set(key, value);
      variants.push(changed.href);
    }
    variants.push(`${url.origin}${url.pathname}`);
    variants.push(attachment.url.replace('/signed.txt', '/other.txt'));
    const other = running.emulator.addAttachment({ filename: 'signed.txt', bytes: bytes() });
    variants.push(attachment.url.replace(`/${attachment.id}/`, `/${other.id}/`));
    variants.push(attachment.url.replace(`/${CHANNEL}/`, '/1300000000000000999/'));
    variants.push(attachment.url.replace('/ephemeral-attachments/', '/attachments/'));
    for (const link of variants) {
      const res = await fetch(link);
      expect([link, res.status, await res.text()]).toEqual([link, 404, NO_LONGER_AVAILABLE]);
    }
    expect((await fetch(attachment.url)).status).toBe(200);
    expect(running.emulator.deleteAttachment(attachment.id)).toBe(true);
    expect((await fetch(attachment.url)).status).toBe(404);
  });

  it('answers slowly, with an error, or drops the connection through failNext', async () => {
    const attachment = running.emulator.addAttachment({ filename: 'faulty.txt', bytes: bytes() });
    running.emulator.failNext({ path: /^\/cdn\//, status: 503 });
    expect((await fetch(attachment.url)).status).toBe(503);
    running.emulator.failNext({ path: /^\/cdn\//, status: 200, delayMs: 150 });
    const started = performance.now();
    const slow = await fetch(attachment.url);
    expect(slow.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(await slow.text()).toBe(article);
    running.emulator.failNext({ path: /^\/cdn\//, status: 0 });
    await expect(fetch(attachment.url)).rejects.toThrow();
    expect((await fetch(attachment.url)).status).toBe(200);
  });

  it('needs a started emulator (the link names its port)', async () => {
    const { DiscordEmulator } = await import('../src/index.js');
    expect(() => new DiscordEmulator().addAttachment({ filename: 'a.txt', bytes: bytes() })).toThrow(/start\(\) the emulator/);
  });
});

describe('attachment options', () => {
  const fileOption = (id: string) => [{ type: 1, name: 'add', options: [{ name: 'file', type: 11, value: id }] }];

  it('a slash command puts the attachment in data.resolved.attachments, inside a subcommand too', async () => {
    const attachment = running.emulator.addAttachment({ filename: 'talks.md', bytes: bytes() });
    const ix = await running.emulator.slashCommand('library', fileOption(attachment.id), { memberPermissions: 0x20n });
    const sent = await gateway.dispatch('INTERACTION_CREATE');
    expect(sent.d).toEqual(ix.payload);
    expect(ix.payload).toMatchObject({
      type: 2,
      member: { permissions: '32' },
      data: {
        name: 'library',
        type: 1,
        options: fileOption(attachment.id),
        resolved: { attachments: { [attachment.id]: attachment } },
      },
    });
  });

  it('merges given resolved data, and refuses an attachment id it does not know', async () => {
    const attachment = running.emulator.addAttachment({ filename: 'a.txt', bytes: bytes() });
    const user = { id: '1400000000000000001', username: 'alice', discriminator: '0', global_name: null, avatar: null };
    const ix = await running.emulator.slashCommand('library', fileOption(attachment.id), { resolved: { users: { [user.id]: user } } });
    expect(ix.payload.data).toMatchObject({ resolved: { users: { [user.id]: user }, attachments: { [attachment.id]: attachment } } });
    expect(() => running.emulator.slashCommand('library', fileOption('1300000000000000666'))).toThrow(
      /unknown attachment 1300000000000000666/,
    );
  });
});

describe('with discord.js', () => {
  let client: Client;
  let stopFailing: () => void;

  beforeAll(async () => {
    gateway.close();
    stopFailing = failOnUnhandledRejection();
    client = await readyClient(running.apiUrl);
  });
  afterAll(async () => {
    await client.destroy();
    stopFailing();
  });

  it('a handler reads the subcommand, the attachment and the member permissions, downloads it and replies', async () => {
    const attachment = running.emulator.addAttachment({ filename: 'talks.md', bytes: bytes() });
    let seen: unknown;
    const done = new Promise<void>((resolve, reject) =>
      client.once(Events.InteractionCreate, (i) => {
        void (async () => {
          if (!i.isChatInputCommand()) throw new Error('not a slash command');
          const file = i.options.getAttachment('file', true);
          const text = await (await fetch(file.url)).text();
          seen = [i.options.getSubcommand(), file.name, file.size, file.contentType, file.ephemeral, i.memberPermissions?.has(0x20n), text];
          await i.reply({ content: 'preview', flags: 64 });
        })().then(resolve, reject);
      }),
    );
    const ix: DispatchedInteraction = await running.emulator.slashCommand(
      'library',
      [{ type: 1, name: 'add', options: [{ name: 'file', type: 11, value: attachment.id }] }],
      { memberPermissions: (0x20n | 0x800n).toString() },
    );
    await done;
    expect(seen).toEqual(['add', 'talks.md', bytes().length, 'text/markdown; charset=utf-8', true, true, article]);
    expect(running.emulator.originalMessage(ix.id)).toMatchObject({ content: 'preview', ephemeral: true });
  });
});

describe('registered commands', () => {
  it('keep default_member_permissions and return it from GET', async () => {
    const body = [
      {
        name: 'library',
        description: 'Manage the library',
        default_member_permissions: '32',
        options: [{ type: 1, name: 'add', description: 'Add an article', options: [{ type: 11, name: 'file', description: 'The file' }] }],
      },
      { name: 'talks', description: 'Ask', default_member_permissions: null },
      { name: 'admin', description: 'Admins only', default_member_permissions: 0 },
    ];
    const put = await api(running.apiUrl, 'PUT', `/applications/${APP}/guilds/${GUILD}/commands`, body);
    expect(put.status).toBe(200);
    const got = await api(running.apiUrl, 'GET', `/applications/${APP}/guilds/${GUILD}/commands`);
    expect(
      (got.body as Array<{ name: string; default_member_permissions: unknown }>).map((c) => [c.name, c.default_member_permissions]),
    ).toEqual([
      ['library', '32'],
      ['talks', null],
      ['admin', '0'],
    ]);
    const [library] = got.body as Array<{ id: string }>;
    const one = await api(running.apiUrl, 'GET', `/applications/${APP}/guilds/${GUILD}/commands/${library?.id}`);
    expect(one.body).toMatchObject({ default_member_permissions: '32', options: body[0]?.options });
    const patched = await api(running.apiUrl, 'PATCH', `/applications/${APP}/guilds/${GUILD}/commands/${library?.id}`, {
      description: 'Still moderators only',
    });
    expect(patched.body).toMatchObject({ default_member_permissions: '32', description: 'Still moderators only' });
    const bad = await api(running.apiUrl, 'POST', `/applications/${APP}/commands`, {
      name: 'x',
      description: 'd',
      default_member_permissions: 'mods',
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 50035, errors: { 0: { default_member_permissions: {} } } } });
  });
});
