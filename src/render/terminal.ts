/** Terminal rendering: wrapped, optionally coloured text for people at a shell. */
import { styleText } from 'node:util';
import wrapAnsi from 'wrap-ansi';
import { citationParts } from '../core/format.js';
import type { SearchAnswer } from '../core/search.js';
import type { Range } from '../core/types.js';

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

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

export function renderSearchTerminal(answer: SearchAnswer, style: TerminalStyle): string {
  const lines: string[] = [];
  if (answer.kind === 'invalid') {
    lines.push(answer.message, '', 'Try, for example:');
    for (const q of answer.examples.slice(0, 3)) lines.push(`  talks search "${q}"`);
    return lines.join('\n');
  }
  if (answer.kind === 'no-results') {
    lines.push(`Nothing in the library matches “${answer.query}”.`);
    if (answer.didYouMean) lines.push(`Did you mean: ${paint(style, 'bold', answer.didYouMean)}?`);
    lines.push('', 'Try, for example:');
    for (const q of answer.examples.slice(0, 3)) lines.push(`  talks search "${q}"`);
    return lines.join('\n');
  }
  if (answer.unmatched.length > 0) {
    const note = `No passage mentions ${answer.unmatched.map((w) => `“${w}”`).join(', ')}; showing the closest matches.`;
    lines.push(paint(style, 'dim', note));
    if (answer.didYouMean) lines.push(paint(style, 'dim', `Did you mean: ${answer.didYouMean}?`));
    lines.push('');
  }
  for (const [i, r] of answer.results.entries()) {
    const number = paint(style, 'cyan', `${i + 1}.`);
    const quote = wrapAnsi(`“${highlight(r.excerpt, r.highlights.map(([s, e]) => [s, e] as Range), style)}”`, style.width - 4, { hard: true });
    const cite = wrapAnsi(`— ${citationParts(r.citation).join(' · ')}`, style.width - 4, { hard: true });
    lines.push(`${number} ${indent(quote, '   ').trimStart()}`, paint(style, 'dim', indent(cite, '   ')), '');
  }
  return lines.join('\n').trimEnd();
}
