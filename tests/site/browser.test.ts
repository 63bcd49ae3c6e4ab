/// <reference lib="dom" />
/**
 * The reader in a real browser (headless Chromium): every citation the bot gives opens its passage, marked, with
 * the quoted sentences highlighted; no script, no console errors, no request leaves the server; accessible (axe),
 * readable on a 360 px phone, in dark mode and in print; hostile article text shows as text.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../src/core/corpus.js';
import { EXAMPLE_QUESTIONS } from '../../src/core/examples.js';
import { extractDraft } from '../../src/library/ingest/index.js';
import { addDraft, previewDraft } from '../../src/library/manage.js';
import { openLibrary } from '../../src/library/open.js';
import { loadLibrary } from '../../src/library/seed-files.js';
import { SqliteLibraryStore } from '../../src/library/sqlite-store.js';
import { citationLink, eventLinks, footnoteLinks, passageAnchor } from '../../src/core/reader.js';
import { search } from '../../src/core/search.js';
import { summarize } from '../../src/core/summary/index.js';
import { SUMMARY_BUDGET } from '../../src/render/format.js';
import type { Citation } from '../../src/core/types.js';
import { buildSite } from '../../src/site/build.js';
import { startReaderServer } from '../../src/site/serve.js';
import { ROOT, seedCorpus, tempDir } from '../support/seeds.js';
import { colourShare, launchChromium, watchedContext, type Watch } from '../support/chromium.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The highlight colour of quoted text (`::target-text` in style.ts), and how near a pixel must be to count. */
const HIGHLIGHT = [0xff, 0xd2, 0x3f] as const;
/** Who adds the hostile articles. */
const ACTOR = { id: '1400000000000000301', name: 'a moderator' };

const corpus = seedCorpus();
let browser: Browser;
let reader: Awaited<ReturnType<typeof startReaderServer>>;
let context: BrowserContext;
let watch: Watch;
let page: Page;

beforeAll(async () => {
  [browser, reader] = await Promise.all([launchChromium(), startReaderServer(buildSite(corpus))]);
  ({ context, watch } = await watchedContext(browser, new URL(reader.url).origin, { viewport: { width: 1100, height: 800 } }));
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await reader?.close();
});

let visits = 0;
/** Open a URL as a new document (a text fragment acts only on one, not on a jump within the same page). */
async function open(p: Page, url: string): Promise<void> {
  const hash = url.indexOf('#');
  const [address, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  // The server ignores the query; the browser sees another document each time.
  await p.goto(`${address}?visit=${++visits}${fragment}`, { waitUntil: 'load' });
}

/** The passage (or element) the page marks as :target; a text fragment may be found just after load. */
async function targetId(p: Page): Promise<string | null> {
  const read = (): Promise<string | null> =>
    p.evaluate(() => {
      const t = document.querySelector(':target');
      return t ? (t.closest('.passage')?.id ?? t.id) : null;
    });
  const now = await read();
  if (now !== null) return now;
  await p.waitForFunction(() => document.querySelector(':target') !== null, null, { timeout: 2000 }).catch(() => null);
  return read();
}

/**
 * The passage the page marks and where `anchor` is on screen, once it is both marked and in view (a text fragment
 * is found just after load; a page drawn in the background may scroll a frame later). Null if it never is.
 */
async function landing(
  p: Page,
  anchor: string,
): Promise<{ id: string; box: { x: number; y: number; width: number; height: number } } | null> {
  const where = (a: string) => {
    const marked = document.querySelector(':target');
    const r = document.getElementById(a)?.getBoundingClientRect();
    if (!marked || !r || r.bottom <= 0 || r.top >= innerHeight) return null;
    const top = Math.max(0, r.top);
    return {
      id: marked.closest('.passage')?.id ?? marked.id,
      box: { x: r.left, y: top, width: r.width, height: Math.min(innerHeight, r.bottom) - top },
    };
  };
  // Usually there at once (one round trip); else wait for it.
  return (
    (await p.evaluate(where, anchor)) ??
    (await p
      .waitForFunction(where, anchor, { timeout: 3000, polling: 50 })
      .then((h) => h.jsonValue())
      .catch(() => null))
  );
}

// Two tabs share one browser: Chromium may refuse a capture while the other tab's is under way ("Unable to capture
// screenshot", seen once in CI on a loaded machine), so captures take turns, and a refused one is tried once more
// after a frame.
let capturing: Promise<unknown> = Promise.resolve();
function capture(p: Page, box: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
  const take = () => p.screenshot({ clip: box, caret: 'initial' });
  const turn = capturing.then(() =>
    take().catch(async (error: unknown) => {
      if (!String(error).includes('Unable to capture screenshot')) throw error;
      await p.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
      return take();
    }),
  );
  capturing = turn.catch(() => undefined);
  return turn;
}

/** The share of a box on screen that is the highlight colour (only the box is photographed: quick to take and read). */
async function highlightIn(p: Page, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  const shot = await capture(p, box);
  return colourShare(shot, [{ x: 0, y: 0, width: box.width, height: box.height }], HIGHLIGHT)[0] ?? 0;
}

describe('every citation opens its passage', () => {
  it('every passage id the bot can cite resolves to an element on its page', async () => {
    const cited = new Set([...corpus.index.passages.keys(), ...corpus.events.flatMap((e) => e.citations.map((c) => c.passageId))]);
    for (const source of corpus.index.sources.values()) {
      await open(page, `${reader.url}${source.meta.id}.html`);
      const anchors = [...cited].filter((id) => id.startsWith(`${source.meta.id}#`)).map(passageAnchor);
      const missing = await page.evaluate((ids) => ids.filter((id) => !document.getElementById(id)), anchors);
      expect(missing, source.meta.id).toEqual([]);
      expect(anchors.length).toBeGreaterThan(0);
    }
  });

  it('opening #p14 puts that paragraph in the viewport, visibly marked', async () => {
    for (const [anchor, tag] of [
      ['p14', 'SPAN'],
      ['p14.2', 'SPAN'],
      ['p15', 'P'],
      ['p1', 'DIV'],
    ] as const) {
      await open(page, `${reader.url}jacobin-2022.html#${anchor}`);
      const seen = await page.evaluate((id) => {
        const el = document.getElementById(id);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return {
          tag: el.tagName,
          target: el.matches(':target'),
          top: r.top,
          bottom: r.bottom,
          background: style.backgroundColor,
          page: getComputedStyle(document.body).backgroundColor,
          edge: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
        };
      }, anchor);
      expect(seen, anchor).toMatchObject({ tag, target: true });
      expect(seen?.top, anchor).toBeGreaterThanOrEqual(0);
      expect(seen?.top, anchor).toBeLessThan(800 / 2);
      expect(seen?.background, anchor).toBe('rgb(255, 240, 184)');
      expect(seen?.background).not.toBe(seen?.page);
      expect(seen?.edge, anchor).toBe(true);
    }
  });

  it("opening a section's first passage shows the section heading above it, on a desktop and on a phone", async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    const cut: string[] = [];
    let seen = 0;
    for (const source of corpus.index.sources.values()) {
      const url = `${reader.url}${source.meta.id}.html`;
      await open(page, url);
      // Each section heading of the text, and the anchor of the passage that opens the section.
      const firsts = await page.evaluate(() =>
        [...document.querySelectorAll('.text h2[id]')].flatMap((h) => {
          const next = h.nextElementSibling;
          const anchor = next?.id || next?.querySelector('.passage[id]')?.id;
          return anchor ? [{ heading: h.id, anchor }] : [];
        }),
      );
      for (const [p, name] of [
        [page, 'desktop'],
        [phone, 'phone'],
      ] as const) {
        for (const { heading, anchor } of firsts) {
          await open(p, `${url}#${anchor}`);
          const where = await p.evaluate(
            ({ heading, anchor }) => {
              const h = document.getElementById(heading)?.getBoundingClientRect();
              const a = document.getElementById(anchor)?.getBoundingClientRect();
              return h && a ? { top: h.top, bottom: h.bottom, anchor: a.top, scrolled: scrollY } : null;
            },
            { heading, anchor },
          );
          seen += 1;
          // Scrolled to the passage (not left at the top of the page), with its heading whole on screen above it.
          if (!where || where.scrolled === 0 || where.top < 0 || where.bottom > where.anchor) {
            cut.push(`${name} ${source.meta.id}#${anchor}: ${JSON.stringify(where)}`);
          }
        }
      }
    }
    await phone.close();
    expect(seen).toBeGreaterThan(10);
    expect(cut).toEqual([]);
  }, 60_000);

  it('the highlight covers the quoted sentences, and only them', async () => {
    const checked: string[] = [];
    for (const query of [
      'grain deal',
      'Did Zelensky threaten to abandon negotiations over the Mariupol prisoners?',
      'Putin told Biden NATO expansion troops',
    ]) {
      const answer = search(corpus.index, query, { limit: 3 });
      for (const r of answer.results) {
        const url = citationLink(reader.url, r.citation, [r.excerpt]) ?? '';
        await open(page, url);
        expect(await targetId(page), url).toBe(passageAnchor(r.id));
        const quote = r.excerpt.replace(/^[\s…]+|[\s…]+$/g, '');
        // The quote's boxes, and the boxes of the rest of its passage, as the page lays them out.
        const boxes = await page.evaluate(
          ({ anchor, quote }) => {
            const el = document.getElementById(anchor);
            if (!el) return null;
            const nodes: Text[] = [];
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement?.closest('.pn')) nodes.push(n as Text);
            // The passage's text, white space as one space, with where each character came from.
            let text = '';
            const at: Array<[Text, number]> = [];
            for (const node of nodes) {
              for (let i = 0; i < node.data.length; i++) {
                const ch = /\s/.test(node.data[i] ?? '') ? ' ' : (node.data[i] ?? '');
                if (ch === ' ' && text.endsWith(' ')) continue;
                text += ch;
                at.push([node, i]);
              }
            }
            const start = text.indexOf(quote.replace(/\s+/g, ' '));
            if (start < 0) return { found: false, inside: [], outside: [] };
            const end = start + quote.replace(/\s+/g, ' ').length;
            const rects = (from: number, to: number): DOMRect[] => {
              if (to <= from) return [];
              const range = document.createRange();
              const a = at[from];
              const b = at[to - 1];
              if (!a || !b) return [];
              range.setStart(a[0], a[1]);
              range.setEnd(b[0], b[1] + 1);
              return [...range.getClientRects()].filter((x) => x.width > 4 && x.height > 4);
            };
            const box = (x: DOMRect) => ({ x: x.x, y: x.y, width: x.width, height: x.height });
            return {
              found: true,
              inside: rects(start, end).map(box),
              outside: [...rects(0, start - 1), ...rects(end + 1, text.length)].map(box),
            };
          },
          { anchor: passageAnchor(r.id), quote },
        );
        expect(boxes?.found, `${r.id}: “${quote}” on the page`).toBe(true);
        const visible = (b: { y: number; height: number }) => b.y >= 0 && b.y + b.height <= 800;
        const inside = boxes?.inside.filter(visible) ?? [];
        const outside = boxes?.outside.filter(visible) ?? [];
        expect(inside.length, r.id).toBeGreaterThan(0);
        const shot = await page.screenshot();
        const share = [colourShare(shot, inside, HIGHLIGHT), colourShare(shot, outside, HIGHLIGHT)];
        // Every line of the quote is mostly highlight (the rest is the letters), the rest of the passage none.
        for (const s of share[0] ?? []) expect(s, `${r.id} quoted line`).toBeGreaterThan(0.3);
        for (const s of share[1] ?? []) expect(s, `${r.id} unquoted line`).toBeLessThan(0.02);
        checked.push(`${r.id}:${inside.length}/${outside.length}`);
      }
    }
    // Some of these quotes share their passage with sentences left out, so both sides were checked.
    expect(checked.some((c) => !c.endsWith('/0'))).toBe(true);
  });

  it('every link the bot gives (search, timeline, summary) lands on the passage it cites', async () => {
    const links: Array<{ url: string; citation: Citation }> = [];
    // Every dated event (its words may be a clause cut from a sentence, the likeliest to miss), summaries, and the
    // first answer to each example question (excerpts are the article's words: the test above checks them closely).
    for (const q of EXAMPLE_QUESTIONS)
      for (const r of search(corpus.index, q, { limit: 1 }).results)
        links.push({ url: citationLink(reader.url, r.citation, [r.excerpt]) ?? '', citation: r.citation });
    for (const e of corpus.events)
      eventLinks(reader.url, e).forEach((url, i) => links.push({ url: url ?? '', citation: e.citations[i] as Citation }));
    for (const topic of ['grain deal', 'mediation', 'US Congress support for Ukraine']) {
      const s = summarize(corpus, topic, SUMMARY_BUDGET);
      footnoteLinks(reader.url, s).forEach((url, i) => links.push({ url: url ?? '', citation: s.sources[i] as Citation }));
    }
    const unique = [...new Map(links.map((l) => [l.url, l])).values()];
    expect(unique.length).toBeGreaterThan(40);
    // Two pages at once: each visit mostly waits on the browser. A link whose quoted words are not found still
    // opens its passage (Chromium falls back to the #id a moment later), so what tells is the highlight: it must be
    // on screen, inside the cited passage.
    const missed: string[] = [];
    const queue = [...unique];
    const tabs = await Promise.all([1, 2].map(() => context.newPage()));
    await Promise.all(
      tabs.map(async (tab) => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const anchor = passageAnchor(next.citation.passageId);
          await open(tab, next.url);
          const landed = await landing(tab, anchor);
          const id = landed?.id ?? null;
          const share = landed ? await highlightIn(tab, landed.box) : undefined;
          const highlights = next.url.includes(':~:text=');
          if (id !== anchor || (highlights && !(share && share > 0.02))) {
            missed.push(`${next.url} → ${id}, highlight ${share?.toFixed(3)}`);
          }
        }
        await tab.close();
      }),
    );
    expect(missed).toEqual([]);
  }, 120_000);
});

describe('the pages', () => {
  const pages = (): string[] => ['index.html', '404.html', ...[...corpus.index.sources.keys()].map((id) => `${id}.html`)];

  it('need no script, log no errors, and request nothing from anywhere else', async () => {
    for (const name of pages()) {
      await open(page, `${reader.url}${name}`);
      expect(await page.evaluate(() => document.scripts.length), name).toBe(0);
      // The stylesheet applied (the page is not bare HTML).
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), name).toBe('rgb(251, 250, 247)');
    }
    expect(watch.requests.filter((u) => u.endsWith('.css')).length).toBeGreaterThan(0);
    expect(watch.outside).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('work with JavaScript off: the link still opens the passage, marked', async () => {
    const { context: off, watch: w } = await watchedContext(browser, new URL(reader.url).origin, {
      javaScriptEnabled: false,
      viewport: { width: 1100, height: 800 },
    });
    const p = await off.newPage();
    await open(p, `${reader.url}jacobin-2022.html#p14.2`);
    const shot = await p.screenshot();
    await off.close();
    // The marked passage's background is on screen.
    expect(colourShare(shot, [{ x: 0, y: 0, width: 1100, height: 800 }], [0xff, 0xf0, 0xb8])[0]).toBeGreaterThan(0.01);
    expect(w.errors).toEqual([]);
  });

  it('pass axe (WCAG 2.2 AA and best practice), light and dark, with a passage marked', async () => {
    const marked = 'jacobin-2022.html#p14.2:~:text=In%20one%20case';
    // A page of each kind (articles share their markup), light and dark, and every article in light.
    for (const [scheme, names] of [
      ['light', [...pages(), marked]],
      ['dark', ['index.html', '404.html', marked]],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const name of names) {
        await open(page, `${reader.url}${name}`);
        await page.evaluate(AXE);
        const result = await page.evaluate(async () => {
          type Violations = Array<{ id: string; nodes: Array<{ target: unknown }> }>;
          const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violations }> } }).axe;
          const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
          const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
          return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
        });
        expect(result, `${name} (${scheme})`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }, 60_000);

  it('read on a 360 px phone: nothing wider than the screen, text at least 16 px, the passage in view', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    for (const name of ['index.html', 'jacobin-2022.html#p14', 'parish-2025.html']) {
      await open(phone, `${reader.url}${name}`);
      const layout = await phone.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        widest: Math.max(...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right)),
        font: parseFloat(getComputedStyle(document.querySelector('.text p, .lede') ?? document.body).fontSize),
        target: document.querySelector(':target')?.getBoundingClientRect().top ?? null,
      }));
      expect(layout.scrollWidth, name).toBeLessThanOrEqual(360);
      expect(layout.widest, name).toBeLessThanOrEqual(360);
      expect(layout.font, name).toBeGreaterThanOrEqual(16);
      if (name.includes('#')) expect(layout.target).toBeGreaterThanOrEqual(0);
    }
    await phone.close();
  });

  it('print without the navigation, in black on white', async () => {
    await page.emulateMedia({ media: 'print' });
    await open(page, `${reader.url}jacobin-2022.html#p14`);
    const printed = await page.evaluate(() => ({
      toc: getComputedStyle(document.querySelector('.toc') as Element).display,
      site: getComputedStyle(document.querySelector('.site') as Element).display,
      colour: getComputedStyle(document.body).color,
      background: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.querySelector('.text') as Element).display,
    }));
    await page.emulateMedia({ media: 'screen' });
    expect(printed).toEqual({ toc: 'none', site: 'none', colour: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)', text: 'block' });
    expect((await page.pdf()).length).toBeGreaterThan(10_000);
  });
});

describe('hostile article text', () => {
  it('shows as text: no script runs, no markup is made, the page keeps its shape', async () => {
    const seeds = tempDir('hostile-seeds');
    const hostile = [
      'An article that opens plainly, long enough to be a paragraph of body text and not a title of any kind.',
      'Then <script>alert("xss")</script> and a closing </p> tag, an &amp; entity, ' +
        '<img src=x onerror=alert(1)> and <a href="javascript:alert(2)">a link</a>.',
      'Last: </div></article></main><h1>Fake heading</h1> & <style>body{display:none}</style> end.',
    ].join('\n\n');
    writeFileSync(join(seeds, 'hostile.txt'), hostile);
    writeFileSync(
      join(seeds, 'sources.json'),
      JSON.stringify({
        sources: [
          {
            id: 'hostile',
            file: 'hostile.txt',
            title: '<script>alert("title")</script> & </title>',
            authors: ['<b>Mallory</b>'],
            date: { value: '2024', precision: 'year', derivation: 'inferred', evidence: ['</li><script>alert(3)</script>'] },
            notes: ['<iframe src="https://example.org"></iframe>'],
          },
        ],
      }),
    );
    const library = loadLibrary(seeds);
    expect(library.sources.map((s) => s.meta.id)).toEqual(['hostile']);
    const server = await startReaderServer(buildSite(buildCorpus(library.sources)));
    const { context: c, watch: w } = await watchedContext(browser, new URL(server.url).origin);
    try {
      const p = await c.newPage();
      await open(p, `${server.url}hostile.html`);
      const seen = await p.evaluate(() => ({
        made: document.querySelectorAll('script, img, iframe, style, b, .text a:not(.pn), h1').length,
        h1: document.querySelector('h1')?.textContent,
        paragraphs: [...document.querySelectorAll('.text p')].map((e) => e.textContent?.replace(/^¶\d+ /, '')),
        about: document.querySelector('.about')?.textContent ?? '',
        visible: getComputedStyle(document.body).display,
      }));
      expect(seen.made).toBe(1); // the page's own <h1>
      expect(seen.h1).toBe('<script>alert("title")</script> & </title>');
      expect(seen.paragraphs).toEqual(library.sources[0]?.paragraphs.map((x) => x.text));
      expect(seen.paragraphs.join('\n')).toContain('<script>alert("xss")</script> and a closing </p> tag, an &amp; entity');
      expect(seen.about).toContain('</li><script>alert(3)</script>');
      expect(seen.about).toContain('<iframe src="https://example.org"></iframe>');
      expect(seen.visible).toBe('block');
      expect(await p.title()).toContain('<script>alert("title")</script>');
      expect(w.errors).toEqual([]);
      expect(w.outside).toEqual([]);
    } finally {
      await c.close();
      await server.close();
    }
  });
});

describe('the offline playground', () => {
  it('shows a link with each search result, and the link opens the passage in Chromium, highlighted', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'start.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      child.stdin.write('/talks search grain deal\n');
      const deadline = Date.now() + 20_000;
      const linkLine = /^┃ (http:\/\/127\.0\.0\.1:\d+\/sources\/([a-z0-9-]+)\.html#(p[\d.]+):~:text=\S+)$/m;
      const link = (): RegExpExecArray | null => linkLine.exec(out);
      while (!link() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const [, url = '', , anchor = ''] = link() ?? [];
      expect(out).toMatch(/Citations link to the reader pages at http:\/\/127\.0\.0\.1:\d+\/sources\//);
      expect(url, out).not.toBe('');
      await open(page, url);
      const landed = await landing(page, anchor);
      expect(landed?.id).toBe(anchor);
      expect(landed && (await highlightIn(page, landed.box))).toBeGreaterThan(0.02);
    } finally {
      child.stdin.end(':quit\n');
      expect(await exited).toBe(0);
    }
  }, 40_000);
});

describe('an article added from Discord', () => {
  // Invented articles, read as uploads are (/library add), added to a store and published with the library.
  const TXT = [
    '<script>document.title = "owned"; window.owned = 1</script> Kessin Ferry Talks (invented)',
    '',
    'By Nora Vell',
    '',
    'Published 2 March 2026',
    '',
    'Negotiators met on 1 March and typed <script>window.owned = 2; document.title = "owned"</script> into the ' +
      'shared minutes, the mediators said. Nobody ran it.',
    '',
    'A delegate pasted <img src="http://127.0.0.2/x.png" onerror="window.owned = 3"> and ' +
      '<a href="javascript:window.owned = 4">a link</a> and [a markdown link](javascript:window.owned=5) into the chat. ' +
      'None of it worked.',
    '',
    'Another pinged @everyone, <@123456789012345678> and <@&987654321098765432>, with **bold**, _italic_ and `code`. ' +
      'Nobody was pinged.',
    '',
    'Then <iframe src="https://example.org/"></iframe> and <style>body { display: none }</style> closed the thread. ' +
      'The page stayed as it was.',
  ].join('\n');
  const MD = [
    '# Strait Pilots <img src=x onerror="window.owned = 6"> Agree (invented)',
    '',
    'Pilots from the invented republics agreed on a rota on 3 March 2026 after <script>window.owned = 7</script> ' +
      'two days of talks, the port authority said. The rota starts in April.',
    '',
    'Their statement linked [the rota](javascript:window.owned=8) and <a href="javascript:window.owned = 9">a map</a>, ' +
      'and asked @everyone to read it. Nobody clicked.',
  ].join('\n');

  it('shows hostile text as text on its reader page: no script runs, no element is injected', async () => {
    const seeds = tempDir('added-seeds');
    for (const f of ['003_2360bc79734d53f8.txt', 'sources.json']) copyFileSync(join(ROOT, 'seeds', f), join(seeds, f));
    const store = new SqliteLibraryStore(tempDir('added-store'));
    const ids: string[] = [];
    const texts: string[] = [];
    for (const [fileName, text] of [
      ['ferry.txt', TXT],
      ['pilots.md', MD],
    ] as const) {
      const before = await openLibrary(seeds, store, { useCache: false });
      const draft = extractDraft({ bytes: new TextEncoder().encode(text), fileName });
      const preview = previewDraft(draft, before.corpus, await store.state());
      const added = await addDraft(store, draft, preview, { kind: 'attachment', ref: fileName }, ACTOR, Date.UTC(2026, 2, 4));
      expect(added.ok, fileName).toBe(true);
      ids.push(preview.meta.id);
      texts.push(draft.text);
    }
    const grown = await openLibrary(seeds, store, { useCache: false });
    const server = await startReaderServer(buildSite(grown.corpus));
    const { context: c, watch: w } = await watchedContext(browser, new URL(server.url).origin);
    try {
      const p = await c.newPage();
      const seen = [];
      for (const id of ids) {
        await open(p, `${server.url}${id}.html`);
        seen.push({
          id,
          title: await p.title(),
          ...(await p.evaluate(() => ({
            owned: (window as unknown as { owned?: number }).owned ?? null,
            made: [...document.querySelectorAll('script, img, iframe, style, b, strong, em, i, .text code, .text a:not(.pn)')].map((e) =>
              e.outerHTML.slice(0, 80),
            ),
            headings: document.querySelectorAll('h1').length,
            javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
            h1: document.querySelector('h1')?.textContent ?? '',
            text: [...document.querySelectorAll('.text p')].map((e) => e.textContent ?? '').join('\n'),
            visible: getComputedStyle(document.body).display,
          }))),
        });
      }
      const [ferry, pilots] = seen;
      for (const page of seen) {
        expect(page.owned, page.id).toBeNull(); // nothing ran
        expect(page.title, page.id).not.toBe('owned');
        expect(page.made, page.id).toEqual([]);
        expect(page.headings, page.id).toBe(1); // the page's own
        expect(page.javascriptLinks, page.id).toBe(0);
        expect(page.visible, page.id).toBe('block');
      }
      expect(ferry?.h1).toBe('<script>document.title = "owned"; window.owned = 1</script> Kessin Ferry Talks (invented)');
      expect(ferry?.title).toContain('<script>document.title = "owned"');
      for (const typed of [
        'typed <script>window.owned = 2; document.title = "owned"</script> into the',
        '<img src="http://127.0.0.2/x.png" onerror="window.owned = 3">',
        '<a href="javascript:window.owned = 4">a link</a> and [a markdown link](javascript:window.owned=5)',
        'pinged @everyone, <@123456789012345678> and <@&987654321098765432>, with **bold**, _italic_ and `code`.',
        '<iframe src="https://example.org/"></iframe> and <style>body { display: none }</style>',
      ]) {
        expect(ferry?.text).toContain(typed);
      }
      expect(pilots?.h1).toContain('Strait Pilots <img src=x onerror="window.owned = 6"> Agree');
      expect(pilots?.text).toContain('after <script>window.owned = 7</script> two days');
      expect(pilots?.text).toContain('<a href="javascript:window.owned = 9">a map</a>');
      expect(texts.join('\n')).not.toContain('javascript:window.owned=8'); // a Markdown link keeps its words, not its target
      expect(w.errors).toEqual([]);
      expect(w.outside).toEqual([]); // the image and the frame were never requested
    } finally {
      await c.close();
      await server.close();
    }
  }, 60_000);
});
