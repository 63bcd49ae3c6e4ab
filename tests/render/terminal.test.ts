import { describe, expect, it } from 'vitest';
import { search } from '../../src/core/search.js';
import { detectStyle, renderSearchTerminal } from '../../src/render/terminal.js';
import { seedIndex } from '../support/seeds.js';

const tty = (isTTY: boolean, columns = 120) => ({ isTTY, columns }) as unknown as NodeJS.WriteStream;

describe('terminal rendering', () => {
  it('colours only a terminal, and never when NO_COLOR is set', () => {
    expect(detectStyle(tty(true), {}).color).toBe(true);
    expect(detectStyle(tty(true), { NO_COLOR: '1' }).color).toBe(false);
    expect(detectStyle(tty(false), {}).color).toBe(false);
    expect(detectStyle(tty(true), { TERM: 'dumb' }).color).toBe(false);
  });

  it('wraps to the width and highlights matches in colour', () => {
    const answer = search(seedIndex(), 'grain deal Odessa');
    const plain = renderSearchTerminal(answer, { color: false, width: 60 });
    for (const line of plain.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    const coloured = renderSearchTerminal(answer, { color: true, width: 60 });
    const ESC = String.fromCharCode(27);
    expect(coloured).toMatch(new RegExp(`${ESC}\\[1m${ESC}\\[33m(grain|deal|Odessa)`, 'i'));
    // Same words either way.
    expect(coloured.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '').replace(/\s+/g, ' ')).toBe(plain.replace(/\s+/g, ' '));
  });
});
