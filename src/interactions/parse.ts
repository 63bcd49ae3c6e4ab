/**
 * The one parser: a raw API interaction (the HTTP endpoint's request body, the gateway's INTERACTION_CREATE
 * payload) → the plain input handlers take. Validated with zod at this edge: anything malformed is refused
 * before it reaches a handler.
 */
import {
  ApplicationCommandOptionType as Option,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  MessageFlags,
  type APIEmbed,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { readQueryFooter } from './custom-id.js';
import type { OptionInput } from './options.js';
import { snowflake } from './snowflake.js';
import type { InteractionInput } from './types.js';

interface RawOption {
  name: string;
  type: Option;
  value?: unknown;
  focused?: boolean;
  options?: RawOption[];
}

/**
 * Options nest at most three deep in Discord's payloads (subcommand group → subcommand → value), so the schema
 * spells out three levels rather than recursing (z.lazy): a schema without a cycle can be compiled (below).
 * Deeper `options` are dropped, as unknown keys are.
 */
const optionFields = {
  name: z.string().max(100),
  type: z.number().int(),
  value: z.unknown().optional(),
  focused: z.boolean().optional(),
};
const valueOption = z.object(optionFields);
const subcommandOption = z.object({ ...optionFields, options: z.array(valueOption).max(25).optional() });
const option = z.object({ ...optionFields, options: z.array(subcommandOption).max(25).optional() });

const user = z.object({ id: snowflake, username: z.string().max(100).optional(), global_name: z.string().max(100).nullable().optional() });
const embed = z.record(z.string(), z.unknown());

export const rawInteractionSchema = z.object({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int(),
  token: z.string().min(1).max(500),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: z.object({ id: snowflake }).passthrough().optional(),
  member: z
    .object({ user, permissions: z.string().regex(/^\d+$/).optional() })
    .passthrough()
    .optional(),
  user: user.passthrough().optional(),
  data: z
    .object({
      name: z.string().max(100).optional(),
      type: z.number().int().optional(),
      options: z.array(option).max(25).optional(),
      custom_id: z.string().max(100).optional(),
      component_type: z.number().int().optional(),
      // A string select's chosen option values (Discord allows 25 options, each value up to 100 characters).
      values: z.array(z.string().max(100)).max(25).optional(),
      // A modal's text inputs, one a row (the only components a modal submit carries back).
      components: z
        .array(
          z
            .object({
              type: z.number().int(),
              components: z
                .array(
                  z
                    .object({ type: z.number().int(), custom_id: z.string().max(100), value: z.string().max(4000).optional() })
                    .passthrough(),
                )
                .max(5),
            })
            .passthrough(),
        )
        .max(5)
        .optional(),
      target_id: snowflake.optional(),
      resolved: z
        .object({
          channels: z
            .record(z.string(), z.object({ id: snowflake, name: z.string().optional(), type: z.number().optional() }).passthrough())
            .optional(),
          messages: z
            .record(
              z.string(),
              z.object({ id: snowflake, content: z.string().default(''), embeds: z.array(embed).default([]) }).passthrough(),
            )
            .optional(),
          attachments: z
            .record(
              z.string(),
              z
                .object({
                  id: snowflake,
                  filename: z.string().max(1024),
                  size: z.number().int().nonnegative(),
                  url: z.string().max(2048),
                  content_type: z.string().max(255).optional(),
                })
                .passthrough(),
            )
            .optional(),
        })
        .passthrough()
        .optional(),
    })
    .passthrough()
    .optional(),
  message: z
    .object({ id: snowflake, embeds: z.array(embed).default([]), flags: z.number().optional() })
    .passthrough()
    .optional(),
});

export type RawInteraction = z.infer<typeof rawInteractionSchema>;

/**
 * The same schema compiled ahead of time (zod's z.compile): it runs on every interaction, several times faster
 * (see the README's benchmarks). Invalid input falls back to the schema as written, so refusals are unchanged.
 */
export const compiledInteractionSchema: typeof rawInteractionSchema = z.compile(rawInteractionSchema);

function flatten(
  options: readonly RawOption[],
  resolved: RawInteraction['data'],
): { subcommand: string | null; values: Record<string, OptionInput>; focused: { name: string; value: string } | null } {
  let subcommand: string | null = null;
  const values: Record<string, OptionInput> = {};
  let focused: { name: string; value: string } | null = null;
  const walk = (list: readonly RawOption[]): void => {
    for (const o of list) {
      if (o.type === Option.Subcommand || o.type === Option.SubcommandGroup) {
        if (o.type === Option.Subcommand) subcommand = o.name;
        walk(o.options ?? []);
        continue;
      }
      if (o.focused) focused = { name: o.name, value: typeof o.value === 'string' || typeof o.value === 'number' ? String(o.value) : '' };
      if (o.type === Option.Channel && typeof o.value === 'string') {
        const c = resolved?.resolved?.channels?.[o.value];
        values[o.name] = { id: o.value, ...(c?.name ? { name: c.name } : {}), ...(c?.type !== undefined ? { type: c.type } : {}) };
      } else if (o.type === Option.Attachment && typeof o.value === 'string') {
        // Known only through `resolved`: an attachment it does not describe is no attachment.
        const a = resolved?.resolved?.attachments?.[o.value];
        if (a)
          values[o.name] = {
            id: a.id,
            filename: a.filename,
            size: a.size,
            url: a.url,
            ...(a.content_type ? { contentType: a.content_type } : {}),
          };
      } else if (typeof o.value === 'string' || typeof o.value === 'number' || typeof o.value === 'boolean') {
        values[o.name] = o.value;
      }
    }
  };
  walk(options);
  return { subcommand, values, focused };
}

/** The name Discord shows for a user: their display name, else their username. */
function nameOf(u: { global_name?: string | null | undefined; username?: string | undefined } | undefined): { userName?: string } {
  const name = u?.global_name ?? u?.username;
  return name ? { userName: name } : {};
}

/** The handler input for a raw interaction, or null for types the bot does not handle (PING is the pipeline's). */
export function inputFromRaw(raw: RawInteraction): InteractionInput | null {
  const userId = raw.member?.user.id ?? raw.user?.id;
  if (!userId) return null;
  const base = {
    id: raw.id,
    userId,
    guildId: raw.guild_id ?? null,
    channelId: raw.channel?.id ?? raw.channel_id ?? null,
    memberPermissions: raw.member?.permissions !== undefined ? BigInt(raw.member.permissions) : null,
    ...nameOf(raw.member?.user ?? raw.user),
  };
  const data = raw.data;
  // Payloads carry types as plain numbers; typed as discord-api-types' enums they compare by name.
  const type: InteractionType = raw.type;
  // Object.assign onto `base` (only one branch returns), not `{ ...base, kind, … }`: V8 has taken a slow path
  // for a spread followed by more properties, once per request here (the README's benchmarks measured it).
  if (type === InteractionType.ApplicationCommand && data?.name) {
    const commandType: ApplicationCommandType | undefined = data.type;
    if (commandType === ApplicationCommandType.Message) {
      const target = data.target_id ? data.resolved?.messages?.[data.target_id] : undefined;
      return target
        ? Object.assign(base, {
            kind: 'message-command' as const,
            command: data.name,
            target: { id: target.id, content: target.content, query: readQueryFooter(target.embeds) },
          })
        : null;
    }
    const { subcommand, values } = flatten(data.options ?? [], data);
    return Object.assign(base, { kind: 'command' as const, command: data.name, subcommand, options: values });
  }
  if (type === InteractionType.ApplicationCommandAutocomplete && data?.name) {
    const { subcommand, values, focused } = flatten(data.options ?? [], data);
    return focused
      ? Object.assign(base, { kind: 'autocomplete' as const, command: data.name, subcommand, focused, options: values })
      : null;
  }
  if (type === InteractionType.ModalSubmit && data?.custom_id) {
    const fields: Record<string, string> = {};
    for (const row of data.components ?? []) for (const input of row.components) fields[input.custom_id] = input.value ?? '';
    const message = raw.message ? { id: raw.message.id, embeds: raw.message.embeds as APIEmbed[] } : null;
    return Object.assign(base, { kind: 'modal' as const, customId: data.custom_id, fields, message });
  }
  if (type === InteractionType.MessageComponent && data?.custom_id && raw.message) {
    const embeds = raw.message.embeds as APIEmbed[];
    const ephemeral = ((raw.message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
    const message = { id: raw.message.id, embeds, ephemeral, query: readQueryFooter(embeds) };
    const componentType: ComponentType | undefined = data.component_type;
    if (componentType === ComponentType.StringSelect)
      return Object.assign(base, { kind: 'select' as const, customId: data.custom_id, values: data.values ?? [], message });
    return Object.assign(base, { kind: 'button' as const, customId: data.custom_id, message });
  }
  return null;
}
