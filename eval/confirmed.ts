/**
 * What moderators' confirmations teach the bot, measured honestly (issue 24). Each seed question set is split in
 * two halves by position (odd and even). A moderator confirms, for each question of the first half, the passage
 * that answers it — the passage holding its expected answer, as a moderator reading the library would pick —
 * and its wording is indexed (`Passage.askedAs`). The second half, written by others before anyone looked at the
 * answers, is then asked: questions about the same facts in other words, and about other facts. Confirmations are
 * added a quarter of the first half at a time, to show how the gain grows. A set nothing was confirmed for
 * (the library-* sets, the off-topic sets) is asked again to show it does not drop.
 */
import type { Corpus } from '../src/core/corpus.js';
import { buildFromSeeds, type Changes } from '../src/library/corpus-cache.js';
import { norm, scoreQuestions, type Question } from './score.js';

export interface Split {
  confirmed: Question[];
  asked: Question[];
}

/** The halves of a question set: the first, third, fifth… question confirmed; the others asked. */
export function split(questions: readonly Question[]): Split {
  return { confirmed: questions.filter((_, i) => i % 2 === 0), asked: questions.filter((_, i) => i % 2 === 1) };
}

/** The passage a moderator confirms for a question: the first, in reading order, holding one of its expected answers. */
export function passageFor(corpus: Corpus, question: Question): string | null {
  const anchors = question.any.map(norm);
  for (const id of corpus.index.order) {
    const text = norm(corpus.index.passages.get(id)?.text ?? '');
    if (anchors.some((a) => text.includes(a))) return id;
  }
  return null;
}

/** The questions' wordings by the passage each is confirmed for (questions with no such passage left out). */
export function confirmations(corpus: Corpus, questions: readonly Question[]): Map<string, string[]> {
  const byPassage = new Map<string, string[]>();
  for (const q of questions) {
    const id = passageFor(corpus, q);
    if (id) byPassage.set(id, [...(byPassage.get(id) ?? []), q.q]);
  }
  return byPassage;
}

/** The seeds' corpus with these confirmations indexed, built as the library builds it. */
export async function confirmedCorpus(seedsDir: string, confirmed: ReadonlyMap<string, readonly string[]>): Promise<Corpus> {
  const changes: Changes = {
    fingerprint: `eval-confirmed-${confirmed.size}`,
    changes: { added: [], removed: new Set(), edited: new Map(), confirmed },
  };
  return (await buildFromSeeds(seedsDir, changes)).corpus;
}

/** The seed sets taught: their halves, the first halves' confirmations, the corpus with them, and what is asked. */
export interface Taught {
  halves: Map<string, Split>;
  byPassage: Map<string, string[]>;
  taught: Corpus;
  /** Every second half. */
  asked: Question[];
  /** The asked questions about a fact confirmed in other words: their expected answer is in a confirmed passage. */
  sameFacts: Question[];
}

/** Confirm the first half of each set, as a moderator would, and build the corpus that indexes them. */
export async function teach(seedsDir: string, corpus: Corpus, sets: ReadonlyMap<string, readonly Question[]>): Promise<Taught> {
  const halves = new Map([...sets].map(([name, questions]) => [name, split(questions)]));
  const byPassage = confirmations(
    corpus,
    [...halves.values()].flatMap((h) => h.confirmed),
  );
  const asked = [...halves.values()].flatMap((h) => h.asked);
  return {
    halves,
    byPassage,
    taught: await confirmedCorpus(seedsDir, byPassage),
    asked,
    sameFacts: asked.filter((q) => byPassage.has(passageFor(corpus, q) ?? '')),
  };
}

export interface GrowthPoint {
  /** Confirmations made (one per question of the first halves, those with an answering passage). */
  confirmations: number;
  recall1: number;
  recall3: number;
}

/** Recall on every set's second half as the first halves' confirmations grow a quarter at a time. */
export async function growth(seedsDir: string, corpus: Corpus, sets: ReadonlyMap<string, readonly Question[]>): Promise<GrowthPoint[]> {
  const halves = [...sets.values()].map(split);
  const asked = halves.flatMap((h) => h.asked);
  const points: GrowthPoint[] = [];
  for (const quarter of [0, 1, 2, 3, 4]) {
    const confirmed = halves.flatMap((h) => h.confirmed.slice(0, Math.round((h.confirmed.length * quarter) / 4)));
    const byPassage = confirmations(corpus, confirmed);
    const built = quarter === 0 ? corpus : await confirmedCorpus(seedsDir, byPassage);
    const score = scoreQuestions(built, asked);
    points.push({ confirmations: [...byPassage.values()].flat().length, recall1: score.recall1, recall3: score.recall3 });
  }
  return points;
}
