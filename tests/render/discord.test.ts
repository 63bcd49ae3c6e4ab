/** The Discord renderer (src/render/discord.ts) on the real seeds: limits, escaping, paging, embeds. */
import { MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { searchButtons } from '../../commands/talks/search.js';
import { timelineButtons } from '../../commands/talks/timeline.js';
import { search } from '../../src/core/search.js';
import { listSources } from '../../src/core/sources-list.js';
import { summarize } from '../../src/core/summary/index.js';
import { timeline } from '../../src/core/timeline.js';
import { readQueryFooter } from '../../src/interactions/custom-id.js';
import { DISCORD_LIMITS as L } from '../../src/interactions/limits.js';
import {
  autocompleteChoices,
  safeText,
  searchMessage,
  sourcesMessage,
  summaryEmbed,
  summaryEmbedBudget,
  timelineMessage,
} from '../../src/render/discord.js';
import { SUMMARY_BUDGET } from '../../src/render/format.js';
import { expectWithinLimits } from '../support/limits.js';
import { seedCorpus } from '../support/seeds.js';

const corpus = seedCorpus();
const USER = '123456789012345678';
const owner = { userId: USER, issuedAt: Date.UTC(2026, 0, 1) };
const ctx = { page: 0, ephemeral: false, buttons: searchButtons(owner) };

describe('Discord rendering', () => {
  it('escapes markdown and defuses mentions in any text', () => {
    const evil =
      '**bold** __u__ `code`\n# Heading\n> quote\n- item\n' +
      '[link](http://x) @everyone @here <@123456789012345678> <@&1234567890123456789> <#123456789012345678>';
    const safe = safeText(evil);
    expect(safe).not.toMatch(/(^|[^\\])\*\*/);
    expect(safe).not.toContain('@everyone');
    expect(safe).not.toMatch(/<@\d/);
    expect(safe).not.toMatch(/<@&\d/);
    expect(safe).not.toMatch(/<#\d/);
    expect(safe).toContain('\\# Heading');
  });

  it('keeps search replies within every limit, for every kind of answer', () => {
    const queries = ['grain deal', 'Zelensky', 'negotiations', 'xylophone quokka', '', 'x'.repeat(2000), '@everyone **hi**', 'what is it'];
    for (const q of queries) {
      for (const page of [0, 1, 3, 99]) {
        const m = searchMessage(search(corpus.index, q, { limit: 12 }), { ...ctx, page });
        expectWithinLimits(m);
      }
    }
  });

  it('answers "who wrote…" with the article\'s record as the message, and no passage buttons', () => {
    const m = searchMessage(search(corpus.index, 'Who co-authored the article originally published in The Conversation?'), ctx);
    // The date is the project's inference: it says so.
    expect(m.content).toContain('by Tetyana Malyarenko (co-author), in The Conversation, c. 10 Mar 2022');
    expect(m.content).toContain('Co-authored with Tetyana Malyarenko');
    expect(m.embeds).toEqual([]);
    expect(m.components).toEqual([]);
    expectWithinLimits(m);
    // With a question beside it, the record leads the results.
    const both = searchMessage(search(corpus.index, 'when was the jacobin article published and what does it say about sanctions'), ctx);
    expect(both.content?.split('\n')[0]).toMatch(/^“What Are the Chances.*”: the copy names no author, in Jacobin, c. Aug 2022\.$/);
    expect(both.embeds.length).toBeGreaterThan(0);
  });

  it('makes errors and empty answers ephemeral, and answers public unless hidden', () => {
    expect(searchMessage(search(corpus.index, 'xylophone quokka'), ctx).flags).toBe(MessageFlags.Ephemeral);
    expect(searchMessage(search(corpus.index, ''), ctx).flags).toBe(MessageFlags.Ephemeral);
    expect(searchMessage(search(corpus.index, 'grain deal'), ctx).flags).toBeUndefined();
    expect(searchMessage(search(corpus.index, 'grain deal'), { ...ctx, ephemeral: true }).flags).toBe(MessageFlags.Ephemeral);
  });

  it('shows quote then citation, best first, with paging and full-passage buttons', () => {
    const answer = search(corpus.index, 'grain deal', { limit: 12 });
    const m = searchMessage(answer, ctx);
    expect(m.embeds).toHaveLength(3);
    expect(m.embeds[0]?.title).toMatch(/^1\. /);
    expect(m.embeds[0]?.description).toMatch(/^> /);
    expect(m.embeds[0]?.footer?.text).toContain(answer.results[0]?.id);
    const ids = m.components.flatMap((r) => r.components.map((b) => ('custom_id' in b ? b.custom_id : '')));
    expect(ids.some((id) => id.startsWith(`talks:page:${USER}:`))).toBe(true);
    expect(ids.filter((id) => id.startsWith(`talks:full:${USER}:`))).toHaveLength(3);
  });

  it('carries the question in the footer so a button can re-run it, whatever it contains', () => {
    for (const q of ['grain deal', 'Did Zelensky say “victory”? 🔎 yes · maybe', 'Kiev: 2022-03']) {
      const m = searchMessage(search(corpus.index, q, { limit: 12 }), ctx);
      expect(m.embeds.length, q).toBeGreaterThan(0);
      expect(readQueryFooter(m.embeds)).toBe(search(corpus.index, q).query);
    }
    expect(readQueryFooter([{ footer: { text: 'someone else’s message' } }])).toBeNull();
  });

  it('pages timelines ten lines at a time within limits', () => {
    const answer = timeline(corpus, { limit: 200 });
    const first = timelineMessage(answer, { ...ctx, buttons: timelineButtons(owner, {}) });
    expectWithinLimits(first);
    expect(first.embeds[0]?.description?.split('\n')).toHaveLength(10);
    expect(first.components[0]?.components).toHaveLength(2);
    const last = timelineMessage(answer, { ...ctx, page: 999, buttons: timelineButtons(owner, {}) });
    expectWithinLimits(last);
  });

  it('says first in a summary or a timeline which words of its topic no passage mentions; of a topic nothing is about, only so', () => {
    const note = 'No passage mentions “Vatican”; showing the closest matches.';
    const summary = summaryEmbed(summarize(corpus, 'Vatican mediation', summaryEmbedBudget()));
    expect(summary.description?.split('\n')[0]).toBe(`*${note}*`);
    expect((summary.description ?? '').length).toBeLessThanOrEqual(L.embedDescription);
    const events = timelineMessage(timeline(corpus, { topic: 'Vatican mediation' }), { ...ctx, buttons: timelineButtons(owner, {}) });
    expect(events.embeds[0]?.description?.split('\n')[0]).toBe(`*${note}*`);
    expectWithinLimits(events);
    // The topic is the member's text: escaped where it becomes markdown.
    const none = timelineMessage(timeline(corpus, { topic: 'best time to plant **tomatoes**' }), {
      ...ctx,
      buttons: timelineButtons(owner, {}),
    });
    expect(none.content).toBe('Nothing in the library is about “best time to plant \\*\\*tomatoes\\*\\*”. No passage mentions “tomatoes”.');
    expect(none.embeds).toEqual([]);
    expect(summaryEmbed(summarize(corpus, 'grain deal', summaryEmbedBudget())).description).not.toContain('No passage mentions');
  });

  it('fits a summary in one embed without cutting a sentence', () => {
    for (const topic of ['mediation', 'US Congress support for Ukraine', 'grain deal']) {
      const answer = summarize(corpus, topic, SUMMARY_BUDGET);
      const embed = summaryEmbed(answer);
      expect((embed.description ?? '').length).toBeLessThanOrEqual(L.embedDescription);
      expect(embed.description).not.toContain('…\n');
      expect(answer.sentences.length, topic).toBeGreaterThanOrEqual(3);
      for (const s of answer.sentences) expect(embed.description).toContain(`**[${s.footnote}]**`);
    }
  });

  it('fits a summary with the reader’s links in its embed, every sentence shown, within the budget /talks summary passes', () => {
    const readerUrl = 'https://peace-talks-bot.example.org/read';
    for (const topic of [
      'how the Bucha atrocities affected the peace talks',
      'NATO expansion as a factor in the war and the talks',
      'the case for early mediation and back-channel talks',
    ]) {
      const answer = summarize(corpus, topic, summaryEmbedBudget(readerUrl));
      const description = summaryEmbed(answer, readerUrl).description ?? '';
      expect(description.length).toBeLessThanOrEqual(L.embedDescription);
      expect(answer.sentences.length, topic).toBeGreaterThanOrEqual(3);
      for (const s of answer.sentences) expect(description, topic).toContain(`**[${s.footnote}]**`);
      expect(description.match(/\*\*\[\d+\]\*\*/g)?.length, topic).toBe(answer.sentences.length + answer.sources.length);
    }
  });

  it('shows each source id as inline code, its backticks not escaped', () => {
    const m = sourcesMessage(listSources(corpus), false);
    const values = m.embeds[0]?.fields?.map((f) => f.value) ?? [];
    expect(values).toHaveLength(5);
    for (const [i, s] of listSources(corpus).entries()) expect(values[i]).toMatch(new RegExp(`^\`${s.meta.id}\` · `));
    expect(values.filter((v) => v.includes('\\`'))).toEqual([]);
  });

  it('keeps autocomplete within 25 choices of at most 100 characters', () => {
    const choices = autocompleteChoices(Array.from({ length: 60 }, (_, i) => `${i} ${'long suggestion '.repeat(10)}`));
    expect(choices).toHaveLength(L.autocompleteChoices);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(L.choiceName);
      expect(c.value.length).toBeLessThanOrEqual(L.choiceValue);
    }
  });
});
