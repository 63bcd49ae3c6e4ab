/** Reloading the library without a restart (src/library/reload.ts): a watched folder, and what a rebuild may swap in. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/core/corpus.js';
import { createLogger } from '../../src/runtime/logger.js';
import { reloadCorpus, watchCorpus, type CorpusWatcher } from '../../src/library/reload.js';
import { smallLibrary } from '../support/seeds.js';

let watcher: CorpusWatcher | null = null;
afterEach(() => watcher?.close());

describe('reload without restart', () => {
  it('refuses a rebuild by what its warnings are about: a file left out or the manifest, not a Latin-1 or unlisted file', async () => {
    const dir = smallLibrary();
    writeFileSync(
      join(dir, 'latin1.txt'),
      Buffer.from('Caf\xe9 Talks\n\nDelegations met at a caf\xe9 in Geneva to discuss a prisoner exchange.\n', 'latin1'),
    );
    expect(await reloadCorpus(dir)).toMatchObject({ swapped: true });
    writeFileSync(join(dir, 'sources.json'), '{"sources": 3}');
    const refused = await reloadCorpus(dir);
    expect(refused.swapped ? [] : refused.broken.map((w) => w.kind)).toEqual(['manifest']);
  });

  const quiet = () => {
    let text = '';
    const logger = createLogger({ level: 'info', destination: new Writable({ write: (c, _e, cb) => ((text += String(c)), cb()) }) });
    return { logger, text: () => text };
  };

  it('picks up an added article, and keeps the previous library when a file is broken', async () => {
    const dir = smallLibrary();
    let current: Corpus | null = null;
    const log = quiet();
    watcher = watchCorpus(dir, (c) => (current = c), log.logger, 50);
    writeFileSync(
      join(dir, 'geneva.txt'),
      'Geneva Talks\n\nDelegations met in Geneva to discuss a prisoner exchange. Both sides called it useful.\n',
    );
    const added = await watcher.settled();
    expect(added?.swapped).toBe(true);
    expect((current as Corpus | null)?.index.sources.has('geneva')).toBe(true);
    const before = current;

    writeFileSync(join(dir, 'broken.txt'), Buffer.from([0, 1, 2, 3, 0xff]));
    const broken = await watcher.settled();
    expect(broken?.swapped).toBe(false);
    expect(current).toBe(before);
    expect(log.text()).toMatch(/"file":"broken.txt"/);
    expect(log.text()).toContain('still serving the previous library');
  });
});
