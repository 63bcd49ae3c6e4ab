/** Cyrillic in Latin letters (src/core/transliterate.ts): the two systems' own examples, and the spellings a name may take. */
import { describe, expect, it } from 'vitest';
import { hasCyrillic, latinSpellings, transliterate } from '../../src/core/transliterate.js';

describe('Ukrainian, national system of 2010', () => {
  // The examples of the resolution's table (Cabinet of Ministers of Ukraine, No. 55 of 27 January 2010).
  it.each([
    ['Алушта', 'Alushta'],
    ['Борщагівка', 'Borshchahivka'],
    ['Вінниця', 'Vinnytsia'],
    ['Гадяч', 'Hadiach'],
    ['Згорани', 'Zghorany'],
    ['Ґалаґан', 'Galagan'],
    ['Рівне', 'Rivne'],
    ['Єнакієве', 'Yenakiieve'],
    ['Наєнко', 'Naienko'],
    ['Житомир', 'Zhytomyr'],
    ['Запоріжжя', 'Zaporizhzhia'],
    ['Медвин', 'Medvyn'],
    ['Іршава', 'Irshava'],
    ['Їжакевич', 'Yizhakevych'],
    ['Кадиївка', 'Kadyivka'],
    ['Йосипівка', 'Yosypivka'],
    ['Стрий', 'Stryi'],
    ['Київ', 'Kyiv'],
    ['Миколаїв', 'Mykolaiv'],
    ['Ніжин', 'Nizhyn'],
    ['Одеса', 'Odesa'],
    ['Ужгород', 'Uzhhorod'],
    ['Харків', 'Kharkiv'],
    ['Чернівці', 'Chernivtsi'],
    ['Гоща', 'Hoshcha'],
    ['Русь', 'Rus'],
    ['Юрій', 'Yurii'],
    ['Юрчишин', 'Yurchyshyn'],
    ['Яготин', 'Yahotyn'],
    ["Знам'янка", 'Znamianka'],
    ['Феодосія', 'Feodosiia'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(transliterate(cyrillic, 'uk')).toBe(latin);
  });

  it('names of the talks', () => {
    expect(['Зеленський', 'Путін', 'Стамбул', 'Ердоган'].map((w) => transliterate(w, 'uk'))).toEqual([
      'Zelenskyi',
      'Putin',
      'Stambul',
      'Erdohan',
    ]);
  });
});

describe('Russian, BGN/PCGN (without the apostrophes for ь and ъ)', () => {
  it.each([
    ['Москва', 'Moskva'],
    ['Путин', 'Putin'],
    ['Киев', 'Kiyev'],
    ['Горбачёв', 'Gorbachev'],
    ['Ельцин', 'Yeltsin'],
    ['Хрущёв', 'Khrushchev'],
    ['Зеленский', 'Zelenskiy'],
    ['Шойгу', 'Shoygu'],
    ['Объект', 'Obyekt'],
    ['Воробьёв', 'Vorobyov'],
    ['Эрдоган', 'Erdogan'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(transliterate(cyrillic, 'ru')).toBe(latin);
  });
});

describe('letters and case', () => {
  it('keeps capitals: a capital letter, a word in capitals; passes what is not Cyrillic through', () => {
    expect(transliterate('НАТО', 'uk')).toBe('NATO');
    expect(transliterate('ЩУКА', 'uk')).toBe('SHCHUKA');
    expect(transliterate('Щука', 'uk')).toBe('Shchuka');
    expect(transliterate('щука', 'ru')).toBe('shchuka');
    expect(transliterate('G7', 'uk')).toBe('G7');
  });

  it('tells Cyrillic text from Latin text', () => {
    expect(['Київ', 'peace talks in Київ', 'Kyiv', 'Erdoğan', ''].map(hasCyrillic)).toEqual([true, true, false, false, false]);
  });
});

describe('the spellings a word of a question may stand for', () => {
  it.each([
    // The nominative in both systems, and English's -sky.
    ['Зеленський', ['zelenskyi', 'zelensky']],
    ['Зеленский', ['zelenskiy', 'zelensky']],
    // A case ending off: в Стамбулі, Путіна, с Путиным, Зеленського.
    ['Стамбулі', ['stambul']],
    ['Путіна', ['putin']],
    ['Путиным', ['putin']],
    ['Зеленського', ['zelensk']],
    // The vowel Cyrillic drops before s + consonant (one letter from "istanbul" then).
    ['Стамбул', ['istambul']],
    // The nominative's і back in a Ukrainian stem (у Києві → Київ); a Russian stem as it is (в Киеве → Киев), and read so too.
    ['Києві', ['kyiv']],
    ['Киеве', ['kiyev', 'kyiv']],
  ])('%s: among them %o', (word, expected) => {
    const spellings = latinSpellings(word);
    for (const s of expected) expect(spellings).toContain(s);
    expect(spellings.every((s) => /^[a-z]+$/.test(s))).toBe(true);
  });

  it('the word as it stands comes first, a stem never shorter than three letters', () => {
    expect(latinSpellings('Путін')[0]).toBe('putin');
    expect(latinSpellings('Буча')).not.toContain('bu');
  });
});
