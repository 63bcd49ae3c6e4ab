/** GET / PATCH / DELETE of one message, the same whether reached through an interaction's webhook or a channel. */
import type { MessageBody } from '../model.js';
import type { RecordedMessage } from '../types.js';
import { validateMessage } from '../validate.js';
import { asObject, err, ok, type Call, type Reply, type RestHooks } from './route.js';

export function messageVerb(hooks: RestHooks, c: Call, message: RecordedMessage): Reply {
  if (c.method === 'GET') return ok(message.raw);
  if (c.method === 'DELETE') {
    message.deleted = true;
    hooks.messageChanged(message, 'delete');
    return { status: 204 };
  }
  const body = (asObject(c.body) ?? {}) as MessageBody;
  const raw = message.raw;
  // Validate the message as it would be after the edit: an edit may not leave it empty.
  const merged: MessageBody = {
    content: body.content !== undefined ? body.content : raw.content,
    embeds: body.embeds !== undefined ? body.embeds : raw.embeds,
    components: body.components !== undefined ? body.components : (raw.components ?? []),
    attachments: body.attachments !== undefined ? body.attachments : raw.attachments,
    flags: raw.flags ?? 0,
  };
  const invalid = validateMessage(merged);
  if (invalid) return err(invalid);
  hooks.world.editMessage(message, body, c.files);
  hooks.messageChanged(message, 'update');
  return ok(message.raw);
}
