/** The replay memory of the HTTP endpoint: the last N signatures, the oldest forgotten first. */
import { describe, expect, it } from 'vitest';
import { RecentKeys } from '../src/http/recent.js';

describe('RecentKeys', () => {
  it('holds what was added, up to its capacity, forgetting the oldest first', () => {
    const r = new RecentKeys(3);
    for (const k of ['a', 'b', 'c']) r.add(k);
    expect(['a', 'b', 'c'].map((k) => r.has(k))).toEqual([true, true, true]);
    r.add('d');
    expect(r.has('a')).toBe(false);
    expect(['b', 'c', 'd'].map((k) => r.has(k))).toEqual([true, true, true]);
    expect(r.size).toBe(3);
    // Adding a key already held changes nothing, as re-setting a Map key kept its place.
    r.add('b');
    r.add('e');
    expect(['b', 'c', 'd', 'e'].map((k) => r.has(k))).toEqual([false, true, true, true]);
  });

  it('matches a Map used as a queue over a long run, and stays at its capacity', () => {
    const r = new RecentKeys(1000);
    const model = new Map<string, true>();
    for (let i = 0; i < 25_000; i++) {
      const key = `k${(i * 7919) % 4001}`;
      if (!model.has(key)) {
        model.set(key, true);
        if (model.size > 1000) model.delete(model.keys().next().value as string);
      }
      r.add(key);
      if (i % 97 === 0) for (const probe of [key, `k${i % 4001}`, `k${(i * 31) % 4001}`]) expect(r.has(probe), probe).toBe(model.has(probe));
    }
    expect(r.size).toBe(1000);
  });

  it('refuses a capacity below one', () => {
    expect(() => new RecentKeys(0)).toThrow(RangeError);
  });
});
