/** `npm run eval -- --tune name=number` (eval/tune.ts): a search or summary number by its path, or one line why not. */
import { describe, expect, it } from 'vitest';
import { parseTuning } from '../../eval/tune.js';

describe('eval --tune', () => {
  it('reads search numbers by their path, and summary numbers after summary.', () => {
    expect(parseTuning([])).toEqual({});
    expect(
      parseTuning([
        'excerptWeight=0.6',
        'excerpt.sentenceCost=0.05',
        'confidence.odds.bias=-2',
        'scoring.bm25.k=1.5',
        'summary.mmrLambda=0.5',
      ]),
    ).toEqual({
      search: { excerptWeight: 0.6, excerpt: { sentenceCost: 0.05 }, confidence: { odds: { bias: -2 } }, scoring: { bm25: { k: 1.5 } } },
      summary: { mmrLambda: 0.5 },
    });
  });

  it('refuses a name that is no number to tune, and a value that is no number', () => {
    for (const [pair, message] of [
      ['nope=1', '--tune nope: no such number to tune'],
      ['excerpt=1', '--tune excerpt: no such number to tune'],
      ['excerpt.maxChars.x=1', '--tune excerpt.maxChars.x: no such number to tune'],
      ['summary=1', '--tune summary: no such number to tune'],
      ['toString=1', '--tune toString: no such number to tune'],
      ['excerptWeight=abc', '--tune excerptWeight=abc: write it as name=number'],
      ['excerptWeight=', '--tune excerptWeight=: write it as name=number'],
      ['excerptWeight', '--tune excerptWeight: write it as name=number'],
      ['excerptWeight=1=2', '--tune excerptWeight=1=2: write it as name=number'],
    ] as const)
      expect(() => parseTuning([pair]), pair).toThrow(message);
  });
});
