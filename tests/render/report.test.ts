/**
 * The report as Discord pages, CSV and terminal text (src/render/report.ts): hostile questions stay inert in each —
 * no mention, no markdown, no formula a spreadsheet would run, no escape sequence at the terminal.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../src/feedback/report.js';
import type { AnswerWithVotes } from '../../src/feedback/store.js';
import { csvCell, reportCsv, reportMessage, reportTerminal, REPORT_ROWS_PER_PAGE } from '../../src/render/report.js';

const T0 = Date.UTC(2026, 5, 1);
const HOSTILE = `@everyone <@123456789012345678> **bold** [link](https://evil.example) \`code\` ${'# '.repeat(20)}${'x'.repeat(220)}`.slice(
  0,
  300,
);

function reportOf(questions: Array<[string, Partial<AnswerWithVotes>?]>): Report {
  const answers = questions.map(([question, over], i) => ({
    id: `answer${String(i).padStart(5, '0')}`,
    question,
    at: T0 + i,
    guildId: null,
    channelId: null,
    member: 'm',
    passages: ['jacobin-2022#p3'],
    confidence: 'low' as const,
    helpful: 0,
    notAsked: 1,
    ...over,
  }));
  return buildReport(answers, { days: 7, from: T0, to: T0 + 10_000 });
}

const buttons = { page: (n: number) => `library:reportpage:1400000000000000001:abc:7:${n}`, confirm: (id: string) => `c:${id}` };

describe('the report in Discord', () => {
  it('a hostile question is inert: mentions defused, markdown escaped, nothing pings', () => {
    const message = reportMessage(reportOf([[HOSTILE]]), 0, buttons);
    const text = JSON.stringify(message.embeds);
    expect(text).not.toContain('@everyone');
    expect(text).not.toContain('<@123456789012345678>');
    expect(text).not.toContain('**bold**');
    expect(text).toContain('\\\\*\\\\*bold\\\\*\\\\*');
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('pages each section, with a Confirm button per low, none or not-asked row', () => {
    const many = Array.from({ length: REPORT_ROWS_PER_PAGE + 2 }, (_, i): [string] => [`question ${i}`]);
    const report = reportOf(many);
    const first = reportMessage(report, 0, buttons);
    expect(first.embeds[0]?.title).toMatch(/Most asked \(1\/2\)/);
    expect(first.components.flatMap((r) => r.components).map((b) => (b as { label?: string }).label)).toEqual(['◀ Prev', 'Next ▶']);
    const unsure = reportMessage(report, 2, buttons);
    expect(unsure.embeds[0]?.title).toMatch(/low confidence or nothing \(1\/2\)/);
    const labels = unsure.components.flatMap((r) => r.components).map((b) => (b as { label?: string }).label);
    expect(labels.filter((l) => l?.startsWith('Confirm'))).toHaveLength(REPORT_ROWS_PER_PAGE);
  });

  it('an empty report says so, with no file', () => {
    const message = reportMessage(reportOf([]), 0, buttons);
    expect(message.content).toMatch(/No answers were recorded in the last 7 days/);
    expect(message.files).toBeUndefined();
  });
});

describe('the report as CSV', () => {
  it('a cell a spreadsheet would run is written as text; quotes are doubled', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}HYPERLINK("x")`)).toBe(`"'${lead}HYPERLINK(""x"")"`);
    expect(csvCell('plain "quoted"')).toBe('"plain ""quoted"""');
    expect(csvCell(3)).toBe('"3"');
  });

  it('holds every row of the report, the hostile question as text', () => {
    const csv = reportCsv(reportOf([['=cmd|calc!A0'], [HOSTILE]]));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('"section","question","source","count","confidence","helpful","not_asked","answer_id"');
    expect(csv).toContain(`"'=cmd|calc!A0"`);
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
    expect(lines.filter((l) => l.startsWith('"most asked"'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('"source cited"'))).toEqual(['"source cited","","jacobin-2022","2","","","",""']);
  });
});

describe('the report at the terminal', () => {
  it('drops control characters from what members typed', () => {
    const text = reportTerminal(reportOf([['\u001b[2Jcleared\u0007']]));
    expect(text).toContain('cleared');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});

describe('the report’s totals', () => {
  it('count one answer as one, and more as more, in Discord and at the terminal', () => {
    const one = reportOf([['grain deal']]);
    const two = reportOf([['grain deal'], ['minsk talks']]);
    const discord = (r: Report): string => JSON.stringify(reportMessage(r, 0, buttons));
    expect(discord(one)).toContain('1 answer ·');
    expect(discord(two)).toContain('2 answers ·');
    expect(reportTerminal(one)).toMatch(/: 1 answer, /);
    expect(reportTerminal(two)).toMatch(/: 2 answers, /);
  });
});
