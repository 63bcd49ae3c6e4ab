/**
 * From bytes to an article draft (src/library/ingest/extract.ts). Every fixture here is invented for these tests:
 * made-up places, people and outlets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/core/clean.js';
import { buildSource, contentHash } from '../../../src/core/source.js';
import type { SourceMeta } from '../../../src/core/types.js';
import { dateFromUrl, inferredDate, toSourceDate } from '../../../src/core/article-date.js';
import { IngestError, type IngestProblem } from '../../../src/library/ingest/errors.js';
import { extractDraft, unwrapHardWrapped, type Draft, type ExtractInput } from '../../../src/library/ingest/extract.js';
import { z } from 'zod';
import { ROOT, SEEDS } from '../../support/seeds.js';
import { ARTICLE_HTML, NO_ARTICLE_HTML } from './support.js';

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const NOW = new Date('2026-03-01T12:00:00Z');
/** After every invented article in eval/ was written. */
const NOW_LATE = new Date('2026-12-01T12:00:00Z');

function draft(input: Omit<ExtractInput, 'bytes'> & { bytes: Uint8Array | string }): Draft {
  const bytes = typeof input.bytes === 'string' ? utf8(input.bytes) : input.bytes;
  return extractDraft({ ...input, bytes }, { now: NOW });
}

function refusal(input: Omit<ExtractInput, 'bytes'> & { bytes: Uint8Array | string }): IngestError {
  try {
    draft(input);
  } catch (err) {
    if (err instanceof IngestError) return err;
    throw err;
  }
  throw new Error('expected an IngestError, but a draft was made');
}

function expectRefused(input: Omit<ExtractInput, 'bytes'> & { bytes: Uint8Array | string }, problem: IngestProblem, message: RegExp): void {
  const err = refusal(input);
  expect(err.problem).toBe(problem);
  expect(err.message).toMatch(message);
}

/** The article's paragraphs and headings as the core will read them. */
function blocksOf(text: string): string[] {
  return cleanText(text).blocks.map((b) => (b.kind === 'heading' ? `# ${b.text}` : b.text));
}

const LONG_PARAGRAPH =
  'The two delegations spent the morning on a map of the river crossings and the afternoon on a list of names, and by evening ' +
  'they had agreed on the order in which the crossings would reopen to farmers, traders and families who had been cut off since ' +
  'the autumn.';

describe('HTML pages', () => {
  const page = draft({ bytes: ARTICLE_HTML, contentType: 'text/html; charset=utf-8', url: 'https://courier.example/region/harbour' });

  it('keeps the article and drops navigation, asides, footers, scripts and styles', () => {
    expect(page.text).toContain('Negotiators for the invented coastal states of Varnia and Ostrel agreed on Tuesday');
    for (const furniture of ['Most read', 'lanterns', 'Copyright', 'Weather', 'tracking', 'font-family', 'Photo:']) {
      expect(page.text).not.toContain(furniture);
    }
    expect(page.warnings.find((w) => w.startsWith('removed '))).toMatch(/^removed \d+ words of navigation.*\(\d+% of the page\)$/);
  });

  it('lays the text out as the seeds are: headline, byline, headings and paragraphs a line each', () => {
    const lines = page.text.split('\n\n');
    expect(lines.slice(0, 2)).toEqual(['Harbour Talks Reach a First Step', 'By Mirela Stan']);
    expect(lines).toContain('## What Comes Next');
    expect(page.text).not.toMatch(/\n{3}/);
    const cleaned = cleanText(page.text);
    expect(cleaned.title).toBe('Harbour Talks Reach a First Step');
    expect(cleaned.byline.authors).toEqual(['Mirela Stan']);
    expect(blocksOf(page.text)).toEqual([
      expect.stringMatching(/^Negotiators/),
      expect.stringMatching(/^The arrangement/),
      '# What Comes Next',
      expect.stringMatching(/^A second round/),
    ]);
  });

  it('reads title, outlet, byline and date from the page, and hashes the text as the core does', () => {
    expect(page).toMatchObject({
      title: 'Harbour Talks Reach a First Step',
      authors: ['Mirela Stan'],
      outlet: 'The Lowland Courier',
      date: { value: '2025-05-06', precision: 'day', how: 'meta', evidence: 'meta article:published_time “2025-05-06T08:15:00+02:00”' },
      format: 'html',
      url: 'https://courier.example/region/harbour',
    });
    expect(page.checksum).toBe(contentHash(page.text));
    const meta: SourceMeta = {
      id: 'harbour',
      file: 'harbour.txt',
      title: page.title ?? '',
      titleFrom: 'article',
      authors: page.authors,
      publication: page.outlet,
      date: page.date && toSourceDate(page.date),
      url: page.url,
      notes: [],
    };
    const source = buildSource(meta, page.text);
    expect(source.hash).toBe(page.checksum);
    expect(source.paragraphs).toHaveLength(3);
    expect(source.sections).toEqual(['What Comes Next']);
    expect(meta.date).toEqual({ value: '2025-05-06', precision: 'day', derivation: 'explicit', evidence: [page.date?.evidence] });
  });

  it('prefers JSON-LD, survives a broken JSON-LD block, and takes a canonical URL', () => {
    const html = `<html><head><title>Ignored</title>
      <script type="application/ld+json">{ not json</script>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
        {"@type":"NewsArticle","headline":"Ferry Deal Signed","author":[{"@type":"Person","name":"Ilse Brandt"},"Tomas Reyes"],
         "publisher":{"@type":"Organization","name":"Delta Wire"},"datePublished":"2025-11-20T10:00:00Z"}]}</script>
      <meta name="author" content="Someone Else">
      <link rel="canonical" href="https://deltawire.example/ferry-deal">
      </head><body><article><p>${LONG_PARAGRAPH}</p><p>${LONG_PARAGRAPH}</p></article></body></html>`;
    const d = draft({ bytes: html, contentType: 'text/html', url: 'https://m.deltawire.example/ferry-deal?utm=1' });
    expect(d).toMatchObject({
      title: 'Ferry Deal Signed',
      authors: ['Ilse Brandt', 'Tomas Reyes'],
      outlet: 'Delta Wire',
      date: { value: '2025-11-20', how: 'meta' },
      url: 'https://deltawire.example/ferry-deal',
    });
  });

  it('takes the headline from <title> without the site name, and a <time> in the article', () => {
    const html = `<html><head><title>Ferry Deal Signed | Delta Wire</title><meta property="og:site_name" content="Delta Wire"></head>
      <body><header><time datetime="2026-02-28">Today</time></header>
      <article><h1>Ferry Deal Signed</h1><time datetime="2025-11-20">20 November 2025</time>
      <p>${LONG_PARAGRAPH}</p></article></body></html>`;
    const d = draft({ bytes: html, contentType: 'text/html' });
    expect(d.title).toBe('Ferry Deal Signed');
    expect(d.date).toMatchObject({ value: '2025-11-20', how: 'meta' });
    expect(d.text).not.toContain('20 November 2025'); // the date line is metadata, not a paragraph
  });

  it('finds the date in the URL when the page has none, and warns when they disagree', () => {
    const html = `<html><head><title>Ferry Deal Signed</title></head><body><article><p>${LONG_PARAGRAPH}</p></article></body></html>`;
    const d = draft({ bytes: html, contentType: 'text/html', url: 'https://deltawire.example/2025/11/20/ferry-deal' });
    expect(d.date).toEqual({ value: '2025-11-20', precision: 'day', how: 'url', evidence: 'the URL path “/2025/11/20/ferry-deal”' });
    const clash = draft({ bytes: ARTICLE_HTML, contentType: 'text/html', url: 'https://courier.example/2025/05/09/harbour' });
    expect(clash.date?.value).toBe('2025-05-06');
    expect(clash.warnings).toContain('the dates disagree: the page’s metadata says 2025-05-06, its URL 2025-05-09');
  });

  it('refuses a page with no article in it', () => {
    expectRefused({ bytes: NO_ARTICLE_HTML, contentType: 'text/html' }, 'no-article', /no article/);
    expectRefused({ bytes: '<html><body></body></html>', contentType: 'text/html' }, 'no-article', /no article/);
    // Text, but only fragments: headlines in a list and a prompt.
    const links = `<html><head><title>Latest</title></head><body><h1>Latest</h1><ul><li><a href="/1">Harbour talks resume</a></li>
      <li><a href="/2">Ferry times change</a></li></ul><p>Log in to read more.</p><p>Subscribe for updates.</p></body></html>`;
    expectRefused({ bytes: links, contentType: 'text/html' }, 'no-article', /no article/);
  });

  it('keeps mentions and markup that the page shows as text, as text', () => {
    const html =
      `<html><head><title>Notes</title></head><body><article><p>${LONG_PARAGRAPH} Ping &lt;@123456789012345678&gt; and @everyone, ` +
      `or &lt;script&gt;alert(1)&lt;/script&gt; **bold**.</p><script>alert(2)</script></article></body></html>`;
    const d = draft({ bytes: html, contentType: 'text/html' });
    expect(d.text).toContain('Ping <@123456789012345678> and @everyone, or <script>alert(1)</script> **bold**.');
    expect(d.text).not.toContain('alert(2)');
  });

  it('decodes a page in the charset it declares, without an encoding warning', () => {
    const html =
      `<html><head><meta charset="windows-1252"><title>Caf\xe9 Talks</title></head><body><article><p>${LONG_PARAGRAPH} The caf\xe9 ` +
      `stayed open.</p></article></body></html>`;
    const d = draft({ bytes: new Uint8Array(Buffer.from(html, 'latin1')), contentType: 'text/html' });
    expect(d.title).toBe('Café Talks');
    expect(d.warnings.join(' ')).not.toMatch(/UTF-8/);
    // A server's charset wins: "日本" in Shift_JIS is 93 FA 96 7B, which is neither UTF-8 nor sensible Windows-1252.
    const sjis = Buffer.concat([
      Buffer.from(`<html><head><title>T</title></head><body><article><p>${LONG_PARAGRAPH} `),
      Buffer.from([0x93, 0xfa, 0x96, 0x7b]),
      Buffer.from('.</p></article></body></html>'),
    ]);
    const d2 = draft({ bytes: new Uint8Array(sjis), contentType: 'text/html; charset=Shift_JIS' });
    expect(d2.text).toContain('farmers, traders and families who had been cut off since the autumn. 日本.');
    expect(d2.warnings.join(' ')).not.toMatch(/UTF-8/);
  });
});

describe('plain text', () => {
  it('reads a wire dateline: the date, and the agency as the outlet', () => {
    const text =
      `Crossings to Reopen\n\nLAKEVIEW, 14 February 2026 (Northwire) — ${LONG_PARAGRAPH}\n\nA second paragraph follows with more ` +
      `detail about the crossings.\n`;
    const d = draft({ bytes: text, fileName: 'crossings.txt' });
    expect(d).toMatchObject({
      title: 'Crossings to Reopen',
      outlet: 'Northwire',
      date: { value: '2026-02-14', precision: 'day', how: 'dateline', evidence: 'dateline “LAKEVIEW, 14 February 2026 (Northwire) —”' },
      format: 'text',
    });
    expect(d.text).toContain('LAKEVIEW, 14 February 2026 (Northwire) — The two delegations');
  });

  it('reads "Published …" and "By …" under the headline, and takes the date line out of the body', () => {
    const text = `Crossings to Reopen\n\nPublished 14 February 2026\n\nBy Jane Doe and Arno Vidal\n\n${LONG_PARAGRAPH}\n`;
    const d = draft({ bytes: text, fileName: 'crossings.txt' });
    expect(d).toMatchObject({
      title: 'Crossings to Reopen',
      authors: ['Jane Doe', 'Arno Vidal'],
      date: { value: '2026-02-14', how: 'dateline' },
    });
    expect(d.date?.evidence).toBe('“Published 14 February 2026”');
    expect(d.text).not.toContain('Published');
    expect(cleanText(d.text).byline.authors).toEqual(['Jane Doe', 'Arno Vidal']);
    expect(blocksOf(d.text)).toEqual([LONG_PARAGRAPH]);
  });

  it('splits a date off a byline', () => {
    const d = draft({ bytes: `Crossings to Reopen\nBy Jane Doe | Feb 14, 2026\n\n${LONG_PARAGRAPH}\n`, fileName: 'a.txt' });
    expect(d.authors).toEqual(['Jane Doe']);
    expect(d.date).toMatchObject({ value: '2026-02-14', how: 'dateline', evidence: 'byline “By Jane Doe | Feb 14, 2026”' });
    expect(d.text.split('\n').slice(0, 2)).toEqual(['Crossings to Reopen', 'By Jane Doe']);
  });

  it('reads a masthead: its date, and the names of a byline in it; the line leaves the text', () => {
    const masthead = 'The Lakeside Review | Marrow, 16 March 2026';
    const text = `THE RIVER TABLE\nHow a quiet channel kept the crossings open\n\nBy Mira Castell\n${masthead}\n\n${LONG_PARAGRAPH}\n`;
    const d = draft({ bytes: text, fileName: 'table.txt' });
    expect(d).toMatchObject({ authors: ['Mira Castell'], date: { value: '2026-03-16', precision: 'day', how: 'dateline' } });
    expect(d.date?.evidence).toBe(`masthead “${masthead}”`);
    expect(d.text).not.toContain('Lakeside Review');
    expect(blocksOf(d.text)).toEqual(['How a quiet channel kept the crossings open', LONG_PARAGRAPH]);
    // First, over the headline: the headline is the line after it.
    const letter = draft({
      bytes: `Letters | The Lakeside Review | Tuesday, 24 February 2026\n\nThe crossings are a timetable\n\n${LONG_PARAGRAPH}\n`,
      fileName: 'l.txt',
    });
    expect(letter).toMatchObject({ title: 'The crossings are a timetable', date: { value: '2026-02-24', precision: 'day' } });
    // A series and a month; the month, not the series number's year.
    const paper = draft({
      bytes: `Crossings Without Settlement\n\nWorking Paper 2026/03, January 2026\n\n${LONG_PARAGRAPH}\n`,
      fileName: 'p.txt',
    });
    expect(paper.date).toMatchObject({ value: '2026-01', precision: 'month', how: 'dateline' });
    // In Markdown, "Posted on … by …" among the outlet's names, in emphasis.
    const post = draft({
      bytes: `# The River Cell\n\n*Posted on 20 February 2026 by Mira Castell · Lakes & Rivers (a blog)*\n\n${LONG_PARAGRAPH}\n`,
      fileName: 'post.md',
    });
    expect(post).toMatchObject({ authors: ['Mira Castell'], date: { value: '2026-02-20', how: 'dateline' } });
    expect(post.text).toBe(`The River Cell\n\nBy Mira Castell\n\n${LONG_PARAGRAPH}`);
    // A byline with the author's role, then where and when it was posted.
    const role = draft({
      bytes: `# River Notes\n\n*By Mira Castell, river risk analyst — posted 11 February 2026 on Lake Notes*\n\n${LONG_PARAGRAPH}\n`,
      fileName: 'notes.md',
    });
    expect(role).toMatchObject({ authors: ['Mira Castell'], date: { value: '2026-02-11', how: 'dateline' } });
  });

  it('dates the invented articles in eval/ as their manifests do, where they print a date', () => {
    // Twenty articles in the shapes outlets print (eval/articles*/sources.json: each date read by a person, with its
    // evidence). Read as uploads, ten were misdated before mastheads were read.
    let compared = 0;
    for (const dir of readdirSync(join(ROOT, 'eval')).filter((d) => d.startsWith('articles'))) {
      const manifest = z
        .object({
          sources: z.array(z.object({ file: z.string(), date: z.object({ value: z.string(), derivation: z.string() }).nullable() })),
        })
        .parse(JSON.parse(readFileSync(join(ROOT, 'eval', dir, 'sources.json'), 'utf8')));
      for (const { file, date } of manifest.sources) {
        if (date?.derivation !== 'explicit') continue;
        const d = extractDraft({ bytes: new Uint8Array(readFileSync(join(ROOT, 'eval', dir, file))), fileName: file }, { now: NOW_LATE });
        // The draft's date is the printed one, or (a broadcast's "Edited transcript. Broadcast …") its month.
        expect(date.value.startsWith(d.date?.value ?? '-'), `${dir}/${file}: ${d.date?.value} for ${date.value}`).toBe(true);
        expect(d.date?.value.length, `${dir}/${file}`).toBeGreaterThanOrEqual(7);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(19);
  });

  it('reads a masthead set apart by its own marks, whatever its parts say', () => {
    const weekly = draft({
      bytes: [
        '# The River Desk',
        '*Lakeside Briefing weekly · Issue #112 · Friday, 14 February 2026*',
        'By **Mira Castell**, diplomatic editor, Lakeside Briefing',
        LONG_PARAGRAPH,
      ].join('\n\n'),
      fileName: 'weekly.md',
    });
    expect(weekly).toMatchObject({ authors: ['Mira Castell'], date: { value: '2026-02-14', precision: 'day', how: 'dateline' } });
    const issue = draft({
      bytes: `THE RIVER KEEPERS\n\nNorthline Magazine · February 2026 issue · Features\n\n${LONG_PARAGRAPH}\n`,
      fileName: 'f.txt',
    });
    expect(issue.date).toMatchObject({ value: '2026-02', precision: 'month', how: 'dateline' });
  });

  it('takes no heading with a date in it for a masthead', () => {
    const d = draft({ bytes: `Crossings\n\n3. The River Protocol of 12 February 2026\n\n${LONG_PARAGRAPH}\n`, fileName: 'a.txt' });
    expect(d.date?.how).not.toBe('dateline');
    expect(blocksOf(d.text)[0]).toBe('# 3. The River Protocol of 12 February 2026');
  });

  it('does not take a sentence starting with "By" for a byline, nor a month heading for a date', () => {
    const text = `Crossings\n\nBy the end of 2025 the talks had stalled.\n\nMarch 2025\n\n${LONG_PARAGRAPH}\n`;
    const d = draft({ bytes: text, fileName: 'a.txt' });
    expect(d.authors).toEqual([]);
    expect(d.text).toContain('By the end of 2025 the talks had stalled.');
    expect(d.text).toContain('March 2025');
    expect(d.date).toBeNull(); // neither line is the article's date
    const md = draft({ bytes: `# Timeline\n\n## 14 March 2025\n\n${LONG_PARAGRAPH}\n`, fileName: 't.md' });
    expect(md.text).toContain('\n\n## 14 March 2025\n\n');
    expect(md.date).toBeNull();
  });

  it('keeps Discord mentions and markup as the text they are', () => {
    const hostile =
      `Notes\n\n${LONG_PARAGRAPH} <@123456789012345678> <@&42> @everyone **not bold** <script>alert(1)</script> ` +
      `[link](javascript:alert(1))\n`;
    const d = draft({ bytes: hostile, fileName: 'notes.txt' });
    expect(d.text).toContain('<@123456789012345678> <@&42> @everyone **not bold** <script>alert(1)</script> [link](javascript:alert(1))');
  });

  it('reads a Latin-1 file, with a warning', () => {
    const bytes = new Uint8Array(Buffer.from(`Caf\xe9 Talks\n\nThe d\xe9l\xe9gations met in a caf\xe9 \x96 ${LONG_PARAGRAPH}\n`, 'latin1'));
    const d = draft({ bytes, fileName: 'cafe.txt' });
    expect(d.title).toBe('Café Talks');
    expect(d.text).toContain('The délégations met in a café – The two');
    expect(d.warnings).toContain('not valid UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8 to silence this warning');
  });

  it('reads a UTF-16 file (Windows "Unicode" text), with a warning', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Crossings\n\n${LONG_PARAGRAPH}\n`, 'utf16le')]));
    const d = draft({ bytes, fileName: 'crossings.txt' });
    expect(d.title).toBe('Crossings');
    expect(d.warnings.join(' ')).toMatch(/UTF-16/);
  });

  it('joins the lines of a file wrapped at a fixed width', () => {
    // Wrapped lines that start with a capital: the core's own line repair (lower-case continuations) does not join these.
    const wrapped = [
      'Crossings to Reopen',
      '',
      'Officials from Varnia met their counterparts from',
      'Ostrel on Friday and agreed that farmers from',
      'Kessin and Lorr would cross first, from the',
      'First of May.',
      '',
      'Traders will follow after a review by the council of',
      'River Towns, officials from both sides said.',
      '',
    ].join('\n');
    const d = draft({ bytes: wrapped, fileName: 'wrapped.txt' });
    expect(blocksOf(d.text)).toEqual([
      'Officials from Varnia met their counterparts from Ostrel on Friday and agreed that farmers from Kessin and Lorr would ' +
        'cross first, from the First of May.',
      'Traders will follow after a review by the council of River Towns, officials from both sides said.',
    ]);
    // One sentence a line, or a paragraph a line, is left as it is.
    const lines = ['Talks Resume.', 'Both sides met.', 'They agreed.', 'Nobody left.', ''];
    expect(unwrapHardWrapped(lines)).toEqual(lines);
  });

  it('warns about a short text, and not about a long one', () => {
    expect(draft({ bytes: `Crossings\n\n${LONG_PARAGRAPH}\n`, fileName: 'a.txt' }).warnings).toContainEqual(
      expect.stringMatching(/^the article is short \(\d+ words\)/),
    );
    const long = `Crossings\n\n${Array.from({ length: 4 }, () => LONG_PARAGRAPH).join('\n\n')}\n`;
    expect(draft({ bytes: long, fileName: 'a.txt' }).warnings.join(' ')).not.toMatch(/short/);
  });

  it('infers a date from the latest event the text reports, when nothing states one', () => {
    const text =
      `Crossings\n\nTalks began in March 2024 in a border town. A first deal was signed on 2 June 2025. Elections are planned for ` +
      `2030.\n`;
    const d = draft({ bytes: text, fileName: 'a.txt' });
    expect(d.date).toEqual({
      value: '2025-06',
      precision: 'month',
      how: 'inferred',
      evidence: 'the latest date the text mentions: “2 June 2025”',
    });
    expect(toSourceDate(d.date ?? { value: '', precision: 'year', how: 'url', evidence: '' }).derivation).toBe('inferred');
    expect(draft({ bytes: 'Crossings\n\nThe talks went on without a date in sight.\n', fileName: 'a.txt' }).date).toBeNull();
  });
});

describe('Markdown', () => {
  const md = `---
title: "River Crossings: A Guide"
author: [Ana Lima, Bo Chen]
date: 2025-09-03
---

# River Crossings: A Guide

An opening paragraph that explains, in *plain* words, what the **crossing** agreement does and
why it matters to the towns on both banks of the [river](https://example.test/river).

![A map](map.png)

## Who Crosses First

- Farmers with permits
- Traders, after a review

> A quoted line from an invented official, kept as a paragraph.

Raw <b>markup</b> and <@123456789012345678> stay as typed. <!-- a note -->

<!-- an editor's note -->
`;
  const d = draft({ bytes: md, fileName: 'guide.md' });

  it('reads front matter and the # headline, and drops Markdown syntax, not words', () => {
    expect(d).toMatchObject({
      title: 'River Crossings: A Guide',
      authors: ['Ana Lima', 'Bo Chen'],
      date: { value: '2025-09-03', how: 'meta', evidence: 'front matter date “2025-09-03”' },
      format: 'markdown',
    });
    expect(d.text.split('\n\n').slice(0, 2)).toEqual(['River Crossings: A Guide', 'By Ana Lima and Bo Chen']);
    expect(d.text).toContain(
      'An opening paragraph that explains, in plain words, what the crossing agreement does and why it matters to the towns on ' +
        'both banks of the river.',
    );
    expect(d.text).toContain('\n\n## Who Crosses First\n\n- Farmers with permits\n- Traders, after a review\n\n');
    expect(d.text).toContain('A quoted line from an invented official, kept as a paragraph.');
    expect(d.text).not.toMatch(/map\.png|A map|editor's note|https:/);
  });

  it('keeps raw HTML and mentions as the text they are', () => {
    expect(d.text).toContain('Raw <b>markup</b> and <@123456789012345678> stay as typed.');
  });

  it('keeps a heading in sentence case a heading (the layout marks it as Markdown does)', () => {
    const text = `# River Crossings\n\n${LONG_PARAGRAPH}\n\n## Why the crossings stalled\n\n${LONG_PARAGRAPH}\n`;
    expect(blocksOf(draft({ bytes: text, fileName: 'c.md' }).text)).toEqual([
      LONG_PARAGRAPH,
      '# Why the crossings stalled',
      LONG_PARAGRAPH,
    ]);
    const html =
      `<html><body><article><h1>River Crossings</h1><p>${LONG_PARAGRAPH}</p>` +
      `<h2>Why the crossings stalled</h2><p>${LONG_PARAGRAPH}</p></article></body></html>`;
    expect(blocksOf(draft({ bytes: html, fileName: 'c.html' }).text)).toEqual([
      LONG_PARAGRAPH,
      '# Why the crossings stalled',
      LONG_PARAGRAPH,
    ]);
  });

  it('reads a dateline and byline under a # headline without front matter', () => {
    const plain = draft({ bytes: `# Crossings\n\nPublished 3 September 2025\n\nBy Ana Lima\n\n${LONG_PARAGRAPH}\n`, fileName: 'c.md' });
    expect(plain).toMatchObject({ title: 'Crossings', authors: ['Ana Lima'], date: { value: '2025-09-03', how: 'dateline' } });
    expect(plain.text).toBe(`Crossings\n\nBy Ana Lima\n\n${LONG_PARAGRAPH}`);
  });
});

describe('what is not an article', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  it.each<[string, Omit<ExtractInput, 'bytes'> & { bytes: Uint8Array | string }, IngestProblem, RegExp]>([
    ['an empty file', { bytes: '', fileName: 'a.txt' }, 'empty', /^the file is empty$/],
    ['white space only', { bytes: ' \n\n\t \n', fileName: 'a.txt' }, 'empty', /no text/],
    ['a PNG named .txt', { bytes: PNG, fileName: 'a.txt' }, 'not-text', /PNG image/],
    ['an image by content type', { bytes: 'hello', contentType: 'image/png' }, 'not-text', /image\/png/],
    ['bytes with NULs', { bytes: new Uint8Array([0x68, 0x69, 0x00, 0x01, 0x02, 0x68, 0x69]), fileName: 'a.txt' }, 'not-text', /binary/],
    [
      'control characters',
      { bytes: `hello ${'\u0001\u0002\u0003\u0004'.repeat(5)} world`, fileName: 'a.txt' },
      'not-text',
      /control characters/,
    ],
    [
      'a PDF',
      { bytes: '%PDF-1.7\n1 0 obj', fileName: 'paper.pdf' },
      'unsupported-file',
      /PDF document; save the article as \.txt, \.md or \.html/,
    ],
    ['a Word file by name', { bytes: 'plain words', fileName: 'paper.docx' }, 'unsupported-file', /Word document/],
    [
      'a zipped document',
      { bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), fileName: 'book.epub' },
      'unsupported-file',
      /zipped document/,
    ],
    ['text already damaged', { bytes: 'Caf\uFFFD talks', fileName: 'a.txt' }, 'not-text', /U\+FFFD/],
  ])('refuses %s', (_name, input, problem, message) => {
    expectRefused(input, problem, message);
  });

  it('refuses more than 2 MB', () => {
    expectRefused({ bytes: new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61), fileName: 'a.txt' }, 'too-large', /^the file is over 2 MB$/);
  });

  it('refuses a file with a headline and nothing under it', () => {
    expectRefused({ bytes: 'Just a Headline\n', fileName: 'a.txt' }, 'empty', /no body text/);
  });
});

describe('dates in URLs', () => {
  it.each([
    ['https://x.example/2026/02/14/talks', '2026-02-14'],
    ['https://x.example/news/2026/2/4/talks', '2026-02-04'],
    ['https://x.example/2026-02-14-talks-resume', '2026-02-14'],
    ['https://x.example/archive/2026/02/', '2026-02'],
    ['https://x.example/2026/13/01/x', null],
    ['https://x.example/2026/02/30/x', '2026-02'],
    ['https://x.example/item/123456/2026', null],
    ['https://x.example/talks?date=2026-02-14', null],
  ])('%s → %s', (url, value) => {
    expect(dateFromUrl(url)?.value ?? null).toBe(value);
  });

  it('ignores dates after today when inferring', () => {
    expect(inferredDate(['Talks are planned for May 2027.'], NOW)).toBeNull();
  });
});

describe('the seeds, read as uploads', () => {
  // The rules travel: a seed file attached as-is yields the text the seed loader indexes, block for block.
  const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
  it.each(files)('%s', (file) => {
    const raw = readFileSync(join(SEEDS, file));
    const d = extractDraft({ bytes: new Uint8Array(raw), fileName: file }, { now: NOW });
    expect(blocksOf(d.text)).toEqual(blocksOf(raw.toString('utf8')));
    expect(d.title).toBe(cleanText(raw.toString('utf8')).title);
  });
});
