/**
 * Ukrainian and Russian words in Latin letters, for a question asked in Cyrillic: the library is in English, so
 * only the names in such a question can be searched, spelled as English spells them (Київ → Kyiv).
 *
 * Two systems: Ukrainian by the national system of 2010 (Cabinet of Ministers resolution 55: Київ → Kyiv,
 * Зеленський → Zelenskyi), Russian by BGN/PCGN (Путин → Putin, Киев → Kiyev) without its apostrophes for ь and ъ.
 * A word's spellings (`latinSpellings`) add what neither system says but English names do: the case ending of the
 * question's grammar taken off (у Стамбулі → Стамбул), "-sky" for -ський/-ский, and the vowel Cyrillic drops
 * before an initial s + consonant (Стамбул, Istanbul). These are only candidates: `libraryName` keeps the one
 * the library writes as a name, and `transliteratedQuery` is the question as it is searched (search.ts).
 */

import { analyze, fold, termOf } from './analyze.js';
import { vocabularyTree, type SearchIndex } from './search-index.js';

const CYRILLIC = /\p{Script=Cyrillic}/u;
/** A run of Cyrillic letters, with an apostrophe inside (Ukrainian writes one: Знам'янка). */
const CYRILLIC_WORD = /\p{Script=Cyrillic}+(?:['’ʼ]\p{Script=Cyrillic}+)*/gu;

export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

export type System = 'uk' | 'ru';

/** Letters spelled the same in both systems (lower case). */
const COMMON: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  д: 'd',
  ж: 'zh',
  з: 'z',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ъ: '',
  "'": '',
  '’': '',
  ʼ: '',
};

/** Ukrainian, national system of 2010: [at the start of a word, elsewhere]. */
const UKRAINIAN: Readonly<Record<string, readonly [string, string]>> = {
  г: ['h', 'h'],
  ґ: ['g', 'g'],
  е: ['e', 'e'],
  є: ['ye', 'ie'],
  и: ['y', 'y'],
  і: ['i', 'i'],
  ї: ['yi', 'i'],
  й: ['y', 'i'],
  ю: ['yu', 'iu'],
  я: ['ya', 'ia'],
  // Not Ukrainian letters, read as Russian would (a question may mix the two).
  ё: ['yo', 'e'],
  ы: ['y', 'y'],
  э: ['e', 'e'],
};

/** Russian, BGN/PCGN: [at the start of a word or after a vowel, й, ъ or ь; elsewhere]. */
const RUSSIAN: Readonly<Record<string, readonly [string, string]>> = {
  г: ['g', 'g'],
  е: ['ye', 'e'],
  ё: ['yo', 'e'],
  и: ['i', 'i'],
  й: ['y', 'y'],
  ы: ['y', 'y'],
  э: ['e', 'e'],
  ю: ['yu', 'yu'],
  я: ['ya', 'ya'],
  // Ukrainian letters, as BGN/PCGN spells them for Ukrainian.
  ґ: ['g', 'g'],
  є: ['ye', 'ye'],
  і: ['i', 'i'],
  ї: ['yi', 'yi'],
};

const VOWELS = new Set('аеёєиіїоуыэюя');
/** After these, Russian е, ё, ю, я are spelled with y (a new syllable, not a softened consonant). */
const RU_SOFT_START = new Set([...VOWELS, 'й', 'ъ', 'ь']);

/** One Cyrillic word in Latin letters by `system`; capitals kept (Київ → Kyiv, НАТО → NATO). Other characters pass through. */
export function transliterate(word: string, system: System): string {
  const chars = [...word];
  const lower = chars.map((c) => c.toLowerCase());
  const capital = (i: number): boolean => chars[i] !== lower[i];
  let out = '';
  for (const [i, ch] of lower.entries()) {
    const previous = lower[i - 1] ?? '';
    let latin: string;
    if (system === 'uk') {
      const pair = UKRAINIAN[ch];
      // "зг" is "zgh", so that it is not read as "zh" (Згорани → Zghorany); after an apostrophe, є ї ю я are not initial.
      latin = ch === 'г' && previous === 'з' ? 'gh' : pair ? pair[previous === '' ? 0 : 1] : (COMMON[ch] ?? ch);
    } else {
      const pair = RUSSIAN[ch];
      latin = pair ? pair[previous === '' || RU_SOFT_START.has(previous) ? 0 : 1] : (COMMON[ch] ?? ch);
    }
    // A capital followed by another (НАТО, ЩУКА) is all capitals; else only its first letter is (Щука → Shchuka).
    if (capital(i))
      latin = capital(i + 1) || (i > 0 && capital(i - 1)) ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
    out += latin;
  }
  return out;
}

/**
 * Case endings a name takes in a Ukrainian or Russian sentence (в Стамбулі, Путіна, с Зеленским), longest
 * first: each is tried off, leaving a stem of three letters at least.
 */
const ENDINGS = [
  'ами',
  'ями',
  'ові',
  'еві',
  'єві',
  'ого',
  'ому',
  'ими',
  'ою',
  'ею',
  'єю',
  'ої',
  'ій',
  'ий',
  'им',
  'ым',
  'ом',
  'ем',
  'ах',
  'ях',
  'ів',
  'ей',
  'ой',
  'а',
  'я',
  'у',
  'ю',
  'і',
  'и',
  'ы',
  'е',
  'є',
];

/** The word and its stems with a case ending off; a Ukrainian stem also with the nominative's і back (Києв- → Київ, Львов- → Львів). */
function cyrillicForms(word: string): string[] {
  const lower = word.toLowerCase();
  const forms = [lower];
  for (const ending of ENDINGS) {
    if (!lower.endsWith(ending) || [...lower].length - ending.length < 3) continue;
    const stem = lower.slice(0, -ending.length);
    forms.push(stem);
    // The closed last syllable of the nominative has і (ї after a vowel) where the other cases have е, є or о.
    const alternated = stem.replace(/[еєо](?=[^аеёєиіїоуыэюяьй'’ʼ]$)/u, (v) => (v === 'є' ? 'ї' : 'і'));
    if (alternated !== stem) forms.push(alternated);
  }
  return forms;
}

/** The Latin spellings English gives names that the two systems spell otherwise. */
function englishVariants(latin: string): string[] {
  const out = [latin];
  // -ський / -ский / -ый: "Zelensky", not "Zelenskyi" or "Zelenskiy".
  const sky = latin.replace(/(?:yi|iy|yy|ii)$/, 'y');
  if (sky !== latin) out.push(sky);
  // Cyrillic drops the vowel before an initial s + consonant that other languages keep (Стамбул, Istanbul).
  for (const w of [...out]) if (/^s[^aeiouy]/.test(w)) out.push(`i${w}`);
  return out;
}

/**
 * The Latin spellings a Cyrillic word may stand for, in lower case, the likeliest first: the word as it stands,
 * then its stems; in Ukrainian and in Russian (a word with ы, э, ё or ъ is Russian first); with English's variants.
 */
export function latinSpellings(word: string): string[] {
  const systems: System[] = /[ыэёъ]/iu.test(word) ? ['ru', 'uk'] : ['uk', 'ru'];
  const out = new Set<string>();
  for (const form of cyrillicForms(word)) {
    for (const system of systems) for (const variant of englishVariants(transliterate(form, system))) out.add(variant);
  }
  return [...out];
}

// Which spellings are names of the library: only the library can say.
/** A question asked in Cyrillic, as it was searched: the library is in English. */
export interface Transliterated {
  kind: 'transliterated';
  /** What was searched instead: the question's Cyrillic names as the library spells them, and its other words. */
  searched: string;
  /** Each Cyrillic word searched, as typed, and the library's word for it (Стамбулі → Istanbul). */
  names: Array<{ from: string; to: string }>;
}

/** A spelling this long may be one letter from the library's (Istanbul for "istambul", Ukraine for "ukraina"). */
const MIN_NEAR_NAME = 5;

/**
 * The name of the library a Cyrillic word stands for, in the library's spelling, or null: one of the word's Latin
 * spellings (`latinSpellings`) is a word of the library, or one letter from one, that the library writes with a
 * capital. Only names: an everyday word spelled in Latin letters is not English.
 */
export function libraryName(index: SearchIndex, word: string): string | null {
  let best: { name: string; distance: number; df: number; rank: number } | null = null;
  for (const [rank, spelling] of latinSpellings(word).entries()) {
    const term = termOf(spelling);
    if (!term) continue;
    const near: Array<[string, number, number]> = index.vocabulary.has(term)
      ? [[term, index.vocabulary.get(term) ?? 0, 0]]
      : term.length >= MIN_NEAR_NAME
        ? [...vocabularyTree(index).fuzzyGet(term, 1)].map(([t, [df, d]]) => [t, df, d])
        : [];
    for (const [t, df, distance] of near) {
      // The nearer first; at one distance, the likelier spelling, then the more common word.
      if (best && (distance > best.distance || (distance === best.distance && (rank > best.rank || df <= best.df)))) continue;
      const name = nameOf(index, t, spelling);
      if (name) best = { name, distance, df, rank };
    }
    if (best?.distance === 0) break;
  }
  return best?.name ?? null;
}

/** Passages read to tell whether the library writes a term with a capital. */
const NAME_SAMPLE = 5;

/**
 * How the library writes a term when it writes it mostly with a capital (a name: "Istanbul", not "plan" or "de"),
 * read in a few of its passages: as `spelled` when it writes it so (Kyiv, where it also writes Kiev), else its
 * commonest capitalised spelling. Null when it is no name.
 */
function nameOf(index: SearchIndex, term: string, spelled: string): string | null {
  const spellings = new Map<string, number>();
  let all = 0;
  for (const hit of index.mini.search(term).slice(0, NAME_SAMPLE)) {
    const text = index.passages.get(String(hit.id))?.text ?? '';
    for (const token of analyze(text)) {
      if (token.term !== term) continue;
      all += 1;
      const word = text.slice(token.start, token.end);
      if (/^\p{Lu}/u.test(word)) spellings.set(word, (spellings.get(word) ?? 0) + 1);
    }
  }
  const [best] = [...spellings].sort(
    (a, b) => Number(fold(b[0]) === spelled) - Number(fold(a[0]) === spelled) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  const capital = [...spellings.values()].reduce((sum, n) => sum + n, 0);
  return best && capital * 2 > all ? best[0] : null;
}

/**
 * A question with Cyrillic words, as the library can search it: its names in the library's spelling, the rest
 * left out. Null without Cyrillic.
 */
export function transliteratedQuery(index: SearchIndex, text: string): Transliterated | null {
  if (!hasCyrillic(text)) return null;
  const names: Transliterated['names'] = [];
  const searched = text
    .replace(CYRILLIC_WORD, (word) => {
      const to = libraryName(index, word);
      if (to) names.push({ from: word, to });
      return ` ${to ?? ''} `;
    })
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return { kind: 'transliterated', searched, names };
}
