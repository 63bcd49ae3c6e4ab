/**
 * The golden files' layout, and the one place where volatile values are replaced.
 *
 * A file is a list of cases. Each case starts with a line `════ <id>  <title>`, then `name: value` lines, and
 * outputs as `name: N bytes` followed by the output exactly as it was produced (a newline is added after it
 * only when it does not end with one, and the header then says `no final newline`). Nothing is re-serialised,
 * sorted or pretty-printed: what is compared is what the program wrote, except for the values below.
 */

export const CASE_MARK = '════ ';

export function caseHeader(id: string, title: string): string {
  return `${CASE_MARK}${id}  ${oneLine(title)}\n`;
}

export function field(name: string, value: string | number): string {
  return `${name}: ${oneLine(String(value))}\n`;
}

/** An output, byte for byte. */
export function blob(name: string, content: Buffer | string): string {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (bytes === 0) return `${name}: 0 bytes\n`;
  const final = text.endsWith('\n');
  return `${name}: ${bytes} bytes${final ? '' : ', no final newline'}\n${text}${final ? '' : '\n'}`;
}

/** Titles and field values stay on one line (JSON-escaped when they would not). */
function oneLine(s: string): string {
  return /[\n\r]/.test(s) ? JSON.stringify(s) : s;
}

/**
 * Volatile values, replaced before anything is written:
 *
 * 1. Values this run generated that a later run cannot reproduce, registered by the harness as it meets them
 *    (exact string replacement, so nothing else can be caught): the emulator's interaction ids and tokens, and
 *    the ids of messages it created. Each becomes `{interaction 3}`, `{token 3}`, `{message 5}`, numbered in the
 *    order the harness registered them (the order it drove the interactions).
 * 2. A safety net for ids nobody registered: any 17–20 digit number that decodes as a Discord snowflake made
 *    within a day of this run (the fixed ids the harness uses all date from 2024) becomes `{snowflake N}`,
 *    numbered by first appearance; an emulator interaction token (`aW50ZXJhY3Rpb246…`, base64 of
 *    "interaction:") becomes `{token ?}`.
 * 3. The project's absolute path becomes `<root>`, so a record made in one worktree checks in another.
 *
 * Timestamps in custom_ids need no replacement: the HTTP endpoint and the bot run on a fixed clock.
 */
export class Normaliser {
  private readonly exact = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly stray = new Map<string, string>();
  private readonly from: bigint;
  private readonly to: bigint;

  constructor(
    private readonly root: string,
    now = Date.now(),
  ) {
    const DAY = 86_400_000;
    const DISCORD_EPOCH = 1420070400000;
    this.from = BigInt(now - DAY - DISCORD_EPOCH) << 22n;
    this.to = BigInt(now + DAY - DISCORD_EPOCH) << 22n;
  }

  /** `value` is written as `{kind N}` from now on (the same value registered twice keeps its first name). */
  register(value: string, kind: string): string {
    const known = this.exact.get(value);
    if (known) return known;
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const name = `{${kind} ${n}}`;
    this.exact.set(value, name);
    return name;
  }

  apply(text: string): string {
    let out = text;
    // Longest first, so no value is replaced inside a longer one.
    for (const [value, name] of [...this.exact].sort((a, b) => b[0].length - a[0].length)) out = out.split(value).join(name);
    out = out.replace(/(?<![0-9])[0-9]{17,20}(?![0-9])/g, (digits) => {
      const id = BigInt(digits);
      if (id < this.from || id > this.to) return digits;
      let name = this.stray.get(digits);
      if (!name) {
        name = `{snowflake ${this.stray.size + 1}}`;
        this.stray.set(digits, name);
      }
      return name;
    });
    out = out.replace(/aW50ZXJhY3Rpb246[A-Za-z0-9_-]+/g, '{token ?}');
    return out.split(this.root).join('<root>');
  }
}
