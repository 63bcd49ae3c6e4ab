/**
 * One dispatcher per interaction type, whichever transport brought it: commands and autocomplete by command
 * (and subcommand) name, buttons by custom-id prefix, each to the module that registered it; the cooldown for
 * handlers that declare one; any failure turned into a clear ephemeral notice (never a Discord API error,
 * never silence).
 */
import { buttonFor, type Button, type Modal, type Select } from './buttons.js';
import type { Cooldowns } from './cooldown.js';
import { notice } from './message.js';
import { OptionError } from './options.js';
import type { BotContext, CommandModule, InteractionInput, Reply } from './types.js';

/** The commands a bot answers: passed in by whoever starts it, never imported here. */
export interface Registry {
  commands: ReadonlyMap<string, CommandModule>;
  buttons: ReadonlyMap<string, Button>;
  modals: ReadonlyMap<string, Modal>;
  selects: ReadonlyMap<string, Select>;
}

export function createRegistry(commands: readonly CommandModule[]): Registry {
  const buttons = new Map<string, Button>();
  const modals = new Map<string, Modal>();
  const selects = new Map<string, Select>();
  for (const command of commands) {
    for (const module of 'subcommands' in command ? command.subcommands : [command]) {
      for (const button of module.buttons ?? []) {
        if (buttons.has(button.prefix)) throw new Error(`two handlers for the button prefix ${button.prefix}`);
        buttons.set(button.prefix, button);
      }
      for (const modal of module.modals ?? []) {
        if (modals.has(modal.prefix)) throw new Error(`two handlers for the form prefix ${modal.prefix}`);
        modals.set(modal.prefix, modal);
      }
      for (const select of module.selects ?? []) {
        if (selects.has(select.prefix)) throw new Error(`two handlers for the select prefix ${select.prefix}`);
        selects.set(select.prefix, select);
      }
    }
  }
  return { commands: new Map(commands.map((c) => [c.definition.name, c])), buttons, modals, selects };
}

export async function dispatch(input: InteractionInput, registry: Registry, ctx: BotContext, cooldowns: Cooldowns | null): Promise<Reply> {
  const started = performance.now();
  try {
    const reply = await route(input, registry, ctx, cooldowns);
    ctx.logger.debug({ kind: input.kind, id: input.id, ms: Math.round(performance.now() - started) }, 'interaction handled');
    return reply;
  } catch (err) {
    if (err instanceof OptionError) return notice(`That didn't work: ${err.message}.`);
    ctx.logger.error({ err, kind: input.kind, id: input.id }, 'interaction handler failed');
    return notice('Something went wrong on my side; it has been logged. Please try again.');
  }
}

async function route(input: InteractionInput, registry: Registry, ctx: BotContext, cooldowns: Cooldowns | null): Promise<Reply> {
  switch (input.kind) {
    case 'autocomplete': {
      const command = registry.commands.get(input.command);
      const module =
        command && 'subcommands' in command ? command.subcommands.find((s) => s.definition.name === input.subcommand) : command;
      return module?.autocomplete ? await module.autocomplete(input, ctx) : { type: 'choices', choices: [] };
    }
    case 'button': {
      const found = buttonFor(input.customId, registry.buttons);
      if (!found) return notice('That button is not one I know any more. Run the command again.');
      return await found.button.press(input, found.state, ctx);
    }
    case 'select': {
      const found = buttonFor(input.customId, registry.selects);
      if (!found) return notice('That menu is not one I know any more. Run the command again.');
      return await found.button.press(input, found.state, ctx);
    }
    case 'modal': {
      const found = buttonFor(input.customId, registry.modals);
      if (!found) return notice('That form is not one I know any more. Run the command again.');
      return await found.button.press(input, found.state, ctx);
    }
    case 'command':
    case 'message-command': {
      const command = registry.commands.get(input.command);
      if (!command) return notice('That command is not available any more.');
      if (!('subcommands' in command))
        return await withCooldown(command.cooldown, input.userId, ctx, cooldowns, () => command.execute(input, ctx));
      if (input.kind !== 'command') return notice('Unknown command.');
      const sub = command.subcommands.find((s) => s.definition.name === input.subcommand);
      if (!sub) return notice(`Unknown subcommand; see \`/${command.definition.name} help\`.`);
      return await withCooldown(sub.cooldown, input.userId, ctx, cooldowns, () => sub.execute(input, ctx));
    }
  }
}

async function withCooldown(
  declared: boolean | undefined,
  userId: string,
  ctx: BotContext,
  cooldowns: Cooldowns | null,
  run: () => Promise<Reply> | Reply,
): Promise<Reply> {
  if (cooldowns && declared !== false) {
    const wait = await cooldowns.take(userId, ctx.now());
    if (wait > 0) return notice(`Slow down a little: try again in ${Math.ceil(wait / 1000)} s.`);
  }
  return await run();
}
