/** The memory behind replay protection and cooldowns: keys held until they expire, bounded, never fooled by a repeat. */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/stores/expiring.js';

describe('MemoryStore', () => {
  it('holds a key until it expires: add is true once, get sees it, then both forget it', () => {
    const m = new MemoryStore<number>(10);
    expect(m.add('a', 1, 1000, 0)).toBe(true);
    expect(m.add('a', 2, 5000, 10)).toBe(false);
    expect(m.get('a', 999)).toBe(1);
    expect(m.get('a', 1000)).toBeUndefined();
    expect(m.add('a', 3, 2000, 1000)).toBe(true);
    expect(m.get('a', 1500)).toBe(3);
    // Already expired when added: new, and nothing to hold.
    expect(m.add('b', 1, 900, 1000)).toBe(true);
    expect(m.get('b', 1000)).toBeUndefined();
  });

  it('replace writes only over the value it was given (or over nothing), atomically', () => {
    const m = new MemoryStore<{ n: number }>(10);
    expect(m.replace('k', undefined, { n: 1 }, 1000, 0)).toBe(true);
    expect(m.replace('k', undefined, { n: 2 }, 1000, 0)).toBe(false);
    const held = m.get('k', 10);
    expect(m.replace('k', { n: 1 }, { n: 3 }, 1000, 10)).toBe(false); // equal, but not the value held
    expect(m.replace('k', held, { n: 3 }, 2000, 10)).toBe(true);
    expect(m.replace('k', held, { n: 4 }, 2000, 20)).toBe(false); // already replaced by someone else
    expect(m.get('k', 1500)).toEqual({ n: 3 });
    // Expired counts as nothing held.
    expect(m.replace('k', undefined, { n: 5 }, 3000, 2000)).toBe(true);
  });

  it('set replaces the value and the expiry, either way', () => {
    const m = new MemoryStore<string>(10);
    m.set('k', 'one', 1000, 0);
    m.set('k', 'two', 3000, 500);
    expect(m.get('k', 2000)).toBe('two');
    m.set('k', 'three', 2500, 2000);
    expect(m.get('k', 2400)).toBe('three');
    expect(m.get('k', 2500)).toBeUndefined();
    m.set('k', 'gone', 100, 3000);
    expect(m.size).toBe(0);
  });

  it('when full, set forgets the entry expiring soonest (of equal ones, the least recently written)', () => {
    const m = new MemoryStore<number>(3);
    m.set('a', 1, 5000, 0);
    m.set('b', 2, 5000, 0);
    m.set('c', 3, 5000, 0);
    m.set('a', 4, 5000, 1); // a written again: now the most recent of the three
    m.set('d', 5, 5000, 2);
    expect(['a', 'b', 'c', 'd'].map((k) => m.get(k, 3))).toEqual([4, undefined, 3, 5]);
    expect(m.size).toBe(3);
  });

  it('a full memory never takes a repeat for new: replays stay refused at any rate, fresh keys still pass', () => {
    // 100 keys held, a 300-second window, 10,000 requests a second: the first key is forgotten after 0.01 s.
    const windowMs = 300_000;
    const m = new MemoryStore<true>(100);
    const expiry = (timestampMs: number): number => timestampMs + windowMs;
    let now = 1_000_000;
    const first = { key: 'sig-0', expiresAt: expiry(now) };
    expect(m.add(first.key, true, first.expiresAt, now)).toBe(true);
    let accepted = 1;
    for (let i = 1; i <= 10_000; i++) {
      now += 0.1;
      if (m.add(`sig-${i}`, true, expiry(now), now)) accepted++;
    }
    // Every genuine request, each a little newer than the last, was accepted.
    expect(accepted).toBe(10_001);
    expect(m.size).toBe(100);
    // The first was forgotten long ago, yet its replay is refused: it expires no later than what was dropped.
    expect(m.forgottenUntil).toBeGreaterThanOrEqual(first.expiresAt);
    expect(m.add(first.key, true, first.expiresAt, now)).toBe(false);
    // A replay of one still held is refused because it is held; a new request still passes.
    expect(m.add('sig-10000', true, expiry(now), now)).toBe(false);
    expect(m.add('sig-new', true, expiry(now + 1), now + 1)).toBe(true);
  });

  it('a full memory refuses a new key that would expire no later than every key it holds, and forgets none for it', () => {
    const m = new MemoryStore<true>(2);
    expect(m.add('a', true, 5000, 0)).toBe(true);
    expect(m.add('b', true, 6000, 0)).toBe(true);
    expect(m.add('c', true, 5000, 0)).toBe(false);
    expect(m.forgottenUntil).toBe(-Infinity);
    expect(m.add('d', true, 7000, 0)).toBe(true);
    expect(m.get('a', 0)).toBeUndefined();
    expect(m.forgottenUntil).toBe(5000);
    // Room again once entries expire: nothing live is forgotten for it, and the floor stays where it was.
    expect(m.add('e', true, 8000, 6000)).toBe(true);
    expect(m.forgottenUntil).toBe(5000);
  });

  it('matches a plain model (every entry scanned) over a long random run', () => {
    interface E {
      value: number;
      expiresAt: number;
      seq: number;
    }
    const capacity = 40;
    const model = new Map<string, E>();
    let floor = -Infinity;
    let seq = 0;
    const expire = (now: number): void => {
      for (const [k, e] of model) if (e.expiresAt <= now) model.delete(k);
    };
    const soonest = (): [string, E] =>
      [...model].reduce((a, b) => (b[1].expiresAt < a[1].expiresAt || (b[1].expiresAt === a[1].expiresAt && b[1].seq < a[1].seq) ? b : a));
    const forget = (): void => {
      const [k, e] = soonest();
      floor = Math.max(floor, e.expiresAt);
      model.delete(k);
    };
    const modelAdd = (key: string, value: number, expiresAt: number, now: number): boolean => {
      expire(now);
      if (model.has(key) || expiresAt <= floor) return false;
      if (expiresAt <= now) return true;
      if (model.size >= capacity) {
        if (expiresAt <= soonest()[1].expiresAt) return false;
        forget();
      }
      model.set(key, { value, expiresAt, seq: seq++ });
      return true;
    };
    const modelSet = (key: string, value: number, expiresAt: number, now: number): void => {
      expire(now);
      if (model.has(key)) {
        if (expiresAt <= now) model.delete(key);
        else model.set(key, { value, expiresAt, seq: seq++ });
        return;
      }
      if (expiresAt <= now) return;
      if (model.size >= capacity) forget();
      model.set(key, { value, expiresAt, seq: seq++ });
    };

    const ours = new MemoryStore<number>(capacity);
    let state = 7;
    const random = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return Math.floor((state / 2 ** 32) * n);
    };
    let now = 0;
    const ops = { add: 0, set: 0, get: 0, refused: 0, hits: 0 };
    for (let i = 0; i < 20_000; i++) {
      now += random(3);
      const key = `k${random(120)}`;
      const expiresAt = now + random(400) - 20;
      const op = random(3);
      if (op === 0) {
        ops.add++;
        const got = ours.add(key, i, expiresAt, now);
        const want = modelAdd(key, i, expiresAt, now);
        if (!want) ops.refused++;
        expect(got, `add #${i} ${key}`).toBe(want);
      } else if (op === 1) {
        ops.set++;
        ours.set(key, i, expiresAt, now);
        modelSet(key, i, expiresAt, now);
      } else {
        ops.get++;
        expire(now);
        const want = model.get(key)?.value;
        if (want !== undefined) ops.hits++;
        expect(ours.get(key, now), `get #${i} ${key}`).toBe(want);
      }
      expect(ours.size).toBeLessThanOrEqual(capacity);
    }
    expect(ours.forgottenUntil).toBe(floor);
    // The run went through every case: adds refused and accepted, reads that found something, a full memory.
    expect(ops.refused).toBeGreaterThan(100);
    expect(ops.hits).toBeGreaterThan(100);
    expect(floor).toBeGreaterThan(0);
  });

  it('refuses a capacity below one', () => {
    expect(() => new MemoryStore(0)).toThrow(RangeError);
  });
});
