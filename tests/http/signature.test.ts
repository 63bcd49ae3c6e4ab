/** Discord's request signatures, checked with node:crypto, the Ed25519 verification in libuv's thread pool. */
import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { checkSignature, publicKeyFromHex } from '../../src/http/signature.js';
import { newKeys, signed } from '../support/http.js';

// The real node:crypto, with `verify` watched to see which form the check calls.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, verify: vi.fn(actual.verify) };
});

const keys = newKeys();
const key = publicKeyFromHex(keys.publicHex);
const NOW = 1_790_000_000;
const body = Buffer.from('{"type":1,"id":"1"}');
const headers = signed(body.toString(), keys.privateKey, String(NOW));
const sig = headers['x-signature-ed25519'];
// `null` for a missing timestamp header (`undefined` would take the default).
const check = (signature: string | undefined, timestamp: string | null = String(NOW), data = body, nowSeconds = NOW) =>
  checkSignature(key, signature, timestamp ?? undefined, data, nowSeconds, 300);

describe('checkSignature', () => {
  it('accepts a good signature and refuses a bad, foreign or mismatched one as invalid', async () => {
    expect(await check(sig)).toEqual({ ok: true });
    expect(await check('ab'.repeat(64))).toEqual({ ok: false, reason: 'invalid' });
    const foreign = signed(body.toString(), newKeys().privateKey, String(NOW))['x-signature-ed25519'];
    expect(await check(foreign)).toEqual({ ok: false, reason: 'invalid' });
    expect(await check(sig, String(NOW), Buffer.from('{"type":2,"id":"1"}'))).toEqual({ ok: false, reason: 'invalid' });
    // The timestamp is signed too: another one within the window does not pass.
    expect(await check(sig, String(NOW + 1))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses missing, malformed and stale headers without verifying', async () => {
    const verify = vi.mocked(crypto.verify);
    verify.mockClear();
    expect(await check(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(await check(sig, null)).toEqual({ ok: false, reason: 'missing' });
    expect(await check('xyz')).toEqual({ ok: false, reason: 'malformed' });
    expect(await check(`${sig}00`)).toEqual({ ok: false, reason: 'malformed' });
    expect(await check(sig, '12ab')).toEqual({ ok: false, reason: 'malformed' });
    expect(await check(sig, String(NOW), body, NOW + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(await check(sig, String(NOW), body, NOW - 301)).toEqual({ ok: false, reason: 'stale' });
    expect(verify).not.toHaveBeenCalled();
  });

  it('verifies with the callback form of node:crypto (the thread pool), not on the event loop', async () => {
    const verify = vi.mocked(crypto.verify);
    verify.mockClear();
    const pending = check(sig);
    expect(verify).toHaveBeenCalledTimes(1);
    const args = verify.mock.calls[0] ?? [];
    expect(args).toHaveLength(5);
    expect(typeof args[4]).toBe('function');
    expect(await pending).toEqual({ ok: true });
  });

  it('keeps each result with its own request when many are verified at once', async () => {
    const other = signed(body.toString(), newKeys().privateKey, String(NOW))['x-signature-ed25519'];
    const results = await Promise.all(Array.from({ length: 64 }, (_, i) => check(i % 2 === 0 ? sig : other)));
    results.forEach((r, i) => expect(r.ok, `request ${i}`).toBe(i % 2 === 0));
  });
});
