/** Passages made from sentences, for rules that read only a passage's text and sentences. */
import type { Passage } from '../../src/core/types.js';

/** A passage of these sentences, one space apart (for rules that read only its text and sentences). */
export function passageOf(id: string, sentences: readonly string[]): Passage {
  const text = sentences.join(' ');
  const spans = sentences.flatMap((x) => [text.indexOf(x), text.indexOf(x) + x.length]);
  return {
    id,
    sourceId: id.split('#')[0] ?? id,
    section: null,
    paragraphStart: 1,
    paragraphEnd: 1,
    text,
    start: 0,
    end: text.length,
    sentences: spans,
  };
}
