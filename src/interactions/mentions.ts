/**
 * Discord's mention syntax in what people type: markup for a user, role, channel, command or emoji, not words
 * about the talks. The bot's commands drop it before the core reads what was typed (`commands/`); so
 * does the `talks` CLI, which takes questions copied from Discord too, so a question gets the same
 * answer in both. The core only cleans generic text (`core/query.ts`).
 */

/** Everything Discord would turn into a ping or a link to a user, role or channel. */
const MENTIONS = /<@[!&]?\d+>|<#\d+>|<\/[\w -]+:\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b/g;

/** `text` with Discord's mentions taken out (a space where each was). */
export function withoutMentions(text: string): string {
  return text.replace(MENTIONS, ' ');
}
