/**
 * Passages: the units we index and quote. One per paragraph; long paragraphs are split at sentence
 * boundaries into balanced parts, and fragments are merged with their neighbour in the same section.
 */
import { sentenceRanges } from './sentences.js';
import type { Paragraph, Passage, Range, Source } from './types.js';

/** Paragraphs longer than this are split at sentence boundaries. */
export const MAX_PASSAGE_CHARS = 700;
/** Each part of a split paragraph aims at about this length. */
const TARGET_PASSAGE_CHARS = 450;
/** Paragraphs shorter than this are merged with a neighbour in the same section. */
export const MIN_PASSAGE_CHARS = 140;

/** `jacobin-2022#p14`, or `jacobin-2022#p14.2` for the second part of a split paragraph. */
function passageId(sourceId: string, paragraph: number, part: number): string {
  return `${sourceId}#p${paragraph}${part > 1 ? `.${part}` : ''}`;
}

interface Span {
  paragraphStart: number;
  paragraphEnd: number;
  section: string | null;
  start: number;
  end: number;
  part: number;
}

/** Split one paragraph into balanced runs of whole sentences. */
function splitParagraph(p: Paragraph): Span[] {
  const whole: Span = { paragraphStart: p.number, paragraphEnd: p.number, section: p.section, start: p.start, end: p.end, part: 1 };
  if (p.text.length <= MAX_PASSAGE_CHARS) return [whole];
  const sentences = sentenceRanges(p.text);
  if (sentences.length < 2) return [whole];
  const parts = Math.ceil(p.text.length / TARGET_PASSAGE_CHARS);
  const goal = p.text.length / parts;
  const spans: Span[] = [];
  let from = 0;
  for (const [i, [, end]] of sentences.entries()) {
    const next = sentences[i + 1];
    const isLast = next === undefined;
    // Close the part once it reaches its share, unless the remainder would be a fragment.
    if (isLast || (end - from >= goal && p.text.length - next[0] >= MIN_PASSAGE_CHARS)) {
      spans.push({ ...whole, start: p.start + from, end: p.start + end, part: spans.length + 1 });
      if (next) from = next[0];
    }
  }
  return spans;
}

/** Attach a fragment to the passage before it when they share a section; else keep it alone. */
function attachToPrevious(out: Span[], fragment: Span): void {
  const prev = out.at(-1);
  if (prev && prev.section === fragment.section && prev.paragraphEnd === fragment.paragraphStart - 1) {
    out[out.length - 1] = { ...prev, paragraphEnd: fragment.paragraphEnd, end: fragment.end };
  } else {
    out.push(fragment);
  }
}

/** Merge fragments (short paragraphs) into the next passage of the same section, else the previous. */
function mergeFragments(spans: Span[]): Span[] {
  const out: Span[] = [];
  let pending: Span | null = null;
  for (const span of spans) {
    let current = span;
    if (pending && pending.section === current.section && current.part === 1) {
      current = { ...current, paragraphStart: pending.paragraphStart, start: pending.start, part: pending.part };
    } else if (pending) {
      attachToPrevious(out, pending);
    }
    pending = null;
    const whole = current.part === 1 && current.paragraphStart === current.paragraphEnd;
    if (current.end - current.start < MIN_PASSAGE_CHARS && whole) pending = current;
    else out.push(current);
  }
  if (pending) attachToPrevious(out, pending);
  return out;
}

/** A passage's sentences as [start, end) ranges (see `Passage.sentences`). */
export function sentenceSpans(passage: Pick<Passage, 'sentences'>): Range[] {
  const spans: Range[] = [];
  for (let i = 0; i + 1 < passage.sentences.length; i += 2) spans.push([passage.sentences[i] ?? 0, passage.sentences[i + 1] ?? 0]);
  return spans;
}

/** Cut a source into passages, in reading order. */
export function buildPassages(source: Source): Passage[] {
  const spans = mergeFragments(source.paragraphs.flatMap(splitParagraph));
  return spans.map((s) => {
    const text = source.text.slice(s.start, s.end);
    const sentences = sentenceRanges(text).flat();
    return {
      id: passageId(source.meta.id, s.paragraphStart, s.part),
      sourceId: source.meta.id,
      section: s.section,
      paragraphStart: s.paragraphStart,
      paragraphEnd: s.paragraphEnd,
      text,
      start: s.start,
      end: s.end,
      sentences,
    };
  });
}
