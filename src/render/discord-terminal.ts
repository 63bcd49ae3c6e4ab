/**
 * A Discord message drawn in a terminal, for the offline playground: content, embeds (markdown turned into
 * terminal bold, escapes removed) and buttons numbered so a person can press them by typing the number; a string
 * select's options are numbered the same way, under its placeholder, and typing one's number chooses it.
 */
import { styleText } from 'node:util';
import { ComponentType, MessageFlags, type APIButtonComponent, type APIEmbed, type APIStringSelectComponent } from 'discord-api-types/v10';
import wrapAnsi from 'wrap-ansi';
import type { TerminalStyle } from './terminal.js';

export interface PressableButton {
  number: number;
  label: string;
  customId: string;
  disabled: boolean;
  /** For an option of a string select (`customId`): the value choosing it sends. */
  choice?: string;
}

type Format = Parameters<typeof styleText>[0];

function paint(style: TerminalStyle, format: Format, text: string): string {
  return style.color ? styleText(format, text) : text;
}

/** A link a terminal can open: an OSC 8 hyperlink on the label where there is colour, else the label and the URL. */
function terminalLink(label: string, url: string, style: TerminalStyle): string {
  return style.color ? `\u001b]8;;${url}\u001b\\${label}\u001b]8;;\u001b\\` : `${label} <${url}>`;
}

/** A channel's name from its id, where the caller knows it (the playground's emulator does). */
export type ChannelNames = (channelId: string) => string | undefined;

/**
 * Discord markdown → terminal: **bold** to bold, [masked](links) to links, escapes removed, zero-width joiners
 * dropped, channels named.
 */
function markdownToTerminal(text: string, style: TerminalStyle, channelName: ChannelNames = () => undefined): string {
  return text
    .replace(/\[((?:\\.|[^\]\\])+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => terminalLink(label, url, style))
    .replace(/\*\*((?:\\\*|[^*])+)\*\*/g, (_m, inner: string) => paint(style, 'bold', inner))
    .replace(/(^|\s)\*((?:\\\*|[^*])+)\*/g, (_m, lead: string, inner: string) => lead + paint(style, 'italic', inner))
    .replace(/__((?:\\_|[^_])+)__/g, (_m, inner: string) => paint(style, 'underline', inner))
    .replace(/\\([\\`*_~|>#\-[\]()<@.!:])/g, '$1')
    .replace(/<#(\d+)>/g, (_m, id: string) => `#${channelName(id) ?? 'channel'}`)
    .replace(/<@[!&]?\d+>/g, '@someone')
    .replace(/\u200b/g, '');
}

function embedText(e: APIEmbed, style: TerminalStyle, width: number, channelName: ChannelNames): string {
  const lines: string[] = [];
  const bar = paint(style, 'blue', '┃ ');
  const push = (text: string): void => {
    // Long words are cut to fit, except links: a cut URL does not open.
    for (const line of wrapAnsi(text, width - 2, { hard: !text.includes('://') }).split('\n')) lines.push(bar + line);
  };
  if (e.title) push(paint(style, 'bold', e.title));
  // The title's link, on a line of its own: a wrapped URL would not open.
  if (e.url) lines.push(bar + paint(style, 'underline', e.url));
  if (e.description) for (const para of e.description.split('\n')) push(markdownToTerminal(para, style, channelName));
  for (const f of e.fields ?? []) {
    push(paint(style, 'bold', markdownToTerminal(f.name, style, channelName)));
    push(markdownToTerminal(f.value, style, channelName));
  }
  if (e.footer?.text) for (const l of e.footer.text.split('\n')) push(paint(style, 'dim', l));
  return lines.join('\n');
}

/** The message as terminal text, and its buttons numbered from `firstNumber`. */
export function renderDiscordMessage(
  message: { content?: string | null; embeds?: APIEmbed[]; components?: ReadonlyArray<unknown>; flags?: number | null },
  style: TerminalStyle,
  firstNumber = 1,
  channelName: ChannelNames = () => undefined,
): { text: string; buttons: PressableButton[] } {
  const parts: string[] = [];
  const ephemeral = ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  if (ephemeral) parts.push(paint(style, 'dim', '(only you can see this)'));
  if (message.content) parts.push(wrapAnsi(markdownToTerminal(message.content, style, channelName), style.width, { hard: true }));
  for (const e of message.embeds ?? []) parts.push(embedText(e, style, style.width, channelName));
  const buttons: PressableButton[] = [];
  const pressable = (b: PressableButton): string =>
    b.disabled ? paint(style, 'dim', `[${b.number}] ${b.label}`) : `${paint(style, 'cyan', `[${b.number}]`)} ${b.label}`;
  // Action rows of buttons or of one string select are all the bot sends; anything else is not drawn.
  const rows = (message.components ?? []).flatMap((row) => {
    const children = (row as { components?: unknown }).components;
    return Array.isArray(children) ? [children as Array<APIButtonComponent | APIStringSelectComponent>] : [];
  });
  // Link buttons open a page: shown with their URL, not numbered (there is nothing to press here).
  const links: string[] = [];
  for (const b of rows.flat()) {
    if (b.type !== ComponentType.Button) continue;
    if ('url' in b) links.push(`${paint(style, 'cyan', `[↗ ${b.label ?? 'Open'}]`)} ${b.url}`);
    if (!('custom_id' in b)) continue;
    buttons.push({ number: firstNumber + buttons.length, label: b.label ?? '', customId: b.custom_id, disabled: b.disabled === true });
  }
  const plain = buttons.length;
  // A menu's options are numbered after the buttons, so a button keeps its number whatever the menus offer.
  for (const select of rows.flat()) {
    if (select.type !== ComponentType.StringSelect) continue;
    const disabled = select.disabled === true;
    const options = select.options.map((o) => {
      const label = `${o.label}${o.description ? paint(style, 'dim', ` — ${o.description}`) : ''}`;
      const option = { number: firstNumber + buttons.length, label, customId: select.custom_id, disabled, choice: o.value };
      buttons.push(option);
      const lines = wrapAnsi(pressable(option), style.width - 6, { hard: true }).split('\n');
      return lines.map((l, i) => `${i === 0 ? '  ' : '      '}${l}`).join('\n');
    });
    parts.push([paint(style, 'bold', select.placeholder ?? 'Choose…'), ...options].join('\n'));
  }
  if (plain > 0) parts.push(buttons.slice(0, plain).map(pressable).join('  '));
  parts.push(...links);
  return { text: parts.join('\n'), buttons };
}
