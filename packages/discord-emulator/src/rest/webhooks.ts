/**
 * An interaction's webhook, `/webhooks/{application}/{token}`: follow-ups, and reading, editing or deleting
 * `@original` and the follow-ups. It exists from the interaction's acknowledgement until its token expires.
 */
import type { MessageBody, StoredInteraction } from '../model.js';
import type { RecordedMessage } from '../types.js';
import { apiError, validateMessage } from '../validate.js';
import { messageVerb } from './messages.js';
import { asObject, CREATE_FLAGS, err, ID, ok, TOKEN, UNKNOWN_MESSAGE, type Call, type Reply, type RestHooks, type Route } from './route.js';

export function webhookRoutes(hooks: RestHooks): Route[] {
  return [
    {
      methods: ['GET', 'PATCH', 'DELETE'],
      pattern: new RegExp(`^/webhooks/${ID}/${TOKEN}/messages/(@original|\\d+)$`),
      bot: false,
      run: (c) => webhookMessage(hooks, c),
    },
    { methods: ['POST'], pattern: new RegExp(`^/webhooks/${ID}/${TOKEN}$`), bot: false, run: (c) => followUp(hooks, c) },
  ];
}

/** Resolves `/webhooks/{app}/{token}` to its interaction, or Discord's error for it. */
function webhookInteraction({ world }: RestHooks, c: Call): StoredInteraction | Reply {
  const [appId, token = ''] = c.params;
  if (appId !== world.applicationId) return err(apiError(404, 10015, 'Unknown Webhook'));
  const ix = world.interactionsByToken.get(token);
  if (!ix || ix.expired || Date.now() > ix.expiresAt) return err(apiError(401, 50027, 'Invalid Webhook Token'));
  // Until the interaction is acknowledged its webhook does not exist yet.
  if (ix.callbackType === null) return err(apiError(404, 10015, 'Unknown Webhook'));
  return ix;
}

function followUp(hooks: RestHooks, c: Call): Reply {
  const ix = webhookInteraction(hooks, c);
  if ('status' in ix) return ix;
  const { world } = hooks;
  const body = (asObject(c.body) ?? {}) as MessageBody;
  const invalid = validateMessage(body);
  if (invalid) return err(invalid);
  const original = ix.originalMessageId ? world.message(ix.originalMessageId) : undefined;
  let message: RecordedMessage;
  if (ix.callbackType === 5 && original?.loading && !original.deleted) {
    // The first follow-up after a deferred reply fills the "thinking" message (keeping the defer's ephemerality).
    message = world.editMessage(original, body, c.files);
    hooks.messageChanged(message, 'update');
  } else {
    message = world.createMessage({
      channelId: ix.channelId,
      guildId: ix.guildId,
      body,
      files: c.files,
      kind: 'followup',
      interaction: ix,
      flags: (body.flags ?? 0) & CREATE_FLAGS,
    });
    hooks.messageChanged(message, 'create');
  }
  return c.query.wait === 'true' ? ok(message.raw) : { status: 204 };
}

function webhookMessage(hooks: RestHooks, c: Call): Reply {
  const ix = webhookInteraction(hooks, c);
  if ('status' in ix) return ix;
  const which = c.params[2];
  const id = which === '@original' ? ix.originalMessageId : which;
  const message = id && (id === ix.originalMessageId || ix.messageIds.has(id)) ? hooks.world.message(id) : undefined;
  if (!message || message.deleted) return err(UNKNOWN_MESSAGE);
  return messageVerb(hooks, c, message);
}
