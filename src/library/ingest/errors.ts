/**
 * Why an article could not be taken in. Every refusal at the ingestion edge is an `IngestError`: a `problem`
 * code for programs (tests, audit records, the CLI's `--json`) and a one-line message for the moderator.
 */

export type IngestProblem =
  /** Not an http(s) link, not a link at all, or a link with a user name or password in it. */
  | 'bad-url'
  /** The host is, or resolves to, a private, loopback, link-local or otherwise non-public address. */
  | 'private-address'
  /** The whole fetch took longer than its time limit. */
  | 'timeout'
  /** The page or file is over the size cap. */
  | 'too-large'
  /** More redirects than allowed, or a redirect loop. */
  | 'too-many-redirects'
  /** The server answered with an error status. */
  | 'http-status'
  /** The server said the page is something other than HTML, plain text or Markdown. */
  | 'content-type'
  /** DNS, connection or transfer failure. */
  | 'network'
  /** A Discord attachment link that no longer works (they are signed and expire). */
  | 'expired-link'
  /** The caller cancelled the fetch. */
  | 'aborted'
  /** No bytes, or nothing but white space. */
  | 'empty'
  /** Binary data, an image, or text in an encoding that cannot be read. */
  | 'not-text'
  /** A document format the library does not read (PDF, Word, …). */
  | 'unsupported-file'
  /** An HTML page with no article in it (navigation, a login form, a list of links). */
  | 'no-article';

export class IngestError extends Error {
  override readonly name = 'IngestError';
  readonly problem: IngestProblem;
  /** Technical detail for logs (an errno, a header value); the message stays human. */
  readonly detail: string | undefined;

  constructor(problem: IngestProblem, message: string, options: { detail?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.problem = problem;
    this.detail = options.detail;
  }
}

export function isIngestError(err: unknown): err is IngestError {
  return err instanceof IngestError;
}

const MB = 1024 * 1024;

/** "2 MB", "512 KB": sizes as a moderator reads them (binary units, as the 2 MB cap is). */
export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
