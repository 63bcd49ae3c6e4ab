import { describe, expect, it } from 'vitest';
import { writtenAsName } from '../../src/core/question.js';

describe('a word a question writes as a name', () => {
  it('is capitalised, or in capitals, where no sentence starts', () => {
    expect(writtenAsName('who mediated in Pretoria between Addis Ababa and the TPLF', 'Pretoria')).toBe(true);
    expect(writtenAsName('who mediated in Pretoria between Addis Ababa and the TPLF', 'TPLF')).toBe(true);
    expect(writtenAsName('who mediated in pretoria', 'pretoria')).toBe(false);
  });

  it('is not capitalised only because a sentence, a quote or an aside starts with it', () => {
    expect(writtenAsName('Beyond Ukraine itself, what is at stake?', 'Beyond')).toBe(false);
    expect(writtenAsName('the talks failed. Meanwhile what happened?', 'Meanwhile')).toBe(false);
    expect(writtenAsName('what did he mean by "Nobody believes"', 'Nobody')).toBe(false);
    expect(writtenAsName('the talks (Turkey hosted them) failed', 'Turkey')).toBe(false);
    // …but the same word further on is.
    expect(writtenAsName('Varna talks: who signed at Varna?', 'Varna')).toBe(true);
  });

  it('is one word of letters: a compound or a word with a number names what its parts do', () => {
    expect(writtenAsName('what about US-led negotiations', 'US-led')).toBe(false);
    expect(writtenAsName('what was agreed at COP28', 'COP28')).toBe(false);
  });

  it('says nothing in a question written in capitals or title case', () => {
    expect(writtenAsName('WHO MEDIATED IN PRETORIA', 'PRETORIA')).toBe(false);
    expect(writtenAsName('What Were The Stopgap Measures Parish Proposed', 'Stopgap')).toBe(false);
  });
});
