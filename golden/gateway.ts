/**
 * Part 3: the gateway bot (the real discord.js Client, in this process, on the fixed clock) logged in to the
 * local Discord emulator. Its REST base is the recording proxy, so every REST call it makes is recorded as it
 * left the client: registration (`npm run deploy`'s request), start-up, then per interaction the callback and
 * anything else (a summary posted to a channel), with the emulator's status.
 *
 * A case ends when the interaction's callback has been answered and no REST call has started or finished for
 * 50 ms; anything the bot sends later still lands in the record, in the next case or in the shutdown section.
 */
import {
  deploy,
  DiscordEmulator,
  emulatorClientOptions,
  startGatewayBot,
  type Corpus,
  type DispatchedInteraction,
  type RecordedMessage,
} from './app.js';
import { caseHeader, field, type Normaliser } from './format.js';
import type { RecordingProxy } from './proxy.js';
import { restCalls } from './rest-record.js';
import {
  APPLICATION_ID,
  BOT_TOKEN,
  CHANNELS,
  FIXED_NOW,
  GUILD_ID,
  scenario,
  type Button,
  type Driver,
  type RawOption,
  type Who,
} from './scenario.js';

/** The emulator's guild; every channel the scenario names. */
export function newEmulator(): DiscordEmulator {
  return new DiscordEmulator({
    applicationId: APPLICATION_ID,
    token: BOT_TOKEN,
    guilds: [{ id: GUILD_ID, name: 'Golden', channels: CHANNELS.map((c) => ({ ...c })) }],
    // A loaded machine must not turn a slow answer into a different record.
    ackDeadlineMs: 60_000,
  });
}

interface Handle {
  interactionId: string | null;
}

const QUIET_MS = 50;
const CALLBACK_TIMEOUT_MS = 20_000;

export async function recordGateway(
  corpus: Corpus,
  emulator: DiscordEmulator,
  proxy: RecordingProxy,
  apiUrl: string,
  normaliser: Normaliser,
): Promise<string> {
  let text = '';
  let cases = 0;
  let offset = 0;
  const now = (): number => FIXED_NOW + offset;
  let mark = proxy.requests.length;
  const section = (id: string, title: string, lines = ''): void => {
    const calls = proxy.requests.slice(mark);
    mark = proxy.requests.length;
    text += normaliser.apply(caseHeader(id, title) + lines + (calls.length ? restCalls(calls) : field('rest', 'none')));
  };
  const nextId = (): string => `gateway/${String(++cases).padStart(3, '0')}`;

  await deploy({ token: BOT_TOKEN, applicationId: APPLICATION_ID, guildId: GUILD_ID, api: apiUrl });
  await proxy.settle(QUIET_MS);
  section('gateway/deploy', 'npm run deploy: register the commands in the guild');

  const bot = await startGatewayBot({ corpus, token: BOT_TOKEN, now, clientOptions: emulatorClientOptions(apiUrl) });
  try {
    await emulator.waitForReady(20_000);
    await proxy.settle(QUIET_MS);
    section('gateway/start', 'the bot logs in');

    const opts = (who: Who): { user: Who['user']; memberPermissions?: string; guildId?: null } =>
      who.dm ? { user: who.user, guildId: null } : { user: who.user, memberPermissions: who.permissions };
    const run = async (title: string, describe: string, dispatch: () => Promise<DispatchedInteraction>): Promise<Handle> => {
      const id = nextId();
      const ix = await dispatch();
      const n = normaliser.register(ix.id, 'interaction').replace(/^\{interaction (\d+)\}$/, '$1');
      normaliser.register(ix.token, `token`);
      let outcome = '';
      try {
        await proxy.waitFor((r) => r.url.includes(`/interactions/${ix.id}/`) && r.url.includes('/callback'), CALLBACK_TIMEOUT_MS);
      } catch {
        outcome = field('outcome', `no callback within ${CALLBACK_TIMEOUT_MS / 1000} s`);
      }
      await proxy.settle(QUIET_MS);
      for (const m of emulator.messagesFor(ix.id)) normaliser.register(m.id, 'message');
      section(id, title, field('interaction', `{interaction ${n}}: ${describe}`) + outcome);
      return { interactionId: ix.id };
    };
    const current = (on: Handle): RecordedMessage | undefined =>
      on.interactionId ? emulator.originalMessage(on.interactionId) : undefined;

    const d: Driver<Handle> = {
      command: (title, name, options, who, resolvedChannels) =>
        run(title, `command ${name} ${JSON.stringify(options)} ${describeWho(who)}`, () =>
          emulator.slashCommand(name, options as never, {
            ...opts(who),
            ...(resolvedChannels?.length
              ? {
                  resolved: {
                    channels: Object.fromEntries(
                      resolvedChannels.map((c) => [c.id, { id: c.id, name: c.name, type: 0, permissions: '0' }]),
                    ),
                  },
                }
              : {}),
          }),
        ),
      autocomplete: async (title, name, options: RawOption[], who) => {
        await run(title, `autocomplete ${name} ${JSON.stringify(options)} ${describeWho(who)}`, () =>
          emulator.autocomplete(name, options as never, opts(who)),
        );
      },
      messageCommand: (title, name, target, who) =>
        run(title, `message command ${JSON.stringify(name)} on ${JSON.stringify(target)} ${describeWho(who)}`, () =>
          emulator.messageContextMenu(
            name,
            { id: target.id, channelId: who.dm ? undefined : CHANNELS[0].id, content: target.content },
            opts(who),
          ),
        ),
      buttons: (on) => buttonsOf(current(on)),
      press: async (title, on, customId, who) => {
        const message = current(on);
        if (!message) throw new Error('golden: pressed a button on no message');
        return run(title, `button ${customId} ${describeWho(who)}`, () => emulator.button(customId, message, opts(who)));
      },
      pressForeign: async (title, messageId, customId, who) => {
        const message = {
          id: messageId,
          channelId: CHANNELS[0].id,
          embeds: [],
          components: [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: customId }] }],
        };
        await run(title, `button ${customId} on message ${messageId} ${describeWho(who)}`, () =>
          emulator.button(customId, message, opts(who)),
        );
      },
      note: (title, note) => {
        text += normaliser.apply(caseHeader(nextId(), title) + field('not sent', note));
      },
      setClockOffset: (ms) => {
        offset = ms;
      },
    };
    await scenario(d);
  } finally {
    await bot.stop();
  }
  await proxy.settle(QUIET_MS).catch(() => undefined);
  section('gateway/stop', 'the bot shuts down');
  return text;
}

function describeWho(who: Who): string {
  return who.dm ? `in a DM by ${who.user.id}` : `by ${who.user.id} with permissions ${who.permissions}`;
}

function buttonsOf(message: RecordedMessage | undefined): Button[] {
  const rows = (message?.raw.components ?? []) as unknown as Array<{
    components?: Array<{ label?: string; custom_id?: string; disabled?: boolean }>;
  }>;
  return rows
    .flatMap((row) => row.components ?? [])
    .map((b) => ({ label: b.label ?? '', customId: b.custom_id ?? '', disabled: b.disabled === true }));
}
