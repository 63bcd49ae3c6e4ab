/**
 * Feedback shared by every instance (REDIS_URL): each answer a JSON value in one hash, its time in a sorted set
 * (for the report and pruning), its votes in a hash of its own (member hash → vote). A vote and a prune are each one
 * Lua script, so a double click on two instances leaves one vote, and a pruned answer takes its votes with it.
 * Unlike replays, feedback never falls back to memory: a vote Redis did not take is said to have failed.
 *
 * The report is counted as answers and votes come (issue 24: it must add under 2 ms): each answer is added to a
 * hash for its hour and one for its day (`answerSlots`) by the same script that records it, a vote moves its counts,
 * and a prune takes its answers out; what those scripts need of an answer (its question's key, its sources…) is kept
 * as its "facts". A report reads the buckets of the window's whole hours and days, the answers of the parts of an
 * hour at its ends, and the answers rated Not what I asked, in one round trip.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { connectDurable, LuaScript, timed as timedOut, type DurableClient } from '../stores/redis-durable.js';
import { answerSlots, citedSources, DAY_MS, questionKey, sortedReport, windowParts, type Report, type ReportWindow } from './report.js';
import type { AnswerWithVotes, FeedbackStore, RecordedAnswer, Vote, VoteOutcome } from './store.js';

type Client = DurableClient;

const PREFIX = 'talks:feedback:';
const KEYS = { salt: `${PREFIX}salt`, answers: `${PREFIX}answers`, times: `${PREFIX}times`, facts: `${PREFIX}facts` } as const;
const votesKey = (answerId: string): string => `${PREFIX}votes:${answerId}`;
/** A command unanswered this long has failed: an interaction must not wait on an absent Redis. */
const COMMAND_TIMEOUT_MS = 1000;
/** Answers read per round trip by a report. */
const BATCH = 500;

/**
 * What the scripts need of an answer, as JSON: `at` as text, so that Lua never prints it in its own number format;
 * the question's key as a short hash (`k`: a report sums a few thousand of them, and a long key costs at every step);
 * its wording and its sources' ids as JSON strings (`q`, and the first of each pair), so that nothing the counts hold
 * has a control character and a report's parts can come back as strings cut at newlines.
 */
interface Facts {
  at: string;
  hour: string;
  day: string;
  k: string;
  q: string;
  confidence: RecordedAnswer['confidence'];
  sources: Array<[string, number]>;
}

/** 96 bits of the key's SHA-1, in base64url: no tab, newline or quote, and no two questions of a store alike. */
function keyHash(key: string): string {
  return createHash('sha1').update(key).digest('base64url').slice(0, 16);
}

function factsOf(a: RecordedAnswer): string {
  const facts: Facts = {
    at: String(a.at),
    ...answerSlots(a.at),
    k: keyHash(questionKey(a.question)),
    q: JSON.stringify(a.question),
    confidence: a.confidence,
    sources: [...citedSources(a.passages)].map(([sourceId, n]) => [JSON.stringify(sourceId), n]),
  };
  return JSON.stringify(facts);
}

/**
 * Shared by the scripts (ARGV[1] is the prefix). A bucket hash (`bucket:<slot>`) holds `n`, `h`, `x` (answers,
 * helpful and not-asked votes), `s<source>` (citations) and `g`, its questions as lines: "a<key>" and "u<key>" (a
 * question's answers, and those answered low or none), then "\t count \t at \t id \t [confidence \t] question" of
 * its latest. A day's `na:<slot>` holds its
 * answers rated Not what I asked: id → "at \t not-asked \t helpful \t key \t question". Keys, wordings and sources
 * are JSON strings. Ids are compared byte by byte, as JavaScript compares them: Lua's `<` on strings follows the
 * server's locale. Numbers are written with %d: Lua would print -0.
 */
const LUA_COMMON = `
local P = ARGV[1]
local function later(at1, id1, at2, id2)
  if at1 ~= at2 then return at1 > at2 end
  for i = 1, math.min(#id1, #id2) do
    local x, y = string.byte(id1, i), string.byte(id2, i)
    if x ~= y then return x > y end
  end
  return #id1 > #id2
end
local function cut(v, count)
  local out, pos = {}, 1
  for i = 1, count do
    local tab = string.find(v, '\\t', pos, true)
    out[i] = string.sub(v, pos, tab - 1)
    pos = tab + 1
  end
  out[count + 1] = string.sub(v, pos)
  return out
end
local function incr(b, field, by)
  if by == 0 then return 0 end
  return redis.call('HINCRBY', b, field, string.format('%d', by))
end
local function votes(id)
  local h, n = 0, 0
  for _, v in ipairs(redis.call('HVALS', P .. 'votes:' .. id)) do
    if v == 'helpful' then h = h + 1 elseif v == 'not-asked' then n = n + 1 end
  end
  return h, n
end
-- A bucket's questions are one string of lines (each a newline, then kind, key, count, at, id and rest, cut by tabs),
-- not a hash field each: a report then reads a bucket as a few values, where a field a question cost the most.
local function group(blob, field, sign, f, id, rest)
  local s = string.find(blob, '\\n' .. field .. '\\t', 1, true)
  if not s then
    if sign > 0 then return blob .. '\\n' .. field .. '\\t1\\t' .. f.at .. '\\t' .. id .. '\\t' .. rest end
    return blob
  end
  local e = string.find(blob, '\\n', s + 1, true) or (#blob + 1)
  local g = cut(string.sub(blob, s + 1, e - 1), 4)
  local count = tonumber(g[2]) + sign
  local line = ''
  if count > 0 and sign > 0 and later(tonumber(f.at), id, tonumber(g[3]), g[4]) then
    line = '\\n' .. field .. '\\t' .. string.format('%d', count) .. '\\t' .. f.at .. '\\t' .. id .. '\\t' .. rest
  elseif count > 0 then
    line = '\\n' .. field .. '\\t' .. string.format('%d', count) .. '\\t' .. g[3] .. '\\t' .. g[4] .. '\\t' .. g[5]
  end
  return string.sub(blob, 1, s - 1) .. line .. string.sub(blob, e)
end
-- Add an answer to a bucket (sign 1) or take it out (-1) with its votes; a bucket left with no answer goes.
local function count(slot, f, id, sign, h, n)
  local b = P .. 'bucket:' .. slot
  if incr(b, 'n', sign) <= 0 then
    redis.call('DEL', b)
    return
  end
  incr(b, 'h', sign * h)
  incr(b, 'x', sign * n)
  local blob = group(redis.call('HGET', b, 'g') or '', 'a' .. f.k, sign, f, id, f.q)
  if f.confidence ~= 'high' then blob = group(blob, 'u' .. f.k, sign, f, id, f.confidence .. '\\t' .. f.q) end
  redis.call('HSET', b, 'g', blob)
  for _, s in ipairs(f.sources) do
    if incr(b, 's' .. s[1], sign * s[2]) <= 0 then redis.call('HDEL', b, 's' .. s[1]) end
  end
end
local function flag(f, id, h, n)
  if n > 0 then
    local v = f.at .. '\\t' .. string.format('%d', n) .. '\\t' .. string.format('%d', h) .. '\\t' .. f.k .. '\\t' .. f.q
    redis.call('HSET', P .. 'na:' .. f.day, id, v)
  else
    redis.call('HDEL', P .. 'na:' .. f.day, id)
  end
end
`;

/** ARGV: prefix, answer id, the answer's JSON, its facts. */
const RECORD_SCRIPT = new LuaScript(`${LUA_COMMON}
local id = ARGV[2]
local f = cjson.decode(ARGV[4])
redis.call('HSET', P .. 'answers', id, ARGV[3])
redis.call('ZADD', P .. 'times', f.at, id)
redis.call('HSET', P .. 'facts', id, ARGV[4])
count(f.hour, f, id, 1, 0, 0)
count(f.day, f, id, 1, 0, 0)
`);

/** An answer recorded before the report was counted, added once (ARGV: prefix, answer id, its facts). */
const FILL_SCRIPT = new LuaScript(`${LUA_COMMON}
local id = ARGV[2]
if redis.call('HEXISTS', P .. 'facts', id) == 1 or redis.call('HEXISTS', P .. 'answers', id) == 0 then return 0 end
local f = cjson.decode(ARGV[3])
redis.call('HSET', P .. 'facts', id, ARGV[3])
local h, n = votes(id)
count(f.hour, f, id, 1, h, n)
count(f.day, f, id, 1, h, n)
flag(f, id, h, n)
return 1
`);

/** ARGV: prefix, answer id, member, vote. */
const VOTE_SCRIPT = new LuaScript(`${LUA_COMMON}
local id, member, vote = ARGV[2], ARGV[3], ARGV[4]
if redis.call('HEXISTS', P .. 'answers', id) == 0 then return 'gone' end
local held = redis.call('HGET', P .. 'votes:' .. id, member)
if held == vote then return 'same' end
redis.call('HSET', P .. 'votes:' .. id, member, vote)
local facts = redis.call('HGET', P .. 'facts', id)
if facts then
  local f = cjson.decode(facts)
  local dh = (vote == 'helpful' and 1 or 0) - (held == 'helpful' and 1 or 0)
  local dn = (vote == 'not-asked' and 1 or 0) - (held == 'not-asked' and 1 or 0)
  for _, slot in ipairs({ f.hour, f.day }) do
    incr(P .. 'bucket:' .. slot, 'h', dh)
    incr(P .. 'bucket:' .. slot, 'x', dn)
  end
  local h, n = votes(id)
  flag(f, id, h, n)
end
if held then return 'changed' end
return 'recorded'
`);

/** ARGV: prefix, before (exclusive). */
const PRUNE_SCRIPT = new LuaScript(`${LUA_COMMON}
local ids = redis.call('ZRANGEBYSCORE', P .. 'times', '-inf', '(' .. ARGV[2])
for _, id in ipairs(ids) do
  local facts = redis.call('HGET', P .. 'facts', id)
  if facts then
    local f = cjson.decode(facts)
    local h, n = votes(id)
    count(f.hour, f, id, -1, h, n)
    count(f.day, f, id, -1, h, n)
    redis.call('HDEL', P .. 'na:' .. f.day, id)
    redis.call('HDEL', P .. 'facts', id)
  end
  redis.call('HDEL', P .. 'answers', id)
  redis.call('DEL', P .. 'votes:' .. id)
end
redis.call('ZREMRANGEBYSCORE', P .. 'times', '-inf', '(' .. ARGV[2])
return #ids
`);

/**
 * What a report reads: few values to decode (one per question cost most of a report). ARGV: prefix, then
 * `{ slots, days, raw }` as JSON. Returns the fields and values of the buckets of `slots`; as one string cut at
 * newlines, the answers rated Not what I asked of `days` (id, then their line); and, the same, the answers in the
 * `raw` ranges of time (id, facts, helpful, not-asked).
 */
const REPORT_SCRIPT = new LuaScript(`${LUA_COMMON}
local ask = cjson.decode(ARGV[2])
local function all(prefix, names)
  local out, n = {}, 0
  for _, name in ipairs(names) do
    local flat = redis.call('HGETALL', P .. prefix .. name)
    for i = 1, #flat do
      n = n + 1
      out[n] = flat[i]
    end
  end
  return out
end
local raw, n = {}, 0
for _, range in ipairs(ask.raw) do
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'times', range[1], range[2])) do
    local facts = redis.call('HGET', P .. 'facts', id)
    if facts then
      local h, x = votes(id)
      raw[n + 1], raw[n + 2], raw[n + 3], raw[n + 4] = id, facts, string.format('%d', h), string.format('%d', x)
      n = n + 4
    end
  end
end
return { all('bucket:', ask.slots), table.concat(all('na:', ask.days), '\\n'), table.concat(raw, '\\n') }
`);

/** A question's rows as they are summed: its answers counted, and its latest answer (the greatest time, then id). */
interface Group {
  count: number;
  at: number;
  id: string;
  /** The latest answer's wording (for the unsure rows, its confidence, a tab, then its wording). */
  rest: string;
  notAsked: number;
  helpful: number;
}

function add(groups: Map<string, Group>, key: string, more: Group): void {
  const g = groups.get(key);
  if (!g) {
    groups.set(key, more);
    return;
  }
  g.count += more.count;
  g.notAsked += more.notAsked;
  g.helpful += more.helpful;
  if (more.at > g.at || (more.at === g.at && more.id > g.id)) Object.assign(g, { at: more.at, id: more.id, rest: more.rest });
}

/** A bucket's "count \t at \t id \t rest". */
function bucketGroup(value: string): Group {
  const t1 = value.indexOf('\t');
  const t2 = value.indexOf('\t', t1 + 1);
  const t3 = value.indexOf('\t', t2 + 1);
  return {
    count: Number(value.slice(0, t1)),
    at: Number(value.slice(t1 + 1, t2)),
    id: value.slice(t2 + 1, t3),
    rest: value.slice(t3 + 1),
    notAsked: 0,
    helpful: 0,
  };
}

/** A bucket's question lines ("\n" then kind, key, "\t", then `bucketGroup`'s), added to the rows of their kind. */
function addLines(blob: string, asked: Map<string, Group>, unsure: Map<string, Group>): void {
  for (let start = blob.indexOf('\n'); start >= 0;) {
    const next = blob.indexOf('\n', start + 1);
    const line = blob.slice(start + 1, next < 0 ? blob.length : next);
    const tab = line.indexOf('\t');
    add(line[0] === 'u' ? unsure : asked, line.slice(1, tab), bucketGroup(line.slice(tab + 1)));
    start = next;
  }
}

const UNSURE = new Set(['low', 'none']);

/** Facts read back (the report's raw parts): checked by hand, as SQLite's rows are: a schema each costs too much here. */
function readFacts(json: string): Facts {
  const f = JSON.parse(json) as Facts;
  if (typeof f.k !== 'string' || typeof f.q !== 'string' || !Array.isArray(f.sources) || typeof f.at !== 'string')
    throw new Error('Redis holds malformed feedback facts');
  return f;
}

/** A wording or source id the counts keep as a JSON string. */
function text(json: string): string {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'string') throw new Error('Redis holds a malformed feedback count');
  return value;
}

const answerSchema = z.object({
  id: z.string(),
  question: z.string(),
  at: z.number(),
  guildId: z.string().nullable(),
  channelId: z.string().nullable(),
  member: z.string(),
  passages: z.array(z.string()),
  confidence: z.enum(['high', 'low', 'none']),
});

function readAnswer(json: string): RecordedAnswer {
  const parsed = answerSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`Redis holds a malformed feedback answer: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
  return parsed.data;
}

function timed<T>(pending: Promise<T>): Promise<T> {
  return timedOut(pending, 'feedback', COMMAND_TIMEOUT_MS);
}

export class RedisFeedbackStore implements FeedbackStore {
  readonly where: string;
  readonly #client: Client;
  #filling: Promise<void> | null = null;

  private constructor(client: Client, where: string) {
    this.#client = client;
    this.where = where;
  }

  /** Connect; reconnects by itself after Redis restarts (meanwhile, calls fail and say so). */
  static async connect(url: string): Promise<RedisFeedbackStore> {
    const { client, where } = await connectDurable(url);
    return new RedisFeedbackStore(client, where);
  }

  async salt(): Promise<Buffer> {
    await timed(this.#client.set(KEYS.salt, randomBytes(32).toString('hex'), { condition: 'NX' }));
    const held = await timed(this.#client.get(KEYS.salt));
    if (typeof held !== 'string' || !/^[0-9a-f]{64}$/.test(held)) throw new Error('Redis holds a malformed feedback salt');
    return Buffer.from(held, 'hex');
  }

  async record(answer: RecordedAnswer): Promise<void> {
    await timed(RECORD_SCRIPT.run(this.#client, { arguments: [PREFIX, answer.id, JSON.stringify(answer), factsOf(answer)] }));
  }

  async answer(id: string): Promise<RecordedAnswer | null> {
    const json = await timed(this.#client.hGet(KEYS.answers, id));
    return typeof json === 'string' ? readAnswer(json) : null;
  }

  async vote(answerId: string, member: string, vote: Vote, _at: number): Promise<VoteOutcome> {
    await this.#filled();
    const outcome = await timed(VOTE_SCRIPT.run(this.#client, { arguments: [PREFIX, answerId, member, vote] }));
    if (outcome === 'recorded' || outcome === 'changed' || outcome === 'same' || outcome === 'gone') return outcome;
    throw new Error(`Redis answered a vote with ${JSON.stringify(outcome)}`);
  }

  async since(from: number): Promise<AnswerWithVotes[]> {
    const ids = await timed(this.#client.zRangeByScore(KEYS.times, from, '+inf'));
    const out: AnswerWithVotes[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const multi = this.#client.multi().hmGet(KEYS.answers, batch);
      for (const id of batch) multi.hVals(votesKey(id));
      const [answers, ...votes] = (await timed(multi.exec())) as unknown as [Array<string | null>, ...string[][]];
      batch.forEach((_, j) => {
        const json = answers[j];
        if (typeof json !== 'string') return;
        const cast = votes[j] ?? [];
        out.push({
          ...readAnswer(json),
          helpful: cast.filter((v) => v === 'helpful').length,
          notAsked: cast.filter((v) => v === 'not-asked').length,
        });
      });
    }
    return out;
  }

  /**
   * The report summed from the buckets of the window's whole hours and days, the answers of the parts of an hour at
   * its ends, and the answers rated Not what I asked in the days it touches: one script, one round trip. Questions are
   * summed by their keys' hashes, their wordings and sources kept as JSON strings; only the rows shown are decoded.
   */
  async report(window: ReportWindow): Promise<Report> {
    await this.#filled();
    const { raw, slots } = windowParts(window);
    const firstDay = Math.floor(window.from / DAY_MS);
    const days = Array.from({ length: Math.max(0, Math.floor(window.to / DAY_MS) - firstDay + 1) }, (_, d) => `d${firstDay + d}`);
    const ask = JSON.stringify({ slots, days, raw: raw.map((range) => range.map(String)) });
    const reply = await timed(REPORT_SCRIPT.run(this.#client, { arguments: [PREFIX, ask] }));
    if (!Array.isArray(reply) || reply.length !== 3 || !Array.isArray(reply[0]) || !reply.every((r, i) => i === 0 || typeof r === 'string'))
      throw new Error('Redis answered a report with something else');
    const buckets = reply[0] as unknown[];
    const [flagged, rawAnswers] = (reply.slice(1) as string[]).map((text) => (text === '' ? [] : text.split('\n'))) as [string[], string[]];

    const totals = { answers: 0, helpful: 0, notAsked: 0 };
    const asked = new Map<string, Group>();
    const unsure = new Map<string, Group>();
    const notAsked = new Map<string, Group>();
    const sources = new Map<string, number>();
    for (let i = 0; i + 1 < buckets.length; i += 2) {
      const [field, value] = [buckets[i], buckets[i + 1]];
      if (typeof field !== 'string' || typeof value !== 'string') throw new Error('Redis answered a report with something else');
      if (field === 'n') totals.answers += Number(value);
      else if (field === 'h') totals.helpful += Number(value);
      else if (field === 'x') totals.notAsked += Number(value);
      else if (field === 'g') addLines(value, asked, unsure);
      else if (field[0] === 's') sources.set(field.slice(1), (sources.get(field.slice(1)) ?? 0) + Number(value));
    }
    for (let i = 0; i + 3 < rawAnswers.length; i += 4) {
      const id = rawAnswers[i] as string;
      const f = readFacts(rawAnswers[i + 1] as string);
      const [helpful, notAskedVotes] = [Number(rawAnswers[i + 2]), Number(rawAnswers[i + 3])];
      const at = Number(f.at);
      totals.answers++;
      totals.helpful += helpful;
      totals.notAsked += notAskedVotes;
      add(asked, f.k, { count: 1, at, id, rest: f.q, notAsked: 0, helpful: 0 });
      if (f.confidence !== 'high') add(unsure, f.k, { count: 1, at, id, rest: `${f.confidence}\t${f.q}`, notAsked: 0, helpful: 0 });
      for (const [sourceId, n] of f.sources) sources.set(sourceId, (sources.get(sourceId) ?? 0) + n);
    }
    for (let i = 0; i + 1 < flagged.length; i += 2) {
      const [at, n, h, key, question] = (flagged[i + 1] as string).split('\t');
      if (Number(at) < window.from || Number(at) > window.to) continue;
      add(notAsked, key as string, {
        count: 1,
        at: Number(at),
        id: flagged[i] as string,
        rest: question as string,
        notAsked: Number(n),
        helpful: Number(h),
      });
    }
    const rows = [...unsure.values()].map((g) => {
      const tab = g.rest.indexOf('\t');
      const confidence = g.rest.slice(0, tab);
      if (!UNSURE.has(confidence)) throw new Error('Redis holds a malformed feedback count');
      return { question: text(g.rest.slice(tab + 1)), count: g.count, answerId: g.id, confidence: confidence as 'low' | 'none' };
    });
    return sortedReport({
      ...window,
      ...totals,
      mostAsked: [...asked.values()].map((g) => ({ question: text(g.rest), count: g.count, answerId: g.id })),
      unsure: rows,
      notAskedRows: [...notAsked.values()].map((g) => ({
        question: text(g.rest),
        count: g.count,
        answerId: g.id,
        notAsked: g.notAsked,
        helpful: g.helpful,
      })),
      sources: [...sources.entries()].map(([sourceId, citations]) => ({ sourceId: text(sourceId), citations })),
    });
  }

  async prune(before: number): Promise<number> {
    await this.#filled();
    return Number(await timed(PRUNE_SCRIPT.run(this.#client, { arguments: [PREFIX, String(before)] })));
  }

  /**
   * Answers recorded before the report was counted (no facts) are added to the counts once, before the first vote,
   * report or prune of this process: each by a script that does nothing if another instance got there first. A
   * failure (Redis away) is tried again at the next call.
   */
  #filled(): Promise<void> {
    this.#filling ??= this.#fill().catch((err: unknown) => {
      this.#filling = null;
      throw err;
    });
    return this.#filling;
  }

  async #fill(): Promise<void> {
    const [answers, facts] = (await timed(this.#client.multi().hLen(KEYS.answers).hLen(KEYS.facts).exec())) as unknown as [number, number];
    if (answers === facts) return;
    const counted = new Set(await timed(this.#client.hKeys(KEYS.facts)));
    const missing = (await timed(this.#client.hKeys(KEYS.answers))).filter((id) => !counted.has(id));
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      const json = await timed(this.#client.hmGet(KEYS.answers, batch));
      const multi = this.#client.multi();
      batch.forEach((id, j) => {
        const found = json[j];
        if (typeof found === 'string') multi.eval(FILL_SCRIPT.text, { arguments: [PREFIX, id, factsOf(readAnswer(found))] });
      });
      await timed(multi.exec());
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#client.close()]);
  }
}
