/** Terminal rendering: wrapped, optionally coloured text for people at a shell. */
import { styleText } from 'node:util';
import wrapAnsi from 'wrap-ansi';
import type { SourceSummary } from '../core/sources-list.js';
import { articleLink, citationLink, eventLinks, footnoteLinks } from '../core/reader.js';
import type { SearchAnswer, SearchResult } from '../core/search.js';
import type { SummaryAnswer } from '../core/summary/index.js';
import type { TimelineAnswer } from '../core/timeline.js';
import type { Range } from '../core/types.js';
import type { Listed, Preview } from '../library/manage.js';
import {
  aboutSource,
  citationParts,
  formatByline,
  formatCitation,
  formatListedTitle,
  formatSourceDate,
  formatEventDate,
  formatParagraph,
  matchNote,
  confirmedNote,
  nothingAboutNote,
  nothingNote,
  oneLine,
  originNote,
  previewFacts,
  scopeNote,
  summaryQuote,
  topicNote,
} from './format.js';

export interface TerminalStyle {
  color: boolean;
  /** Wrap width in columns. */
  width: number;
}

type Format = Parameters<typeof styleText>[0];

function paint(style: TerminalStyle, format: Format, text: string): string {
  return style.color ? styleText(format, text) : text;
}

/** Whether to colour output: only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function detectStyle(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): TerminalStyle {
  const color = Boolean(stream.isTTY) && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb';
  const width = Math.max(40, Math.min(100, (stream.columns ?? 80) - 2));
  return { color, width };
}

function highlight(text: string, ranges: readonly Range[], style: TerminalStyle): string {
  if (!style.color) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += text.slice(at, s) + paint(style, ['bold', 'yellow'], text.slice(s, e));
    at = e;
  }
  return out + text.slice(at);
}

/** A reader link on its own line, never wrapped (a broken URL does not open). */
function linkLine(style: TerminalStyle, prefix: string, url: string | undefined): string[] {
  return url ? [`${prefix}${paint(style, 'underline', url)}`] : [];
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** "Try, for example:" and three searches to copy, after a refused or fruitless question. */
export function renderExamples(examples: readonly string[]): string {
  return ['Try, for example:', ...examples.slice(0, 3).map((q) => `  talks search "${q}"`)].join('\n');
}

/** Under a quote a moderator's confirmation ranked: why it is there. */
function confirmedLines(style: TerminalStyle, result: SearchResult): string[] {
  const note = confirmedNote(result);
  return note ? [paint(style, 'dim', indent(wrapAnsi(`✓ ${note}`, style.width - 4, { hard: true }), '   '))] : [];
}

export function renderSearchTerminal(answer: SearchAnswer, style: TerminalStyle, readerUrl?: string): string {
  const lines: string[] = [];
  if (answer.kind === 'invalid') return `${answer.message}\n\n${renderExamples(answer.examples)}`;
  if (answer.kind === 'no-results') {
    lines.push(nothingNote(answer));
    if (answer.didYouMean) lines.push(`Did you mean: ${paint(style, 'bold', answer.didYouMean)}?`);
    lines.push('', renderExamples(answer.examples));
    return lines.join('\n');
  }
  for (const card of answer.about ?? []) lines.push(wrapAnsi(aboutSource(card), style.width, { hard: true }), '');
  const scope = scopeNote(answer.scope);
  if (scope) lines.push(paint(style, 'dim', scope), '');
  const note = matchNote(answer);
  if (note) {
    // A low answer says so in plain type: it is the first thing a reader must know about these quotes.
    lines.push(answer.confidence === 'low' ? paint(style, 'yellow', note) : paint(style, 'dim', note));
    if (answer.didYouMean && answer.unmatched.length > 0) lines.push(paint(style, 'dim', `Did you mean: ${answer.didYouMean}?`));
    lines.push('');
  }
  for (const [i, r] of answer.results.entries()) {
    const number = paint(style, 'cyan', `${i + 1}.`);
    const quote = wrapAnsi(
      `“${highlight(
        r.excerpt,
        r.highlights.map(([s, e]) => [s, e] as Range),
        style,
      )}”`,
      style.width - 4,
      { hard: true },
    );
    const cite = wrapAnsi(`— ${citationParts(r.citation).join(' · ')}`, style.width - 4, { hard: true });
    lines.push(
      `${number} ${indent(quote, '   ').trimStart()}`,
      paint(style, 'dim', indent(cite, '   ')),
      ...confirmedLines(style, r),
      ...linkLine(style, '   ', citationLink(readerUrl, r.citation, [r.excerpt])),
      '',
    );
  }
  return lines.join('\n').trimEnd();
}

export function renderTimelineTerminal(answer: TimelineAnswer, style: TerminalStyle, readerUrl?: string): string {
  const scope = [
    answer.topic ? `about “${answer.topic}”` : null,
    answer.from ? `from ${answer.from}` : null,
    answer.to ? `to ${answer.to}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  if (answer.match?.found === false && answer.topic) return nothingAboutNote(answer.topic, answer.match.unmatched);
  if (answer.events.length === 0) {
    return `No dated events ${scope || 'in the library'}. Try a broader topic or date range, e.g. talks timeline "grain deal".`;
  }
  const lines = [paint(style, 'bold', `Timeline${scope ? ` ${scope}` : ''}`), ...topicLines(style, answer.match?.unmatched)];
  for (const e of answer.events) {
    const date = paint(style, 'cyan', formatEventDate(e));
    const where = e.citations.map((c) => `${c.sourceId} ${formatParagraph(c)}`).join('; ');
    const line = `${date} — ${oneLine(e.text)} ${paint(style, 'dim', `[${where}]`)}`;
    lines.push(wrapAnsi(line, style.width - 4, { hard: true }).replace(/\n/g, '\n    '));
    for (const url of eventLinks(readerUrl, e)) lines.push(...linkLine(style, '    ', url));
  }
  if (answer.more > 0) lines.push(paint(style, 'dim', `+${answer.more} more (use --limit or narrow by topic or dates)`));
  return lines.join('\n');
}

/** Under a title, the words of its topic no passage mentions, as a search says them. */
function topicLines(style: TerminalStyle, unmatched: readonly string[] | undefined): string[] {
  const note = topicNote(unmatched);
  return note ? [paint(style, 'dim', wrapAnsi(note, style.width, { hard: true }))] : [];
}

export function renderSummaryTerminal(answer: SummaryAnswer, style: TerminalStyle, readerUrl?: string): string {
  if (answer.kind === 'no-results') return nothingAboutNote(answer.topic, answer.unmatched);
  if (answer.kind !== 'summary') return answer.message;
  const body = answer.sentences
    .map((s) => summaryQuote(s, { differ: paint(style, 'yellow', '(sources differ) '), mark: (n) => paint(style, 'cyan', `[${n}]`) }))
    .join('\n');
  const list = answer.sources.map((c, i) => wrapAnsi(`[${i + 1}] ${formatCitation(c)}`, style.width, { hard: true }));
  const links = footnoteLinks(readerUrl, answer);
  // With a reader, each footnote is followed by its link (kept out of the dimmed text).
  const footnotes = readerUrl
    ? list.map((l, i) => [paint(style, 'dim', l), ...linkLine(style, '    ', links[i])].join('\n'))
    : [paint(style, 'dim', list.join('\n'))];
  return [
    paint(style, 'bold', `Summary: ${answer.topic}`),
    ...topicLines(style, answer.unmatched),
    wrapAnsi(body, style.width, { hard: true }),
    '',
    ...footnotes,
  ].join('\n');
}

export function renderSourcesTerminal(sources: readonly SourceSummary[], style: TerminalStyle, readerUrl?: string): string {
  const lines: string[] = [];
  for (const s of sources) {
    const m = s.meta;
    lines.push(paint(style, 'bold', formatListedTitle(m)));
    const facts = [
      m.id,
      formatByline(m),
      ...(m.publication ? [m.publication] : []),
      m.date ? formatSourceDate(m.date.value, m.date.precision, m.date.derivation) : 'undated',
      `${s.paragraphs} paragraphs, ${s.passages} passages, ${s.events} dated events`,
    ];
    lines.push(
      paint(style, 'dim', wrapAnsi(facts.join(' · '), style.width - 2, { hard: true }).replace(/^/gm, '  ')),
      ...linkLine(style, '  ', articleLink(readerUrl, m.id)),
      '',
    );
  }
  return lines.join('\n').trimEnd();
}

/** A draft's preview: its record, what it gives, its first passage, and each warning. */
export function renderPreviewTerminal(p: Preview, style: TerminalStyle): string {
  const facts = previewFacts(p).map(([label, value]) => `${paint(style, 'dim', `${label}:`.padEnd(8))}${value}`);
  const first = wrapAnsi(p.firstPassage, style.width - 4, { hard: true }).replace(/^/gm, '  > ');
  const warnings = p.warnings.map((w) => paint(style, 'yellow', `  ! ${w}`));
  return [...facts, '', 'First passage:', first, ...(warnings.length > 0 ? ['', 'Warnings:', ...warnings] : [])].join('\n');
}

/** The library: each source with where it came from. */
export function renderLibraryTerminal(list: readonly Listed[], style: TerminalStyle): string {
  return list
    .map((l) => {
      const origin = paint(style, 'dim', `  ${originNote(l)} · ${l.passages} passages`);
      return `${paint(style, 'bold', l.meta.id)}  ${formatListedTitle(l.meta)}\n${origin}`;
    })
    .join('\n');
}
