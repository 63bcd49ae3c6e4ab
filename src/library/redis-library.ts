/**
 * The library's store when several instances share one library (REDIS_URL): its changes live in Redis, each
 * change made atomically with its audit record and the revision by one Lua script, and announced on a channel so
 * every instance rebuilds at once (`sync.ts` polls the revision too, for announcements missed while Redis was
 * away). Unlike the replay memory, this store never falls back to a local copy: an Add Redis did not take is
 * refused, said so, and lost by nobody. For nothing to be lost when Redis restarts, it must persist
 * (appendonly yes): see docs/operations.md.
 */
import { z } from 'zod';
import { connectDurable, LuaScript, timed as timedOut, type DurableClient } from '../stores/redis-durable.js';
import { sourceMetaSchema } from '../core/manifest.js';
import type { SourceMeta } from '../core/types.js';
import type {
  Actor,
  AddedSource,
  AddOutcome,
  AuditRecord,
  Confirmation,
  ConfirmOutcome,
  LibraryState,
  LibraryStore,
  Removal,
} from './store.js';

type Client = DurableClient;

const PREFIX = 'talks:library:';
const KEYS = {
  revision: `${PREFIX}revision`,
  added: `${PREFIX}added`,
  checksums: `${PREFIX}checksums`,
  removed: `${PREFIX}removed`,
  edited: `${PREFIX}edited`,
  confirmed: `${PREFIX}confirmed`,
  audit: `${PREFIX}audit`,
} as const;
/** Where a change is announced: the new revision. */
const LIBRARY_CHANNEL = `${PREFIX}changed`;
/** Audit records kept (the newest). */
const AUDIT_KEPT = 10_000;
/** A command with no answer in this long has failed: Redis is away. */
const COMMAND_TIMEOUT_MS = 2000;

/** KEYS: revision, added, checksums, audit. ARGV: id, checksum, source JSON, audit JSON (revision filled in), kept. */
const ADD_SCRIPT = new LuaScript(`
local same = redis.call('HGET', KEYS[2], ARGV[1])
if same then return {0, 'same-id', ARGV[1]} end
local owner = redis.call('HGET', KEYS[3], ARGV[2])
if owner then return {0, 'same-text', owner} end
local revision = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], ARGV[1], string.format('{"revision":%d,"source":%s}', revision, ARGV[3]))
redis.call('HSET', KEYS[3], ARGV[2], ARGV[1])
redis.call('LPUSH', KEYS[4], string.format('{"revision":%d,%s', revision, string.sub(ARGV[4], 2)))
redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[5]) - 1)
return {1, tostring(revision), ''}
`);

/** KEYS: revision, the hash changed, audit. ARGV: id, value JSON, audit JSON, kept, only-if-new (1/0). */
const CHANGE_SCRIPT = new LuaScript(`
if ARGV[5] == '1' and redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
local revision = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('LPUSH', KEYS[3], string.format('{"revision":%d,%s', revision, string.sub(ARGV[3], 2)))
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
return revision
`);

/** KEYS: revision, confirmed, audit. ARGV: id, confirmation JSON, audit JSON, kept. The revision is kept with it, for order. */
const CONFIRM_SCRIPT = new LuaScript(`
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
local revision = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], ARGV[1], string.format('{"revision":%d,"confirmation":%s}', revision, ARGV[2]))
redis.call('LPUSH', KEYS[3], string.format('{"revision":%d,%s', revision, string.sub(ARGV[3], 2)))
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
return revision
`);

/** KEYS: revision, confirmed, audit. ARGV: id, audit JSON, kept. */
const UNCONFIRM_SCRIPT = new LuaScript(`
if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return 0 end
local revision = redis.call('INCR', KEYS[1])
redis.call('LPUSH', KEYS[3], string.format('{"revision":%d,%s', revision, string.sub(ARGV[2], 2)))
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[3]) - 1)
return revision
`);

const actorSchema = z.object({ id: z.string(), name: z.string() });
const originSchema = z.object({ kind: z.enum(['attachment', 'url', 'file']), ref: z.string() });
const addedSchema = z.object({
  revision: z.number(),
  source: z.object({
    meta: sourceMetaSchema,
    text: z.string(),
    checksum: z.string(),
    origin: originSchema,
    addedBy: actorSchema,
    addedAt: z.number(),
  }),
});
const removalSchema = z.object({ by: actorSchema, at: z.number() });
const confirmedSchema = z.object({
  revision: z.number(),
  confirmation: z.object({ id: z.string(), question: z.string(), passageId: z.string(), by: actorSchema, at: z.number() }),
});
const auditSchema = z.object({
  revision: z.number(),
  action: z.enum(['add', 'remove', 'edit', 'confirm', 'unconfirm']),
  sourceId: z.string(),
  actor: actorSchema,
  at: z.number(),
  detail: z.string(),
  origin: originSchema.optional(),
});

function read<T>(schema: z.ZodType<T>, json: string, what: string): T {
  const parsed = schema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`Redis holds a malformed ${what}: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
  return parsed.data;
}

function timed<T>(pending: Promise<T>): Promise<T> {
  return timedOut(pending, 'the shared library', COMMAND_TIMEOUT_MS);
}

export class RedisLibraryStore implements LibraryStore {
  readonly where: string;
  readonly #client: Client;
  #subscriber: Client | null = null;

  private constructor(client: Client, where: string) {
    this.#client = client;
    this.where = where;
  }

  /** Connect to the shared library; reconnects by itself after Redis restarts. */
  static async connect(url: string): Promise<RedisLibraryStore> {
    const { client, where } = await connectDurable(url);
    return new RedisLibraryStore(client, where);
  }

  async revision(): Promise<number> {
    return Number((await timed(this.#client.get(KEYS.revision))) ?? 0);
  }

  async state(): Promise<LibraryState> {
    // One MULTI: the revision and the hashes as of one moment.
    const [revision, added, removed, edited, confirmed] = (await timed(
      this.#client.multi().get(KEYS.revision).hGetAll(KEYS.added).hGetAll(KEYS.removed).hGetAll(KEYS.edited).hGetAll(KEYS.confirmed).exec(),
    )) as unknown as [string | null, Record<string, string>, Record<string, string>, Record<string, string>, Record<string, string>];
    const entries = Object.values(added)
      .map((json) => read(addedSchema, json, 'added article'))
      .sort((a, b) => a.revision - b.revision);
    return {
      revision: Number(revision ?? 0),
      added: entries.map((e) => e.source),
      removed: new Map<string, Removal>(Object.entries(removed).map(([id, json]) => [id, read(removalSchema, json, 'removal')])),
      edited: new Map<string, SourceMeta>(Object.entries(edited).map(([id, json]) => [id, read(sourceMetaSchema, json, 'source record')])),
      confirmed: Object.values(confirmed)
        .map((json) => read(confirmedSchema, json, 'confirmation'))
        .sort((a, b) => a.revision - b.revision)
        .map((e) => e.confirmation),
    };
  }

  async add(source: AddedSource): Promise<AddOutcome> {
    const audit = {
      action: 'add',
      sourceId: source.meta.id,
      actor: source.addedBy,
      at: source.addedAt,
      detail: source.checksum,
      origin: source.origin,
    };
    const [ok, value, existing] = (await timed(
      ADD_SCRIPT.run(this.#client, {
        keys: [KEYS.revision, KEYS.added, KEYS.checksums, KEYS.audit],
        arguments: [source.meta.id, source.checksum, JSON.stringify(source), JSON.stringify(audit), String(AUDIT_KEPT)],
      }),
    )) as [number, string, string];
    if (ok !== 1) return { ok: false, problem: value === 'same-id' ? 'same-id' : 'same-text', existing };
    const revision = Number(value);
    await this.#announce(revision);
    return { ok: true, revision };
  }

  async #change(hash: string, id: string, value: unknown, audit: Omit<AuditRecord, 'revision'>, onlyIfNew: boolean): Promise<number> {
    const revision = Number(
      await timed(
        CHANGE_SCRIPT.run(this.#client, {
          keys: [KEYS.revision, hash, KEYS.audit],
          arguments: [id, JSON.stringify(value), JSON.stringify(audit), String(AUDIT_KEPT), onlyIfNew ? '1' : '0'],
        }),
      ),
    );
    if (revision > 0) await this.#announce(revision);
    return revision;
  }

  async remove(id: string, by: Actor, at: number): Promise<boolean> {
    const removal: Removal = { by, at };
    return (await this.#change(KEYS.removed, id, removal, { action: 'remove', sourceId: id, actor: by, at, detail: '' }, true)) > 0;
  }

  async edit(id: string, meta: SourceMeta, by: Actor, at: number, what: string): Promise<void> {
    await this.#change(KEYS.edited, id, meta, { action: 'edit', sourceId: id, actor: by, at, detail: what }, false);
  }

  async confirm(c: Confirmation): Promise<ConfirmOutcome> {
    const audit = { action: 'confirm', sourceId: c.passageId, actor: c.by, at: c.at, detail: c.question };
    const revision = Number(
      await timed(
        CONFIRM_SCRIPT.run(this.#client, {
          keys: [KEYS.revision, KEYS.confirmed, KEYS.audit],
          arguments: [c.id, JSON.stringify(c), JSON.stringify(audit), String(AUDIT_KEPT)],
        }),
      ),
    );
    if (revision === 0) return { ok: false, problem: 'already' };
    await this.#announce(revision);
    return { ok: true, revision };
  }

  async unconfirm(id: string, by: Actor, at: number): Promise<boolean> {
    const json = await timed(this.#client.hGet(KEYS.confirmed, id));
    if (!json) return false;
    const { confirmation } = read(confirmedSchema, json, 'confirmation');
    const audit = { action: 'unconfirm', sourceId: confirmation.passageId, actor: by, at, detail: confirmation.question };
    const revision = Number(
      await timed(
        UNCONFIRM_SCRIPT.run(this.#client, {
          keys: [KEYS.revision, KEYS.confirmed, KEYS.audit],
          arguments: [id, JSON.stringify(audit), String(AUDIT_KEPT)],
        }),
      ),
    );
    if (revision > 0) await this.#announce(revision);
    return revision > 0;
  }

  async audit(limit: number): Promise<AuditRecord[]> {
    const list = await timed(this.#client.lRange(KEYS.audit, 0, limit - 1));
    return list.map((json) => read(auditSchema, json, 'audit record'));
  }

  /** A change made: every instance listening hears its revision (a missed one is caught by polling). */
  async #announce(revision: number): Promise<void> {
    await timed(this.#client.publish(LIBRARY_CHANNEL, String(revision))).catch(() => {});
  }

  /** Call `onRevision` with each revision announced, from now on (resubscribing after Redis comes back). */
  async subscribe(onRevision: (revision: number) => void): Promise<void> {
    const subscriber = this.#client.duplicate();
    subscriber.on('error', () => {});
    await timed(subscriber.connect());
    await subscriber.subscribe(LIBRARY_CHANNEL, (message) => {
      const revision = Number(message);
      if (Number.isInteger(revision)) onRevision(revision);
    });
    this.#subscriber = subscriber;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#subscriber?.close(), this.#client.close()]);
  }
}
