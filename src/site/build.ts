/**
 * The reader site as a list of files, built in memory from the loaded library (pure: no file system). `npm run
 * build` writes them to `site/` (`write.ts`); `npm run serve` serves them from memory under `/sources/`.
 */
import { createHash } from 'node:crypto';
import { passagesOf, type Corpus } from '../core/corpus.js';
import { READER_INDEX, readerFile } from '../core/reader.js';
import { articlePage, indexPage, notFoundPage, type SiteAssets } from './pages.js';
import { FAVICON, STYLESHEET } from './style.js';

export interface SiteFile {
  /** File name in the site's one folder: `index.html`, `jacobin-2022.html`, `style.1a2b3c4d5e.css`. */
  name: string;
  body: Buffer;
  /** Content-Type. */
  type: string;
  /** Hash of the body: the ETag, and part of the name of the assets. */
  hash: string;
  /** Named by its content hash, so it never changes under its name (cache it for a year). */
  immutable: boolean;
}

/** The page a static host (e.g. GitHub Pages) shows for a missing address. */
const NOT_FOUND_PAGE = '404.html';

const TYPES = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' } as const;

function contentHash(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 20);
}

function file(name: string, text: string, type: string, immutable = false): SiteFile {
  const body = Buffer.from(text, 'utf8');
  return { name, body, type, hash: contentHash(body), immutable };
}

/** An asset named by its content: `style.<hash>.css`. */
function hashedAsset(stem: string, ext: keyof typeof TYPES, text: string): SiteFile {
  const plain = file('', text, TYPES[ext], true);
  return { ...plain, name: `${stem}.${plain.hash.slice(0, 10)}.${ext}` };
}

/** The assets every page links to; `prefix` makes their links absolute (for the not-found page of a server). */
function siteAssets(prefix = ''): { files: SiteFile[]; links: SiteAssets } {
  const css = hashedAsset('style', 'css', STYLESHEET);
  const icon = hashedAsset('icon', 'svg', FAVICON);
  return { files: [css, icon], links: { stylesheet: `${prefix}${css.name}`, icon: `${prefix}${icon.name}` } };
}

/** Every file of the reader site for this library. */
export function buildSite(corpus: Corpus): SiteFile[] {
  const assets = siteAssets();
  const sources = [...corpus.index.sources.values()];
  const pages = sources.map((source) => {
    const passages = passagesOf(corpus.index, source);
    return { source, passages, page: file(readerFile(source.meta.id), articlePage(source, passages, assets.links), TYPES.html) };
  });
  return [
    file(
      READER_INDEX,
      indexPage(
        pages.map(({ source, passages }) => ({ source, passages: passages.length })),
        assets.links,
      ),
      TYPES.html,
    ),
    file(NOT_FOUND_PAGE, notFoundPage(assets.links), TYPES.html),
    ...pages.map((p) => p.page),
    ...assets.files,
  ];
}

/** The not-found page with absolute links to the assets, for a server mounted at `prefix` (any depth of path). */
export function notFoundFile(prefix: string): SiteFile {
  return file(NOT_FOUND_PAGE, notFoundPage(siteAssets(prefix).links), TYPES.html);
}
