/** Posting lists (src/core/postings.ts): one byte array of id gaps and frequencies, read as read-only maps in any order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postingBytes, PostingPool } from '../../src/core/postings.js';
import { encodePostings } from '../../src/core/snapshot.js';

describe('posting lists', () => {
  it('reads posting lists back as read-only maps from short id to frequency', () => {
    const entry = fc.dictionary(fc.nat({ max: 10_000_000 }).map(String), fc.integer({ min: 1, max: 70_000 }), { minKeys: 1 });
    fc.assert(
      fc.property(entry, fc.nat({ max: 10_000_001 }), (e, probe) => {
        const expected = new Map(Object.entries(e).map(([k, v]) => [Number(k), v]));
        // Sized exactly: another list before it in the pool, then this one.
        const pool = new PostingPool(postingBytes({ 1: 1, 2: 3 }) + postingBytes(e));
        pool.decode('1,1:3');
        const list = pool.decode(encodePostings(e));
        expect(list.size).toBe(expected.size);
        expect([...list.keys()]).toEqual([...expected.keys()].sort((a, b) => a - b));
        expect(new Map(list)).toEqual(expected);
        // forEach (what scoring walks) gives the same postings, in id order, as (frequency, id) like a Map's.
        const walked: Array<[number, number]> = [];
        list.forEach((frequency, id) => walked.push([id, frequency]));
        expect(walked).toEqual([...expected].sort((a, b) => a[0] - b[0]));
        for (const id of list.keys()) expect(list.get(id)).toBe(expected.get(id));
        // Any order, not only the one MiniSearch's scoring uses.
        const fresh = new PostingPool(postingBytes(e)).decode(encodePostings(e));
        for (const id of [...expected.keys()].reverse()) expect(fresh.get(id)).toBe(expected.get(id));
        expect(list.get(probe)).toBe(expected.get(probe));
        expect(list.has(probe)).toBe(expected.has(probe));
      }),
    );
    const list = new PostingPool(1).decode('5');
    expect([...list]).toEqual([[5, 1]]);
    expect(() => list.set()).toThrow(/read-only/);
    expect([...new PostingPool(0).decode('')]).toEqual([]);
    expect(postingBytes({})).toBe(0);
    expect(() => new PostingPool(1).decode('5,6')).toThrow(/more postings/);
    expect(() => new PostingPool(2).decode('5;')).toThrow(/damaged/);
  });
});
