/**
 * Fetching a page or an attachment (src/library/ingest/fetch.ts) against a loopback server: limits, redirects,
 * content types, and the request-forgery guard at every hop. The network is jailed to loopback (support.ts), so a
 * broken guard fails a test instead of reaching another machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDraft } from '../../../src/library/ingest/extract.js';
import { IngestError, type IngestProblem } from '../../../src/library/ingest/errors.js';
import { fetchArticle, fetchAttachment, type FetchOptions, type ResolvedAddress } from '../../../src/library/ingest/fetch.js';
import { draftFromAttachment, draftFromUrl } from '../../../src/library/ingest/index.js';
import { closedPort, jailNetwork, MB, startServer, type Jail, type TestServer } from './support.js';

let server: TestServer;
let jail: Jail;
/** The test server is on loopback: allowed by name, and nothing else private is. */
let local: FetchOptions;

beforeAll(async () => {
  jail = jailNetwork();
  server = await startServer();
  local = { allowHosts: ['127.0.0.1'] };
});
afterAll(async () => {
  await server.close();
  jail.release();
  expect(jail.refused).toEqual([]); // no test tried to leave the machine
});

/** The IngestError a promise rejects with (fails the test if it resolves or throws something else). */
async function refusal(work: Promise<unknown>): Promise<IngestError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof IngestError))
    throw new Error(`expected an IngestError, got ${err === null ? 'success' : err instanceof Error ? err.message : typeof err}`);
  return err;
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work;
  return { value, ms: performance.now() - start };
}

function expectProblem(err: IngestError, problem: IngestProblem, message?: RegExp): void {
  expect(err.problem).toBe(problem);
  if (message) expect(err.message).toMatch(message);
  expect(err.message).not.toContain('\n');
}

describe('fetching a page', () => {
  it('fetches an HTML article and reads it into a draft', async () => {
    const page = await fetchArticle(`${server.base}/article`, local);
    expect(page).toMatchObject({ status: 200, contentType: 'text/html', charset: 'utf-8', redirects: [], url: `${server.base}/article` });
    expect(Buffer.from(page.bytes).toString('utf8')).toContain('Harbour Talks Reach a First Step');
    const draft = extractDraft({ bytes: page.bytes, contentType: 'text/html; charset=utf-8', url: page.url });
    expect(draft.title).toBe('Harbour Talks Reach a First Step');
    expect(draft.outlet).toBe('The Lowland Courier');
    expect(draft.text).not.toContain('tracking');
  });

  it('gives the draft the URL the page came from, and checks its date against the URL', async () => {
    const draft = await draftFromUrl(`${server.base}/2025/05/06/harbour-talks`, { ...local, isolate: false });
    expect(draft.url).toBe(`${server.base}/2025/05/06/harbour-talks`);
    expect(draft.date?.how).toBe('meta'); // the meta tag outranks the URL, and they agree
    expect(draft.warnings.join(' ')).not.toMatch(/disagree/);
  });

  it('follows a relative redirect and reports where it went', async () => {
    const page = await fetchArticle(`${server.base}/relative`, local);
    expect(page.redirects).toEqual([`${server.base}/article`]);
    expect(page.url).toBe(`${server.base}/article`);
  });

  it('decompresses a gzip body', async () => {
    const page = await fetchArticle(`${server.base}/gzip`, local);
    expect(Buffer.from(page.bytes).toString('utf8')).toContain('<h2>What Comes Next</h2>');
  });

  it('fetches a page that has no article, which extraction then refuses', async () => {
    const page = await fetchArticle(`${server.base}/no-article`, local);
    const err = (() => {
      try {
        extractDraft({ bytes: page.bytes, contentType: 'text/html', url: page.url });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).problem).toBe('no-article');
  });

  it('refuses 404 and 500 with the status in words', async () => {
    expectProblem(await refusal(fetchArticle(`${server.base}/missing`, local)), 'http-status', /^the page answered 404 Not Found$/);
    expectProblem(
      await refusal(fetchArticle(`${server.base}/broken`, local)),
      'http-status',
      /^the page answered 500 Internal Server Error$/,
    );
  });

  it('refuses a redirect loop without going round it five times', async () => {
    const before = server.hits.length;
    const err = await refusal(fetchArticle(`${server.base}/loop-a`, local));
    expectProblem(err, 'too-many-redirects', /loop/);
    expect(server.hits.slice(before)).toEqual(['/loop-a', '/loop-b']);
  });

  it('follows 5 redirects but not 6', async () => {
    const five = await fetchArticle(`${server.base}/chain/5`, local);
    expect(five.redirects).toHaveLength(5);
    const err = await refusal(fetchArticle(`${server.base}/chain/6`, local));
    expectProblem(err, 'too-many-redirects', /more than 5 times/);
    const two = await refusal(fetchArticle(`${server.base}/chain/3`, { ...local, maxRedirects: 2 }));
    expect(two.problem).toBe('too-many-redirects');
  });

  it('refuses a redirect to a private address before connecting to it', async () => {
    const { value: err, ms } = await timed(refusal(fetchArticle(`${server.base}/to-private`, local)));
    expectProblem(err, 'private-address', /^the page redirected to http:\/\/10\.0\.0\.1\/, which is a private address$/);
    expect(ms).toBeLessThan(1000); // refused, not timed out trying an unroutable address
    expect(jail.attempts).not.toContain('10.0.0.1');
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const err = await refusal(fetchArticle(`${server.base}/to-metadata`, local));
    expectProblem(err, 'private-address', /169\.254\.169\.254.*link-local/);
    expect(jail.attempts).not.toContain('169.254.169.254');
  });

  it('checks a redirect to a host name by what it resolves to', async () => {
    const resolve = (host: string): Promise<ResolvedAddress[]> =>
      Promise.resolve(host === 'intranet.test' ? [{ address: '10.1.2.3', family: 4 }] : []);
    const err = await refusal(fetchArticle(`${server.base}/to-named`, { ...local, resolve }));
    expectProblem(
      err,
      'private-address',
      /redirected to http:\/\/intranet\.test:\d+\/article, which resolves to a private address \(10\.1\.2\.3\)/,
    );
  });

  it('refuses a redirect to another scheme', async () => {
    expectProblem(await refusal(fetchArticle(`${server.base}/to-ftp`, local)), 'bad-url', /redirected to ftp:/);
  });

  it('refuses loopback unless the operator allows it', async () => {
    const before = server.hits.length;
    const err = await refusal(fetchArticle(`${server.base}/article`));
    expectProblem(err, 'private-address', new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/article is a loopback address$`));
    expect(server.hits.length).toBe(before); // no request reached the server
    // allowPrivate, allowHosts by address, by range and by name all let it through.
    await expect(fetchArticle(`${server.base}/article`, { allowPrivate: true })).resolves.toMatchObject({ status: 200 });
    await expect(fetchArticle(`${server.base}/article`, { allowHosts: ['127.0.0.0/8'] })).resolves.toMatchObject({ status: 200 });
    const resolve = (): Promise<ResolvedAddress[]> => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const byName = `http://courier.test:${server.port}/article`;
    await expect(fetchArticle(byName, { allowHosts: ['courier.test'], resolve })).resolves.toMatchObject({ status: 200 });
    expectProblem(
      await refusal(fetchArticle(byName, { allowHosts: ['other.test'], resolve })),
      'private-address',
      /resolves to a loopback/,
    );
  });

  it('refuses a host name if ANY of its addresses is private', async () => {
    const resolve = (): Promise<ResolvedAddress[]> =>
      Promise.resolve([
        { address: '93.184.215.14', family: 4 },
        { address: '192.168.1.20', family: 4 },
      ]);
    const err = await refusal(fetchArticle('http://mixed.test/', { resolve }));
    expectProblem(err, 'private-address', /^http:\/\/mixed\.test\/ resolves to a private address \(192\.168\.1\.20\)$/);
    expect(jail.attempts).not.toContain('93.184.215.14');
  });

  it('connects to the address it vetted, so a changed DNS answer (rebinding) is never used', async () => {
    let calls = 0;
    const resolve = (): Promise<ResolvedAddress[]> => {
      calls++;
      // First answer: the (allowed) test server; any later lookup would get a private address.
      return Promise.resolve([{ address: calls === 1 ? '127.0.0.1' : '10.9.9.9', family: 4 }]);
    };
    const page = await fetchArticle(`http://rebind.test:${server.port}/article`, { allowHosts: ['127.0.0.1'], resolve });
    expect(page.status).toBe(200);
    expect(calls).toBe(1);
    expect(server.hosts.at(-1)).toBe(`rebind.test:${server.port}`); // the name was kept for Host (and TLS)
    expect(jail.attempts).not.toContain('10.9.9.9');
  });

  it('says when a site cannot be found or reached', async () => {
    const resolve = (): Promise<ResolvedAddress[]> =>
      Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    expectProblem(await refusal(fetchArticle('http://nowhere.test/', { resolve })), 'network', /could not find the site nowhere\.test/);
    const port = await closedPort();
    expectProblem(await refusal(fetchArticle(`http://127.0.0.1:${port}/`, local)), 'network', /refused the connection/);
  });

  it('refuses a 50 MB body as soon as it passes the cap, without reading it all', async () => {
    const { value: err, ms } = await timed(refusal(fetchArticle(`${server.base}/huge`, local)));
    expectProblem(err, 'too-large', /^the page is over 2 MB$/);
    expect(ms).toBeLessThan(3000); // the whole body would take over 4 s to stream
    await new Promise((r) => setTimeout(r, 50));
    expect(server.written.get('/huge') ?? 0).toBeLessThan(10 * MB);
  });

  it('refuses a body whose declared length is over the cap before reading it', async () => {
    const { value: err, ms } = await timed(refusal(fetchArticle(`${server.base}/huge-declared`, local)));
    expectProblem(err, 'too-large');
    expect(ms).toBeLessThan(1000);
    expect(server.written.get('/huge-declared') ?? 0).toBeLessThan(2 * MB);
  });

  it('caps the decompressed size, not the compressed one (a gzip bomb)', async () => {
    const err = await refusal(fetchArticle(`${server.base}/bomb`, local));
    expectProblem(err, 'too-large');
    const small = await refusal(fetchArticle(`${server.base}/article`, { ...local, maxBytes: 1000 }));
    expectProblem(small, 'too-large', /over 1000 bytes/);
  });

  it('times out a slow server, and a body that trickles, with the whole-fetch limit', async () => {
    const slow = await timed(refusal(fetchArticle(`${server.base}/slow`, { ...local, timeoutMs: 200 })));
    expectProblem(slow.value, 'timeout', /^the page did not load within 200 ms$/);
    expect(slow.ms).toBeLessThan(1500);
    const drip = await timed(refusal(fetchArticle(`${server.base}/drip`, { ...local, timeoutMs: 300 })));
    expectProblem(drip.value, 'timeout');
    expect(drip.ms).toBeLessThan(1500);
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expectProblem(await refusal(fetchArticle(`${server.base}/slow`, { ...local, signal: controller.signal })), 'aborted');
  });

  it('refuses an image, and a response that does not say what it is', async () => {
    expectProblem(await refusal(fetchArticle(`${server.base}/image`, local)), 'content-type', /^the page is image\/png, not an article/);
    expectProblem(await refusal(fetchArticle(`${server.base}/no-type`, local)), 'content-type', /no content type/);
    expectProblem(await refusal(fetchArticle(`${server.base}/octet`, local)), 'content-type', /application\/octet-stream/);
  });
});

describe('what a link may be', () => {
  it.each([
    ['ftp://files.example.test/a.txt', /not a web link/],
    ['javascript:alert(1)', /not a web link/],
    ['file:///etc/passwd', /not a web link/],
    ['not a link', /not a valid link/],
    ['http://moderator:secret@127.0.0.1/', /user name or password/],
  ])('refuses %s', async (url, message) => {
    expectProblem(await refusal(fetchArticle(url, { allowPrivate: true })), 'bad-url', message);
  });

  // The WHATWG URL parser turns these spellings into the address they mean; the guard sees that address.
  it.each([
    ['http://2130706433/', 'http://127.0.0.1/', 'loopback'],
    ['http://0x7f.1/', 'http://127.0.0.1/', 'loopback'],
    ['http://017700000001/', 'http://127.0.0.1/', 'loopback'],
    ['http://127.1/', 'http://127.0.0.1/', 'loopback'],
    ['http://0x7f000001/', 'http://127.0.0.1/', 'loopback'],
    ['http://0/', 'http://0.0.0.0/', 'unspecified'],
    ['http://[::1]/', 'http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[::ffff:a9fe:a9fe]/', 'http://[::ffff:a9fe:a9fe]/', 'link-local'],
    ['http://[fd00::5]/', 'http://[fd00::5]/', 'unique-local'],
    ['http://100.64.1.1/', 'http://100.64.1.1/', 'carrier-grade NAT'],
    ['http://169.254.169.254/latest/meta-data/', 'http://169.254.169.254/latest/meta-data/', 'link-local'],
  ])('refuses %s as %s', async (url, normalised, kind) => {
    const err = await refusal(fetchArticle(url));
    expectProblem(err, 'private-address');
    expect(err.message.startsWith(`${normalised} is a`)).toBe(true);
    expect(err.message).toContain(kind);
  });

  it('never opened a connection to any of them', () => {
    expect(jail.attempts.every((a) => /^127\./.test(a))).toBe(true);
  });
});

describe('fetching an attachment', () => {
  it('fetches a text attachment, and octet-stream (Discord serves unknown types so)', async () => {
    const file = await fetchAttachment(`${server.base}/notes.txt`, local);
    expect(file.contentType).toBe('text/plain');
    const octet = await fetchAttachment(`${server.base}/octet`, local);
    expect(octet.contentType).toBe('application/octet-stream');
    const draft = await draftFromAttachment(
      { url: `${server.base}/notes.txt`, fileName: 'notes.txt', contentType: 'text/plain; charset=utf-8' },
      local,
    );
    expect(draft).toMatchObject({ title: 'Harbour Notes', authors: ['Mirela Stan'], url: null, format: 'text' });
  });

  it('says an attachment link has expired when the CDN answers 404 or 403', async () => {
    for (const path of ['/expired', '/forbidden']) {
      const err = await refusal(fetchAttachment(`${server.base}${path}`, local));
      expectProblem(err, 'expired-link', /^the attachment link has expired; attach the file again$/);
    }
    expectProblem(await refusal(fetchAttachment(`${server.base}/broken`, local)), 'http-status', /500/);
  });

  it('guards attachment links like any other', async () => {
    expectProblem(await refusal(fetchAttachment(`${server.base}/notes.txt`)), 'private-address');
    expectProblem(await refusal(fetchAttachment(`${server.base}/to-private`, local)), 'private-address');
    expectProblem(await refusal(fetchAttachment(`${server.base}/image`, local)), 'content-type');
    expectProblem(await refusal(fetchAttachment(`${server.base}/huge`, local)), 'too-large', /^the attachment is over 2 MB$/);
  });
});
