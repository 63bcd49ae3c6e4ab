/** Citations: where a passage comes from, in the one shape every answer uses. */
import type { Citation, Passage, Source } from './types.js';

export function citationFor(source: Source, passage: Passage): Citation {
  const { meta } = source;
  return {
    sourceId: meta.id,
    title: meta.title,
    authors: meta.authors,
    publication: meta.publication,
    date: meta.date?.value ?? null,
    datePrecision: meta.date?.precision ?? null,
    section: passage.section,
    paragraph: passage.paragraphStart,
    paragraphEnd: passage.paragraphEnd,
    passageId: passage.id,
  };
}
