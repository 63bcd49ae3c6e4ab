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

/**
 * Per passage, its citation for the source it was last cited from: plain data, never changed, asked for by every
 * answer quoting the passage. A rebuilt library may keep a passage and give its source new facts (an edited title):
 * the source is checked, not only the passage.
 */
const citations = new WeakMap<Passage, { source: Source; citation: Citation }>();

export function citationFor(source: Source, passage: Passage): Citation {
  const known = citations.get(passage);
  if (known?.source === source) return known.citation;
  const citation: Citation = {
    ...sourceFacts(source),
    section: passage.section,
    paragraph: passage.paragraphStart,
    paragraphEnd: passage.paragraphEnd,
    passageId: passage.id,
  };
  citations.set(passage, { source, citation });
  return citation;
}
