/** Years, year ranges and decades, and the numbers that look like years but are not events (citations, counts). */
import { MONTHS } from './calendar.js';
import type { Candidate } from './candidates.js';

export const YEAR = String.raw`(?:1[89]\d\d|20\d\d)`;

/** Capitalised words that open phrases, not names: "In 2014)" is not a citation. */
const NOT_NAMES = new Set([
  'In',
  'On',
  'At',
  'By',
  'Since',
  'Until',
  'From',
  'During',
  'Before',
  'After',
  'Of',
  'The',
  'A',
  'An',
  'And',
  'Or',
  'To',
  'For',
  'Through',
  'Between',
  'Early',
  'Late',
  'Mid',
  'Back',
  'As',
  'Spring',
  'Summer',
  'Fall',
  'Autumn',
  'Winter',
  ...MONTHS,
]);

const isNameLike = (w: string): boolean => /^\p{Lu}/u.test(w) && !NOT_NAMES.has(w.replace(/[.,]+$/, ''));

/**
 * A year that cites a work rather than dates an event: "Mearsheimer (2014)", "(BBC, 2022)", "Kofman, 2023)",
 * a bibliography line "(2022).", "Smith et al. (2019)". "the Minsk accords (2014-2015)" is an event: a lowercase
 * word before the bracket is not an author.
 */
function isCitation(sentence: string, start: number, end: number): boolean {
  if (!/^[a-z]?(?:,\s*pp?\.\s*[\d–-]+)?\s*[);]/.test(sentence.slice(end))) return false;
  const before = sentence.slice(0, start);
  const bracket = /\(\s*$/.exec(before);
  const pre = (bracket ? before.slice(0, bracket.index) : before.replace(/,?\s*$/, '')).trimEnd();
  if (/\bet al\.?$/.test(pre)) return true;
  const word = /([\p{L}][\p{L}.'’&-]*)$/u.exec(pre)?.[1];
  if (!word) return bracket !== null;
  return isNameLike(word);
}

const WORKS = [
  'book article paper essay study report op-ed column memoir monograph volume edition chapter piece review thesis dissertation',
  'documentary film novel poem',
].join(' ');
const PUBLICATION = new RegExp(String.raw`^\s+(?:\p{Lu}[\p{L}’'&.-]*\s+){0,3}(?:${WORKS.replaceAll(' ', '|')})s?\b`, 'u');
const COUNTED = [
  'people|persons|troops|soldiers|civilians|casualties|deaths|refugees|prisoners|POWs|tons|tonnes|km|kilomet(?:er|re)s|miles',
  'met(?:er|re)s|dollars|euros|pounds|rubles|roubles|hryvnias?|men|women|children|votes|units|tanks|shells|missiles|drones|rounds',
  'years|months|weeks|days|hours|minutes|times',
].join('|');
const COUNT = new RegExp(String.raw`^\s*(?:%|per\s?cent\b|-(?:year|strong)\b|(?:${COUNTED})\b)`);

/** Whether a number that looks like a year is a citation, a publication year or a quantity. */
function notAnEvent(sentence: string, start: number, end: number): boolean {
  const after = sentence.slice(end);
  return (
    isCitation(sentence, start, end) ||
    PUBLICATION.test(after) ||
    COUNT.test(after) ||
    /(?:[$€£₴₽#]|\bNo\.)\s*$/.test(sentence.slice(0, start))
  );
}

export function yearCandidates(sentence: string): Candidate[] {
  const out: Candidate[] = [];
  const edge = String.raw`(?<![\d,.$€£-])`;
  // A year followed by "-2015" belongs to the range rule, which decides for both.
  const stop = String.raw`(?!\d|[,.]\d|\s*[-–—]\s*\d)`;

  for (const m of sentence.matchAll(new RegExp(`${edge}\\b(${YEAR})\\b${stop}`, 'g'))) {
    const start = m.index;
    const end = start + (m[1]?.length ?? 0);
    if (notAnEvent(sentence, start, end)) continue;
    out.push({ kind: 'year', start, end, y: Number(m[1]) });
  }

  // "2014-2015", "2014–15", "between 2014 and 2015", "2023 and 2024" (consecutive only: "2014 and 2022" are two).
  const range = new RegExp(
    String.raw`${edge}\b(?:(between|from)\s+)?(${YEAR})\s*(-|–|—|to|through|until|and)\s*(${YEAR}|\d\d)\b${stop}`,
    'gi',
  );
  for (const m of sentence.matchAll(range)) {
    const from = Number(m[2]);
    const raw = m[4] ?? '';
    const to = raw.length === 2 ? Math.floor(from / 100) * 100 + Number(raw) : Number(raw);
    if (!(to > from)) continue;
    if (m[3]?.toLowerCase() === 'and' && !m[1] && to !== from + 1) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (notAnEvent(sentence, start + m[0].indexOf(m[2] ?? ''), end)) continue;
    out.push({ kind: 'year', start, end, y: from, ey: to });
  }

  // "the early 2000s", "the 1990s", "the mid-'90s"
  const decade = /(?:\bthe\s+)?(?:\b(early|mid|late)[\s-]+)?(?:\b(1[89]\d0|20\d0)|['’](\d0))s\b/gi;
  for (const m of sentence.matchAll(decade)) {
    const base = m[2] ? Number(m[2]) : Number(m[3]) >= 30 ? 1900 + Number(m[3]) : 2000 + Number(m[3]);
    const part = m[1]?.toLowerCase();
    const [a, b] = part === 'early' ? [0, 3] : part === 'mid' ? [4, 6] : part === 'late' ? [7, 9] : [0, 9];
    const start = m.index;
    const end = start + m[0].length;
    out.push({
      kind: 'other',
      start,
      end,
      // Said as written ("early 2000s"): its years are a reading, not what the text gives.
      place: () => ({ start: { y: base + a }, end: { y: base + b }, explicit: true, label: `${part ? `${part} ` : ''}${base}s` }),
    });
  }
  return out;
}
