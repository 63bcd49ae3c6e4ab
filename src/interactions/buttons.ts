/**
 * A button, declared once by the command whose replies carry it: its custom-id prefix, the schema of what it
 * carries, who may press it, and its handler. The renderer is handed `id(owner, args)` and never writes an
 * argument's position; the dispatcher reads the arguments back with the same schema, so a press reaches its
 * handler typed and checked, or gets the button's own "no longer works" notice.
 */
import { z } from 'zod';
import { decodeCustomId, encodeCustomId, isExpired, type ButtonState } from './custom-id.js';
import { DISCORD_LIMITS } from './limits.js';
import { notice } from './message.js';
import type { BotContext, ButtonInput, ModalInput, Reply, SelectInput } from './types.js';

type Handled = Promise<Reply> | Reply;

/** What a custom_id can be pressed, submitted or chosen from: a button, a form, a string select. */
type Pressed = ButtonInput | ModalInput | SelectInput;

const TOKEN_MINUTES = DISCORD_LIMITS.interactionTokenMs / 60_000;

/** Who made the reply and when: what every custom_id carries before its arguments. */
export interface Owner {
  userId: string;
  issuedAt: number;
}

/** The fields a button carries, in custom-id order: each a string in the id, decoded by its schema. */
type Fields = z.ZodObject;

export interface ButtonSpec<S extends Fields, I extends Pressed = ButtonInput> {
  /** `command:action`, unique across the registry. */
  prefix: string;
  args: S;
  /**
   * 'asker': only the person who asked may press it, within the interaction token's life (paging, posting).
   * 'anyone': anyone who sees the reply (opening a passage of a public answer).
   */
  who: 'asker' | 'anyone';
  /** What pressing it does, for the refusal: "Only the person who asked can page this reply." */
  verb: string;
  /** Said when the arguments no longer read (a changed schema, a tampered id). */
  stale: string;
  handle: (input: I, args: z.output<S>, owner: Owner, ctx: BotContext) => Handled;
}

export interface Button<A = unknown, I extends Pressed = ButtonInput> {
  readonly prefix: string;
  /** The custom_id for this owner and these arguments. */
  id(owner: Owner, args: A): string;
  /** A press (or a form submitted): checked (owner, expiry, arguments), then handled. */
  press(input: I, state: ButtonState, ctx: BotContext): Handled;
}

/** A form (modal) declared once, like a button: its custom id carries the same owner and arguments. */
export type Modal<A = unknown> = Button<A, ModalInput>;

/** An argument as the custom_id holds it: '' for one left out. */
function written(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  if (text.includes(':')) throw new RangeError(`a button argument cannot hold ":" (${text})`);
  return text;
}

export function defineButton<S extends Fields, I extends Pressed = ButtonInput>(spec: ButtonSpec<S, I>): Button<z.output<S>, I> {
  const keys = Object.keys(spec.args.shape);
  return {
    prefix: spec.prefix,
    id(owner, args) {
      const values = keys.map((k) => written((args as Record<string, string | number | undefined>)[k]));
      while (values.length > 0 && values.at(-1) === '') values.pop();
      return encodeCustomId({ prefix: spec.prefix, userId: owner.userId, issuedAt: owner.issuedAt, args: values });
    },
    press(input, state, ctx) {
      if (spec.who === 'asker') {
        if (state.userId !== input.userId)
          return notice(`Only the person who asked can ${spec.verb} this reply. Ask your own with \`/talks\`.`);
        if (isExpired(state, ctx.now()))
          return notice(`These buttons have expired (after ${TOKEN_MINUTES} minutes). Run the command again for a fresh reply.`);
      }
      if (state.args.length > keys.length) return notice(spec.stale);
      const parsed = spec.args.safeParse(Object.fromEntries(keys.map((k, i) => [k, state.args[i] || undefined])));
      if (!parsed.success) return notice(spec.stale);
      return spec.handle(input, parsed.data, { userId: state.userId, issuedAt: state.issuedAt }, ctx);
    },
  };
}

/** A page number as a button carries it. */
export const pageArg = z.coerce.number().int().min(0).max(999);

/** A form declared once (`defineButton`'s rules, for a modal's submission). */
export function defineModal<S extends Fields>(spec: ButtonSpec<S, ModalInput>): Modal<z.output<S>> {
  return defineButton<S, ModalInput>(spec);
}

/** A string select in a message, declared once like a button: its custom id carries the same owner and arguments. */
export type Select<A = unknown> = Button<A, SelectInput>;

export interface SelectSpec<S extends Fields, V extends z.ZodType> extends Omit<ButtonSpec<S, SelectInput>, 'handle'> {
  /** The values chosen, checked as they arrive (anyone can forge an option value): failing, the select's `stale` notice. */
  values: V;
  handle: (input: SelectInput, args: z.output<S>, values: z.output<V>, owner: Owner, ctx: BotContext) => Handled;
}

/** A string select (`defineButton`'s rules for owner, expiry and arguments), whose chosen values are checked by `values`. */
export function defineSelect<S extends Fields, V extends z.ZodType>(spec: SelectSpec<S, V>): Select<z.output<S>> {
  return defineButton<S, SelectInput>({
    ...spec,
    handle(input, args, owner, ctx) {
      const values = spec.values.safeParse(input.values);
      return values.success ? spec.handle(input, args, values.data, owner, ctx) : notice(spec.stale);
    },
  });
}

/** The button (or form) a custom_id names, if a command registered its prefix. */
export function buttonFor<I extends Pressed>(
  customId: string,
  buttons: ReadonlyMap<string, Button<unknown, I>>,
): { button: Button<unknown, I>; state: ButtonState } | null {
  const state = decodeCustomId(customId);
  const button = state && buttons.get(state.prefix);
  return state && button ? { button, state } : null;
}
