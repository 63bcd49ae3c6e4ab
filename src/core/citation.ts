/** Citations: where a passage comes from, in the one shape every answer uses. */
import type { Citation, Passage, Source } from './types.js';

/** Who wrote an article, where and when: the part of a citation that all its passages share. */
export type SourceFacts = Pick<Citation, 'sourceId' | 'title' | 'authors' | 'publication' | 'date' | 'datePrecision' | 'dateDerivation'>;

/** Per source, its facts: every citation of its passages shares them (answers cite several at a time). */
const facts = new WeakMap<Source, SourceFacts>();

export function sourceFacts(source: Source): SourceFacts {
  const known = facts.get(source);
  if (known) return known;
  const { meta } = source;
  const made: SourceFacts = {
    sourceId: meta.id,
    title: meta.title,
    authors: meta.authors,
    publication: meta.publication,
    date: meta.date?.value ?? null,
    datePrecision: meta.date?.precision ?? null,
    dateDerivation: meta.date?.derivation ?? null,
  };
  facts.set(source, made);
  return made;
}

export function citationFor(source: Source, passage: Passage): Citation {
  return {
    ...sourceFacts(source),
    section: passage.section,
    paragraph: passage.paragraphStart,
    paragraphEnd: passage.paragraphEnd,
    passageId: passage.id,
  };
}
