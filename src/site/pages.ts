/**
 * The reader's pages, as pure functions from the loaded library to HTML text: the index of the library and one
 * page per article. Every passage is an element whose id is the part of its passage id after `#` (`p14`,
 * `p14.2`), and every paragraph has `p<number>` too, so a citation's link lands on what it quotes. No script:
 * `:target` marks the passage a link opens, and the browser highlights the quoted sentences of a text fragment.
 */
import { passageAnchor, READER_INDEX, readerFile } from '../core/reader.js';
import type { Boilerplate, Paragraph, Passage, Source } from '../core/types.js';
import { formatByline, formatDate, formatListedTitle, formatSourceDate } from '../render/format.js';
import { html, type Html, type HtmlPart } from './html.js';

/** The library's name, as pages title it. */
const LIBRARY_NAME = 'Peace Talks Bot · Library';

/** What pages link to besides each other (content-hashed file names). */
export interface SiteAssets {
  stylesheet: string;
  icon: string;
}

/** The policy pages declare for themselves (a static host may send no headers); `serve` sends it as a header too. */
export const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

interface Layout {
  title: string;
  description: string;
  assets: SiteAssets;
  main: Html;
  skipLabel: string;
}

function layout({ title, description, assets, main, skipLabel }: Layout): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<meta name="description" content="${description}">
<link rel="icon" href="${assets.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${assets.stylesheet}">
</head>
<body>
<a class="skip" href="#main">${skipLabel}</a>
<header class="site"><a href="${READER_INDEX}">${LIBRARY_NAME}</a></header>
<main id="main" tabindex="-1">
${main}
</main>
<footer class="page-foot">
<p>Every answer of Peace Talks Bot quotes one of these articles and links to the passage it quotes.</p>
<p><a href="${READER_INDEX}">All articles</a></p>
</footer>
</body>
</html>
`.value;
}

// ---------------------------------------------------------------------------------------------------------
// Article pages

/** A passage's text inside one paragraph. */
interface Piece {
  paragraph: Paragraph;
  start: number;
  end: number;
}

function piecesOf(source: Source, passage: Passage): Piece[] {
  return source.paragraphs
    .filter((p) => p.end > passage.start && p.start < passage.end)
    .map((p) => ({ paragraph: p, start: Math.max(p.start, passage.start), end: Math.min(p.end, passage.end) }));
}

const startsParagraph = (piece: Piece): boolean => piece.start === piece.paragraph.start;
const wholeParagraph = (piece: Piece): boolean => startsParagraph(piece) && piece.end === piece.paragraph.end;

/** `s-` and a slug of the heading; the same heading twice gets `-2`. */
function headingIds(sections: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return sections.map((title) => {
    const slug =
      title
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'section';
    const n = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, n);
    return `s-${slug}${n > 1 ? `-${n}` : ''}`;
  });
}

/**
 * The article's body: section headings, and passages as elements anchored by their ids. A passage that is one
 * paragraph is a `<p>`; one that spans several is a `<div>` of them; the parts of a paragraph split into
 * several passages are `<span>`s inside its `<p>`, so it still reads as one paragraph.
 */
function articleBody(source: Source, passages: readonly Passage[], ids: readonly string[]): Html {
  const anchors = new Set(passages.map((p) => passageAnchor(p.id)));
  const pieces = new Map(passages.map((p) => [p, piecesOf(source, p)]));
  // A paragraph is split "cleanly" when the passages over it all lie inside it.
  const over = new Map<number, Passage[]>();
  for (const [passage, list] of pieces) {
    for (const piece of list) over.set(piece.paragraph.number, [...(over.get(piece.paragraph.number) ?? []), passage]);
  }
  const cleanSplit = (p: Paragraph): boolean => {
    const list = over.get(p.number) ?? [];
    return list.length > 1 && list.every((x) => x.start >= p.start && x.end <= p.end);
  };
  const text = (piece: Piece): string => source.text.slice(piece.start, piece.end);
  const number = (piece: Piece): HtmlPart =>
    startsParagraph(piece) && html`<a class="pn" href="#p${piece.paragraph.number}">¶${piece.paragraph.number}</a> `;
  // The id a paragraph's first piece carries when no passage element already has `p<number>`.
  const paragraphId = (piece: Piece, own: string | null): string | null => {
    const id = `p${piece.paragraph.number}`;
    return startsParagraph(piece) && id !== own && !anchors.has(id) ? id : null;
  };

  const out: HtmlPart[] = [];
  let section = 0;
  let current: string | null = null;
  // Headings up to the one the paragraph sits under (a heading with no text under it is still shown).
  const headingsFor = (p: Paragraph): void => {
    if (p.section === current) return;
    while (section < source.sections.length) {
      const title = source.sections[section] ?? '';
      out.push(html`<h2 id="${ids[section] ?? ''}">${title}</h2>\n`);
      section++;
      if (title === p.section) break;
    }
    current = p.section;
  };

  for (const passage of passages) {
    const list = pieces.get(passage) ?? [];
    const first = list[0];
    if (!first) continue;
    headingsFor(first.paragraph);
    const anchor = passageAnchor(passage.id);
    if (list.length === 1 && cleanSplit(first.paragraph)) {
      if (startsParagraph(first)) out.push(html`<p class="split">${number(first)}`);
      out.push(html`<span class="passage" id="${anchor}">${text(first)}</span>`);
      out.push(first.end === first.paragraph.end ? html`</p>\n` : ' ');
    } else if (list.length === 1) {
      out.push(html`<p class="passage${wholeParagraph(first) ? '' : ' part'}" id="${anchor}">${number(first)}${text(first)}</p>\n`);
    } else {
      const inner = list.map((piece) => {
        const id = paragraphId(piece, anchor);
        return html`<p${id ? html` id="${id}"` : ''}${wholeParagraph(piece) ? '' : html` class="part"`}>${number(piece)}${text(piece)}</p>`;
      });
      out.push(html`<div class="passage" id="${anchor}">\n${inner.map((p) => html`${p}\n`)}</div>\n`);
    }
  }
  // Headings after the last paragraph.
  for (; section < source.sections.length; section++) {
    out.push(html`<h2 id="${ids[section] ?? ''}">${source.sections[section] ?? ''}</h2>\n`);
  }
  return html`${out}`;
}

const BOILERPLATE_HEADINGS: Record<Boilerplate['kind'], string> = {
  title: 'The title as printed',
  byline: 'Byline',
  caption: 'Captions',
  credit: 'Credits',
  'reader-prompt': 'Prompts to the reader',
  reference: 'References',
  'site-header': 'Site header',
};

function dateLine(source: Source): string {
  const d = source.meta.date;
  if (!d) return 'Undated: the copy does not say when it was written.';
  const how = d.derivation === 'explicit' ? 'as stated in the text' : 'worked out from the text';
  return `${formatDate(d.value, d.precision)} (to the ${d.precision}, ${how})`;
}

/** What the manifest says about the copy, and what cleaning set aside: after the text, so a quoted sentence's
 * first occurrence on the page is always the article's own. */
function aboutSection(source: Source): Html {
  const { meta } = source;
  const kinds = [...new Set(source.boilerplate.map((b) => b.kind))];
  const citing = [
    html`<p>Answers cite a passage by its id, <code>${meta.id}#p14</code> for the passage that starts at paragraph 14 `,
    html`(<code>#p14.2</code> for the second part of a long one). Add the part after <code>#</code> to this page’s address to open it: `,
    html`<a href="#p1"><code>${readerFile(meta.id)}#p1</code></a>.</p>`,
  ];
  return html`<section class="about" aria-labelledby="about">
<h2 id="about">About this copy</h2>
<h3>Date</h3>
<p>${dateLine(source)}</p>
${meta.date && html`<p>The evidence:</p>\n<ul>\n${meta.date.evidence.map((e) => html`<li>${e}</li>\n`)}</ul>\n`}
${meta.notes.length > 0 && html`<h3>Notes</h3>\n<ul>\n${meta.notes.map((n) => html`<li>${n}</li>\n`)}</ul>\n`}
${
  kinds.length > 0 &&
  html`<h3>Set aside from the text</h3>
<p>Cleaning keeps these out of the quoted text; they are part of the copy all the same.</p>
${kinds.map(
  (kind) =>
    html`<h4 class="kind">${BOILERPLATE_HEADINGS[kind]}</h4>\n${source.boilerplate
      .filter((b) => b.kind === kind)
      .map((b) => html`<blockquote><p>${b.text}</p></blockquote>\n`)}`,
)}`
}
<h3>Citing it</h3>
${citing}
</section>`;
}

export function articlePage(source: Source, passages: readonly Passage[], assets: SiteAssets): string {
  const { meta } = source;
  const ids = headingIds(source.sections);
  const facts: Array<[string, HtmlPart]> = [
    ['By', formatByline(meta)],
    ['Published in', meta.publication ?? 'Not named in the copy'],
    ['Date', meta.date ? formatSourceDate(meta.date.value, meta.date.precision, meta.date.derivation) : 'Undated'],
    ['Source id', html`<code>${meta.id}</code>`],
    ...(meta.url
      ? ([['Original', html`<a href="${meta.url}" rel="external noopener noreferrer">${meta.url}</a>`]] as Array<[string, HtmlPart]>)
      : []),
    ['Length', `${source.paragraphs.length} paragraphs, ${passages.length} passages`],
  ];
  const toc =
    source.sections.length > 0 &&
    html`<nav class="toc" aria-labelledby="contents">
<h2 id="contents">Sections</h2>
<ol>
${source.sections.map((title, i) => html`<li><a href="#${ids[i] ?? ''}">${title}</a></li>\n`)}</ol>
</nav>
`;
  const main = html`<article>
<header>
<p class="kicker">${meta.publication ?? 'Article'}</p>
<h1>${meta.title}</h1>
<dl class="facts">
${facts.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>\n`)}</dl>
</header>
${toc}<div class="text">
${articleBody(source, passages, ids)}</div>
${aboutSection(source)}
</article>`;
  return layout({
    title: `${meta.title} — ${LIBRARY_NAME}`,
    description:
      `${meta.title}, ${formatByline(meta)}${meta.publication ? `, ${meta.publication}` : ''}: ` +
      'the full text, every passage the bot cites anchored.',
    assets,
    main,
    skipLabel: 'Skip to the article',
  });
}

// ---------------------------------------------------------------------------------------------------------
// The index

export interface IndexEntry {
  source: Source;
  passages: number;
}

export function indexPage(entries: readonly IndexEntry[], assets: SiteAssets): string {
  const items = entries.map(({ source, passages }) => {
    const { meta } = source;
    const facts = [
      formatByline(meta),
      meta.publication,
      meta.date ? formatSourceDate(meta.date.value, meta.date.precision, meta.date.derivation) : 'undated',
    ].filter(Boolean);
    return html`<li>
<h2><a href="${readerFile(meta.id)}">${formatListedTitle(meta)}</a></h2>
<p class="meta">${facts.join(' · ')}</p>
<p class="meta"><code>${meta.id}</code> · ${source.paragraphs.length} paragraphs, ${passages} passages</p>
</li>
`;
  });
  const lede = [
    html`<p class="lede">The ${entries.length === 1 ? 'article' : `${entries.length} articles`} Peace Talks Bot answers from, in full. `,
    html`Every citation the bot gives (source · author · date · section ¶ · passage id) links to its passage here.</p>`,
  ];
  const main = html`<h1>The library</h1>
${lede}
<ol class="articles">
${items}</ol>`;
  return layout({
    title: LIBRARY_NAME,
    description: 'The articles Peace Talks Bot quotes, in full, every cited passage anchored.',
    assets,
    main,
    skipLabel: 'Skip to the list of articles',
  });
}

export function notFoundPage(assets: SiteAssets): string {
  const lede = [
    html`<p class="lede">There is no page at this address. The article may have been renamed or removed; `,
    html`<a href="${READER_INDEX}">the library</a> lists every article there is.</p>`,
  ];
  const main = html`<h1>Not in the library</h1>
${lede}`;
  return layout({
    title: `Not found — ${LIBRARY_NAME}`,
    description: 'No such page in the library.',
    assets,
    main,
    skipLabel: 'Skip to the message',
  });
}
