/**
 * HTML by tagged template: every value put into a template is escaped, unless it is itself `Html` (built by
 * this template). Article text can therefore never become markup: `<script>`, `</p>` and `&` show as text.
 */

/** A piece of markup made by `html` (or a trusted constant passed to `trusted`). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What a template accepts: text (escaped), markup, numbers, nothing (false, null, undefined), or lists of these. */
export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML: the five special characters escaped; control characters (which no HTML document may contain)
 * and unpaired surrogates become U+FFFD, so even a hostile file yields a valid page.
 */
export function escapeHtml(text: string): string {
  return (
    text
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/\r\n?|\f/g, '\n')
      .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
  );
}

function render(part: HtmlPart): string {
  if (part instanceof Html) return part.value;
  if (part === null || part === undefined || part === false) return '';
  if (typeof part === 'number') return String(part);
  if (typeof part === 'string') return escapeHtml(part);
  return part.map(render).join('');
}

export function html(strings: TemplateStringsArray, ...parts: HtmlPart[]): Html {
  let out = strings[0] ?? '';
  for (const [i, part] of parts.entries()) out += render(part) + (strings[i + 1] ?? '');
  return new Html(out);
}
