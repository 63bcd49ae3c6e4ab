/**
 * Application commands, global (`/applications/{app}/commands`) or per guild (`…/guilds/{guild}/commands`):
 * bulk overwrite, create, read, edit and delete, echoed back the way Discord stores them.
 */
import type { APIApplicationCommand, ApplicationCommandType } from 'discord-api-types/v10';
import { snowflake } from '../model.js';
import { apiError, fieldError, validateCommands } from '../validate.js';
import { asObject, err, ID, ok, type Call, type Json, type Reply, type RestHooks, type Route } from './route.js';

const COMMANDS = `^/applications/${ID}(?:/guilds/${ID})?/commands`;

export function commandRoutes(hooks: RestHooks): Route[] {
  return [
    { methods: ['GET', 'PUT', 'POST'], pattern: new RegExp(`${COMMANDS}$`), bot: true, run: (c) => commands(hooks, c) },
    {
      methods: ['GET', 'PATCH', 'DELETE'],
      pattern: new RegExp(`${COMMANDS}/${ID}$`),
      bot: true,
      run: (c) => command(hooks, c),
    },
  ];
}

/** Checks the application and guild of a commands route; returns the scope (guild id or undefined). */
function commandScope({ world }: RestHooks, c: Call): { guildId: string | undefined } | Reply {
  const [appId, guildId] = c.params;
  if (appId !== world.applicationId) return err(apiError(403, 50001, 'Missing Access'));
  if (guildId && !world.guild(guildId)) return err(apiError(403, 50001, 'Missing Access'));
  return { guildId: guildId || undefined };
}

/** The command as Discord echoes it: ids, application id, a new version, defaults filled in. */
function normaliseCommand(
  applicationId: string,
  raw: Json,
  guildId: string | undefined,
  existing?: APIApplicationCommand,
): APIApplicationCommand {
  const type = (raw.type as number | undefined) ?? 1;
  return {
    id: existing?.id ?? snowflake(),
    application_id: applicationId,
    version: snowflake(),
    type,
    name: raw.name as string,
    name_localizations: (raw.name_localizations as Record<string, string> | undefined) ?? null,
    description: (raw.description as string | undefined) ?? '',
    description_localizations: (raw.description_localizations as Record<string, string> | undefined) ?? null,
    ...(Array.isArray(raw.options) && raw.options.length ? { options: raw.options } : {}),
    // Kept as Discord returns it: a decimal string (`"32"` for Manage Server), "0" for admins only, or null for everyone.
    default_member_permissions: permissionsField(raw.default_member_permissions),
    dm_permission: (raw.dm_permission as boolean | undefined) ?? true,
    nsfw: (raw.nsfw as boolean | undefined) ?? false,
    contexts: (raw.contexts as number[] | undefined) ?? null,
    integration_types: (raw.integration_types as number[] | undefined) ?? [0],
    ...(guildId ? { guild_id: guildId } : {}),
  };
}

/** `default_member_permissions` as Discord echoes it: a string, whether it was sent as one or as a number. */
function permissionsField(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : null;
}

function commands(hooks: RestHooks, c: Call): Reply {
  const scope = commandScope(hooks, c);
  if ('status' in scope) return scope;
  const { world } = hooks;
  const current = world.registeredCommands(scope.guildId);
  if (c.method === 'GET') return ok(current);
  const sameAs = (raw: Json) => (cmd: APIApplicationCommand) =>
    cmd.name === raw.name && (cmd.type ?? 1) === ((raw.type as ApplicationCommandType | undefined) ?? 1);
  if (c.method === 'PUT') {
    if (!Array.isArray(c.body)) return err(fieldError('_root', 'BASE_TYPE_ARRAY', 'Must be an array.'));
    const invalid = validateCommands(c.body);
    if (invalid) return err(invalid);
    // Bulk overwrite keeps the ids of commands that still exist (matched by name and type), as Discord does.
    const next = (c.body as Json[]).map((raw) => normaliseCommand(world.applicationId, raw, scope.guildId, current.find(sameAs(raw))));
    world.setCommands(scope.guildId, next);
    return ok(next);
  }
  const raw = asObject(c.body) ?? {};
  const invalid = validateCommands([raw]);
  if (invalid) return err(invalid);
  const existing = current.find(sameAs(raw));
  const created = normaliseCommand(world.applicationId, raw, scope.guildId, existing);
  world.setCommands(scope.guildId, [...current.filter((x) => x !== existing), created]);
  return ok(created, existing ? 200 : 201);
}

function command(hooks: RestHooks, c: Call): Reply {
  const scope = commandScope(hooks, c);
  if ('status' in scope) return scope;
  const { world } = hooks;
  const current = world.registeredCommands(scope.guildId);
  const existing = current.find((x) => x.id === c.params[2]);
  if (!existing) return err(apiError(404, 10063, 'Unknown application command'));
  if (c.method === 'GET') return ok(existing);
  if (c.method === 'DELETE') {
    world.setCommands(
      scope.guildId,
      current.filter((x) => x !== existing),
    );
    return { status: 204 };
  }
  const merged = { ...existing, ...(asObject(c.body) ?? {}) } as Json;
  const invalid = validateCommands([merged]);
  if (invalid) return err(invalid);
  const edited = normaliseCommand(world.applicationId, merged, scope.guildId, existing);
  world.setCommands(
    scope.guildId,
    current.map((x) => (x === existing ? edited : x)),
  );
  return ok(edited);
}
