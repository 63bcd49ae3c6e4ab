/**
 * PUBLIC_READER_URL in every renderer: unset, everything is drawn byte for byte as before reader links existed;
 * set, every citation links to its passage (and the quoted sentences), within Discord's limits.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { validateMessage } from '@peace-talks/discord-emulator';
import { describe, expect, it } from 'vitest';
import { passageAnchor, readerPath } from '../../src/core/reader.js';
import type { SummaryAnswer } from '../../src/core/summary/index.js';
import type { Citation } from '../../src/core/types.js';
import type { DiscordMessage } from '../../src/interactions/message.js';
import { searchButtons } from '../../commands/talks/search.js';
import { timelineButtons } from '../../commands/talks/timeline.js';
import { passageMessage, searchMessage, sourcesMessage, summaryEmbed, timelineMessage } from '../../src/render/discord.js';
import { searchJson, sourcesJson, summaryJson, timelineJson } from '../../src/render/json.js';
import { renderSearchTerminal, renderSummaryTerminal } from '../../src/render/terminal.js';
import { ROOT } from '../support/seeds.js';
import { passage, renderAll, search, sources, summary, timeline } from './fixtures/answers.js';

const BASE = 'https://reader.example/sources/';
const golden = JSON.parse(readFileSync(join(ROOT, 'tests', 'site', 'fixtures', 'unset.golden.json'), 'utf8')) as Record<string, string>;
const owner = { userId: '1400000000000000001', issuedAt: 1_700_000_000_000 };
const view = { page: 0, ephemeral: false, buttons: searchButtons(owner) };
const cite = (passageId: string) => ({ sourceId: passageId.split('#')[0] ?? '', passageId });
const link = (passageId: string, quotes: string[] = []): string => `${BASE}${readerPath(cite(passageId), quotes)}`;
const excerpt = (i: number): string => (search.kind === 'results' ? (search.results[i]?.excerpt ?? '') : '');
const valid = (m: DiscordMessage): void => expect(validateMessage(m, 'data')).toBeNull();

describe('without PUBLIC_READER_URL', () => {
  it('every renderer draws what it drew before reader links existed, byte for byte', () => {
    const now = renderAll();
    expect(Object.keys(now)).toEqual(Object.keys(golden));
    for (const [name, text] of Object.entries(golden)) expect(now[name], name).toBe(text);
    expect(JSON.stringify(now)).not.toMatch(/https?:/);
  });

  it('the talks command prints the same with the variable empty as without it', () => {
    const run = (args: string[], env: Record<string, string>) =>
      spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'bin', 'talks.js'), ...args], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', ...env },
      });
    for (const args of [['search', 'grain deal', '--json'], ['timeline'], ['summary', 'grain deal', '--json'], ['sources']]) {
      const without = run(args, {});
      expect(without.status, args.join(' ')).toBe(0);
      expect(run(args, { PUBLIC_READER_URL: '' }).stdout).toBe(without.stdout);
      expect(without.stdout).not.toContain('http');
    }
  });
});

describe('with PUBLIC_READER_URL, in Discord', () => {
  it('search results link their title to the passage, with the quoted sentences highlighted', () => {
    const first = searchMessage(search, { ...view, readerUrl: BASE });
    expect(first.embeds.map((e) => e.url)).toEqual([0, 1, 2].map((i) => link(search.results[i]?.citation.passageId ?? '', [excerpt(i)])));
    expect(first.embeds[0]?.url).toBe(`${BASE}jacobin-2022.html#p7:~:text=In%20July%2C%20Russia%20and,export%20ships%20carrying%20grain.`);
    const second = searchMessage(search, { ...view, page: 1, readerUrl: BASE });
    expect(second.embeds.map((e) => e.url)).toEqual([link('jacobin-2022#p8', [excerpt(3)])]);
    // Everything else is as it was, whichever the order the replies are drawn in (embeds are cached per answer).
    const plain = searchMessage(search, view);
    expect(plain.embeds.map((e) => e.url)).toEqual([undefined, undefined, undefined]);
    expect(first.embeds.map((e) => ({ ...e, url: undefined }))).toEqual(plain.embeds.map((e) => ({ ...e, url: undefined })));
    valid(first);
  });

  it('the full passage opens in the reader from a "Read in context" link button', () => {
    const m = passageMessage(passage, search.results[1]?.citation ?? ({} as never), BASE);
    expect(m.embeds[0]?.url).toBe(link('jacobin-2022#p14.2'));
    expect(m.components).toEqual([
      { type: 1, components: [{ type: 2, style: 5, label: 'Read in context', url: link('jacobin-2022#p14.2') }] },
    ]);
    valid(m);
  });

  it('timeline lines link every citation: the first at the sentence shown, a second source at its passage', () => {
    const m = timelineMessage(timeline, { ...view, buttons: timelineButtons(owner, {}), readerUrl: BASE });
    const lines = m.embeds[0]?.description?.split('\n') ?? [];
    const [july, august] = timeline.events;
    expect(lines[0]).toBe(
      `**Jul 2022** — In July, Russia and Ukraine signed a Turkish and UN–brokered deal to allow export ships carrying grain. · ` +
        `[jacobin-2022 ¶7](${link('jacobin-2022#p7', [july?.text ?? ''])}); ` +
        `[illusion-of-diplomacy-2023 ¶3](${link('illusion-of-diplomacy-2023#p3')})`,
    );
    expect(lines[1]).toMatch(/^\*\*23–25 Aug 2022 \(the article prints 2002\)\*\* — /);
    expect(lines[1]).toContain(`[jacobin-2022 ¶8](${link('jacobin-2022#p8', [august?.text ?? ''])})`);
    valid(m);
  });

  it('summary footnotes link each passage with its quoted sentences; too long, they link the passage only', () => {
    const embed = summaryEmbed(summary, BASE);
    expect(embed.description).toContain(
      `**[1]** What Are the Chances for a Negotiated End to the Ukraine War? It’s Complicated. · ` +
        `unknown author · Jacobin · c. Aug 2022 · Encouraging Signs ¶7 · ` +
        `[jacobin-2022#p7](${link('jacobin-2022#p7', [summary.sentences[0]?.text ?? '', summary.sentences[1]?.text ?? ''])})`,
    );
    expect(embed.description).toContain(
      `[illusion-of-diplomacy-2023#p3](${link('illusion-of-diplomacy-2023#p3', [summary.sentences[2]?.text ?? ''])})`,
    );
    // Seven long sentences from seven passages: highlighting links would push a sentence out, so they go.
    const long: SummaryAnswer = {
      kind: 'summary',
      topic: summary.topic,
      unmatched: [],
      sentences: Array.from({ length: 7 }, (_, i) => ({ text: `Sentence ${i} ${'word '.repeat(60)}ends here.`, footnote: i + 1 })),
      sources: Array.from({ length: 7 }, (_, i) => ({ ...summary.sources[0], passageId: `jacobin-2022#p${i + 1}` }) as Citation),
    };
    const fitted = summaryEmbed(long, BASE);
    expect(fitted.description?.length).toBeGreaterThan(4096 - 7 * 60);
    expect(fitted.description?.length).toBeLessThanOrEqual(4096);
    for (let i = 0; i < 7; i++) {
      expect(fitted.description).toContain(`Sentence ${i} `);
      expect(fitted.description).toContain(`[jacobin-2022#p${i + 1}](${link(`jacobin-2022#p${i + 1}`)})`);
    }
  });

  it('/talks sources links the library’s index and each article', () => {
    const m = sourcesMessage(sources, false, BASE);
    const embed = m.embeds[0] as APIEmbed;
    expect(embed.url).toBe(`${BASE}index.html`);
    expect(embed.fields?.map((f) => f.value.split(' · ').at(-1))).toEqual([
      `[Read it](${BASE}jacobin-2022.html)`,
      `[Read it](${BASE}illusion-of-diplomacy-2023.html)`,
    ]);
    valid(m);
  });

  it('keeps every link within Discord’s URL limit', () => {
    const long = 'https://reader.example/' + 'a'.repeat(270) + '/';
    const words = 'Ünïcödéŵörðś ëñçödé ïñţö ṁäñÿ ƀÿţéş, ïñ ä ľïñķ, ' + 'éṽéŕÿ öñé öƒ ţħéṁ, şö ţħé ħïġħľïġħţ ïş ðŕöṗṗéð.';
    const answer = { ...search, results: [{ ...search.results[0], excerpt: words } as (typeof search.results)[number]] } as typeof search;
    const url = searchMessage(answer, { ...view, readerUrl: long }).embeds[0]?.url ?? '';
    expect(url).toBe(`${long}jacobin-2022.html#p7`);
    expect(url.length).toBeLessThanOrEqual(512);
  });
});

describe('with PUBLIC_READER_URL, in JSON and the terminal', () => {
  it('gives each citation a url, and each source', () => {
    const results = searchJson(search, BASE).results as Array<{ citation: { url: string; passageId: string } }>;
    expect(results.map((r) => r.citation.url)).toEqual(search.results.map((r) => link(r.citation.passageId, [r.excerpt])));
    const events = timelineJson(timeline, BASE).events as Array<{ citations: Array<{ url: string }> }>;
    expect(events[0]?.citations.map((c) => c.url)).toEqual([
      link('jacobin-2022#p7', [timeline.events[0]?.text ?? '']),
      link('illusion-of-diplomacy-2023#p3'),
    ]);
    const notes = summaryJson(summary, BASE).sources as Array<{ url: string }>;
    expect(notes.map((c) => c.url)).toEqual([
      link('jacobin-2022#p7', [summary.sentences[0]?.text ?? '', summary.sentences[1]?.text ?? '']),
      link('illusion-of-diplomacy-2023#p3', [summary.sentences[2]?.text ?? '']),
    ]);
    expect((sourcesJson(sources, BASE).sources as Array<{ url: string }>).map((s) => s.url)).toEqual([
      `${BASE}jacobin-2022.html`,
      `${BASE}illusion-of-diplomacy-2023.html`,
    ]);
    // Only `url` is added.
    const stripped = JSON.parse(JSON.stringify(searchJson(search, BASE), (k, v: unknown) => (k === 'url' ? undefined : v))) as unknown;
    expect(stripped).toEqual(JSON.parse(JSON.stringify(searchJson(search))));
  });

  it('prints each link whole on its own line, even where the text is wrapped', () => {
    const out = renderSearchTerminal(search, { color: false, width: 60 }, BASE).split('\n');
    expect(out).toContain(`   ${link('jacobin-2022#p7', [excerpt(0)])}`);
    expect(out.filter((l) => l.includes('https://'))).toHaveLength(4);
    const notes = renderSummaryTerminal(summary, { color: true, width: 60 }, BASE);
    expect(notes).toContain(link('illusion-of-diplomacy-2023#p3', [summary.sentences[2]?.text ?? '']));
  });

  it('every link of every renderer opens a page of the seed library at an element it has', async () => {
    const { buildSite } = await import('../../src/site/build.js');
    const { seedCorpus } = await import('../support/seeds.js');
    const pages = new Map(buildSite(seedCorpus()).map((f) => [f.name, f.body.toString('utf8')]));
    const urls = new Set(JSON.stringify(renderAll(BASE)).match(/https:\/\/reader\.example\/sources\/[^\s)"<>\\]+/g) ?? []);
    expect(urls.size).toBeGreaterThan(10);
    for (const url of urls) {
      const { pathname, hash } = new URL(url);
      const html = pages.get(pathname.slice('/sources/'.length));
      expect(html, url).toBeDefined();
      const anchor = hash.slice(1).split(':~:')[0] ?? '';
      if (anchor) expect(html, url).toContain(` id="${decodeURIComponent(anchor)}"`);
    }
    expect(passageAnchor('x#p1')).toBe('p1');
  });
});
