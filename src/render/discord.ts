/**
 * Discord rendering: the core's answers as message payloads (embeds and buttons, built with discord.js's
 * builders). Every limit in `DISCORD_LIMITS` is enforced here, every piece of text from users or articles
 * is markdown-escaped and mention-proofed, and every payload says `allowed_mentions: { parse: [] }`.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  EmbedBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
  TextInputBuilder,
} from '@discordjs/builders';
import { escapeMarkdown } from '@discordjs/formatters';
import {
  ApplicationCommandType,
  ButtonStyle,
  MessageFlags,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIApplicationCommandOptionChoice,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import { memoize } from '../core/memo.js';
import type { SourceSummary } from '../core/sources-list.js';
import { EXAMPLE_QUESTIONS } from '../core/examples.js';
import { articleLink, citationLink, eventLinks, footnoteLinks, readerLink, READER_INDEX } from '../core/reader.js';
import type { SearchAnswer, SearchResult } from '../core/search.js';
import type { SummaryAnswer, SummaryBudget } from '../core/summary/index.js';
import type { TimelineAnswer } from '../core/timeline.js';
import type { Citation, Passage, Range } from '../core/types.js';
import { queryFooter } from '../interactions/custom-id.js';
import { DISCORD_LIMITS as L } from '../interactions/limits.js';
import { clamp, noticeMessage, NO_MENTIONS, shareEmbed, type DiscordMessage } from '../interactions/message.js';
import type { CommandModule } from '../interactions/types.js';
import { DETAIL_LIMITS, type Listed, type Preview } from '../library/manage.js';
import {
  aboutSource,
  asQuote,
  citationParts,
  formatByline,
  formatCitation,
  formatListedTitle,
  formatSourceDate,
  formatEventDate,
  formatParagraph,
  matchNote,
  nothingAboutNote,
  nothingNote,
  oneLine,
  confirmedNote,
  originNote,
  previewFacts,
  scopeNote,
  summaryQuote,
  topicNote,
} from './format.js';

/** Results shown per page of a search reply. */
const RESULTS_PER_PAGE = 3;
/** Events shown per page of a timeline reply. */
const EVENTS_PER_PAGE = 10;
const COLOR = 0x2b6cb0;

/** Texts whose escaped form is remembered: escaping runs a dozen regular expressions, and excerpts recur. */
const SAFE_TEXT_CACHE_SIZE = 5000;

/** Escape markdown of every kind and defuse mentions: user and article text is shown, never interpreted. */
export const safeText: (text: string) => string = memoize(SAFE_TEXT_CACHE_SIZE, (text: string) =>
  escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    .replace(/@(everyone|here)/g, '@\u200b$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<\u200b$1$2>'),
);

/** The excerpt with its matched words in bold, escaped piece by piece so the ranges stay right. */
function highlightMarkdown(text: string, ranges: readonly Range[]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at || e > text.length) continue;
    out += safeText(text.slice(at, s)) + `**${safeText(text.slice(s, e))}**`;
    at = e;
  }
  return out + safeText(text.slice(at));
}

function message(embeds: APIEmbed[], components: DiscordMessage['components'] = [], ephemeral = false, content?: string): DiscordMessage {
  return {
    ...(content === undefined ? {} : { content: clamp(content, L.content) }),
    embeds: fitEmbeds(embeds.slice(0, L.embedsPerMessage)),
    components: components.slice(0, L.actionRows),
    allowed_mentions: NO_MENTIONS,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** Characters Discord counts toward the 6,000 per message. */
export function embedChars(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Drop trailing embeds until the message is within the total; a renderer bug never becomes an API error. */
function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  while (embeds.length > 1 && embeds.reduce((n, e) => n + embedChars(e), 0) > L.embedsTotal) embeds.pop();
  return embeds;
}

function buttonRow(buttons: ButtonBuilder[]): APIActionRowComponent<APIButtonComponent> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(0, L.buttonsPerRow)).toJSON();
}

/**
 * A button with the custom_id its command made (`defineButton`). Built with discord.js's builders, which
 * validate it (a good part of a cached reply's cost, kept: see the benchmarks).
 */
function button(customId: string, label: string, style = ButtonStyle.Secondary, disabled = false): ButtonBuilder {
  return new ButtonBuilder().setCustomId(customId).setLabel(clamp(label, L.buttonLabel)).setStyle(style).setDisabled(disabled);
}

/** `[label](url)`: a masked link (embed descriptions and fields render them), or the label alone without a URL. */
function maskedLink(label: string, url: string | undefined): string {
  return url ? `[${safeText(label)}](${url})` : safeText(label);
}

/** A link within Discord's limit: one that highlights but is too long opens the passage without highlighting. */
function fitLink(url: string | undefined, readerUrl: string | undefined, c: Citation): string | undefined {
  return url && url.length > L.linkUrl ? citationLink(readerUrl, c) : url;
}

/** A link button (style 5): opens the URL, sends no interaction. */
function linkButton(label: string, url: string): ButtonBuilder {
  return new ButtonBuilder().setLabel(clamp(label, L.buttonLabel)).setStyle(ButtonStyle.Link).setURL(url);
}

function citationFooter(c: Citation): string {
  return citationParts(c).slice(1).join(' · ');
}

/** How a paged reply is shown: which page, to whom, and the custom_ids of its buttons, made by its command. */
export interface PageContext<Buttons> {
  page: number;
  ephemeral: boolean;
  /** The reader site's address (PUBLIC_READER_URL): each citation then links to its passage. */
  readerUrl?: string;
  buttons: Buttons;
}

export interface SearchButtons {
  page: (page: number) => string;
  passage: (passageId: string) => string;
  /** Helpful / Not what I asked, on every page, when the answer was recorded for feedback. */
  vote?: (vote: 'helpful' | 'not-asked') => string;
}

/** Search answer → message. Results are paged; nothing-found and invalid input are ephemeral notices. */
export function searchMessage(answer: SearchAnswer, ctx: PageContext<SearchButtons>): DiscordMessage {
  if (answer.kind === 'invalid') {
    return noticeMessage(
      `${answer.message}\nTry: ${answer.examples
        .slice(0, 3)
        .map((q) => `\`/talks search query:${q}\``)
        .join(' · ')}`,
    );
  }
  if (answer.kind === 'no-results') {
    const dym = answer.didYouMean ? `Did you mean **${safeText(answer.didYouMean)}**? ` : '';
    return noticeMessage(
      `${safeText(nothingNote({ ...answer, query: clamp(answer.query, 200) }))} ${dym}\nTry: ${answer.examples
        .slice(0, 3)
        .map((q) => `\`${q}\``)
        .join(' · ')}`,
    );
  }
  const pages = Math.max(1, Math.ceil(answer.results.length / RESULTS_PER_PAGE));
  const page = Math.min(Math.max(0, ctx.page), pages - 1);
  const shown = answer.results.slice(page * RESULTS_PER_PAGE, (page + 1) * RESULTS_PER_PAGE);
  const rows: DiscordMessage['components'] = [];
  if (pages > 1) {
    rows.push(
      buttonRow([
        button(ctx.buttons.page(page - 1), '◀ Prev', ButtonStyle.Secondary, page === 0),
        button(ctx.buttons.page(page + 1), 'Next ▶', ButtonStyle.Secondary, page >= pages - 1),
      ]),
    );
  }
  // An answer may be the record of an article alone ("who wrote…"): no passages, so no passage buttons.
  if (shown.length > 0) {
    rows.push(
      buttonRow(
        shown.map((r, i) => button(ctx.buttons.passage(r.id), `Show full passage ${page * RESULTS_PER_PAGE + i + 1}`, ButtonStyle.Primary)),
      ),
    );
  }
  const vote = ctx.buttons.vote;
  if (vote) rows.push(buttonRow([button(vote('helpful'), 'Helpful'), button(vote('not-asked'), 'Not what I asked')]));
  // A low answer says so above the quotes, after the record of an article asked about (which answers for sure).
  const low = answer.confidence === 'low' ? matchNote(answer) : null;
  const notes = [...(answer.about ?? []).map(aboutSource), scopeNote(answer.scope), low].filter((n): n is string => n !== null);
  return message(
    searchEmbeds(answer, page, shown, ctx.readerUrl),
    rows,
    ctx.ephemeral,
    notes.length > 0 ? safeText(notes.join('\n')) : undefined,
  );
}

/**
 * A results page's embeds, the same for everyone who asks (the buttons, which carry the asker, are not):
 * remembered per answer, since answers are cached and the same questions come again and again. Frozen,
 * because they are shared.
 */
const embedCache = new WeakMap<SearchAnswer, Map<string, readonly APIEmbed[]>>();
function searchEmbeds(
  answer: Extract<SearchAnswer, { kind: 'results' }>,
  page: number,
  shown: typeof answer.results,
  readerUrl?: string,
): APIEmbed[] {
  let pages = embedCache.get(answer);
  const key = `${page} ${readerUrl ?? ''}`;
  const cached = pages?.get(key);
  if (cached) return [...cached];
  // Every uncached answer renders here: built from its data (the builder's constructor takes it as is) rather than
  // by the setters, whose checks throw and catch an error per optional field (~7 % of an uncached reply). Each
  // field is clamped to DISCORD_LIMITS here, and the tests hold every message to those limits.
  const embeds = shown.map((r, i) => {
    const rank = page * RESULTS_PER_PAGE + i + 1;
    // The title opens the article at the quoted sentences.
    const url = fitLink(citationLink(readerUrl, r.citation, [r.excerpt]), readerUrl, r.citation);
    return new EmbedBuilder({
      color: COLOR,
      title: clamp(`${rank}. ${r.citation.title}`, L.embedTitle),
      description: clamp(`> ${highlightMarkdown(r.excerpt, r.highlights)}${confirmedLine(r)}`, L.embedDescription),
      footer: { text: clamp(citationFooter(r.citation), L.embedFooter) },
      ...(url ? { url } : {}),
    }).toJSON();
  });
  const last = embeds.at(-1);
  if (last) {
    const note = answer.unmatched.length > 0 ? `No passage mentions: ${answer.unmatched.join(', ')}\n` : '';
    const paging = `Results ${page * RESULTS_PER_PAGE + 1}–${page * RESULTS_PER_PAGE + shown.length} of ${answer.results.length}`;
    last.footer = { text: clamp(`${last.footer?.text ?? ''}\n${note}${paging}\n${queryFooter(answer.query)}`, L.embedFooter) };
  }
  for (const e of embeds) shareEmbed(e);
  if (!pages) embedCache.set(answer, (pages = new Map<string, readonly APIEmbed[]>()));
  pages.set(key, embeds);
  return [...embeds];
}

/** Under a quote a moderator's confirmation ranked: why it is there, the member's question made inert. */
function confirmedLine(result: SearchResult): string {
  const note = confirmedNote(result);
  return note ? `\n-# ✓ ${safeText(note)}` : '';
}

/** The whole passage behind a result, for reading in context (ephemeral); with a reader, a button opens it there. */
export function passageMessage(passage: Passage, citation: Citation, readerUrl?: string): DiscordMessage {
  const url = citationLink(readerUrl, citation);
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle(clamp(citation.title, L.embedTitle))
    .setDescription(clamp(safeText(passage.text), L.embedDescription))
    .setFooter({ text: clamp(citationFooter(citation), L.embedFooter) });
  if (url) embed.setURL(url);
  return message([embed.toJSON()], url ? [buttonRow([linkButton('Read in context', url)])] : [], true);
}

function eventLine(e: TimelineAnswer['events'][number], readerUrl: string | undefined): string {
  const line = `**${formatEventDate(e)}** — ${safeText(oneLine(e.text))}`;
  if (!readerUrl) {
    const where = e.citations.map((c) => `${c.sourceId} ${formatParagraph(c)}`).join('; ');
    return `${line} [${safeText(where)}]`;
  }
  // Each citation links to its passage (a masked link's text must not hold brackets, so none around them).
  const links = eventLinks(readerUrl, e);
  const cited = e.citations.map((c, i) => maskedLink(`${c.sourceId} ${formatParagraph(c)}`, fitLink(links[i], readerUrl, c)));
  return `${line} · ${cited.join('; ')}`;
}

/** Timeline → message, `EVENTS_PER_PAGE` lines a page (the answer holds every matching event). */
export function timelineMessage(answer: TimelineAnswer, ctx: PageContext<{ page: (page: number) => string }>): DiscordMessage {
  const scope = [
    answer.topic ? `about “${answer.topic}”` : null,
    answer.from ? `from ${answer.from}` : null,
    answer.to ? `to ${answer.to}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  if (answer.match?.found === false && answer.topic)
    return noticeMessage(safeText(nothingAboutNote(clamp(answer.topic, 200), answer.match.unmatched)));
  if (answer.events.length === 0) {
    return noticeMessage(`No dated events ${safeText(scope) || 'in the library'}. Try a broader topic or date range.`);
  }
  const pages = Math.ceil(answer.events.length / EVENTS_PER_PAGE);
  const page = Math.min(Math.max(0, ctx.page), pages - 1);
  const lines = answer.events.slice(page * EVENTS_PER_PAGE, (page + 1) * EVENTS_PER_PAGE).map((e) => eventLine(e, ctx.readerUrl));
  // Which words of the topic no passage mentions, first, on every page.
  let description = topicLead(answer.match?.unmatched);
  for (const line of lines) {
    const next = description ? `${description}\n${line}` : line;
    if (next.length > L.embedDescription) break;
    description = next;
  }
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle(clamp(safeText(`Timeline ${scope}`.trim()), L.embedTitle))
    .setDescription(description)
    .setFooter({
      text: clamp(
        `Events ${page * EVENTS_PER_PAGE + 1}–${page * EVENTS_PER_PAGE + lines.length} of ${answer.events.length}\n` +
          `${queryFooter(answer.topic ?? '')}`,
        L.embedFooter,
      ),
    })
    .toJSON();
  const rows =
    pages > 1
      ? [
          buttonRow([
            button(ctx.buttons.page(page - 1), '◀ Earlier', ButtonStyle.Secondary, page === 0),
            button(ctx.buttons.page(page + 1), 'Later ▶', ButtonStyle.Secondary, page >= pages - 1),
          ]),
        ]
      : [];
  return message([embed], rows, ctx.ephemeral);
}

/**
 * The footnotes: `[n]` and the citation, whose passage id links to the passage with the sentences highlighted
 * (`quoted`), or only to the passage (a shorter link), or nowhere without a reader.
 */
function footnoteList(answer: SummaryAnswer, readerUrl: string | undefined, quoted: boolean): string {
  if (!readerUrl) return answer.sources.map((c, i) => `**[${i + 1}]** ${safeText(formatCitation(c))}`).join('\n');
  const links = quoted ? footnoteLinks(readerUrl, answer) : answer.sources.map((c) => citationLink(readerUrl, c));
  return answer.sources
    .map(
      (c, i) =>
        `**[${i + 1}]** ${safeText(citationParts(c).slice(0, -1).join(' · '))} · ` +
        `${maskedLink(c.passageId, fitLink(links[i], readerUrl, c))}`,
    )
    .join('\n');
}

/** The words of a summary's or a timeline's topic no passage mentions, as the first line of its embed ('' for none). */
function topicLead(unmatched: readonly string[] | undefined): string {
  const note = topicNote(unmatched);
  return note ? `*${safeText(note)}*` : '';
}

/** A summary's first line, when no passage mentions a word of its topic: it travels with the summary when posted. */
function summaryLead(answer: SummaryAnswer): string {
  const lead = answer.kind === 'summary' ? topicLead(answer.unmatched) : '';
  return lead ? `${lead}\n` : '';
}

function embedSentences(answer: SummaryAnswer): string[] {
  return answer.sentences.map((s) =>
    summaryQuote(s, { differ: '⚖️ *Sources differ:* ', quote: (text) => safeText(asQuote(text)), mark: (n) => `**[${n}]**` }),
  );
}

/**
 * The budget `/talks summary` passes: the embed's description as `summaryEmbed` draws it with the shorter
 * links, so a summary that fits is never cut (the plain-text budget does not count the reader's links).
 */
export function summaryEmbedBudget(readerUrl?: string): SummaryBudget {
  return {
    chars: L.embedDescription,
    measure: (answer) =>
      `${summaryLead(answer)}${embedSentences(answer).join('\n')}\n\n__Sources__\n${footnoteList(answer, readerUrl, false)}`.length,
  };
}

/**
 * The summary as one embed: footnoted sentences, then the sources. Cut only between sentences. Its footer's last
 * line is the topic, which the preview's menus read back to recompute its candidates (no session store).
 */
export function summaryEmbed(answer: SummaryAnswer, readerUrl?: string): APIEmbed {
  const sentences = embedSentences(answer);
  let sources = footnoteList(answer, readerUrl, true);
  let kept = sentences.length;
  const body = (): string => `${summaryLead(answer)}${sentences.slice(0, kept).join('\n')}\n\n__Sources__\n${sources}`;
  // Links that highlight are longer: where they would crowd out a sentence, the footnotes link the passages only.
  if (readerUrl && body().length > L.embedDescription) sources = footnoteList(answer, readerUrl, false);
  while (kept > 1 && body().length > L.embedDescription) kept--;
  return new EmbedBuilder()
    .setColor(COLOR)
    .setTitle(clamp(safeText(`Summary: ${answer.topic}`), L.embedTitle))
    .setDescription(clamp(body(), L.embedDescription))
    .setFooter({ text: clamp(`Quoted from the articles in the library · Peace Talks Bot\n${queryFooter(answer.topic)}`, L.embedFooter) })
    .toJSON();
}

/**
 * How a moderator shapes the preview, from its command: the drop menu's custom id and, for each sentence of the
 * summary in order, the value naming it; the add menu's custom id and the quotes it offers, best first (`full`: none
 * fits until one is dropped, so the menu is shown disabled).
 */
export interface SummaryShaping {
  drop: { id: string; values: readonly string[] };
  add: { id: string; quotes: ReadonlyArray<{ value: string; text: string; citation: Citation }>; full: boolean };
}

/** A quote as a menu names it: its first words, and where it is from. */
function quoteOption(value: string, text: string, source: string): StringSelectMenuOptionBuilder {
  return new StringSelectMenuOptionBuilder()
    .setValue(value)
    .setLabel(clamp(asQuote(oneLine(text, L.selectOptionLabel - 10)), L.selectOptionLabel))
    .setDescription(clamp(source, L.selectOptionDescription));
}

/** Where a quote is from, in a menu's line after `lead`: publication (else title), cut to leave room for the paragraph. */
function quoteSource(c: Citation, lead = ''): string {
  const paragraph = ` · ${formatParagraph(c)}`;
  return `${lead}${clamp(c.publication ?? c.title, L.selectOptionDescription - lead.length - paragraph.length)}${paragraph}`;
}

/** The preview's menus: drop one of its sentences (disabled when one is left), add one of the other candidates. */
function shapingRows(answer: Extract<SummaryAnswer, { kind: 'summary' }>, shaping: SummaryShaping): DiscordMessage['components'] {
  const drops = answer.sentences.flatMap((s, i) => {
    const value = shaping.drop.values[i];
    const source = answer.sources[s.footnote - 1];
    return value !== undefined && source ? [quoteOption(value, s.text, quoteSource(source, `[${s.footnote}] `))] : [];
  });
  const rows: DiscordMessage['components'] = [];
  if (drops.length > 0) {
    const alone = drops.length === 1;
    const menu = new StringSelectMenuBuilder()
      .setCustomId(shaping.drop.id)
      .setPlaceholder(alone ? 'Drop a quote (the last one stays)' : 'Drop a quote…')
      .setDisabled(alone)
      .addOptions(drops.slice(0, L.selectOptions));
    rows.push(new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu).toJSON());
  }
  const adds = shaping.add.quotes.slice(0, L.selectOptions).map((q) => quoteOption(q.value, q.text, quoteSource(q.citation)));
  if (adds.length > 0) {
    const menu = new StringSelectMenuBuilder()
      .setCustomId(shaping.add.id)
      .setPlaceholder(shaping.add.full ? 'Add a quote (no room: drop one first)' : 'Add a quote…')
      .setDisabled(shaping.add.full)
      .addOptions(adds);
    rows.push(new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu).toJSON());
  }
  return rows;
}

/** The moderator's private preview, with its menus to drop and add quotes (when given), and Post and Cancel. */
export function summaryPreviewMessage(
  answer: SummaryAnswer,
  ctx: { channelId: string; readerUrl?: string; buttons: { post: string; cancel: string }; shaping?: SummaryShaping },
): DiscordMessage {
  // The topic is the user's own text: escaped here, where it becomes markdown.
  if (answer.kind === 'no-results') return noticeMessage(safeText(nothingAboutNote(clamp(answer.topic, 200), answer.unmatched)));
  if (answer.kind !== 'summary') return noticeMessage(answer.message);
  const row = buttonRow([
    button(ctx.buttons.post, 'Post to channel', ButtonStyle.Success),
    button(ctx.buttons.cancel, 'Cancel', ButtonStyle.Secondary),
  ]);
  const rows = ctx.shaping ? [...shapingRows(answer, ctx.shaping), row] : [row];
  return message([summaryEmbed(answer, ctx.readerUrl)], rows, true, `Preview — only you can see this. Post it to <#${ctx.channelId}>?`);
}

export function sourcesMessage(
  sources: readonly SourceSummary[],
  ephemeral: boolean,
  readerUrl?: string,
  /** Where each added article came from ("added by Ana on 14 Feb 2026"), by id; seeds have none. */
  origins: ReadonlyMap<string, string> = new Map(),
): DiscordMessage {
  // With a reader, the title opens the library's index and each article links to its page.
  const read = (id: string): string => {
    const url = articleLink(readerUrl, id);
    return url ? ` · ${maskedLink('Read it', url)}` : '';
  };
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle('The library')
    .setDescription(clamp(`${sources.length} articles. Every answer cites one of them by id.`, L.embedDescription))
    .addFields(
      sources.slice(0, L.embedFields).map((s) => ({
        name: clamp(formatListedTitle(s.meta), L.embedFieldName),
        // The id as inline code, outside the escaping (which would show its backticks); ids are slugs.
        value: `${clamp(
          `\`${s.meta.id}\` · ${safeText(
            [
              formatByline(s.meta),
              ...(s.meta.publication ? [s.meta.publication] : []),
              s.meta.date ? formatSourceDate(s.meta.date.value, s.meta.date.precision, s.meta.date.derivation) : 'undated',
              `${s.passages} passages, ${s.events} dated events`,
              ...(origins.has(s.meta.id) ? [origins.get(s.meta.id) as string] : []),
            ].join(' · '),
          )}`,
          L.embedFieldValue - read(s.meta.id).length,
        )}${read(s.meta.id)}`,
      })),
    );
  const index = readerLink(readerUrl, READER_INDEX);
  return message([(index ? embed.setURL(index) : embed).toJSON()], [], ephemeral);
}

/** A command's lines in the help: how to call it (its options, from its definition) and what it does. */
function helpLines(command: CommandModule): string[] {
  const said = (help: string | undefined, description: string | undefined): string => help ?? description ?? '';
  const definition = command.definition;
  if ('subcommands' in command) {
    // A subcommand with an empty help is not listed (help itself).
    return command.subcommands
      .filter((sub) => sub.help !== '')
      .map((sub) => {
        const options = (sub.definition.options ?? []).filter((o) => o.name !== 'hide').map((o) => ` ${o.name}:`);
        return `\`/${definition.name} ${sub.definition.name}${options.join('')}\` ${said(sub.help, sub.definition.description)}`;
      });
  }
  const description = 'description' in definition ? definition.description : undefined;
  if (definition.type === ApplicationCommandType.Message)
    return [`Right-click a message → **Apps → ${definition.name}**: ${said(command.help, description)}`];
  return [`\`/${definition.name}\` ${said(command.help, description)}`];
}

/** What the bot can do: one line per command and subcommand, generated from their definitions. */
export function helpMessage(commands: readonly CommandModule[]): DiscordMessage {
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle('Peace Talks Bot')
    .setDescription(
      [
        'Answers about the history of the Russia–Ukraine peace talks, quoted from a small library of articles. ' +
          'Every answer says where it comes from (source · author · date · section ¶ · passage id).',
        '',
        ...commands.flatMap(helpLines),
        '',
        'Add `hide: True` to see a reply only yourself.',
        '',
        `Try: ${EXAMPLE_QUESTIONS.slice(0, 3)
          .map((q) => `\`${q}\``)
          .join(' · ')}`,
      ].join('\n'),
    )
    .toJSON();
  return message([embed], [], true);
}

/** Autocomplete choices within Discord's limits (25 choices, 100 characters each), without duplicates. */
export function autocompleteChoices(
  items: ReadonlyArray<string | { name: string; value: string }>,
): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>();
  const out: APIApplicationCommandOptionChoice<string>[] = [];
  for (const item of items) {
    const { name, value } = typeof item === 'string' ? { name: item, value: item } : item;
    const v = clamp(value.replace(/\s+/g, ' ').trim(), L.choiceValue);
    if (!v || seen.has(v)) continue;
    seen.add(v);
    out.push({ name: clamp(name.replace(/\s+/g, ' ').trim(), L.choiceName), value: v });
    if (out.length === L.autocompleteChoices) break;
  }
  return out;
}

/** A draft's preview, privately, with Add, Edit details and Cancel: nothing is stored until Add. */
export function libraryPreviewMessage(
  p: Preview,
  buttons: { add: string; edit: string; cancel: string },
  content?: string,
): DiscordMessage {
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle(clamp(safeText(`Preview: ${p.meta.title}`), L.embedTitle))
    .setDescription(clamp(`First passage:\n> ${safeText(oneLine(p.firstPassage, 600))}`, L.embedDescription))
    .addFields(
      previewFacts(p).map(([name, value]) => ({ name, value: clamp(safeText(value), L.embedFieldValue), inline: name !== 'Title' })),
    );
  if (p.warnings.length > 0) {
    embed.addFields({ name: 'Warnings', value: clamp(p.warnings.map((w) => `• ${safeText(w)}`).join('\n'), L.embedFieldValue) });
  }
  const row = buttonRow([
    button(buttons.add, 'Add to the library', ButtonStyle.Success),
    button(buttons.edit, 'Edit details', ButtonStyle.Secondary),
    button(buttons.cancel, 'Cancel', ButtonStyle.Secondary),
  ]);
  return message([embed.toJSON()], [row], true, content ?? 'Preview — only you can see it. Nothing is added until you press Add.');
}

/** The library, each source with where it came from (the first 25; `talks library list` shows all). */
export function libraryListMessage(list: readonly Listed[], ephemeral: boolean): DiscordMessage {
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle('The library')
    .setDescription(
      clamp(`${list.length} sources.${list.length > L.embedFields ? ` The first ${L.embedFields}:` : ''}`, L.embedDescription),
    )
    .addFields(
      list.slice(0, L.embedFields).map((l) => ({
        name: clamp(formatListedTitle(l.meta), L.embedFieldName),
        value: clamp(`\`${l.meta.id}\` · ${safeText(`${originNote(l)} · ${l.passages} passages`)}`, L.embedFieldValue),
      })),
    );
  return message([embed.toJSON()], [], ephemeral);
}

/** The form for a source's details, filled with what is known: title, authors, outlet, date, URL. */
export function detailsModal(
  customId: string,
  title: string,
  values: { title: string; authors: string; outlet: string; date: string; url: string },
): APIModalInteractionResponseCallbackData {
  const input = (
    id: keyof typeof values,
    label: string,
    max: number,
    style = TextInputStyle.Short,
    required = false,
  ): ActionRowBuilder<TextInputBuilder> =>
    new ActionRowBuilder<TextInputBuilder>().addComponents(
      new TextInputBuilder()
        .setCustomId(id)
        .setLabel(label)
        .setStyle(style)
        .setRequired(required)
        .setMaxLength(max)
        .setValue(values[id].slice(0, max)),
    );
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle(clamp(title, 45))
    .addComponents(
      input('title', 'Title', DETAIL_LIMITS.title, TextInputStyle.Paragraph, true),
      input('authors', 'Authors (comma-separated)', DETAIL_LIMITS.authors),
      input('outlet', 'Outlet', DETAIL_LIMITS.outlet),
      input('date', 'Date (2026-02-14, Feb 2026, 2026)', DETAIL_LIMITS.date),
      input('url', 'Original URL', DETAIL_LIMITS.url),
    )
    .toJSON();
}

/** A passage offered to a moderator to confirm: where it is, and how it begins. */
export interface PassageChoice {
  citation: Citation;
  opening: string;
}

/** What to say of a passage in one line: its article and paragraph, then its first words. */
export function passageChoiceLine(choice: PassageChoice): string {
  return `${choice.citation.title} · ${formatParagraph(choice.citation)} — ${oneLine(choice.opening, 200)}`;
}

/**
 * A moderator's private choice of the passage that answers a question: the best passages for it, each a button.
 * The question rides in the footer, as a search reply's does, so the pick reads it back.
 */
export function confirmPromptMessage(question: string, choices: readonly PassageChoice[], pick: (i: number) => string): DiscordMessage {
  const lines = choices.map(
    (c, i) => `**${i + 1}.** ${safeText(`${c.citation.title} · ${formatParagraph(c.citation)}`)}\n> ${safeText(oneLine(c.opening, 200))}`,
  );
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle('Which passage answers this question?')
    .setDescription(
      clamp(
        `**Question:** ${safeText(oneLine(question, 300))}\n\n${lines.join('\n\n') || 'No passage matches it.'}\n\n` +
          'Confirming one teaches the bot: a later question worded alike finds it. ' +
          'Not listed? Use `/library confirm` and pick the passage from its list.',
        L.embedDescription,
      ),
    )
    .setFooter({ text: clamp(queryFooter(question), L.embedFooter) });
  const rows = choices.length > 0 ? [buttonRow(choices.map((_, i) => button(pick(i), `Confirm ${i + 1}`, ButtonStyle.Primary)))] : [];
  return message([embed.toJSON()], rows, true);
}

/** A confirmation as listed: the question, the passage it was confirmed for (null when it left the library), who and when. */
export interface ListedConfirmation {
  id: string;
  question: string;
  passage: PassageChoice | null;
  passageId: string;
  by: string;
  at: number;
}

/** Every confirmation, newest first (the first 25 shown), each with the id `/library confirmations remove:` takes. */
export function confirmationsMessage(list: readonly ListedConfirmation[]): DiscordMessage {
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle('Confirmed answers')
    .setDescription(
      clamp(
        list.length === 0
          ? 'No passage is confirmed yet. Moderators confirm one with `/library confirm`, or with **Apps → Confirm passage** on an answer.'
          : `${list.length} confirmed.${list.length > L.embedFields ? ` The newest ${L.embedFields}:` : ''} ` +
              'Withdraw one with `/library confirmations remove:`.',
        L.embedDescription,
      ),
    )
    .addFields(
      list.slice(0, L.embedFields).map((c) => ({
        name: clamp(safeText(oneLine(`“${c.question}”`, 200)), L.embedFieldName),
        value: clamp(
          `${safeText(c.passage ? passageChoiceLine(c.passage) : `${c.passageId} (no longer in the library)`)}\n` +
            `by ${safeText(c.by)}, ${new Date(c.at).toISOString().slice(0, 10)} · \`${c.id}\``,
          L.embedFieldValue,
        ),
      })),
    );
  return message([embed.toJSON()], [], true);
}
