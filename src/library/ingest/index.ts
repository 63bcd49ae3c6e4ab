/**
 * The ingestion edge: a URL or an uploaded file's bytes to a clean article draft, safely. Nothing here stores
 * anything; the library command previews the draft and, on Add, hands it to the store.
 */
import { extractDraft, type Draft, type ExtractInput } from './extract.js';
import { fetchArticle, fetchAttachment, type Fetched, type FetchOptions } from './fetch.js';
import { extractInWorker, type IsolateOptions } from './isolate.js';

export { isIngestError } from './errors.js';
export { extractDraft } from './extract.js';
export type { Draft } from './extract.js';
export type { FetchOptions } from './fetch.js';

export interface DraftOptions extends FetchOptions {
  /** Read the article in a worker thread with a time limit (default true): a hostile page cannot stall the bot. */
  isolate?: boolean;
  /** For the reading, when isolated. Default 15 s. */
  extractTimeoutMs?: number;
  now?: Date;
}

function read(input: ExtractInput, options: DraftOptions): Promise<Draft> {
  const extract: IsolateOptions = {};
  if (options.now) extract.now = options.now;
  if (options.extractTimeoutMs !== undefined) extract.timeoutMs = options.extractTimeoutMs;
  return options.isolate === false ? Promise.resolve().then(() => extractDraft(input, extract)) : extractInWorker(input, extract);
}

function contentTypeOf(file: Fetched): string | undefined {
  if (!file.contentType) return undefined;
  return file.charset ? `${file.contentType}; charset=${file.charset}` : file.contentType;
}

/** Fetch an article's page and read it into a draft (the draft's URL is where the page ended up, or its canonical URL). */
export async function draftFromUrl(url: string, options: DraftOptions = {}): Promise<Draft> {
  const page = await fetchArticle(url, options);
  const contentType = contentTypeOf(page);
  return read({ bytes: page.bytes, url: page.url, ...(contentType ? { contentType } : {}) }, options);
}

/** Fetch a Discord attachment and read it into a draft; Discord's file name and content type decide its format. */
export async function draftFromAttachment(
  attachment: { url: string; fileName: string; contentType?: string | null },
  options: DraftOptions = {},
): Promise<Draft> {
  const file = await fetchAttachment(attachment.url, options);
  const contentType = attachment.contentType ?? contentTypeOf(file);
  const draft = await read({ bytes: file.bytes, fileName: attachment.fileName, ...(contentType ? { contentType } : {}) }, options);
  // A CDN link is signed and expires: it is not the article's address.
  return { ...draft, url: null };
}
