/**
 * A modal (a form the bot shows, callback type 9) in the offline playground: drawn in the terminal, then asked
 * one field a line, each with its current value (Enter keeps it), and handed back as the values a person
 * would submit in Discord. Text inputs only: that is all the bot's forms hold.
 */

/** One text input of a form, as the playground asks it. */
export interface FormField {
  customId: string;
  label: string;
  /** 1 short, 2 paragraph (typed on one line here all the same). */
  style: number;
  required: boolean;
  value: string;
  minLength: number;
  maxLength: number;
  placeholder: string;
}

export interface Form {
  customId: string;
  title: string;
  /** Text displays (type 10) and field descriptions, in order, shown above the questions. */
  notes: string[];
  fields: FormField[];
}

type Raw = Record<string, unknown>;

const asRecord = (value: unknown): Raw | null => (typeof value === 'object' && value !== null ? (value as Raw) : null);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function field(input: Raw, label: string): FormField {
  return {
    customId: text(input.custom_id),
    label: label || text(input.custom_id),
    style: typeof input.style === 'number' ? input.style : 1,
    // Discord's default: a text input is required unless it says otherwise.
    required: input.required !== false,
    value: text(input.value),
    minLength: typeof input.min_length === 'number' ? input.min_length : 0,
    maxLength: typeof input.max_length === 'number' ? input.max_length : 4000,
    placeholder: text(input.placeholder),
  };
}

/**
 * The form in a modal callback's `data`: its text inputs, in action rows or in labels (type 18). Anything else
 * (selects, file uploads) is named in `unsupported`, as the playground cannot fill it.
 */
export function readForm(data: unknown): { form: Form; unsupported: string[] } {
  const modal = asRecord(data) ?? {};
  const form: Form = { customId: text(modal.custom_id), title: text(modal.title), notes: [], fields: [] };
  const unsupported: string[] = [];
  for (const component of Array.isArray(modal.components) ? modal.components : []) {
    const c = asRecord(component);
    if (!c) continue;
    if (c.type === 10) {
      form.notes.push(text(c.content));
      continue;
    }
    const children: Array<{ input: Raw | null; label: string }> =
      c.type === 18
        ? [{ input: asRecord(c.component), label: text(c.label) }]
        : (Array.isArray(c.components) ? c.components : []).map((x) => {
            const input = asRecord(x);
            return { input, label: text(input?.label) };
          });
    if (c.type === 18 && c.description) form.notes.push(`${text(c.label)}: ${text(c.description)}`);
    for (const { input, label } of children) {
      if (input?.type === 4) form.fields.push(field(input, label));
      else unsupported.push(label || text(input?.custom_id) || `a component of type ${String(input?.type)}`);
    }
  }
  return { form, unsupported };
}

/** The line that asks for a field: its label, a star if it is required, and its current value in brackets. */
export function fieldPrompt(f: FormField): string {
  const now = f.value ? ` [${f.value}]` : f.placeholder ? ` (${f.placeholder})` : '';
  return `  ${f.label}${f.required ? '*' : ''}${now}: `;
}

/** The value a typed line gives a field: Enter keeps it, "-" empties it, anything else replaces it. */
export function answerOf(f: FormField, typed: string): string {
  const line = typed.trim();
  if (line === '') return f.value;
  if (line === '-') return '';
  return line;
}

/** Why Discord's client would not submit this value, or null. */
export function fieldProblem(f: FormField, value: string): string | null {
  if (f.required && value === '') return `${f.label} is required.`;
  if (value.length > f.maxLength) return `${f.label} takes at most ${f.maxLength} characters (this is ${value.length}).`;
  if (value !== '' && value.length < f.minLength) return `${f.label} takes at least ${f.minLength} characters.`;
  return null;
}

/** Typed at a field's prompt: close the form without sending it, as closing the modal in Discord does. */
export const CANCEL_FORM = ':cancel';

export const FORM_HINT = `Enter keeps the value in [brackets], - empties it, ${CANCEL_FORM} closes the form without sending it.`;
