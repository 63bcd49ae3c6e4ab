/**
 * Command options, typed from the command definition itself (as discordjs/discord-utils-bot does):
 * a definition is a `const` JSON object, and `ArgsOf` turns its options into the handler's argument type,
 * so an option is declared once and read with the right type everywhere. `readArgs` checks the values
 * at run time too: an interaction is outside input, whichever transport brought it.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';

/** A channel picked in an option. */
interface ChannelRef {
  id: string;
  name?: string;
  type?: number;
}

/** A file attached to a command: what Discord says of it, and where its CDN serves it (a link that expires). */
interface AttachmentRef {
  id: string;
  filename: string;
  size: number;
  url: string;
  contentType?: string;
}

export type OptionInput = string | number | boolean | ChannelRef | AttachmentRef;

type OptionValue<O> = O extends { type: ApplicationCommandOptionType.String }
  ? string
  : O extends { type: ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number }
    ? number
    : O extends { type: ApplicationCommandOptionType.Boolean }
      ? boolean
      : O extends { type: ApplicationCommandOptionType.Channel }
        ? ChannelRef
        : O extends { type: ApplicationCommandOptionType.Attachment }
          ? AttachmentRef
          : never;

export type OptionDef = { readonly name: string; readonly type: ApplicationCommandOptionType; readonly required?: boolean };

/** `{ query: string; source: string | undefined; hide: boolean | undefined }` from a list of options. */
export type ArgsOf<Options extends readonly OptionDef[]> = {
  -readonly [O in Options[number] as O['name']]: O extends { required: true } ? OptionValue<O> : OptionValue<O> | undefined;
};

export class OptionError extends Error {}

function check(def: OptionDef, value: OptionInput | undefined): unknown {
  if (value === undefined) {
    if (def.required) throw new OptionError(`the option "${def.name}" is required`);
    return undefined;
  }
  const ok =
    (def.type === ApplicationCommandOptionType.String && typeof value === 'string') ||
    ((def.type === ApplicationCommandOptionType.Integer || def.type === ApplicationCommandOptionType.Number) &&
      typeof value === 'number') ||
    (def.type === ApplicationCommandOptionType.Boolean && typeof value === 'boolean') ||
    (def.type === ApplicationCommandOptionType.Channel && typeof value === 'object' && typeof value.id === 'string' && !('url' in value)) ||
    (def.type === ApplicationCommandOptionType.Attachment && typeof value === 'object' && 'url' in value);
  if (!ok) throw new OptionError(`the option "${def.name}" has the wrong type`);
  return value;
}

/** Read a definition's options from the interaction's option values, each checked against its declared type. */
export function readArgs<const Options extends readonly OptionDef[]>(
  values: Readonly<Record<string, OptionInput>>,
  options: Options,
): ArgsOf<Options> {
  const out: Record<string, unknown> = {};
  for (const def of options) out[def.name] = check(def, values[def.name]);
  return out as ArgsOf<Options>;
}
