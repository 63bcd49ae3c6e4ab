/** The moderators' report, pure (src/feedback/report.ts): what is counted, and in which order. */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/feedback/report.js';
import type { AnswerWithVotes } from '../../src/feedback/store.js';

const T0 = Date.UTC(2026, 5, 1);
let n = 0;
function asked(question: string, over: Partial<AnswerWithVotes> = {}): AnswerWithVotes {
  n++;
  return {
    id: `answer${String(n).padStart(5, '0')}`,
    question,
    at: T0 + n,
    guildId: null,
    channelId: null,
    member: 'm',
    passages: ['jacobin-2022#p3'],
    confidence: 'high',
    helpful: 0,
    notAsked: 0,
    ...over,
  };
}

describe('the report', () => {
  it('counts a question however it is cased or spaced, most asked first, shown as last worded with its latest answer', () => {
    const answers = [asked('grain deal'), asked('Grain  Deal'), asked('minsk'), asked('GRAIN deal ')];
    const report = buildReport(answers, { days: 7, from: T0, to: T0 + 1000 });
    expect(report.mostAsked).toEqual([
      { question: 'GRAIN deal ', count: 3, answerId: answers[3]?.id },
      { question: 'minsk', count: 1, answerId: answers[2]?.id },
    ]);
    expect(report.answers).toBe(4);
  });

  it('lists low and none apart from high, the not-asked by their votes, and sources by citations', () => {
    const answers = [
      asked('blueprint for peace', { confidence: 'low', passages: ['a-2022#p1', 'b-2023#p2', 'b-2023#p3'] }),
      asked('football', { confidence: 'none', passages: [] }),
      asked('istanbul', { notAsked: 1, helpful: 2 }),
      asked('minsk', { notAsked: 3 }),
    ];
    const report = buildReport(answers, { days: 7, from: T0, to: T0 + 1000 });
    expect(report.unsure.map((r) => [r.question, r.confidence])).toEqual([
      ['blueprint for peace', 'low'],
      ['football', 'none'],
    ]);
    expect(report.notAskedRows.map((r) => [r.question, r.notAsked, r.helpful])).toEqual([
      ['minsk', 3, 0],
      ['istanbul', 1, 2],
    ]);
    expect(report.sources).toEqual([
      { sourceId: 'b-2023', citations: 2 },
      { sourceId: 'jacobin-2022', citations: 2 },
      { sourceId: 'a-2022', citations: 1 },
    ]);
    expect([report.helpful, report.notAsked]).toEqual([2, 4]);
  });

  it('leaves out what is outside the window', () => {
    const report = buildReport([asked('before', { at: T0 - 1 }), asked('within', { at: T0 })], { days: 7, from: T0, to: T0 + 1000 });
    expect(report.mostAsked.map((r) => r.question)).toEqual(['within']);
  });
});
