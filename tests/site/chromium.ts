/**
 * Headless Chromium for the browser tests: Debian's `chromium` (installed by `.ci/run` when missing), driven by
 * playwright-core, which never downloads a browser. One browser per test file; each page is watched for console
 * errors and for any request that would leave the loopback server.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a closed network: no background requests, no first-run or update traffic. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium), or set CHROMIUM_PATH`);
  }
  // playwright-core starts it headless, with a fresh temporary profile (--user-data-dir) of its own.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}

/** What a watched context saw: console errors and uncaught exceptions, and requests to anywhere but `origin`. */
export interface Watch {
  errors: string[];
  outside: string[];
  requests: string[];
}

/** A context whose requests are recorded (those to anywhere but `origin` as outside), and its errors. */
export async function watchedContext(browser: Browser, origin: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; watch: Watch }> {
  const context = await browser.newContext(options);
  const watch: Watch = { errors: [], outside: [], requests: [] };
  // Listening, not intercepting (interception costs a round trip per request); the flags above keep the browser
  // itself quiet, and nothing outside the loopback is reachable here anyway: whatever is asked for is recorded.
  context.on('request', (request) => {
    const url = request.url();
    watch.requests.push(url);
    if (!url.startsWith(origin) && url !== 'about:blank') watch.outside.push(url);
  });
  context.on('page', (page) => watchPage(page, watch));
  return { context, watch };
}

function watchPage(page: Page, watch: Watch): void {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watch.errors.push(`${m.type()}: ${m.text()} (${page.url()})`);
  });
  page.on('pageerror', (err) => watch.errors.push(`pageerror: ${err.message} (${page.url()})`));
  page.on('dialog', (d) => {
    watch.errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
}
