/** Summary candidates made for a rule: one-sentence quotes of their own passages, and the sides they take. */
import type { Candidate } from '../../src/core/summary/types.js';
import type { Citation } from '../../src/core/types.js';
import { passageOf } from './passages.js';

let made = 0;

/** A one-sentence quote of its own passage in `source`, holding `words`; quotes made later come later in reading order. */
export function quote(source: string, relevance: number, words: string, extra: Partial<Candidate> = {}): Candidate {
  const passage = passageOf(`${source}#p${++made}`, [`${words}.`]);
  const citation = { passageId: passage.id, sourceId: source } as Citation;
  return {
    text: `${words}.`,
    terms: new Set(words.split(' ')),
    relevance,
    citation,
    order: String(made).padStart(6, '0'),
    polar: [],
    at: { passage, from: 0, to: 0 },
    ...extra,
  };
}

/** One side (0 or 1) of an opposing pair, in a context of these words. */
export function side(which: 0 | 1, context: string): Candidate['polar'] {
  return [new Map([[`war-peace:${which}`, new Set(context.split(' '))]])];
}
