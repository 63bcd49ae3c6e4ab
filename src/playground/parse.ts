/**
 * What a person types in the offline playground, as a command to send through the emulator:
 *   /talks search ceasefire           (the rest of the line is the first option)
 *   /talks timeline topic:grain deal from:2022
 *   /find <any text>                  (the "Find sources" message menu on a message with that text)
 *   3                                 (press button 3)
 *   grain deal                        (plain text: a search)
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { talks } from '../../commands/talks/index.js';

export type PlaygroundAction =
  | { kind: 'slash'; subcommand: string; options: Array<{ name: string; type: number; value: string | boolean }> }
  | { kind: 'find'; text: string }
  | { kind: 'press'; number: number }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'error'; message: string };

const SUBCOMMANDS = talks.definition.options.map((o) => o.name) as readonly string[];

export function parsePlaygroundLine(line: string): PlaygroundAction | null {
  const text = line.trim();
  if (!text) return null;
  if (/^(:q|:quit|quit|exit|\/quit)$/i.test(text)) return { kind: 'quit' };
  if (/^(:help|help|\?)$/i.test(text)) return { kind: 'help' };
  if (/^\d{1,2}$/.test(text)) return { kind: 'press', number: Number(text) };
  const find = /^\/find\s+([\s\S]+)$/i.exec(text);
  if (find?.[1]) return { kind: 'find', text: find[1] };
  const slash = /^\/talks(?:\s+(\S+))?(?:\s+([\s\S]*))?$/i.exec(text);
  if (!slash) {
    if (text.startsWith('/'))
      return { kind: 'error', message: 'Commands here: /talks search|timeline|summary|sources|help, /find <text>, or a button number.' };
    return { kind: 'slash', subcommand: 'search', options: [{ name: 'query', type: ApplicationCommandOptionType.String, value: text }] };
  }
  const sub = (slash[1] ?? 'help').toLowerCase();
  if (!SUBCOMMANDS.includes(sub)) return { kind: 'error', message: `Unknown subcommand "${sub}"; try: ${SUBCOMMANDS.join(', ')}.` };
  const defs = (talks.definition.options.find((o) => o.name === sub)?.options ?? []) as ReadonlyArray<{
    name: string;
    type: ApplicationCommandOptionType;
  }>;
  const rest = (slash[2] ?? '').trim();
  const options: Array<{ name: string; type: ApplicationCommandOptionType; value: string | boolean }> = [];
  // "name:value" pairs, each value running to the next "name:".
  const names = defs.map((d) => d.name).join('|');
  const pairs = names ? [...rest.matchAll(new RegExp(`(?:^|\\s)(${names}):\\s*([\\s\\S]*?)(?=\\s(?:${names}):|$)`, 'g'))] : [];
  if (pairs.length > 0) {
    for (const [, name, value] of pairs) {
      const def = defs.find((d) => d.name === name);
      if (!def || value === undefined) continue;
      const v = def.type === ApplicationCommandOptionType.Boolean ? /^(true|yes|1)$/i.test(value.trim()) : value.trim();
      if (def.type !== ApplicationCommandOptionType.Channel) options.push({ name: def.name, type: def.type, value: v });
    }
  } else if (rest) {
    const first = defs.find((d) => d.type === ApplicationCommandOptionType.String);
    if (first) options.push({ name: first.name, type: first.type, value: rest });
  }
  return { kind: 'slash', subcommand: sub, options };
}
