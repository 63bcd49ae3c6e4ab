import { describe, expect, it } from 'vitest';
import { asksTheNumber, writtenAsName, opensSentenceAt } from '../../src/core/question.js';

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

describe('a number a question asks', () => {
  it('is a year, or a day of a month the question names', () => {
    expect(asksTheNumber('what happened in 2022', '2022')).toBe(true);
    expect(asksTheNumber('talks of 1994', '1994')).toBe(true);
    expect(asksTheNumber('what happened on 29 March', '29')).toBe(true);
    expect(asksTheNumber('what happened on 29 mar', '29')).toBe(true);
    expect(asksTheNumber('what happened on March 29th', '29')).toBe(true);
    expect(asksTheNumber('the 29th of march', '29')).toBe(true);
    // Beside a month's name, not anywhere in a question that has one.
    expect(asksTheNumber('who may have sent 29 drones', '29')).toBe(false);
    expect(asksTheNumber('29 ships left in March', '29')).toBe(false);
    expect(asksTheNumber('what is 17 times 23', '23')).toBe(false);
    expect(asksTheNumber('the 12 point plan', '12')).toBe(false);
    // Not a year: too far back or ahead for a history of these talks, or not four digits.
    expect(asksTheNumber('what is 1700 plus 2100', '1700')).toBe(false);
    expect(asksTheNumber('what is 1700 plus 2100', '2100')).toBe(false);
    // A month's name inside another word is not a month.
    expect(asksTheNumber('how many marches were held, 29?', '29')).toBe(false);
  });
});

describe('where a sentence opens', () => {
  it('at the start, after a line break, or after a stop, colon, opening quote or bracket and spaces', () => {
    const at = (text: string): boolean => opensSentenceAt(text, text.indexOf('Modi'));
    expect(['Modi met', 'Talks\n\nModi met', 'It ended.  Modi met', 'He said: Modi', '“Modi', '(Modi', 'Why? Modi'].map(at)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['Did Modi', 'the talks, Modi', 'and  Modi', 'U.S.-Modi'].map(at)).toEqual([false, false, false, false]);
  });
});
