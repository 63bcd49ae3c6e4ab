/// <reference lib="dom" />
/**
 * `npx tsx docs/screenshot.ts`: the pictures of the reader in docs/reader.md, taken in headless Chromium (Debian's
 * chromium, as in the tests): a citation's link opened on a desktop, and the same on a phone in dark mode.
 */
import { join } from 'node:path';
import { citationLink } from '../src/core/reader.js';
import { search } from '../src/core/search.js';
import { openCorpus } from '../src/library/corpus-cache.js';
import { DEFAULT_SEEDS_DIR, PROJECT_ROOT } from '../src/runtime/paths.js';
import { buildSite } from '../src/site/build.js';
import { startReaderServer } from '../src/site/serve.js';
import { launchChromium } from '../tests/support/chromium.js';

// The library as the bot loads it.
const { corpus } = await openCorpus(DEFAULT_SEEDS_DIR);
const [first] = search(corpus.index, 'Did Zelensky threaten to abandon negotiations over the Mariupol prisoners?', { limit: 1 }).results;
if (!first) throw new Error('no answer to photograph');
const reader = await startReaderServer(buildSite(corpus));
const browser = await launchChromium();
try {
  const url = citationLink(reader.url, first.citation, [first.excerpt]) ?? '';
  for (const [file, options] of [
    ['reader.png', { viewport: { width: 1000, height: 640 }, colorScheme: 'light' }],
    ['reader-phone-dark.png', { viewport: { width: 360, height: 640 }, colorScheme: 'dark', deviceScaleFactor: 1 }],
  ] as const) {
    const page = await browser.newPage(options);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector(':target') !== null);
    await page.screenshot({ path: join(PROJECT_ROOT, 'docs', file) });
    await page.close();
  }
  process.stdout.write(`photographed ${url}\n`);
} finally {
  await browser.close();
  await reader.close();
}
