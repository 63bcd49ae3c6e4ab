/** What command handlers get besides the interaction: the library, the clock, the cooldowns, the log, and a way to post. */
import type { Logger } from 'pino';
import type { Corpus } from '../core/corpus.js';
import type { DiscordMessage } from '../render/discord.js';
import type { Cooldowns } from './cooldown.js';
import type { PostResult } from './interaction.js';

export interface BotContext {
  corpus: Corpus;
  /** Null where there is no one to limit (the offline playground's only user). */
  cooldowns: Cooldowns | null;
  logger: Logger;
  /** Milliseconds since the epoch; injectable so tests can move time (token expiry). */
  now: () => number;
  /** Post a message to a channel as the bot (the summary's Post button). */
  post: (channelId: string, message: DiscordMessage) => Promise<PostResult>;
  /** The reader site's address (PUBLIC_READER_URL); unset, replies carry no links. */
  readerUrl?: string;
}
