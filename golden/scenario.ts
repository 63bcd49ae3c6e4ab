/**
 * The interactions driven through both transports (parts 2 and 3): the same users, options and button presses,
 * in the same order. A driver turns each step into a signed HTTP request (http.ts) or an INTERACTION_CREATE
 * from the emulator (gateway.ts) and records what came back.
 *
 * Buttons are never built here: a press takes the custom_id from the buttons on the message as the bot last
 * left it (found by label, or by custom_id prefix), as a user's click would. A button that is missing or
 * disabled is recorded as such and not pressed.
 */
import { ApplicationCommandOptionType as T, PermissionFlagsBits } from 'discord.js';

export const APPLICATION_ID = '1300000000000000001';
export const GUILD_ID = '1300000000000000100';
export const GENERAL = '1300000000000000200';
export const LOCKED = '1300000000000000201';
export const GONE = '1300000000000000202';
export const CHANNELS = [
  { id: GENERAL, name: 'general' },
  { id: LOCKED, name: 'announcements', botCanSend: false },
  { id: GONE, name: 'old', deleted: true },
] as const;
/** The bot token given to the emulator and the bot (a made-up test value in the format Discord uses). */
export const BOT_TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.Gabcde.golden-test-token-not-a-secret-012345';
/** The fixed clock of the HTTP endpoint and the bot: 2026-01-01T00:00:00Z. */
export const FIXED_NOW = Date.UTC(2026, 0, 1);
/** Interaction tokens last 15 minutes; buttons pressed this much later have expired. */
export const LATER = 16 * 60_000;

export const MODERATOR = String(PermissionFlagsBits.ManageMessages | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);
export const MEMBER = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);

export interface User {
  id: string;
  username: string;
}

export interface RawOption {
  type: number;
  name: string;
  value?: string | boolean;
  focused?: boolean;
  options?: RawOption[];
}

export interface Who {
  user: User;
  permissions: string;
  /** A DM with the bot (no guild, no member). */
  dm?: boolean;
}

export interface Button {
  label: string;
  customId: string;
  disabled: boolean;
}

export interface Driver<H> {
  /** A chat-input command; `resolvedChannels` as Discord resolves channel options. */
  command(title: string, name: string, options: RawOption[], who: Who, resolvedChannels?: Array<{ id: string; name: string }>): Promise<H>;
  autocomplete(title: string, name: string, options: RawOption[], who: Who): Promise<void>;
  messageCommand(title: string, name: string, target: { id: string; content: string }, who: Who): Promise<H>;
  /** The buttons on the message `on` refers to, as it is now. */
  buttons(on: H): Button[];
  press(title: string, on: H, customId: string, who: Who): Promise<H>;
  /** A message (made by someone else) carrying a button with `customId`, pressed. */
  pressForeign(title: string, messageId: string, customId: string, who: Who): Promise<void>;
  /** A step that was not taken (a missing or disabled button), recorded as a case. */
  note(title: string, text: string): void;
  /** The clock the bot runs on, moved forward (or back to 0). */
  setClockOffset(ms: number): void;
}

const sub = (name: string, options: RawOption[] = []): RawOption[] => [{ type: T.Subcommand, name, options }];
const str = (name: string, value: string, focused?: boolean): RawOption => ({
  type: T.String,
  name,
  value,
  ...(focused ? { focused } : {}),
});
const bool = (name: string, value: boolean): RawOption => ({ type: T.Boolean, name, value });
const channel = (value: string): RawOption => ({ type: T.Channel, name: 'channel', value });

const search = (query: string, extra: RawOption[] = []): RawOption[] => sub('search', [str('query', query), ...extra]);

export async function scenario<H>(d: Driver<H>): Promise<void> {
  let users = 0;
  const fresh = (permissions = MEMBER): Who => {
    users += 1;
    return { user: { id: `14000000000000${String(users).padStart(5, '0')}`, username: `user${users}` }, permissions };
  };
  const press = async (title: string, on: H, pick: string | RegExp, who: Who): Promise<H | null> => {
    const all = d.buttons(on);
    const found = all.find((b) => (typeof pick === 'string' ? b.label === pick : pick.test(b.customId)));
    const buttons = all.map((b) => `${JSON.stringify(b.label)}${b.disabled ? ' (disabled)' : ''}`).join(', ') || 'none';
    if (!found) {
      d.note(title, `no button ${String(pick)}; buttons: ${buttons}`);
      return null;
    }
    if (found.disabled) {
      d.note(title, `button ${JSON.stringify(found.label)} is disabled; buttons: ${buttons}`);
      return null;
    }
    return await d.press(title, on, found.customId, who);
  };

  // /talks search
  const asker = fresh();
  const other = fresh();
  const s1 = await d.command('search: public, paged', 'talks', search('What did the grain deal show about cooperation?'), asker);
  await press('search: Show full passage 1, by someone else', s1, 'Show full passage 1', other);
  await press('search: Show full passage 2, by the asker', s1, 'Show full passage 2', asker);
  await press('search: Next ▶ by the asker', s1, 'Next ▶', asker);
  await press('search: Show full passage 4', s1, 'Show full passage 4', asker);
  await press('search: Next ▶ again', s1, 'Next ▶', asker);
  await press('search: Next ▶ on the last page', s1, 'Next ▶', asker);
  await press('search: ◀ Prev', s1, '◀ Prev', asker);
  await press('search: Next ▶ by someone else', s1, 'Next ▶', other);
  d.setClockOffset(LATER);
  await press('search: Next ▶ 16 minutes later', s1, 'Next ▶', asker);
  await press('search: Show full passage 16 minutes later', s1, /^talks:full:/, other);
  d.setClockOffset(0);

  const hider = fresh();
  const s2 = await d.command('search: hide', 'talks', search('grain deal', [bool('hide', true)]), hider);
  await press('search: Next ▶ on a hidden reply', s2, 'Next ▶', hider);

  const scoped = fresh();
  const s3 = await d.command('search: source parish-2025', 'talks', search('negotiations', [str('source', 'parish-2025')]), scoped);
  await press('search: Next ▶ keeps the source', s3, 'Next ▶', scoped);

  await d.command('search: unknown source', 'talks', search('negotiations', [str('source', 'nope')]), fresh());
  await d.command('search: nothing found', 'talks', search('xylophone quokka'), fresh());
  await d.command('search: typos', 'talks', search('zelenskky ceasfire'), fresh());
  await d.command('search: stopwords only', 'talks', search('the and of'), fresh());
  await d.command('search: 2,000 characters', 'talks', search('war '.repeat(500)), fresh());
  await d.command('search: mentions and markdown', 'talks', search('@everyone <@&1234567890123456789> **grain** deal'), fresh());
  await d.command(
    'search: a question naming its source',
    'talks',
    search('according to the 2025 article is the us still intrested in ukraine'),
    fresh(),
  );
  await d.command('search: Who tried to mediate in March 2022?', 'talks', search('Who tried to mediate in March 2022?'), fresh());
  await d.command('search: in a DM', 'talks', search('Turkey, India and the UAE'), { ...fresh(), dm: true });

  // /talks timeline
  const reader = fresh();
  const t1 = await d.command('timeline: no topic', 'talks', sub('timeline'), reader);
  await press('timeline: Later ▶', t1, 'Later ▶', reader);
  await press('timeline: Later ▶ again', t1, 'Later ▶', reader);
  await press('timeline: ◀ Earlier', t1, '◀ Earlier', reader);
  await press('timeline: Later ▶ by someone else', t1, 'Later ▶', other);
  d.setClockOffset(LATER);
  await press('timeline: Later ▶ 16 minutes later', t1, 'Later ▶', reader);
  d.setClockOffset(0);
  const t2 = await d.command('timeline: grain deal (one page: no buttons)', 'talks', sub('timeline', [str('topic', 'grain deal')]), reader);
  await press('timeline: grain deal, Later ▶', t2, 'Later ▶', reader);
  const ranged = fresh();
  const t3 = await d.command(
    'timeline: from 2022-06 to August 2022',
    'talks',
    sub('timeline', [str('from', '2022-06'), str('to', 'August 2022')]),
    ranged,
  );
  await press('timeline: from/to, Later ▶', t3, 'Later ▶', ranged);
  const t4 = await d.command('timeline: Zelensky', 'talks', sub('timeline', [str('topic', 'Zelensky')]), ranged);
  await press('timeline: Zelensky, Later ▶', t4, 'Later ▶', ranged);
  await d.command('timeline: Zelensky, hidden', 'talks', sub('timeline', [str('topic', 'Zelensky'), bool('hide', true)]), ranged);
  await d.command('timeline: a bad date', 'talks', sub('timeline', [str('from', 'someday')]), fresh());
  await d.command('timeline: from after to', 'talks', sub('timeline', [str('from', '2023'), str('to', '2022')]), fresh());
  await d.command('timeline: nothing found', 'talks', sub('timeline', [str('topic', 'xylophone quokka')]), fresh());

  // /talks summary
  const summary = (topic: string, where?: string): RawOption[] => sub('summary', [str('topic', topic), ...(where ? [channel(where)] : [])]);
  const resolved = (id: string): Array<{ id: string; name: string }> =>
    CHANNELS.filter((c) => c.id === id).map((c) => ({ id: c.id, name: c.name }));
  await d.command('summary: refused to a member', 'talks', summary('grain deal'), fresh(MEMBER));
  const mod = fresh(MODERATOR);
  const p1 = await d.command('summary: preview for a moderator', 'talks', summary('grain deal'), mod);
  await press('summary: Post by another moderator', p1, 'Post to channel', fresh(MODERATOR));
  await press('summary: Post by the asker without Manage Messages', p1, 'Post to channel', { user: mod.user, permissions: MEMBER });
  await press('summary: Post', p1, 'Post to channel', mod);
  const p2 = await d.command('summary: preview of mediation', 'talks', summary('mediation'), mod);
  await press('summary: Cancel', p2, 'Cancel', mod);
  const mod2 = fresh(MODERATOR);
  const p3 = await d.command(
    'summary: to a channel the bot cannot post in',
    'talks',
    summary('grain deal', LOCKED),
    mod2,
    resolved(LOCKED),
  );
  await press('summary: Post to that channel', p3, 'Post to channel', mod2);
  const p4 = await d.command('summary: to a deleted channel', 'talks', summary('grain deal', GONE), mod2, resolved(GONE));
  await press('summary: Post to the deleted channel', p4, 'Post to channel', mod2);
  const mod3 = fresh(MODERATOR);
  const p5 = await d.command(
    'summary: sources that differ',
    'talks',
    summary('US Congress support for Ukraine', GENERAL),
    mod3,
    resolved(GENERAL),
  );
  d.setClockOffset(LATER);
  await press('summary: Post 16 minutes later', p5, 'Post to channel', mod3);
  d.setClockOffset(0);
  await d.command('summary: nothing found', 'talks', summary('xylophone quokka'), mod3);
  await d.command('summary: in a DM', 'talks', summary('grain deal'), { ...fresh(MODERATOR), dm: true });

  // /talks sources, help
  await d.command('sources', 'talks', sub('sources'), fresh());
  await d.command('sources: hidden', 'talks', sub('sources', [bool('hide', true)]), fresh());
  await d.command('help', 'talks', sub('help'), fresh());

  // autocomplete
  const typist = fresh();
  await d.autocomplete('autocomplete: search query "gra"', 'talks', sub('search', [str('query', 'gra', true)]), typist);
  await d.autocomplete('autocomplete: search query ""', 'talks', sub('search', [str('query', '', true)]), typist);
  await d.autocomplete('autocomplete: search query "zelen"', 'talks', sub('search', [str('query', 'zelen', true)]), typist);
  await d.autocomplete(
    'autocomplete: search source "par"',
    'talks',
    sub('search', [str('query', 'grain'), str('source', 'par', true)]),
    typist,
  );
  await d.autocomplete('autocomplete: search source ""', 'talks', sub('search', [str('query', 'grain'), str('source', '', true)]), typist);
  await d.autocomplete('autocomplete: timeline topic "ist"', 'talks', sub('timeline', [str('topic', 'ist', true)]), typist);
  await d.autocomplete('autocomplete: summary topic "medi"', 'talks', sub('summary', [str('topic', 'medi', true)]), fresh(MODERATOR));

  // the message command
  const finder = fresh();
  const f1 = await d.messageCommand(
    'Find sources',
    'Find sources',
    { id: '1600000000000000001', content: 'Did the grain deal brokered by Turkey and the UN actually work?' },
    finder,
  );
  await press('Find sources: Next ▶', f1, 'Next ▶', finder);
  await d.messageCommand(
    'Find sources: a message with no words',
    'Find sources',
    { id: '1600000000000000002', content: 'https://example.com 🎉' },
    fresh(),
  );

  // buttons the bot never made
  await d.pressForeign('button: tampered custom_id', '1600000000000000003', 'talks:page:not-a-user:zz:99', fresh());
  await d.pressForeign('button: someone else’s custom_id', '1600000000000000004', 'poll:vote:1', fresh());
  await d.pressForeign('button: unknown action', '1600000000000000005', `talks:zap:${asker.user.id}:t8kzk0:1`, asker);

  // cooldown: a burst of four, then notices (the clock does not move); help is never held back
  const flooder = fresh();
  for (let i = 0; i < 6; i++) await d.command(`cooldown: search ${i + 1} of 6`, 'talks', search(`grain deal ${i}`), flooder);
  await d.command('cooldown: help is exempt', 'talks', sub('help'), flooder);
}
