/**
 * Confirmations in the library's store, on both homes (SQLite under DATA_DIR; Redis): each one revision with its
 * audit record, the same one twice refused, withdrawn and audited, and carried into the corpus's changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesOf } from '../../src/library/open.js';
import { RedisLibraryStore } from '../../src/library/redis-library.js';
import { SqliteLibraryStore } from '../../src/library/sqlite-store.js';
import { confirmationId, type Confirmation, type LibraryStore } from '../../src/library/store.js';
import { startRedisServer, type RedisServer } from '../support/redis.js';
import { tempDir } from '../support/seeds.js';

const ANA = { id: '1400000000000000001', name: 'Ana' };
const BO = { id: '1400000000000000002', name: 'Bo' };

function confirmation(question: string, passageId: string, at = 1_700_000_000_000): Confirmation {
  return { id: confirmationId(question, passageId), question, passageId, by: ANA, at };
}

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});

const homes: Array<[string, () => Promise<LibraryStore>]> = [
  ['SQLite', () => Promise.resolve(new SqliteLibraryStore(tempDir('confirm')))],
  [
    'Redis',
    async () => {
      const store = await RedisLibraryStore.connect(redis.url);
      // Each test starts from an empty shared library.
      const { createClient } = await import('@redis/client');
      const client = createClient({ url: redis.url });
      await client.connect();
      await client.flushAll();
      await client.close();
      return store;
    },
  ],
];

describe.each(homes)('confirmations in the %s store', (_name, open) => {
  it('are kept in order, each one revision with its audit record', async () => {
    const store = await open();
    const first = confirmation('was the grain deal just for show', 'jacobin-2022#p9');
    const second = confirmation('who brokered the grain deal', 'jacobin-2022#p9', 1_700_000_001_000);
    expect(await store.confirm(first)).toEqual({ ok: true, revision: 1 });
    expect(await store.confirm(second)).toEqual({ ok: true, revision: 2 });
    const state = await store.state();
    expect(state.revision).toBe(2);
    expect(state.confirmed).toEqual([first, second]);
    expect((await store.audit(5)).map((r) => [r.revision, r.action, r.sourceId, r.detail, r.actor.name])).toEqual([
      [2, 'confirm', 'jacobin-2022#p9', 'who brokered the grain deal', 'Ana'],
      [1, 'confirm', 'jacobin-2022#p9', 'was the grain deal just for show', 'Ana'],
    ]);
    // The corpus is keyed by them and indexes them: one passage, both wordings.
    const changes = changesOf(state);
    expect(changes.changes.confirmed?.get('jacobin-2022#p9')).toEqual(['was the grain deal just for show', 'who brokered the grain deal']);
    expect(changesOf({ ...state, confirmed: [first] }).fingerprint).not.toBe(changes.fingerprint);
    await store.close();
  });

  it('refuse the same question for the same passage twice (a double click), spacing and case aside', async () => {
    const store = await open();
    expect((await store.confirm(confirmation('Who brokered the grain deal?', 'jacobin-2022#p9'))).ok).toBe(true);
    expect(await store.confirm(confirmation('  who brokered   the grain deal? ', 'jacobin-2022#p9'))).toEqual({
      ok: false,
      problem: 'already',
    });
    // Another passage for the same question is another confirmation.
    expect((await store.confirm(confirmation('Who brokered the grain deal?', 'jacobin-2022#p10'))).ok).toBe(true);
    expect((await store.state()).confirmed).toHaveLength(2);
    expect(await store.revision()).toBe(2);
    await store.close();
  });

  it('are withdrawn once, audited with who withdrew them', async () => {
    const store = await open();
    const c = confirmation('was the grain deal just for show', 'jacobin-2022#p9');
    await store.confirm(c);
    expect(await store.unconfirm(c.id, BO, 1_700_000_005_000)).toBe(true);
    expect(await store.unconfirm(c.id, BO, 1_700_000_006_000)).toBe(false);
    expect(await store.unconfirm('no-such-id', BO, 1_700_000_006_000)).toBe(false);
    const state = await store.state();
    expect(state.confirmed).toEqual([]);
    expect(state.revision).toBe(2);
    expect((await store.audit(1))[0]).toMatchObject({ action: 'unconfirm', sourceId: 'jacobin-2022#p9', actor: BO, at: 1_700_000_005_000 });
    await store.close();
  });

  it('are withdrawn once when two moderators withdraw one at the same moment', async () => {
    const store = await open();
    const c = confirmation('was the grain deal just for show', 'jacobin-2022#p9');
    await store.confirm(c);
    const both = await Promise.all([store.unconfirm(c.id, ANA, 1_700_000_005_000), store.unconfirm(c.id, BO, 1_700_000_005_000)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect((await store.audit(10)).filter((r) => r.action === 'unconfirm')).toHaveLength(1);
    await store.close();
  });
});
