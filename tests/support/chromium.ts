/**
 * Headless Chromium for the browser tests: Debian's `chromium` (installed by `.ci/run` when missing), driven by
 * playwright-core, which never downloads a browser. One browser per test file; each page is watched for console
 * errors and for any request that would leave the loopback server.
 */
import { existsSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
export async function watchedContext(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; watch: Watch }> {
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

/** A screenshot's pixels: Chromium writes 8-bit RGB or RGBA PNGs, not interlaced. */
function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Uint8Array } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [depth, type, , , interlace] = [png[24], png[25], png[26], png[27], png[28]];
  if (depth !== 8 || (type !== 2 && type !== 6) || interlace !== 0)
    throw new Error(`unexpected PNG (depth ${depth}, colour type ${type}, interlace ${interlace})`);
  const channels = type === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** The share of each box's pixels within `tolerance` (sum of channel differences) of `colour`, in a screenshot. */
export function colourShare(
  png: Buffer,
  boxes: ReadonlyArray<{ x: number; y: number; width: number; height: number }>,
  colour: readonly number[],
  tolerance = 40,
): number[] {
  const { width, height, channels, pixels } = decodePng(png);
  return boxes.map((b) => {
    let hits = 0;
    let all = 0;
    for (let y = Math.max(0, Math.round(b.y)); y < Math.min(height, Math.round(b.y + b.height)); y++) {
      for (let x = Math.max(0, Math.round(b.x)); x < Math.min(width, Math.round(b.x + b.width)); x++) {
        const i = (y * width + x) * channels;
        const near =
          Math.abs((pixels[i] ?? 0) - (colour[0] ?? 0)) +
          Math.abs((pixels[i + 1] ?? 0) - (colour[1] ?? 0)) +
          Math.abs((pixels[i + 2] ?? 0) - (colour[2] ?? 0));
        if (near < tolerance) hits++;
        all++;
      }
    }
    return all === 0 ? 0 : hits / all;
  });
}
