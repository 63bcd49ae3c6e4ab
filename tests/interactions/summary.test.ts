/**
 * `/talks summary` shaped before it is posted (commands/talks/summary.ts), through the pipeline every transport runs
 * (raw interactions in, Discord's response bodies out): drop a quote, add another from the menu, post exactly the
 * preview; and what no one may do: a forged value, a drop that leaves nothing, an add with no room, a library that
 * changed, a member or another user.
 */
import { ComponentType, InteractionResponseType, MessageFlags, PermissionFlagsBits, type APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { buildCorpus } from '../../src/core/corpus.js';
import { addable, composeSummary, firstChoice, summaryPool, withoutQuote, withQuote } from '../../src/core/summary/index.js';
import { DISCORD_LIMITS as L } from '../../src/interactions/limits.js';
import type { DiscordMessage } from '../../src/interactions/message.js';
import { createPipeline } from '../../src/interactions/pipeline.js';
import { wordNetLexicon } from '../../src/library/lexicon-cache.js';
import { summaryEmbedBudget } from '../../src/render/discord.js';
import { createLogger } from '../../src/runtime/logger.js';
import { interaction } from '../support/http.js';
import { match } from '../support/matchers.js';
import { seedCorpus, seedLibrary } from '../support/seeds.js';

const MOD = '1400000000000000011';
const OTHER = '1400000000000000012';
const MODERATOR = String(PermissionFlagsBits.ManageMessages);
const MEMBER = '0';
const NOW = Date.UTC(2026, 0, 1);
const corpus = seedCorpus();

type Select = {
  type: ComponentType;
  custom_id: string;
  disabled?: boolean;
  options: Array<{ value: string; label: string; description?: string }>;
};
type Body = { type: number; data: DiscordMessage };

function bot() {
  const posted: Array<{ channelId: string; message: DiscordMessage }> = [];
  const pipeline = createPipeline({
    commands: COMMANDS,
    corpus,
    logger: createLogger({ level: 'silent' }),
    now: () => NOW,
    cooldown: null,
    post: (channelId, message) => {
      posted.push({ channelId, message });
      return Promise.resolve({ ok: true, messageId: '1600000000000000009' });
    },
  });
  const ask = async (raw: unknown): Promise<Body> => {
    const answer = await pipeline.answer(raw);
    if (answer.kind !== 'answered') throw new Error(`not answered: ${answer.kind}`);
    return JSON.parse(answer.json) as Body;
  };
  return { pipeline, posted, ask };
}

const summaryCommand = (topic: string) => ({
  id: '1000000000000000001',
  name: 'talks',
  type: 1,
  options: [{ type: 1, name: 'summary', options: [{ type: 3, name: 'topic', value: topic }] }],
});

/** The preview's menus and buttons, by what they are. */
function partsOf(message: DiscordMessage): { drop?: Select; add?: Select; post?: string } {
  const all = message.components.flatMap((row) => row.components) as unknown as Array<Select & { label?: string }>;
  return {
    drop: all.find((c) => c.type === ComponentType.StringSelect && c.custom_id.startsWith('talks:drop:')),
    add: all.find((c) => c.type === ComponentType.StringSelect && c.custom_id.startsWith('talks:add:')),
    post: all.find((c) => c.type === ComponentType.Button && c.label === 'Post to channel')?.custom_id,
  };
}

/** A choice in a menu of the preview `on`, as Discord sends it. */
function choose(select: Select | undefined, values: string[], on: DiscordMessage, user = MOD, permissions = MODERATOR): unknown {
  if (!select) throw new Error('no such menu');
  const message = { id: '1600000000000000003', embeds: on.embeds, flags: MessageFlags.Ephemeral };
  return interaction(
    3,
    { custom_id: select.custom_id, component_type: ComponentType.StringSelect, values },
    user,
    { message },
    permissions,
  );
}

/** The footnote marks of an embed's sentences, in order, and the sources listed. */
function footnotes(embed: APIEmbed | undefined): { marks: number[]; sources: number } {
  const [body = '', list = ''] = (embed?.description ?? '').split('\n\n__Sources__\n');
  return {
    marks: body.split('\n').map((line) => Number(/\*\*\[(\d+)\]\*\*$/.exec(line)?.[1])),
    sources: list.split('\n').filter((l) => l.startsWith('**[')).length,
  };
}

function expectRenumbered(embed: APIEmbed | undefined): void {
  const { marks, sources } = footnotes(embed);
  expect(marks.length).toBeGreaterThan(0);
  expect(marks.filter((n, i) => marks.indexOf(n) === i)).toEqual(Array.from({ length: sources }, (_, i) => i + 1));
}

async function preview(ask: (raw: unknown) => Promise<Body>, topic = 'mediation', user = MOD): Promise<DiscordMessage> {
  const body = await ask(interaction(2, summaryCommand(topic), user, {}, MODERATOR));
  expect(body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
  return body.data;
}

describe('shaping a summary before it is posted', () => {
  it('previews with menus to drop each sentence and to add the next best quotes, named by first words and source', async () => {
    const { ask } = bot();
    const shown = await preview(ask);
    const { drop, add, post } = partsOf(shown);
    const sentences = footnotes(shown.embeds[0]).marks.length;
    expect(drop?.options).toHaveLength(sentences);
    expect(drop?.disabled).toBeFalsy();
    expect(add?.options.length).toBeGreaterThan(0);
    expect(post).toMatch(/^talks:post:/);
    for (const o of [...(drop?.options ?? []), ...(add?.options ?? [])]) {
      expect(o.label).toMatch(/^“.+”$/);
      expect(o.label.length).toBeLessThanOrEqual(L.selectOptionLabel);
      expect(o.description?.length).toBeLessThanOrEqual(L.selectOptionDescription);
      expect(o.description).toMatch(/ · ¶\d+/);
    }
    expect(shown.embeds[0]?.footer?.text.split('\n').at(-1)).toBe('🔎 mediation');
  });

  it('drops a quote, adds another, and posts exactly the preview approved, footnotes 1..n', async () => {
    const { ask, posted } = bot();
    const first = await preview(ask);
    const before = footnotes(first.embeds[0]).marks.length;
    const gone = partsOf(first).drop?.options[0];
    const dropped = await ask(choose(partsOf(first).drop, [gone?.value ?? ''], first));
    expect(dropped.type).toBe(InteractionResponseType.UpdateMessage);
    // That sentence goes (with any that leans on it).
    expect(footnotes(dropped.data.embeds[0]).marks.length).toBeLessThan(before);
    expect(dropped.data.embeds[0]?.description).not.toContain(gone?.label.slice(1, 30));
    expectRenumbered(dropped.data.embeds[0]);
    const offer = partsOf(dropped.data).add?.options[0];
    if (!offer) throw new Error('nothing to add');
    const added = await ask(choose(partsOf(dropped.data).add, [offer.value], dropped.data));
    expect(added.type).toBe(InteractionResponseType.UpdateMessage);
    const opening = offer.label.slice(1, 30);
    expect(added.data.embeds[0]?.description).toContain(opening);
    expectRenumbered(added.data.embeds[0]);
    const post = partsOf(added.data).post ?? '';
    const message = { id: '1600000000000000003', embeds: added.data.embeds, flags: MessageFlags.Ephemeral };
    const done = await ask(interaction(3, { custom_id: post, component_type: ComponentType.Button }, MOD, { message }, MODERATOR));
    expect(done.data.content).toMatch(/^Posted to/);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.message.embeds).toEqual(added.data.embeds);
    expect(posted[0]?.message.components).toEqual([]);
  });

  it('refuses a forged value: a quote not among the candidates, or not a number', async () => {
    const { ask } = bot();
    const shown = await preview(ask);
    const pool = summaryPool(corpus, 'mediation');
    if (!('candidates' in pool)) throw new Error('no pool');
    const forged = await ask(choose(partsOf(shown).add, [String(pool.candidates.length)], shown));
    expect(forged.data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: match.stringMatching(/not one of this topic’s candidates/),
    });
    const junk = await ask(choose(partsOf(shown).add, ['abc'], shown));
    expect(junk.data.content).toMatch(/can no longer be changed/);
    const beyond = await ask(choose(partsOf(shown).drop, [String(footnotes(shown.embeds[0]).marks.length + 1)], shown));
    expect(beyond.data.content).toMatch(/can no longer be changed/);
  });

  it('offers only quotes that fit; with no room the add menu is disabled, and a forged add is refused', async () => {
    const { ask } = bot();
    // A topic where, after a drop, some candidates fit and some do not.
    const topic = 'the US role in negotiations';
    const shown = await preview(ask, topic);
    const pool = summaryPool(corpus, topic);
    if (!('candidates' in pool)) throw new Error('no pool');
    const budget = summaryEmbedBudget();
    const room = (composed: ReturnType<typeof composeSummary>, value: string | undefined): string =>
      typeof withQuote(pool, composed, Number(value), budget) === 'string' ? 'no room' : 'fits';
    // The first preview fills its embed (what the core says, checked first): its menu lists what could come, disabled.
    const first = composeSummary(pool, firstChoice(pool), budget);
    const menu = partsOf(shown).add;
    expect(menu?.disabled).toBe(true);
    expect(menu?.options.map((o) => room(first, o.value))).not.toContain('fits');
    const refused = await ask(choose(menu, [menu?.options[0]?.value ?? ''], shown));
    expect(refused.data).toMatchObject({ flags: MessageFlags.Ephemeral, content: match.stringMatching(/does not fit/) });
    // After a drop there is room: the quotes offered are those that fit, and only those.
    const dropped = await ask(choose(partsOf(shown).drop, ['1'], shown));
    const next = partsOf(dropped.data).add;
    expect(next?.disabled).toBeFalsy();
    const shaped = withoutQuote(pool, first, 0, budget);
    if (!shaped) throw new Error('no drop');
    const fitting = addable(pool, shaped, L.selectOptions).filter((i) => room(shaped, String(i)) === 'fits');
    expect(fitting.length).toBeGreaterThan(0);
    expect(fitting.length).toBeLessThan(addable(pool, shaped, L.selectOptions).length);
    expect(next?.options.map((o) => Number(o.value))).toEqual(fitting);
  });

  it('never drops the last quote: its menu is disabled, and a forged choice is refused', async () => {
    const { ask } = bot();
    let shown = await preview(ask, 'Istanbul talks');
    for (let left = footnotes(shown.embeds[0]).marks.length; left > 1; left--)
      shown = (await ask(choose(partsOf(shown).drop, ['1'], shown))).data;
    expect(footnotes(shown.embeds[0]).marks).toHaveLength(1);
    expect(partsOf(shown).drop?.disabled).toBe(true);
    const refused = await ask(choose(partsOf(shown).drop, ['1'], shown));
    expect(refused.data.content).toMatch(/needs at least one quote/);
  });

  it('says so clearly when the library changed under the preview', async () => {
    const { ask, pipeline } = bot();
    const shown = await preview(ask);
    const pool = summaryPool(corpus, 'mediation');
    const cited = 'candidates' in pool ? pool.candidates[0]?.citation.sourceId : undefined;
    pipeline.setCorpus(
      buildCorpus(
        seedLibrary().sources.filter((s) => s.meta.id !== cited),
        wordNetLexicon(),
      ),
    );
    const stale = await ask(choose(partsOf(shown).drop, ['1'], shown));
    expect(stale.data).toMatchObject({ flags: MessageFlags.Ephemeral, content: match.stringMatching(/library has changed/) });
  });

  it('is changed only by the moderator who asked', async () => {
    const { ask } = bot();
    const shown = await preview(ask);
    const demoted = await ask(choose(partsOf(shown).drop, ['1'], shown, MOD, MEMBER));
    expect(demoted.data.content).toMatch(/Only moderators/);
    const other = await ask(choose(partsOf(shown).drop, ['1'], shown, OTHER, MODERATOR));
    expect(other.data.content).toMatch(/Only the person who asked/);
  });

  it('keeps every custom id within 100 characters with 20-digit user and channel ids', async () => {
    const { ask } = bot();
    const user = '12345678901234567890';
    const data = summaryCommand('the role of the United States in peace talks');
    const body = await ask(interaction(2, data, user, { channel: { id: '98765432109876543210', type: 0 } }, MODERATOR));
    const ids = body.data.components.flatMap((row) => row.components).map((c) => ('custom_id' in c ? c.custom_id : ''));
    expect(ids.length).toBe(4);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(L.customId);
  });
});
