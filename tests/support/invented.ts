/** The record of an article invented for a test: nothing but its id, unless the test gives more. */
import type { SourceMeta } from '../../src/core/types.js';

export function inventedMeta(id: string, more: Partial<SourceMeta> = {}): SourceMeta {
  return {
    id,
    file: `${id}.txt`,
    title: `${id} (invented, for tests)`,
    titleFrom: 'article',
    authors: [],
    publication: null,
    date: null,
    url: null,
    notes: [],
    ...more,
  };
}
