/**
 * The library a moderator grows: the seeds and every invented article of eval/articles-d, each read the way
 * `/library add` reads an upload (extracted, previewed, its record made from what the article says).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus } from '../src/core/corpus.js';
import type { SourceMeta } from '../src/core/types.js';
import { buildFromSeeds } from '../src/library/corpus-cache.js';
import { extractDraft } from '../src/library/ingest/index.js';
import { previewDraft } from '../src/library/manage.js';
import { EMPTY_STATE } from '../src/library/store.js';

export const ADDED_ARTICLES = join(import.meta.dirname, 'articles-d');

export async function grownCorpus(
  seedsDir: string,
  seeds: Corpus,
  dir = ADDED_ARTICLES,
  confirmed?: ReadonlyMap<string, readonly string[]>,
): Promise<Corpus> {
  const added: Array<{ meta: SourceMeta; text: string }> = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.(txt|md|html)$/.test(f))
    .sort()) {
    const draft = extractDraft({ bytes: readFileSync(join(dir, file)), fileName: file });
    const so = added.map((a) => ({
      ...a,
      checksum: '',
      origin: { kind: 'file' as const, ref: file },
      addedBy: { id: '', name: '' },
      addedAt: 0,
    }));
    added.push({ meta: previewDraft(draft, seeds, { ...EMPTY_STATE, added: so }).meta, text: draft.text });
  }
  const changes = { added, removed: new Set<string>(), edited: new Map(), ...(confirmed ? { confirmed } : {}) };
  return (await buildFromSeeds(seedsDir, { fingerprint: 'eval', changes })).corpus;
}
