/**
 * `POST /interactions/{id}/{token}/callback`: the bot's first answer to an interaction (reply, defer, update,
 * autocomplete choices, modal), judged against Discord's rules: once only, within the acknowledgement deadline,
 * with a callback type the interaction accepts.
 */
import { MessageFlag, type MessageBody } from '../model.js';
import type { RecordedMessage } from '../types.js';
import { apiError, fieldError, validateChoices, validateMessage, validateModal } from '../validate.js';
import { asObject, CREATE_FLAGS, err, ID, ok, TOKEN, type Call, type Reply, type RestHooks, type Route } from './route.js';

const UNKNOWN_INTERACTION = apiError(404, 10062, 'Unknown interaction');

/** Callback types each interaction type accepts (1 PONG is for HTTP-only ping interactions, never sent here). */
const CALLBACKS: Record<number, number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

export function callbackRoutes(hooks: RestHooks): Route[] {
  return [
    {
      methods: ['POST'],
      pattern: new RegExp(`^/interactions/${ID}/${TOKEN}/callback$`),
      bot: false,
      run: (c) => callback(hooks, c),
    },
  ];
}

function callback(hooks: RestHooks, c: Call): Reply {
  const { world } = hooks;
  const [id = '', token = ''] = c.params;
  const ix = world.interactions.get(id);
  const now = Date.now();
  if (!ix || ix.token !== token || ix.expired || now > ix.expiresAt) return err(UNKNOWN_INTERACTION);
  if (ix.callbackType !== null) return err(apiError(400, 40060, 'Interaction has already been acknowledged.'));
  // Discord forgets interactions that were not acknowledged within 3 seconds.
  if (now > ix.ackBy) return err(UNKNOWN_INTERACTION);
  const body = asObject(c.body) ?? {};
  const type = body.type;
  if (typeof type !== 'number' || !(CALLBACKS[ix.type] ?? []).includes(type)) {
    return err(fieldError('type', 'INTERACTION_CALLBACK_TYPE_INVALID', `Callback type ${String(type)} is not valid for this interaction`));
  }
  const data = (asObject(body.data) ?? {}) as MessageBody;
  let message: RecordedMessage | undefined;
  let change: 'create' | 'update' = 'create';
  switch (type) {
    case 4: {
      const invalid = validateMessage(data, 'data');
      if (invalid) return err(invalid);
      message = world.createMessage({
        channelId: ix.channelId,
        guildId: ix.guildId,
        body: data,
        files: c.files,
        kind: 'reply',
        type: ix.type === 2 ? (ix.commandType === 1 ? 20 : 23) : 0,
        interaction: ix,
        flags: (data.flags ?? 0) & CREATE_FLAGS,
      });
      ix.originalMessageId = message.id;
      break;
    }
    case 5:
      // "Bot is thinking…": an empty loading message that the first edit or follow-up fills in.
      message = world.createMessage({
        channelId: ix.channelId,
        guildId: ix.guildId,
        body: {},
        kind: 'reply',
        type: ix.type === 2 ? (ix.commandType === 1 ? 20 : 23) : 0,
        interaction: ix,
        flags: MessageFlag.Loading | ((data.flags ?? 0) & MessageFlag.Ephemeral),
      });
      ix.originalMessageId = message.id;
      break;
    case 6:
    case 7: {
      const source = ix.sourceMessageId ? world.message(ix.sourceMessageId) : undefined;
      if (!source) return err(fieldError('type', 'INTERACTION_CALLBACK_TYPE_INVALID', 'No message to update'));
      if (type === 7) {
        const invalid = validateMessage(data, 'data', false);
        if (invalid) return err(invalid);
        message = world.editMessage(source, data, c.files);
        change = 'update';
      }
      ix.originalMessageId = source.id;
      break;
    }
    case 8: {
      const invalid = validateChoices(data);
      if (invalid) return err(invalid);
      ix.callbackData = data;
      break;
    }
    case 9: {
      const invalid = validateModal(data);
      if (invalid) return err(invalid);
      ix.callbackData = data;
      break;
    }
  }
  ix.callbackType = type;
  if (message) hooks.messageChanged(message, change);
  if (c.query.with_response !== 'true') return { status: 204 };
  return ok({
    interaction: {
      id: ix.id,
      type: ix.type,
      ...(message
        ? {
            response_message_id: message.id,
            response_message_loading: message.loading,
            response_message_ephemeral: message.ephemeral,
          }
        : {}),
    },
    resource: { type, ...(message ? { message: message.raw } : {}) },
  });
}
