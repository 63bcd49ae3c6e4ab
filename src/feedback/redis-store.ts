/**
 * Feedback shared by every instance (REDIS_URL): each answer a JSON value in one hash, its time in a sorted set
 * (for the report and pruning), its votes in a hash of its own (member hash → vote). A vote and a prune are each one
 * Lua script, so a double click on two instances leaves one vote, and a pruned answer takes its votes with it.
 * Unlike replays, feedback never falls back to memory: a vote Redis did not take is said to have failed.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import { z } from 'zod';
import { buildReport, type Report, type ReportWindow } from './report.js';
import type { AnswerWithVotes, FeedbackStore, RecordedAnswer, Vote, VoteOutcome } from './store.js';

type Client = ReturnType<typeof createClient>;

const PREFIX = 'talks:feedback:';
const KEYS = { salt: `${PREFIX}salt`, answers: `${PREFIX}answers`, times: `${PREFIX}times` } as const;
const votesKey = (answerId: string): string => `${PREFIX}votes:${answerId}`;
/** A command unanswered this long has failed: an interaction must not wait on an absent Redis. */
const COMMAND_TIMEOUT_MS = 1000;
/** Answers read per round trip by a report. */
const BATCH = 500;

/** KEYS: answers, the answer's votes. ARGV: answer id, member, vote. */
const VOTE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 'gone' end
local held = redis.call('HGET', KEYS[2], ARGV[2])
if held == ARGV[3] then return 'same' end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
if held then return 'changed' end
return 'recorded'
`;

/** KEYS: answers, times. ARGV: the votes keys' prefix, before (exclusive). */
const PRUNE_SCRIPT = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[2])
for _, id in ipairs(ids) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('DEL', ARGV[1] .. id)
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[2])
return #ids
`;

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

async function timed<T>(pending: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  pending.catch(() => {});
  try {
    return await Promise.race([
      pending,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`feedback (REDIS_URL) did not answer within ${COMMAND_TIMEOUT_MS} ms`)),
          COMMAND_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export class RedisFeedbackStore implements FeedbackStore {
  readonly where: string;
  readonly #client: Client;

  private constructor(client: Client, where: string) {
    this.#client = client;
    this.where = where;
  }

  /** Connect; reconnects by itself after Redis restarts (meanwhile, calls fail and say so). */
  static async connect(url: string): Promise<RedisFeedbackStore> {
    const client: Client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) },
    });
    client.on('error', () => {});
    const connecting = client.connect();
    connecting.catch(() => {});
    await Promise.race([connecting, new Promise((r) => setTimeout(r, 2000).unref())]);
    const host = new URL(url);
    return new RedisFeedbackStore(client, `Redis at ${host.hostname}:${host.port || '6379'}`);
  }

  async salt(): Promise<Buffer> {
    await timed(this.#client.set(KEYS.salt, randomBytes(32).toString('hex'), { condition: 'NX' }));
    const held = await timed(this.#client.get(KEYS.salt));
    if (typeof held !== 'string' || !/^[0-9a-f]{64}$/.test(held)) throw new Error('Redis holds a malformed feedback salt');
    return Buffer.from(held, 'hex');
  }

  async record(answer: RecordedAnswer): Promise<void> {
    await timed(
      this.#client
        .multi()
        .hSet(KEYS.answers, answer.id, JSON.stringify(answer))
        .zAdd(KEYS.times, { score: answer.at, value: answer.id })
        .exec(),
    );
  }

  async answer(id: string): Promise<RecordedAnswer | null> {
    const json = await timed(this.#client.hGet(KEYS.answers, id));
    return typeof json === 'string' ? readAnswer(json) : null;
  }

  async vote(answerId: string, member: string, vote: Vote, _at: number): Promise<VoteOutcome> {
    const outcome = await timed(
      this.#client.eval(VOTE_SCRIPT, { keys: [KEYS.answers, votesKey(answerId)], arguments: [answerId, member, vote] }),
    );
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

  async report(window: ReportWindow): Promise<Report> {
    return buildReport(await this.since(window.from), window);
  }

  async prune(before: number): Promise<number> {
    return Number(
      await timed(this.#client.eval(PRUNE_SCRIPT, { keys: [KEYS.answers, KEYS.times], arguments: [`${PREFIX}votes:`, String(before)] })),
    );
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#client.close()]);
  }
}
