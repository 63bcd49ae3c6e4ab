/**
 * The one interaction pipeline every transport runs (the gateway bot, the HTTP endpoint, and so the
 * playground): a raw API interaction → the parser (zod) → the command registry passed in → the handler →
 * Discord's response body, written by the one mapping (`responseJson`). The handler context, the cooldowns
 * and the index warm-up are set up here, once.
 */
import { InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { Corpus } from '../core/corpus.js';
import { warmIndex } from '../core/search.js';
import type { ExpiringStore } from '../stores/expiring.js';
import { Cooldowns, type Bucket, type CooldownOptions } from './cooldown.js';
import { createRegistry, dispatch } from './dispatch.js';
import { messageJson, noticeMessage, replyFiles, responseJson, type ReplyFile } from './message.js';
import { compiledInteractionSchema, inputFromRaw } from './parse.js';
import type { BotContext, CommandModule, InteractionInput } from './types.js';

export interface PipelineOptions {
  /** The commands to answer (`commands/index.ts`). */
  commands: readonly CommandModule[];
  corpus: Corpus;
  logger: Logger;
  now?: () => number;
  /** Per-user cooldown (default: DEFAULT_COOLDOWN); null for none (the offline playground's only user). */
  cooldown?: CooldownOptions | null;
  /** Where cooldown buckets are kept (default: this process's memory); a shared store for several instances. */
  cooldownStore?: ExpiringStore<Bucket>;
  post: BotContext['post'];
  /** PUBLIC_READER_URL: citations link to their passages there. */
  readerUrl?: string;
  /** Where `/library` may change the library. */
  library?: BotContext['library'];
  /** Members' votes and the report (absent with FEEDBACK=off). */
  feedback?: BotContext['feedback'];
}

type Answer =
  | { kind: 'pong'; json: string }
  | { kind: 'refused'; reason: 'not-an-interaction' | 'unsupported-interaction' }
  | {
      kind: 'answered';
      input: InteractionInput;
      applicationId: string;
      token: string;
      json: string;
      /** Files sent beside `json` (multipart/form-data: `payload_json` and `files[n]`), when the reply carries any. */
      files?: readonly ReplyFile[];
      /**
       * For a reply that comes later (`later`): the message's JSON, for the transport to put in place of the
       * acknowledgement (`editOriginal`); `type` is the response it would be if sent at once (4 new, 7 update).
       */
      followUp?: { type: 4 | 7; message: () => Promise<string> };
    };

export interface Pipeline {
  /** A raw interaction (JSON already parsed, not yet trusted) → what to answer Discord. */
  answer: (raw: unknown) => Promise<Answer>;
  /** The library answering now. */
  corpus: () => Corpus;
  /** A reload: the new library is warmed, then answers every interaction from the next one on. */
  setCorpus: (corpus: Corpus) => void;
}

const PONG = JSON.stringify({ type: InteractionResponseType.Pong });

export function createPipeline(options: PipelineOptions): Pipeline {
  const registry = createRegistry(options.commands);
  const cooldowns = options.cooldown === null ? null : new Cooldowns(options.cooldown, options.cooldownStore);
  warmIndex(options.corpus.index);
  let corpus = options.corpus;
  const ctx: BotContext = {
    get corpus() {
      return corpus;
    },
    logger: options.logger,
    now: options.now ?? Date.now,
    post: options.post,
    commands: options.commands,
    ...(options.library ? { library: options.library } : {}),
    ...(options.feedback ? { feedback: options.feedback } : {}),
    ...(options.readerUrl ? { readerUrl: options.readerUrl } : {}),
  };
  return {
    async answer(raw) {
      const parsed = compiledInteractionSchema.safeParse(raw);
      if (!parsed.success) return { kind: 'refused', reason: 'not-an-interaction' };
      const type: InteractionType = parsed.data.type;
      if (type === InteractionType.Ping) return { kind: 'pong', json: PONG };
      const input = inputFromRaw(parsed.data);
      if (!input) return { kind: 'refused', reason: 'unsupported-interaction' };
      const reply = await dispatch(input, registry, ctx, cooldowns);
      const answered = {
        kind: 'answered' as const,
        input,
        applicationId: parsed.data.application_id,
        token: parsed.data.token,
        json: responseJson(reply),
      };
      const files = replyFiles(reply);
      if (files.length > 0) return { ...answered, files };
      if (reply.type !== 'later') return answered;
      const message = async (): Promise<string> => {
        try {
          return messageJson(await reply.message());
        } catch (err) {
          ctx.logger.error({ err, kind: input.kind, id: input.id }, 'interaction handler failed');
          return messageJson(noticeMessage('Something went wrong on my side; it has been logged. Please try again.'));
        }
      };
      return { ...answered, followUp: { type: reply.update ? 7 : 4, message } };
    },
    corpus: () => corpus,
    setCorpus(next) {
      warmIndex(next.index);
      corpus = next;
    },
  };
}
