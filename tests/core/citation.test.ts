/** Citations (src/core/citation.ts): one per passage and source, made once; a source given new facts cites anew. */
import { describe, expect, it } from 'vitest';
import { citationFor } from '../../src/core/citation.js';
import { buildSource } from '../../src/core/source.js';
import { buildPassages } from '../../src/core/passages.js';
import { inventedMeta } from '../support/invented.js';

describe('a citation', () => {
  const text = 'The delegates met in spring and agreed on a timetable. They met again in summer.\n\nA second paragraph follows.';
  const source = buildSource(inventedMeta('cited-2026', { title: 'First title' }), text);
  const [passage] = buildPassages(source);
  if (!passage) throw new Error('the invented article has no passage');

  it('says where its passage comes from, and is made once for every answer quoting it', () => {
    const citation = citationFor(source, passage);
    expect(citation).toMatchObject({ sourceId: 'cited-2026', title: 'First title', passageId: passage.id, paragraph: 1 });
    expect(citationFor(source, passage)).toBe(citation);
  });

  it('follows its source: the same passage under an edited title cites the new title', () => {
    expect(citationFor(source, passage).title).toBe('First title');
    const edited = { ...source, meta: { ...source.meta, title: 'Edited title' } };
    expect(citationFor(edited, passage).title).toBe('Edited title');
  });
});
