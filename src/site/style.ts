/**
 * The reader's one stylesheet and icon. Light and dark (the reader's system setting), phone to desktop, and
 * print. Colours meet WCAG AA contrast in both schemes (checked by axe in the browser tests).
 */

export const STYLESHEET = `:root {
  color-scheme: light dark;
  --bg: #fbfaf7;
  --fg: #1c1c1c;
  --muted: #575757;
  --link: #1d4f91;
  --rule: #d9d5cc;
  --panel: #f1eee6;
  --mark: #fff0b8;
  --accent: #9a6400;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "DejaVu Serif", serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171b;
    --fg: #e7e5e0;
    --muted: #aaa59c;
    --link: #8fb9ff;
    --rule: #3a3d44;
    --panel: #1e2126;
    --mark: #3d3516;
    --accent: #e8b443;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font: 1.0625rem/1.65 var(--serif);
  overflow-wrap: break-word;
}
a { color: var(--link); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; border-radius: 2px; }
.skip {
  position: absolute;
  left: 0.75rem;
  top: -4rem;
  z-index: 1;
  padding: 0.5rem 0.9rem;
  background: var(--fg);
  color: var(--bg);
  font: 600 1rem/1.4 var(--sans);
  border-radius: 0 0 6px 6px;
}
.skip:focus { top: 0; }
.site, main, .page-foot { max-width: 44rem; margin: 0 auto; padding: 0 1.25rem; }
.site { padding-top: 1rem; padding-bottom: 0.75rem; border-bottom: 1px solid var(--rule); font: 0.95rem/1.4 var(--sans); }
.site a { color: var(--fg); font-weight: 600; text-decoration: none; }
.site a:hover { text-decoration: underline; }
h1, h2, h3 { font-family: var(--sans); line-height: 1.25; }
h1 { font-size: clamp(1.6rem, 1.2rem + 2vw, 2.2rem); margin: 1.75rem 0 0.75rem; }
h2 { font-size: 1.3rem; margin: 2.25rem 0 0.75rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
:target, h2[id] { scroll-margin-top: 1.5rem; }
/* A passage that opens a section lands with its heading above it: room for a heading of three lines (a long one on a phone). */
.text h2 + [id], .text h2 + p > .passage:first-of-type { scroll-margin-top: 7.5rem; }
.kicker, .facts, .toc, .about, .page-foot, .articles .meta, .lede { font-family: var(--sans); }
.kicker { margin: 1.5rem 0 0; color: var(--muted); font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.06em; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 1.5rem; font-size: 0.95rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
code { font: 0.9em/1 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.toc { background: var(--panel); border-radius: 8px; padding: 0.25rem 1.25rem 0.75rem; font-size: 0.95rem; }
.toc h2 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
.toc ol { margin: 0; padding-left: 1.25rem; }
.text p { position: relative; margin: 0 0 1.1em; }
.text div.passage > p:last-child { margin-bottom: 0; }
.text div.passage { margin: 0 0 1.1em; }
.pn {
  position: absolute;
  left: -3.4rem;
  width: 2.9rem;
  text-align: right;
  top: 0.2em;
  color: var(--muted);
  font: 0.8rem/1.6 var(--sans);
  text-decoration: none;
  white-space: nowrap;
}
.pn:hover { text-decoration: underline; }
.text :target { background: var(--mark); border-radius: 3px; }
.text p:target, .text div:target { outline: 2px solid var(--accent); outline-offset: 0.4rem; }
.text span:target { box-shadow: 0 2px 0 var(--accent); -webkit-box-decoration-break: clone; box-decoration-break: clone; }
::target-text { background: #ffd23f; color: #111; }
.about { margin-top: 3rem; padding-top: 0.5rem; border-top: 1px solid var(--rule); font-size: 0.95rem; }
.about li + li { margin-top: 0.35rem; }
.about blockquote { margin: 0.25rem 0 0.75rem; padding-left: 0.9rem; border-left: 3px solid var(--rule); }
.lede { font-size: 1rem; }
.articles { list-style: none; margin: 0; padding: 0; }
.articles li { padding: 1rem 0; border-top: 1px solid var(--rule); }
.articles h2 { margin: 0 0 0.35rem; font-size: 1.15rem; }
.articles .meta { margin: 0; color: var(--muted); font-size: 0.92rem; }
.page-foot {
  margin-top: 3rem;
  padding-top: 1rem;
  padding-bottom: 2rem;
  border-top: 1px solid var(--rule);
  color: var(--muted);
  font-size: 0.88rem;
}
.page-foot p { margin: 0.25rem 0; }
@media (max-width: 52rem) {
  .pn { position: static; display: inline-block; width: auto; margin-right: 0.45rem; vertical-align: 0.05em; }
  .text p:target, .text div:target { outline-offset: 0.2rem; }
}
@media (max-width: 30rem) {
  body { font-size: 1rem; }
  .site, main, .page-foot { padding: 0 1rem; }
  .site { padding-top: 0.75rem; padding-bottom: 0.6rem; }
  .facts { grid-template-columns: 1fr; gap: 0; }
  .facts dd { margin-bottom: 0.4rem; }
}
@media (forced-colors: active) {
  .text :target { outline: 2px solid Highlight; }
  ::target-text { background: Mark; color: MarkText; }
}
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #444; --link: #000; --rule: #999; --panel: #fff; --mark: #fff; }
  body { font-size: 11pt; line-height: 1.45; }
  .skip, .site, .toc, .page-foot { display: none; }
  main { max-width: none; padding: 0; }
  a { text-decoration: none; }
  .about a[href^="http"]::after { content: " <" attr(href) ">"; }
  .pn { position: static; display: inline; margin-right: 0.4em; color: #444; }
  .text :target { outline: none; box-shadow: none; border-left: 2pt solid #000; padding-left: 4pt; }
  .text p, .text div.passage { orphans: 3; widows: 3; }
  h1, h2, h3 { break-after: avoid; }
}
`;

/** The icon: a quotation mark on the accent blue (SVG, so it stays sharp and is a single small file). */
export const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1d4f91"/>' +
  '<path fill="#fff" d="M8 22.5c0-5 2-9 6-11l1 2c-2 1.2-3 2.8-3.2 4.6A3.3 3.3 0 1 1 8 22.5z' +
  'm10 0c0-5 2-9 6-11l1 2c-2 1.2-3 2.8-3.2 4.6A3.3 3.3 0 1 1 18 22.5z"/></svg>\n';
