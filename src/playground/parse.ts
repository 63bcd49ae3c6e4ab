/**
 * What a person types in the offline playground, as a command to send through the emulator:
 *   /talks search ceasefire           (the rest of the line is the first option)
 *   /talks timeline topic:grain deal from:2022
 *   /library add file:article.md      (a local file, attached as Discord would: the option's value is its path)
 *   /library add url:https://…        /library list    /library remove source:<id>    /library edit source:<id>
 *   /find <any text>                  (the "Find sources" message menu on a message with that text)
 *   /confirm                          (the "Confirm passage" message menu on the last answer)
 *   3                                 (press button 3)
 *   grain deal                        (plain text: a search)
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { library } from '../../commands/library/index.js';
import { talks } from '../../commands/talks/index.js';

/** One option of a subcommand; an attachment's (type 11) value is the local file's path until the playground uploads it. */
export interface PlaygroundOption {
  name: string;
  type: ApplicationCommandOptionType;
  value: string | boolean;
}

export type PlaygroundAction =
  | { kind: 'slash'; command: 'talks' | 'library'; subcommand: string; options: PlaygroundOption[] }
  | { kind: 'find'; text: string }
  | { kind: 'confirm' }
  | { kind: 'press'; number: number }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'error'; message: string };

type OptionDefinition = { name: string; type: ApplicationCommandOptionType };
type SubcommandDefinitions = ReadonlyArray<{ name: string; options?: ReadonlyArray<OptionDefinition> }>;

/** The slash commands typed here, and the subcommand a bare `/talks` runs (none for `/library`: Discord needs one). */
const SLASH: Record<'talks' | 'library', { subcommands: SubcommandDefinitions; bare: string | null }> = {
  talks: { subcommands: talks.definition.options, bare: 'help' },
  library: { subcommands: library.definition.options, bare: null },
};

const names = (command: 'talks' | 'library'): string[] => SLASH[command].subcommands.map((o) => o.name);

const COMMANDS_HERE =
  `Commands here: /talks ${names('talks').join('|')}, /library ${names('library').join('|')}, ` +
  '/find <text>, /confirm, or a button number.';

/** A value typed in quotes, as people paste paths with spaces: the quotes are not part of it. */
function unquote(value: string): string {
  const m = /^(["'])([\s\S]*)\1$/.exec(value);
  return m?.[2] ?? value;
}

export function parsePlaygroundLine(line: string): PlaygroundAction | null {
  const text = line.trim();
  if (!text) return null;
  if (/^(:q|:quit|quit|exit|\/quit)$/i.test(text)) return { kind: 'quit' };
  if (/^(:help|help|\?)$/i.test(text)) return { kind: 'help' };
  if (/^\d{1,2}$/.test(text)) return { kind: 'press', number: Number(text) };
  if (/^\/confirm$/i.test(text)) return { kind: 'confirm' };
  const find = /^\/find\s+([\s\S]+)$/i.exec(text);
  if (find?.[1]) return { kind: 'find', text: find[1] };
  const slash = /^\/(talks|library)(?:\s+(\S+))?(?:\s+([\s\S]*))?$/i.exec(text);
  if (!slash) {
    if (text.startsWith('/')) return { kind: 'error', message: COMMANDS_HERE };
    return {
      kind: 'slash',
      command: 'talks',
      subcommand: 'search',
      options: [{ name: 'query', type: ApplicationCommandOptionType.String, value: text }],
    };
  }
  const command = (slash[1] ?? 'talks').toLowerCase() as 'talks' | 'library';
  const { subcommands, bare } = SLASH[command];
  const sub = (slash[2] ?? bare ?? '').toLowerCase();
  if (!sub) return { kind: 'error', message: `/${command} needs a subcommand: ${names(command).join(', ')}.` };
  if (!names(command).includes(sub)) return { kind: 'error', message: `Unknown subcommand "${sub}"; try: ${names(command).join(', ')}.` };
  const defs = subcommands.find((o) => o.name === sub)?.options ?? [];
  const rest = (slash[3] ?? '').trim();
  const options: PlaygroundOption[] = [];
  // "name:value" pairs, each value running to the next "name:".
  const optionNames = defs.map((d) => d.name).join('|');
  const pairs = optionNames
    ? [...rest.matchAll(new RegExp(`(?:^|\\s)(${optionNames}):\\s*([\\s\\S]*?)(?=\\s(?:${optionNames}):|$)`, 'g'))]
    : [];
  if (pairs.length > 0) {
    for (const [, name, value] of pairs) {
      const def = defs.find((d) => d.name === name);
      if (!def || value === undefined) continue;
      const trimmed = value.trim();
      if (def.type === ApplicationCommandOptionType.Channel) continue;
      if (def.type === ApplicationCommandOptionType.Boolean)
        options.push({ name: def.name, type: def.type, value: /^(true|yes|1)$/i.test(trimmed) });
      else if (def.type === ApplicationCommandOptionType.Attachment)
        options.push({ name: def.name, type: def.type, value: unquote(trimmed) });
      else options.push({ name: def.name, type: def.type, value: trimmed });
    }
  } else if (rest) {
    // No "name:": the whole rest is the first text option, or the file, for a subcommand that takes one and
    // something that is not a web address.
    const file = defs.find((d) => d.type === ApplicationCommandOptionType.Attachment);
    const first = defs.find((d) => d.type === ApplicationCommandOptionType.String);
    if (file && !/^https?:\/\//i.test(rest)) options.push({ name: file.name, type: file.type, value: unquote(rest) });
    else if (first) options.push({ name: first.name, type: first.type, value: rest });
  }
  return { kind: 'slash', command, subcommand: sub, options };
}
