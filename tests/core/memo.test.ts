/** Bounded memories (src/core/memo.ts): each value computed once while held, and never more than `size` held. */
import { describe, expect, it } from 'vitest';
import { memoize, memoizeWeak } from '../../src/core/memo.js';

interface Key {
  k: string;
}
type Make = (size: number, compute: (key: Key) => string) => (key: Key) => string;
const makers: Array<[string, Make]> = [
  ['memoize', (size, compute) => memoize(size, compute)],
  ['memoizeWeak', (size, compute) => memoizeWeak(size, compute)],
];

describe.each(makers)('%s', (_name, make) => {
  it('computes a key once while it is held, and starts again past its size', () => {
    const computed: string[] = [];
    const a: Key = { k: 'a' };
    const b: Key = { k: 'b' };
    const c: Key = { k: 'c' };
    const remembered = make(2, (key) => {
      computed.push(key.k);
      return key.k.toUpperCase();
    });
    expect([remembered(a), remembered(a)]).toEqual(['A', 'A']);
    remembered(b);
    expect(computed).toEqual(['a', 'b']);
    // A third key: the memory (full at two) starts again, so the first is computed anew.
    remembered(c);
    remembered(a);
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
