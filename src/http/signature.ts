/**
 * Discord's request signatures for the Interactions Endpoint URL: Ed25519 over `timestamp + raw body`,
 * checked with node:crypto
 * (https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** SPKI DER prefix for a raw 32-byte Ed25519 public key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key (64 hex characters, from the developer portal) as a KeyObject. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hexadecimal characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'invalid' };

/**
 * Check a request's signature headers against its raw body. `maxSkewSeconds` bounds how old (or how far in
 * the future) the timestamp may be, so a captured request cannot be replayed later.
 *
 * The cheap checks (present, well-formed, fresh) answer at once; the Ed25519 verification itself (about as
 * much work as a bare HTTP request: see the README's benchmarks) runs in libuv's thread pool through
 * node:crypto's callback form, so the event loop parses and answers other requests meanwhile. Replays are the
 * caller's to refuse, after this settles.
 */
export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds: number,
  maxSkewSeconds: number,
): Promise<SignatureCheck> {
  if (!signature || !timestamp) return Promise.resolve(MISSING);
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return Promise.resolve(MALFORMED);
  if (Math.abs(nowSeconds - Number(timestamp)) > maxSkewSeconds) return Promise.resolve(STALE);
  const data = Buffer.concat([Buffer.from(timestamp), body]);
  return new Promise((resolve) => {
    // An error (none is expected for a 64-byte signature and an Ed25519 key) refuses, like a bad signature.
    verify(null, data, key, Buffer.from(signature, 'hex'), (err, valid) => resolve(!err && valid ? VALID : INVALID));
  });
}

const VALID: SignatureCheck = { ok: true };
const MISSING: SignatureCheck = { ok: false, reason: 'missing' };
const MALFORMED: SignatureCheck = { ok: false, reason: 'malformed' };
const STALE: SignatureCheck = { ok: false, reason: 'stale' };
const INVALID: SignatureCheck = { ok: false, reason: 'invalid' };
