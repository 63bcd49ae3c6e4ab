/** `/channels/{id}` and its messages: what a bot posts outside interactions (a summary to a channel, say). */
import type { MessageBody } from '../model.js';
import { apiError, validateMessage } from '../validate.js';
import { messageVerb } from './messages.js';
import { asObject, err, ID, ok, UNKNOWN_MESSAGE, type Call, type Reply, type RestHooks, type Route } from './route.js';

const UNKNOWN_CHANNEL = apiError(404, 10003, 'Unknown Channel');

export function channelRoutes(hooks: RestHooks): Route[] {
  return [
    { methods: ['GET'], pattern: new RegExp(`^/channels/${ID}$`), bot: true, run: (c) => getChannel(hooks, c) },
    {
      methods: ['POST'],
      pattern: new RegExp(`^/channels/${ID}/messages$`),
      bot: true,
      run: (c) => createChannelMessage(hooks, c),
    },
    {
      methods: ['GET', 'PATCH', 'DELETE'],
      pattern: new RegExp(`^/channels/${ID}/messages/${ID}$`),
      bot: true,
      run: (c) => channelMessage(hooks, c),
    },
  ];
}

function getChannel({ world }: RestHooks, c: Call): Reply {
  const found = world.findChannel(c.params[0] ?? '');
  if (!found || found.channel.deleted) return err(UNKNOWN_CHANNEL);
  return ok(world.channelObject(found.guild, found.channel));
}

function createChannelMessage(hooks: RestHooks, c: Call): Reply {
  const { world } = hooks;
  const channelId = c.params[0] ?? '';
  const found = world.findChannel(channelId);
  if (!world.isDmChannel(channelId)) {
    if (!found || found.channel.deleted) return err(UNKNOWN_CHANNEL);
    if (found.channel.botCanSend === false) return err(apiError(403, 50013, 'Missing Permissions'));
  }
  const body = (asObject(c.body) ?? {}) as MessageBody;
  const invalid = validateMessage(body);
  if (invalid) return err(invalid);
  const message = world.createMessage({
    channelId,
    guildId: found?.guild.id ?? null,
    body,
    files: c.files,
    kind: 'channel',
    type: body.message_reference ? 19 : 0,
    flags: (body.flags ?? 0) & ((1 << 2) | (1 << 12) | (1 << 15)),
  });
  hooks.messageChanged(message, 'create');
  return ok(message.raw);
}

function channelMessage(hooks: RestHooks, c: Call): Reply {
  const [channelId, messageId = ''] = c.params;
  const message = hooks.world.message(messageId);
  if (!message || message.deleted || message.channelId !== channelId || message.ephemeral) return err(UNKNOWN_MESSAGE);
  if (c.method === 'PATCH' && message.raw.author.id !== hooks.world.botUser.id) {
    return err(apiError(403, 50005, 'Cannot edit a message authored by another user'));
  }
  return messageVerb(hooks, c, message);
}
