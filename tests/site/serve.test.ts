/** `npm run serve`'s /sources/: the reader pages, with safe headers, no path escapes, caching by content hash. */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { createInteractionsServer, type InteractionsServer } from '../../src/http/server.js';
import { createLogger } from '../../src/runtime/logger.js';
import { buildSite } from '../../src/site/build.js';
import { createReaderHandler, READER_HEADERS } from '../../src/site/serve.js';
import { seedCorpus } from '../support/seeds.js';
import { interaction, newKeys, searchData, signed, startServe } from '../support/http.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with the path sent exactly as written (fetch would normalise `..` away). */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const READER = 'https://reader.example/sources/';
const keys = newKeys();
const corpus = seedCorpus();
const site = buildSite(corpus);
const file = (name: string): Buffer => site.find((f) => f.name === name)?.body ?? Buffer.alloc(0);
const css = site.find((f) => f.name.endsWith('.css'))?.name ?? '';
let endpoint: InteractionsServer;
let port: number;

beforeAll(async () => {
  endpoint = createInteractionsServer({
    commands: COMMANDS,
    publicKey: keys.publicKey,
    corpus,
    logger: createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
    reader: createReaderHandler(site),
    readerUrl: READER,
  });
  await new Promise<void>((r) => endpoint.server.listen(0, '127.0.0.1', r));
  port = (endpoint.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await endpoint.close();
});

function expectSafeHeaders(a: Answer): void {
  expect(a.headers['content-security-policy']).toBe(
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  for (const [name, value] of Object.entries(READER_HEADERS)) expect(a.headers[name], name).toBe(value);
  expect(a.headers['x-content-type-options']).toBe('nosniff');
}

describe('the reader under /sources/', () => {
  it('serves the index and every article page, with safe headers and revalidation by content hash', async () => {
    const index = await get(port, '/sources/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toEqual(file('index.html'));
    expectSafeHeaders(index);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers.etag).toBe(`"${site.find((f) => f.name === 'index.html')?.hash}"`);
    for (const source of corpus.index.sources.keys()) {
      const page = await get(port, `/sources/${source}.html`);
      expect(page.status, source).toBe(200);
      expect(page.body).toEqual(file(`${source}.html`));
      // As static hosts do, the address without .html works too.
      expect((await get(port, `/sources/${source}`)).body).toEqual(page.body);
    }
    expect(await get(port, '/sources')).toMatchObject({ status: 301, headers: { location: '/sources/' } });
  });

  it('answers a matching If-None-Match with 304, and HEAD with headers only', async () => {
    const first = await get(port, '/sources/jacobin-2022.html');
    const again = await get(port, '/sources/jacobin-2022.html', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get(port, '/sources/jacobin-2022.html', { 'if-none-match': '"stale"' })).status).toBe(200);
    const head = await get(port, '/sources/jacobin-2022.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(first.body.length));
    expect(head.body.length).toBe(0);
  });

  it('caches the content-hashed stylesheet for a year, and compresses what is worth it', async () => {
    const asset = await get(port, `/sources/${css}`);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSafeHeaders(asset);
    const zipped = await get(port, '/sources/jacobin-2022.html', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.body)).toEqual(file('jacobin-2022.html'));
    expect(zipped.headers.etag).not.toBe((await get(port, '/sources/jacobin-2022.html')).headers.etag);
  });

  it('never leaves the site: escapes, encoded or not, hidden files and odd paths are a 404 page', async () => {
    const paths = [
      '/sources/../package.json',
      '/sources/%2e%2e/package.json',
      '/sources/..%2fpackage.json',
      '/sources/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      '/sources/..%5cpackage.json',
      '/sources/%c0%ae%c0%ae/package.json',
      '/sources//etc/passwd',
      '/sources/.env',
      '/sources/%00',
      '/sources/%',
      '/sources/index.html/',
      '/sources/src/config.ts',
      '/sources/nope.html',
    ];
    for (const path of paths) {
      const a = await get(port, path);
      expect(a.status, path).toBe(404);
      expectSafeHeaders(a);
      expect(a.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(a.body.toString(), path).toContain('Not in the library');
      expect(a.body.toString()).not.toMatch(/"name": "peace-talks-bot"|root:|DISCORD/);
      // Its stylesheet link works from any depth.
      expect(a.body.toString()).toContain(`href="/sources/${css}"`);
    }
  });

  it('lists no folder and takes only GET and HEAD', async () => {
    const listing = await get(port, '/sources/?C=N;O=D');
    expect(listing.body).toEqual(file('index.html'));
    const post = await get(port, '/sources/', { 'content-type': 'text/plain' }, 'POST', 'x');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expectSafeHeaders(post);
  });

  it('leaves the interactions endpoint as it was, and its citations link to pages this server has', async () => {
    const ping = JSON.stringify({ id: '1000000000000000001', application_id: '1000000000000000001', type: 1, token: 't', version: 1 });
    expect((await get(port, '/interactions', signed(ping, keys.privateKey), 'POST', ping)).body.toString()).toBe('{"type":1}');
    expect((await get(port, '/elsewhere')).status).toBe(404);
    const body = JSON.stringify(interaction(2, searchData('grain deal Odessa'), '1400000000000000001'));
    const reply = JSON.parse((await get(port, '/interactions', signed(body, keys.privateKey), 'POST', body)).body.toString()) as {
      data: { embeds: Array<{ url?: string }> };
    };
    const urls = reply.data.embeds.map((e) => e.url ?? '');
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url.startsWith(READER)).toBe(true);
      const page = new URL(url);
      expect((await get(port, page.pathname)).status, url).toBe(200);
    }
  });
});

describe('npm run serve', () => {
  it('serves the reader of its library under /sources/', async () => {
    const serve = await startServe({ publicHex: keys.publicHex, logLevel: 'silent' });
    try {
      await serve.waitFor(/reader pages on http:\/\/127\.0\.0\.1:\d+\/sources\//);
      const index = await get(serve.port, '/sources/');
      expect(index.status).toBe(200);
      expectSafeHeaders(index);
      expect(index.body.toString()).toContain('href="jacobin-2022.html"');
      expect((await get(serve.port, '/sources/../package.json')).status).toBe(404);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });
});
