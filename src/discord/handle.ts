/**
 * One entry point for every interaction, whichever transport brought it: cooldowns, routing to the
 * command module, and turning any failure into a clear ephemeral notice (never a Discord API error,
 * never silence).
 */
import { COMMANDS } from '../../commands/index.js';
import { noticeMessage } from '../render/discord.js';
import type { BotContext } from './context.js';
import { decodeCustomId } from './custom-id.js';
import type { InteractionInput, Reply } from './interaction.js';
import { OptionError } from './options.js';

function notice(text: string): Reply {
  return { type: 'reply', message: noticeMessage(text) };
}

export async function handleInteraction(input: InteractionInput, ctx: BotContext): Promise<Reply> {
  const started = performance.now();
  try {
    const reply = await route(input, ctx);
    ctx.logger.debug({ kind: input.kind, id: input.id, ms: Math.round(performance.now() - started) }, 'interaction handled');
    return reply;
  } catch (err) {
    if (err instanceof OptionError) return notice(`That didn't work: ${err.message}.`);
    ctx.logger.error({ err, kind: input.kind, id: input.id }, 'interaction handler failed');
    return notice('Something went wrong on my side; it has been logged. Please try again.');
  }
}

async function route(input: InteractionInput, ctx: BotContext): Promise<Reply> {
  switch (input.kind) {
    case 'autocomplete': {
      const command = COMMANDS.get(input.command);
      return command?.autocomplete ? await command.autocomplete(input, ctx) : { type: 'choices', choices: [] };
    }
    case 'button': {
      const state = decodeCustomId(input.customId);
      const handler = state && COMMANDS.get('talks')?.buttons?.[state.action];
      if (!state || !handler) return notice('That button is not one I know any more. Run the command again.');
      return await handler(input, state, ctx);
    }
    case 'command':
    case 'message-command': {
      const command = COMMANDS.get(input.command);
      if (!command) return notice('That command is not available any more.');
      if (ctx.cooldowns && !(input.kind === 'command' && input.subcommand === 'help')) {
        const wait = await ctx.cooldowns.take(input.userId, ctx.now());
        if (wait > 0) return notice(`Slow down a little: try again in ${Math.ceil(wait / 1000)} s.`);
      }
      return await command.execute(input, ctx);
    }
  }
}
