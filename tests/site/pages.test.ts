/** The reader's pages as text: every citable id anchored, nothing lost or unescaped, valid HTML (no browser here). */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../src/core/corpus.js';
import { loadLibrary } from '../../src/library/seed-files.js';
import { passageAnchor } from '../../src/core/reader.js';
import { buildSource } from '../../src/core/source.js';
import type { Passage, Source } from '../../src/core/types.js';
import { openCorpus } from '../../src/library/corpus-cache.js';
import { buildSite, type SiteFile } from '../../src/site/build.js';
import { escapeHtml } from '../../src/site/html.js';
import { articlePage, type SiteAssets } from '../../src/site/pages.js';
import { writeSite } from '../../src/site/write.js';
import { inventedMeta } from '../support/invented.js';
import { SEEDS, seedCorpus, tempDir } from '../support/seeds.js';

const corpus = seedCorpus();
const site = buildSite(corpus);
const page = (name: string): string => site.find((f) => f.name === name)?.body.toString('utf8') ?? '';
const ASSETS: SiteAssets = { stylesheet: 'style.css', icon: 'icon.svg' };

/** `HTML spec`'s rules, minus two of style: long <title>s (they are the articles' titles) and ids with dots (`p14.2`, valid HTML). */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'long-title': 'off', 'valid-id': ['error', { relaxed: true }] },
});
async function problems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

const ids = (html: string): string[] => [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? '');
const decode = (html: string): string =>
  html.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? '');
/** The article's words as the page shows them: the body, without the ¶ numbers, tags or entities. */
function bodyText(html: string): string {
  const body = /<div class="text">([\s\S]*?)<\/div>\n<section class="about"/.exec(html)?.[1] ?? '';
  return decode(
    body
      .replace(/<h2[^>]*>[\s\S]*?<\/h2>/g, '')
      .replace(/<a class="pn"[^>]*>¶\d+<\/a> /g, '')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the reader site of the seed library', () => {
  it('has an index, a not-found page, one page per article and two content-hashed assets', () => {
    const names = site.map((f) => f.name).sort();
    const articles = [...corpus.index.sources.keys()].map((id) => `${id}.html`);
    expect(names).toEqual(expect.arrayContaining(['index.html', '404.html', ...articles]));
    const assets = site.filter((f) => f.immutable);
    expect(assets.map((f) => f.name)).toEqual([
      expect.stringMatching(/^style\.[0-9a-f]{10}\.css$/),
      expect.stringMatching(/^icon\.[0-9a-f]{10}\.svg$/),
    ]);
    for (const a of assets) expect(a.name).toContain(a.hash.slice(0, 10));
    for (const f of site.filter((x) => x.name.endsWith('.html')))
      for (const a of assets) expect(f.body.toString()).toContain(`"${a.name}"`);
    expect(site).toHaveLength(2 + articles.length + 2);
  });

  it('anchors every passage the bot can cite (search, timeline, summary) on its page, once', () => {
    const cited = new Set([...corpus.index.passages.keys(), ...corpus.events.flatMap((e) => e.citations.map((c) => c.passageId))]);
    expect(cited.size).toBe(corpus.index.passageCount);
    for (const source of corpus.index.sources.values()) {
      const onPage = ids(page(`${source.meta.id}.html`));
      expect(new Set(onPage).size, `${source.meta.id}: ids are unique`).toBe(onPage.length);
      for (const id of [...cited].filter((x) => x.startsWith(`${source.meta.id}#`))) expect(onPage, id).toContain(passageAnchor(id));
      // And every paragraph, for a "¶15" read in a citation of ¶14–15.
      for (const p of source.paragraphs) expect(onPage).toContain(`p${p.number}`);
    }
  });

  it('shows every word of every article body, in order, and the manifest’s date evidence and notes', () => {
    for (const source of corpus.index.sources.values()) {
      const html = page(`${source.meta.id}.html`);
      expect(bodyText(html)).toBe(
        source.paragraphs
          .map((p) => p.text)
          .join(' ')
          .replace(/\s+/g, ' '),
      );
      for (const text of [source.meta.title, ...(source.meta.date?.evidence ?? []), ...source.meta.notes, ...source.sections]) {
        expect(html, text).toContain(escapeHtml(text));
      }
    }
  });

  it('is valid HTML, every page', async () => {
    for (const f of site.filter((x) => x.name.endsWith('.html'))) expect(await problems(f.body.toString('utf8')), f.name).toEqual([]);
  });

  it('is the same whether the library was built now or loaded from its snapshot', async () => {
    const cacheDir = tempDir('site-cache');
    const first = await openCorpus(SEEDS, { cacheDir });
    const second = await openCorpus(SEEDS, { cacheDir });
    expect([first.cached, second.cached]).toEqual([false, true]);
    const bodies = (files: SiteFile[]): Record<string, string> => Object.fromEntries(files.map((f) => [f.name, f.body.toString('utf8')]));
    expect(bodies(buildSite(second.corpus))).toEqual(bodies(site));
  });
});

/** A source cut into passages by hand, to cover every shape the passage builder can make. */
function handmade(): { source: Source; passages: Passage[] } {
  const para = (n: number, words: number): string =>
    Array.from({ length: words }, (_, i) => `w${n}x${i}`)
      .join(' ')
      .replace(/$/, '.');
  const raw = [
    'Shapes of passages',
    '',
    'Heading One',
    '',
    para(1, 30),
    '',
    para(2, 30),
    '',
    para(3, 30),
    '',
    'Heading Two',
    '',
    para(4, 40),
    '',
    para(5, 30),
    '',
    'Empty Heading',
    '',
    'Last Heading',
    '',
    para(6, 20),
  ].join('\n');
  const source = buildSource(inventedMeta('shapes', { title: 'Shapes' }), raw);
  const [p1, p2, p3, p4, p5, p6] = source.paragraphs;
  if (!p1 || !p2 || !p3 || !p4 || !p5 || !p6) throw new Error(`expected 6 paragraphs, got ${source.paragraphs.length}`);
  const mid = (p: typeof p1): number => p.start + p.text.indexOf(' ', Math.floor(p.text.length / 2));
  const passage = (id: string, a: typeof p1, start: number, end: number, last = a): Passage => ({
    id: `shapes#${id}`,
    sourceId: 'shapes',
    section: a.section,
    paragraphStart: a.number,
    paragraphEnd: last.number,
    text: source.text.slice(start, end),
    start,
    end,
    sentences: [],
  });
  const passages = [
    passage('p1', p1, p1.start, p2.end, p2), // ¶1–2 merged
    passage('p3', p3, p3.start, mid(p3)), // ¶3 split cleanly…
    passage('p3.2', p3, mid(p3) + 1, p3.end), // …in two
    passage('p4', p4, p4.start, mid(p5), p5), // ¶4 and the first part of ¶5 (a fragment merged forward)
    passage('p5.2', p5, mid(p5) + 1, p5.end), // the rest of ¶5
    passage('p6', p6, p6.start, p6.end),
  ];
  return { source, passages };
}

describe('an article page', () => {
  it('anchors passages of every shape (merged, split, merged across a split) and every paragraph', async () => {
    const { source, passages } = handmade();
    const html = articlePage(source, passages, ASSETS);
    const onPage = ids(html);
    for (const id of ['p1', 'p2', 'p3', 'p3.2', 'p4', 'p5', 'p5.2', 'p6']) expect(onPage, id).toContain(id);
    expect(new Set(onPage).size).toBe(onPage.length);
    expect(html).toMatch(/<div class="passage" id="p1">\n<p>.*<\/p>\n<p id="p2">/);
    // One pattern, written in two pieces to keep the lines short.
    const split = new RegExp(
      /<p class="split"><a class="pn" href="#p3">¶3<\/a>/.source +
        / <span class="passage" id="p3">[^<]*<\/span> <span class="passage" id="p3.2">[^<]*<\/span><\/p>/.source,
    );
    expect(html).toMatch(split);
    expect(html).toMatch(/<div class="passage" id="p4">\n<p>.*<\/p>\n<p id="p5" class="part">/);
    expect(html).toMatch(/<p class="passage part" id="p5.2">/);
    // Headings in order, the empty one included, each once.
    expect([...html.matchAll(/<h2 id="(s-[^"]+)">/g)].map((m) => m[1])).toEqual([
      's-heading-one',
      's-heading-two',
      's-empty-heading',
      's-last-heading',
    ]);
    expect(bodyText(html).replace(/ /g, '')).toBe(
      source.paragraphs
        .map((p) => p.text)
        .join('')
        .replace(/ /g, ''),
    );
    expect(await problems(html)).toEqual([]);
  });

  it('shows hostile article text as text: no markup gets through, and the page stays valid', async () => {
    const hostile = '<script>alert(1)</script> A closing </p> tag, an &amp; entity, a "quote" and an <img src=x onerror=alert(2)> image.';
    const raw =
      'A plain first paragraph that opens the article, long enough to be body text and not a title line.\n\n' +
      `${hostile}\n\nLast paragraph: a lone \ud800 surrogate, <b>bold</b> & more.`;
    const source = buildSource(
      {
        id: 'hostile',
        file: 'h.txt',
        title: '<i>Title</i> & </title>',
        titleFrom: 'project',
        authors: ['<b>Author</b>'],
        publication: '</dd>',
        date: null,
        url: 'https://example.org/?a=1&b="2"',
        notes: ['<script>note</script>'],
      },
      raw,
    );
    const passages = buildCorpus([source]).index.passages;
    const html = articlePage(source, [...passages.values()], ASSETS);
    expect(html).not.toMatch(/<script|<img|<b>|<i>|<\/title>.*<\/title>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; A closing &lt;/p&gt; tag, an &amp;amp; entity, a &quot;quote&quot;');
    expect(html).toContain('a lone \uFFFD surrogate, &lt;b&gt;bold&lt;/b&gt; &amp; more.');
    expect(html).toContain('href="https://example.org/?a=1&amp;b=&quot;2&quot;"');
    expect(await problems(html)).toEqual([]);
  });
});

describe('writing the site', () => {
  it('replaces the folder whole: pages of removed articles do not linger', () => {
    const dir = join(tempDir('site-write'), 'site');
    writeSite(dir, site);
    expect(readdirSync(dir).sort()).toEqual(site.map((f) => f.name).sort());
    const fewer = site.filter((f) => f.name !== 'jacobin-2022.html');
    writeFileSync(join(dir, 'stray.txt'), 'left by someone');
    writeSite(dir, fewer);
    expect(readdirSync(dir).sort()).toEqual(fewer.map((f) => f.name).sort());
    expect(readFileSync(join(dir, 'index.html'))).toEqual(site.find((f) => f.name === 'index.html')?.body);
    expect(readdirSync(join(dir, '..'))).toEqual(['site']);
  });

  it('builds from any seeds folder, a page per loaded article', () => {
    const dir = tempDir('site-seeds');
    writeFileSync(
      join(dir, 'one.txt'),
      'A first paragraph about talks in Istanbul in March 2022.\n\nA second one, about the grain deal in July.',
    );
    const files = buildSite(buildCorpus(loadLibrary(dir).sources));
    expect(files.map((f) => f.name)).toContain('one.html');
    expect(files.find((f) => f.name === 'index.html')?.body.toString()).toContain('href="one.html"');
  });
});
