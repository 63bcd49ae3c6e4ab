/** The one truncate (src/core/truncate.ts). */
import { describe, expect, it } from 'vitest';
import { truncate } from '../../src/core/truncate.js';

describe('truncate', () => {
  it('leaves text that fits as it is', () => {
    expect(truncate('grain deal', 10)).toBe('grain deal');
  });

  it('cuts at the last word break within the room, the "…" counted, and drops what dangles', () => {
    expect(truncate('The grain deal, signed in July, held', 20)).toBe('The grain deal…');
    expect(truncate('The grain deal, signed in July, held', 20).length).toBeLessThanOrEqual(20);
    expect(truncate('one two three four five', 14)).toBe('one two three…');
  });

  it('cuts inside a word when the last break would waste most of the room', () => {
    expect(truncate('a Zaporizhzhia', 10)).toBe('a Zaporiz…');
    expect(truncate('x'.repeat(50), 11)).toBe(`${'x'.repeat(10)}…`);
  });
});
