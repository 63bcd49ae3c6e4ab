/**
 * What a user can submit in a modal the bot showed (callback type 9), and the `data.components` Discord sends for
 * it: the modal's layout (action rows, labels, text displays) with each input's value in place of its settings. The
 * values are checked as Discord's client checks them before it lets the user submit: a required input filled, a
 * text within its min/max length and on one line for a short input, select values among the options and within
 * min/max values.
 */
import type { APIAttachment, APIInteractionDataResolved, APIModalSubmissionComponent } from 'discord-api-types/v10';

/** Submitted values by custom id: text for a text input or radio group, a list for selects and file uploads (attachment ids), a boolean for a checkbox. */
export type ModalValues = Record<string, string | string[] | boolean>;

type Json = Record<string, unknown>;
const asList = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const asObject = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

export interface Submission {
  components: APIModalSubmissionComponent[];
  resolved?: APIInteractionDataResolved;
}

/** Builds the submission of a shown modal; throws (naming the modal and input) for values no user could submit. */
export function modalSubmission(modal: unknown, values: ModalValues, attachment: (id: string) => APIAttachment | undefined): Submission {
  const m = asObject(modal) ?? {};
  const name = `modal ${String(m.custom_id)}`;
  const fail = (message: string): never => {
    throw new Error(`emulator: ${name}: ${message}`);
  };
  const ids = idAllocator(m.components);
  const used = new Set<string>();
  const attachments: Record<string, APIAttachment> = {};

  const count = (input: Json, cid: string, list: string[], what: string) => {
    const min = typeof input.min_values === 'number' ? input.min_values : 1;
    const max = typeof input.max_values === 'number' ? input.max_values : 1;
    if (list.length === 0 && input.required === false) return;
    if (list.length < min) fail(`${cid} needs at least ${min} ${what} (got ${list.length})`);
    if (list.length > max) fail(`${cid} takes at most ${max} ${what} (got ${list.length})`);
  };

  const fill = (input: Json): Json => {
    const cid = String(input.custom_id);
    const given = values[cid];
    if (given !== undefined) used.add(cid);
    const base = { type: input.type, id: ids(input), custom_id: cid };
    switch (input.type) {
      case 4: {
        const value = given ?? (typeof input.value === 'string' ? input.value : '');
        if (typeof value !== 'string') return fail(`text input ${cid} takes a string`);
        const length = value.length;
        if (length === 0) {
          if (input.required !== false) fail(`text input ${cid} is required`);
        } else {
          const min = typeof input.min_length === 'number' ? input.min_length : 0;
          const max = typeof input.max_length === 'number' ? input.max_length : 4000;
          if (length < min) fail(`text input ${cid} needs at least ${min} characters (got ${length})`);
          if (length > max) fail(`text input ${cid} takes at most ${max} characters (got ${length})`);
          if (input.style === 1 && /[\r\n]/.test(value)) fail(`text input ${cid} is a short (one-line) input; its value has a line break`);
        }
        return { ...base, value };
      }
      case 3: {
        const options = asList(input.options);
        const list = given ?? options.filter((o) => o.default === true).map((o) => String(o.value));
        if (!Array.isArray(list)) return fail(`string select ${cid} takes a list of option values`);
        for (const v of list) if (!options.some((o) => o.value === v)) fail(`string select ${cid} has no option ${v}`);
        count(input, cid, list, 'values');
        return { ...base, values: list };
      }
      case 19: {
        const list = given ?? [];
        if (!Array.isArray(list)) return fail(`file upload ${cid} takes a list of attachment ids`);
        for (const id of list) {
          const found = attachment(id);
          if (!found) fail(`file upload ${cid}: no attachment ${id} (add it with addAttachment first)`);
          else attachments[id] = found;
        }
        count(input, cid, list, 'files');
        return { ...base, values: list };
      }
      case 5:
      case 6:
      case 7:
      case 8:
      case 22: {
        const list = given ?? [];
        if (!Array.isArray(list)) return fail(`${cid} takes a list of values`);
        if (input.type !== 22) count(input, cid, list, 'values');
        return { ...base, values: list };
      }
      case 21:
        if (given !== undefined && typeof given !== 'string') return fail(`radio group ${cid} takes a string`);
        return { ...base, value: given ?? null };
      case 23:
        if (given !== undefined && typeof given !== 'boolean') return fail(`checkbox ${cid} takes a boolean`);
        return { ...base, value: given ?? false };
      default:
        return fail(`component type ${String(input.type)} (${cid}) cannot be submitted`);
    }
  };

  const components = asList(m.components).map((c): Json => {
    if (c.type === 1) return { type: 1, id: ids(c), components: asList(c.components).map(fill) };
    if (c.type === 18) return { type: 18, id: ids(c), component: fill(asObject(c.component) ?? {}) };
    return { type: c.type, id: ids(c) };
  });
  const unknown = Object.keys(values).filter((k) => !used.has(k));
  if (unknown.length) fail(`no input ${unknown.join(', ')}`);
  return {
    components: components as unknown as APIModalSubmissionComponent[],
    ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
  };
}

/** A submission for a modal the bot never showed (`force`): strings in text inputs, lists in string selects, booleans in checkboxes. */
export function forcedSubmission(values: ModalValues): Submission {
  let id = 0;
  const components = Object.entries(values).map(([custom_id, value]): Json => {
    if (typeof value === 'string') return { type: 1, id: ++id, components: [{ type: 4, id: ++id, custom_id, value }] };
    const component = Array.isArray(value) ? { type: 3, custom_id, values: value } : { type: 23, custom_id, value };
    return { type: 18, id: ++id, component: { ...component, id: ++id } };
  });
  return { components: components as unknown as APIModalSubmissionComponent[] };
}

/**
 * Component ids as Discord fills them in: the bot's own, else numbered in order (depth first) from 1, skipping the
 * ids the bot used.
 */
function idAllocator(components: unknown): (c: Json) => number {
  const taken = new Set<number>();
  const assigned = new Map<Json, number>();
  const all: Json[] = [];
  const walk = (c: Json) => {
    all.push(c);
    if (typeof c.id === 'number') taken.add(c.id);
    asList(c.components).forEach(walk);
    const child = asObject(c.component);
    if (child) walk(child);
  };
  asList(components).forEach(walk);
  let next = 1;
  for (const c of all) {
    if (typeof c.id === 'number') continue;
    while (taken.has(next)) next++;
    assigned.set(c, next);
    taken.add(next);
  }
  return (c) => (typeof c.id === 'number' ? c.id : (assigned.get(c) ?? 0));
}
