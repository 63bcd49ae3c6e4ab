/**
 * The moderators' feedback report (`src/feedback/report.ts`) as Discord pages, a CSV file and terminal text. What
 * members typed is shown inert everywhere: markdown escaped and mentions defused in Discord (`safeText`), control
 * characters dropped at the terminal, and in the CSV a cell a spreadsheet would run as a formula (= + - @, tab, CR)
 * is written as text.
 */
import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from '@discordjs/builders';
import { ButtonStyle, MessageFlags } from 'discord-api-types/v10';
import type { Report } from '../feedback/report.js';
import { DISCORD_LIMITS as L } from '../interactions/limits.js';
import { clamp, NO_MENTIONS, type DiscordMessage, type ReplyFile } from '../interactions/message.js';
import { safeText } from './discord.js';
import { oneLine } from './format.js';

/** Rows on one page of the report in Discord (each low, none or not-asked row may carry a Confirm button: two rows of five). */
export const REPORT_ROWS_PER_PAGE = 10;
/** A question as one report line: long ones cut. */
const QUESTION_CHARS = 140;
const COLOR = 0x2b6cb0;

interface ReportLine {
  text: string;
  /** The answer a moderator may confirm from this row (low, none, not asked). */
  answerId?: string;
}

interface ReportSection {
  title: string;
  lines: ReportLine[];
}

const quoted = (question: string): string => `“${safeText(oneLine(question, QUESTION_CHARS))}”`;
const times = (n: number): string => (n === 1 ? 'once' : `${n}×`);

function sections(report: Report): ReportSection[] {
  return [
    { title: 'Most asked', lines: report.mostAsked.map((r) => ({ text: `${times(r.count)} — ${quoted(r.question)}` })) },
    {
      title: 'Answered with low confidence or nothing',
      lines: report.unsure.map((r) => ({
        text: `${r.confidence === 'none' ? 'nothing found' : 'low confidence'}, ${times(r.count)} — ${quoted(r.question)}`,
        answerId: r.answerId,
      })),
    },
    {
      title: 'Rated Not what I asked',
      lines: report.notAskedRows.map((r) => ({
        text: `${r.notAsked} not what I asked, ${r.helpful} helpful — ${quoted(r.question)}`,
        answerId: r.answerId,
      })),
    },
    { title: 'Sources cited', lines: report.sources.map((s) => ({ text: `${s.citations} — ${safeText(s.sourceId)}` })) },
  ];
}

/** The report's pages: each section in pages of REPORT_ROWS_PER_PAGE (an empty section is one page saying so). */
function reportPages(report: Report): Array<{ title: string; lines: ReportLine[] }> {
  return sections(report).flatMap((s) => {
    const count = Math.max(1, Math.ceil(s.lines.length / REPORT_ROWS_PER_PAGE));
    return Array.from({ length: count }, (_, i) => ({
      title: count > 1 ? `${s.title} (${i + 1}/${count})` : s.title,
      lines: s.lines.slice(i * REPORT_ROWS_PER_PAGE, (i + 1) * REPORT_ROWS_PER_PAGE),
    }));
  });
}

/** "1 answer", "2 answers". */
const answersCount = (n: number): string => `${n} answer${n === 1 ? '' : 's'}`;

function reportTotals(report: Report): string {
  return `${answersCount(report.answers)} · ${report.helpful} rated helpful · ${report.notAsked} rated not what I asked`;
}

function reportHeading(report: Report): string {
  return `Feedback, last ${report.days} day${report.days === 1 ? '' : 's'}`;
}

/** What an empty report says, everywhere. */
function emptyReportNote(report: Report): string {
  return `No answers were recorded in the last ${report.days} day${report.days === 1 ? '' : 's'}: nothing to report.`;
}

export interface ReportButtons {
  page: (page: number) => string;
  /** Present when moderators can confirm a passage from the report. */
  confirm?: (answerId: string) => string;
}

function button(customId: string, label: string, disabled = false): ButtonBuilder {
  return new ButtonBuilder()
    .setCustomId(customId)
    .setLabel(clamp(label, L.buttonLabel))
    .setStyle(ButtonStyle.Secondary)
    .setDisabled(disabled);
}

/** One page of the report, private to the moderator; the CSV rides along when given (the first page). */
export function reportMessage(report: Report, page: number, buttons: ReportButtons, csv?: ReplyFile): DiscordMessage {
  const base = { allowed_mentions: NO_MENTIONS, flags: MessageFlags.Ephemeral as const };
  if (report.answers === 0) return { ...base, content: emptyReportNote(report), embeds: [], components: [] };
  const pages = reportPages(report);
  const at = Math.min(Math.max(0, page), pages.length - 1);
  const shown = pages[at] ?? { title: '', lines: [] };
  const numbered = shown.lines.map((l, i) => `${l.answerId && buttons.confirm ? `**${i + 1}.** ` : ''}${l.text}`);
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle(clamp(`${reportHeading(report)} — ${shown.title}`, L.embedTitle))
    .setDescription(clamp(numbered.length > 0 ? numbered.join('\n') : 'None.', L.embedDescription))
    .setFooter({ text: clamp(`${reportTotals(report)} · page ${at + 1} of ${pages.length}`, L.embedFooter) })
    .toJSON();
  const rows: DiscordMessage['components'] = [];
  const confirm = buttons.confirm;
  const confirmable = confirm ? shown.lines.flatMap((l, i) => (l.answerId ? [button(confirm(l.answerId), `Confirm ${i + 1}`)] : [])) : [];
  for (let i = 0; i < confirmable.length; i += L.buttonsPerRow) {
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(confirmable.slice(i, i + L.buttonsPerRow)).toJSON());
  }
  if (pages.length > 1) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>()
        .addComponents(button(buttons.page(at - 1), '◀ Prev', at === 0), button(buttons.page(at + 1), 'Next ▶', at >= pages.length - 1))
        .toJSON(),
    );
  }
  return { ...base, embeds: [embed], components: rows, ...(csv ? { files: [csv] } : {}) };
}

/** A CSV cell: quoted, its quotes doubled; one a spreadsheet would run (= + - @, tab, CR first) starts with ' instead. */
export function csvCell(value: string | number): string {
  const text = String(value);
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
}

const CSV_COLUMNS = ['section', 'question', 'source', 'count', 'confidence', 'helpful', 'not_asked', 'answer_id'];

/** The whole report, one row per line of every section (RFC 4180: CRLF, every cell quoted). */
export function reportCsv(report: Report): string {
  const rows: Array<Array<string | number>> = [CSV_COLUMNS];
  for (const r of report.mostAsked) rows.push(['most asked', r.question, '', r.count, '', '', '', r.answerId]);
  for (const r of report.unsure) rows.push(['low confidence or nothing', r.question, '', r.count, r.confidence, '', '', r.answerId]);
  for (const r of report.notAskedRows) rows.push(['not what I asked', r.question, '', r.count, '', r.helpful, r.notAsked, r.answerId]);
  for (const s of report.sources) rows.push(['source cited', '', s.sourceId, s.citations, '', '', '', '']);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The CSV as the file a reply carries. */
export function reportFile(report: Report): ReplyFile {
  return {
    name: `feedback-report-${report.days}d.csv`,
    contentType: 'text/csv; charset=utf-8',
    data: Buffer.from(reportCsv(report), 'utf8'),
    description: reportHeading(report),
  };
}

/** Members' words at a terminal: no control characters (an escape sequence would repaint the moderator's screen). */
function plain(text: string, max = QUESTION_CHARS): string {
  // eslint-disable-next-line no-control-regex
  return oneLine(text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '), max);
}

/** The report as text for `talks report`. */
export function reportTerminal(report: Report): string {
  if (report.answers === 0) return emptyReportNote(report);
  const out = [
    `${reportHeading(report)}: ${answersCount(report.answers)}, ${report.helpful} rated helpful, ${report.notAsked} not what I asked`,
  ];
  const block = (title: string, lines: string[]): void => {
    out.push('', `${title}:`, ...(lines.length > 0 ? lines.map((l) => `  ${l}`) : ['  none']));
  };
  block(
    'Most asked',
    report.mostAsked.map((r) => `${times(r.count)}  “${plain(r.question)}”`),
  );
  block(
    'Answered with low confidence or nothing',
    report.unsure.map(
      (r) => `${r.confidence === 'none' ? 'nothing' : 'low'}, ${times(r.count)}  “${plain(r.question)}”  (answer ${r.answerId})`,
    ),
  );
  block(
    'Rated Not what I asked',
    report.notAskedRows.map((r) => `${r.notAsked} not asked, ${r.helpful} helpful  “${plain(r.question)}”  (answer ${r.answerId})`),
  );
  block(
    'Sources cited',
    report.sources.map((s) => `${s.citations}  ${plain(s.sourceId, 80)}`),
  );
  return out.join('\n');
}
