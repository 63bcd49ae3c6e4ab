import { describe, expect, it } from 'vitest';
import { describesItself } from '../../src/core/sentences.js';

describe('a sentence describing its own article', () => {
  it.each([
    'This investigative analysis scrutinizes the structural obstacles to peace.',
    'In this paper, we examine three rounds of talks.',
    'This article argues that mediation failed.',
    'The present study compares the Minsk and Istanbul rounds.',
    '“This essay asks why talks stall.”',
  ])('is one: %s', (s) => expect(describesItself(s)).toBe(true));

  it.each([
    'This plan was rejected by Kyiv.',
    'The article of the treaty on neutrality was never signed.',
    'A report by NBC News said the war had reached a stalemate.',
  ])('is not one: %s', (s) => expect(describesItself(s)).toBe(false));
});
