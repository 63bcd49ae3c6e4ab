/**
 * Reading a page in a worker thread (src/library/ingest/isolate.ts), and the limits on a page's shape that keep
 * the reading itself short (src/library/ingest/html.ts).
 */
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../../src/library/ingest/errors.js';
import { extractDraft } from '../../../src/library/ingest/extract.js';
import { MAX_DEPTH, MAX_ELEMENTS } from '../../../src/library/ingest/html.js';
import { extractInWorker } from '../../../src/library/ingest/isolate.js';
import { ARTICLE_HTML } from './support.js';

const html = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const PROSE = `<p>${'The delegations met again on the river and talked until late about the crossings and the boats. '.repeat(3)}</p>`;
const NOW = new Date('2026-03-01T00:00:00Z');

function problemOf(work: () => unknown): string {
  try {
    work();
  } catch (err) {
    if (err instanceof IngestError) return `${err.problem}: ${err.message}`;
    throw err;
  }
  return 'no error';
}

describe('limits on a page’s shape', () => {
  it(`refuses markup nested over ${MAX_DEPTH} levels, quickly`, () => {
    const nested = (n: number): string => `<html><body><article>${'<div>'.repeat(n)}${PROSE}${'</div>'.repeat(n)}</article></body></html>`;
    expect(extractDraft({ bytes: html(nested(MAX_DEPTH - 10)), contentType: 'text/html' }, { now: NOW }).text).toContain('delegations');
    const start = performance.now();
    expect(problemOf(() => extractDraft({ bytes: html(nested(20_000)), contentType: 'text/html' }))).toMatch(
      /^no-article: .*nests its markup/,
    );
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it(`refuses a page of more than ${MAX_ELEMENTS} elements`, () => {
    const links = `<html><body><article>${'<a href="/x">x</a>'.repeat(MAX_ELEMENTS + 1)}${PROSE}</article></body></html>`;
    expect(problemOf(() => extractDraft({ bytes: html(links), contentType: 'text/html' }))).toMatch(
      /^too-large: the page has \d+ elements/,
    );
  });
});

describe('extractInWorker', () => {
  it('gives the same draft as reading in this thread', async () => {
    const input = { bytes: html(ARTICLE_HTML), contentType: 'text/html', url: 'https://courier.example/a' };
    await expect(extractInWorker(input, { now: NOW })).resolves.toEqual(extractDraft(input, { now: NOW }));
  });

  it('passes refusals on as IngestErrors', async () => {
    const err = await extractInWorker({ bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), fileName: 'a.txt' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(IngestError);
    expect(err).toMatchObject({ problem: 'not-text', message: 'the file is a PNG image, not an article' });
  });

  it('stops a reading that takes too long, and the bot’s thread stays free meanwhile', async () => {
    // Tens of thousands of links: seconds of Readability's time, spent in the worker.
    const heavy = html(`<html><body><article>${'<a href="/x">x</a> '.repeat(MAX_ELEMENTS - 100)}${PROSE}</article></body></html>`);
    let ticks = 0;
    let worstGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
      ticks++;
    }, 10);
    const start = performance.now();
    const err = await extractInWorker({ bytes: heavy, contentType: 'text/html' }, { timeoutMs: 400 }).catch((e: unknown) => e);
    clearInterval(timer);
    expect(err).toMatchObject({ problem: 'timeout' });
    expect(performance.now() - start).toBeLessThan(1500);
    expect(ticks).toBeGreaterThan(10);
    expect(worstGap).toBeLessThan(250);
  });
});
