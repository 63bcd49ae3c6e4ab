/**
 * Discord's documented size limits, checked the way the API does: a 400 with code 50035 "Invalid Form Body" and
 * an `errors` tree keyed by the path of the bad field. Only the limits a bot is likely to hit are covered, so a
 * bot that renders long excerpts learns about truncation here rather than in production.
 */
import type { MessageBody } from './model.js';

export interface DiscordError {
  status: number;
  body: { message: string; code: number; errors?: Record<string, unknown> };
}

type Problem = [path: string, code: string, message: string];

export function apiError(status: number, code: number, message: string): DiscordError {
  return { status, body: { message, code } };
}

/** One bad field as a 50035 error, e.g. `fieldError('type', 'BASE_TYPE_CHOICES', '…')`. */
export function fieldError(path: string, code: string, message: string): DiscordError {
  return invalidFormBody([[path, code, message]]) as DiscordError;
}

function invalidFormBody(problems: Problem[]): DiscordError | null {
  if (problems.length === 0) return null;
  const errors: Record<string, unknown> = {};
  for (const [path, code, message] of problems) {
    let node = errors;
    for (const key of path.split('.')) node = (node[key] ??= {}) as Record<string, unknown>;
    ((node._errors ??= []) as unknown[]).push({ code, message });
  }
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}

function maxLength(problems: Problem[], path: string, value: unknown, max: number): number {
  if (typeof value !== 'string') return 0;
  if (value.length > max) problems.push([path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`]);
  return value.length;
}

function required(problems: Problem[], path: string, value: unknown): void {
  if (value === undefined || value === null || value === '') problems.push([path, 'BASE_TYPE_REQUIRED', 'This field is required']);
}

type Json = Record<string, unknown>;
const asList = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const asObject = (v: unknown): Json | undefined => (v && typeof v === 'object' ? (v as Json) : undefined);

const IS_COMPONENTS_V2 = 1 << 15;

/**
 * Checks a message body. `prefix` is where the message sits in the request (`data` for callbacks). With
 * `requireContent`, a message without content, embeds, components or attachments is refused (50006).
 */
export function validateMessage(body: MessageBody, prefix = '', requireContent = true): DiscordError | null {
  const p = (path: string) => (prefix ? `${prefix}.${path}` : path);
  const problems: Problem[] = [];
  maxLength(problems, p('content'), body.content, 2000);

  const embeds = asList(body.embeds);
  if (embeds.length > 10) problems.push([p('embeds'), 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.']);
  let total = 0;
  embeds.forEach((embed, i) => {
    const e = (path: string) => p(`embeds.${i}.${path}`);
    total += maxLength(problems, e('title'), embed.title, 256);
    total += maxLength(problems, e('description'), embed.description, 4096);
    total += maxLength(problems, e('footer.text'), asObject(embed.footer)?.text, 2048);
    total += maxLength(problems, e('author.name'), asObject(embed.author)?.name, 256);
    const fields = asList(embed.fields);
    if (fields.length > 25) problems.push([e('fields'), 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.']);
    fields.forEach((f, j) => {
      required(problems, e(`fields.${j}.name`), f.name);
      required(problems, e(`fields.${j}.value`), f.value);
      total += maxLength(problems, e(`fields.${j}.name`), f.name, 256);
      total += maxLength(problems, e(`fields.${j}.value`), f.value, 1024);
    });
  });
  if (total > 6000) problems.push([p('embeds'), 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000']);

  const components = asList(body.components);
  if (((body.flags ?? 0) & IS_COMPONENTS_V2) === 0) {
    if (components.length > 5) problems.push([p('components'), 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.']);
    const seen = new Set<string>();
    components.forEach((row, i) => {
      const children = asList(row.components);
      if (row.type !== 1) problems.push([p(`components.${i}.type`), 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).']);
      if (children.length > 5) problems.push([p(`components.${i}.components`), 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.']);
      // A select fills its row: it stands alone there.
      if (children.length > 1 && children.some((c) => c.type === 3))
        problems.push([
          p(`components.${i}.components`),
          'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
          'The specified component exceeds the maximum width',
        ]);
      children.forEach((c, j) => {
        const at = p(`components.${i}.components.${j}`);
        if (c.type === 3) stringSelect(problems, c, at);
        else maxLength(problems, `${at}.label`, c.label, 80);
        if (c.type === 2 && c.style === 5) {
          required(problems, `${at}.url`, c.url);
        } else if (c.type === 2 && c.style === 6) {
          required(problems, `${at}.sku_id`, c.sku_id);
        } else {
          required(problems, `${at}.custom_id`, c.custom_id);
          maxLength(problems, `${at}.custom_id`, c.custom_id, 100);
          if (typeof c.custom_id === 'string') {
            if (seen.has(c.custom_id))
              problems.push([`${at}.custom_id`, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated']);
            seen.add(c.custom_id);
          }
        }
      });
    });
  }

  const invalid = invalidFormBody(problems);
  if (invalid) return invalid;
  const empty = !body.content && embeds.length === 0 && components.length === 0 && asList(body.attachments).length === 0;
  return requireContent && empty ? apiError(400, 50006, 'Cannot send an empty message') : null;
}

function between(problems: Problem[], path: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'string') return;
  if (value.length < min || value.length > max)
    problems.push([path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`]);
}

/**
 * A string select in a message (type 3): 1–25 options, each with a label and a value of 1–100 characters (values
 * unique), a description up to 100; a placeholder up to 150; min_values 0–25, max_values 1–25, neither more than
 * the options. Its custom id is checked with the buttons' (required, ≤ 100, unique in the message).
 */
function stringSelect(problems: Problem[], c: Json, at: string): void {
  const options = asList(c.options);
  if (options.length < 1 || options.length > 25)
    problems.push([`${at}.options`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.']);
  const values = new Set<unknown>();
  options.forEach((o, k) => {
    const path = `${at}.options.${k}`;
    required(problems, `${path}.label`, o.label);
    required(problems, `${path}.value`, o.value);
    between(problems, `${path}.label`, o.label, 1, 100);
    between(problems, `${path}.value`, o.value, 1, 100);
    maxLength(problems, `${path}.description`, o.description, 100);
    if (values.has(o.value))
      problems.push([`${path}.value`, 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', 'The specified option value is already used']);
    values.add(o.value);
  });
  maxLength(problems, `${at}.placeholder`, c.placeholder, 150);
  integerIn(problems, `${at}.min_values`, c.min_values, 0, Math.min(25, options.length));
  integerIn(problems, `${at}.max_values`, c.max_values, 1, Math.min(25, Math.max(1, options.length)));
  if (typeof c.min_values === 'number' && typeof c.max_values === 'number' && c.min_values > c.max_values)
    problems.push([`${at}.min_values`, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${c.max_values}.`]);
}

/** Callback type 8: at most 25 choices, names 1–100 characters, string values up to 100. */
export function validateChoices(data: unknown): DiscordError | null {
  const problems: Problem[] = [];
  const choices = asList(asObject(data)?.choices);
  if (choices.length > 25) problems.push(['data.choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.']);
  choices.forEach((c, i) => {
    required(problems, `data.choices.${i}.name`, c.name);
    maxLength(problems, `data.choices.${i}.name`, c.name, 100);
    maxLength(problems, `data.choices.${i}.value`, c.value, 100);
  });
  return invalidFormBody(problems);
}

/** Component types a modal's label (type 18) may hold: selects, a text input, a file upload, radio and checkboxes. */
const LABEL_CHILDREN = [3, 4, 5, 6, 7, 8, 19, 21, 22, 23];

function integerIn(problems: Problem[], path: string, value: unknown, min: number, max: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value))
    problems.push([path, 'NUMBER_TYPE_COERCE', `Value ${JSON.stringify(value)} is not int.`]);
  else if (value < min) problems.push([path, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`]);
  else if (value > max) problems.push([path, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`]);
}

/**
 * Callback type 9: a custom_id up to 100 characters, a title up to 45, and 1–5 components: action rows holding one
 * text input each, labels (type 18, up to 45 characters) around one input, or text displays (type 10). A text input
 * has a custom_id, style 1 (short) or 2 (paragraph), a label up to 45 (in an action row), min_length 0–4000,
 * max_length 1–4000, a placeholder up to 100 and a value up to 4000. Custom ids are unique in the modal.
 */
export function validateModal(data: unknown): DiscordError | null {
  const problems: Problem[] = [];
  const modal = asObject(data) ?? {};
  required(problems, 'data.custom_id', modal.custom_id);
  maxLength(problems, 'data.custom_id', modal.custom_id, 100);
  required(problems, 'data.title', modal.title);
  maxLength(problems, 'data.title', modal.title, 45);
  const components = asList(modal.components);
  const n = components.length;
  if (n < 1 || n > 5) problems.push(['data.components', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.']);
  const seen = new Set<string>();
  const input = (c: Json, at: string, inLabel: boolean) => {
    required(problems, `${at}.custom_id`, c.custom_id);
    maxLength(problems, `${at}.custom_id`, c.custom_id, 100);
    if (typeof c.custom_id === 'string') {
      if (seen.has(c.custom_id))
        problems.push([`${at}.custom_id`, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated']);
      seen.add(c.custom_id);
    }
    if (c.type !== 4) return;
    if (c.style !== 1 && c.style !== 2) problems.push([`${at}.style`, 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.']);
    if (!inLabel) required(problems, `${at}.label`, c.label);
    maxLength(problems, `${at}.label`, c.label, 45);
    integerIn(problems, `${at}.min_length`, c.min_length, 0, 4000);
    integerIn(problems, `${at}.max_length`, c.max_length, 1, 4000);
    maxLength(problems, `${at}.placeholder`, c.placeholder, 100);
    maxLength(problems, `${at}.value`, c.value, 4000);
  };
  components.forEach((c, i) => {
    const at = `data.components.${i}`;
    if (c.type === 1) {
      const children = asList(c.components);
      if (children.length !== 1) problems.push([`${at}.components`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 1 in length.']);
      children.forEach((child, j) => {
        if (child.type === 4) input(child, `${at}.components.${j}`, false);
        else problems.push([`${at}.components.${j}.type`, 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (4,).']);
      });
    } else if (c.type === 18) {
      required(problems, `${at}.label`, c.label);
      maxLength(problems, `${at}.label`, c.label, 45);
      maxLength(problems, `${at}.description`, c.description, 100);
      const child = asObject(c.component);
      if (!child) required(problems, `${at}.component`, undefined);
      else if (LABEL_CHILDREN.includes(child.type as number)) input(child, `${at}.component`, true);
      else
        problems.push([
          `${at}.component.type`,
          'UNION_TYPE_CHOICES',
          `Value of field "type" must be one of (${LABEL_CHILDREN.join(', ')}).`,
        ]);
    } else if (c.type === 10) {
      required(problems, `${at}.content`, c.content);
      maxLength(problems, `${at}.content`, c.content, 4000);
    } else {
      problems.push([`${at}.type`, 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 10, 18).']);
    }
  });
  return invalidFormBody(problems);
}

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Command registration: names, descriptions, option counts and duplicates, as the API checks them. */
export function validateCommands(commands: unknown[]): DiscordError | null {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  commands.forEach((raw, i) => {
    const cmd = asObject(raw) ?? {};
    const type = (cmd.type as number | undefined) ?? 1;
    const name = cmd.name;
    // Chat-input names are lower-case words; context-menu names (types 2, 3) may have capitals and spaces.
    const nameOk =
      typeof name === 'string' && (type === 1 ? NAME.test(name) && name === name.toLowerCase() : /^\S(?:.{0,30}\S)?$/u.test(name));
    if (!nameOk) {
      problems.push([`${i}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid']);
    }
    if (type === 1) {
      required(problems, `${i}.description`, cmd.description);
      maxLength(problems, `${i}.description`, cmd.description, 100);
    }
    const perms = cmd.default_member_permissions;
    const permsOk =
      perms === undefined ||
      perms === null ||
      (typeof perms === 'number' && Number.isSafeInteger(perms) && perms >= 0) ||
      (typeof perms === 'string' && /^\d+$/.test(perms));
    if (!permsOk) {
      const message = `Value ${JSON.stringify(perms)} is not a valid permissions bitfield.`;
      problems.push([`${i}.default_member_permissions`, 'NUMBER_TYPE_COERCE', message]);
    }
    const key = `${type}:${String(name)}`;
    if (seen.has(key)) problems.push([`${i}.name`, 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique']);
    seen.add(key);
    const validateOptions = (options: Json[], path: string) => {
      if (options.length > 25) problems.push([path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.']);
      options.forEach((o, j) => {
        const at = `${path}.${j}`;
        if (typeof o.name !== 'string' || !NAME.test(o.name) || o.name !== o.name.toLowerCase())
          problems.push([`${at}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid']);
        required(problems, `${at}.description`, o.description);
        maxLength(problems, `${at}.description`, o.description, 100);
        if (asList(o.choices).length > 25) problems.push([`${at}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.']);
        validateOptions(asList(o.options), `${at}.options`);
      });
    };
    validateOptions(asList(cmd.options), `${i}.options`);
  });
  return invalidFormBody(problems);
}
