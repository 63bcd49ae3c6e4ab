/**
 * Questions that name a source: "according to the 2025 article…", "what does the Jacobin piece say about…",
 * "why won't Putin compromise, per Parish". The words that name the source are not search words (they would
 * match a book title or a passing "conversation" elsewhere); they say which articles to answer from first.
 *
 * A source is named by its publication, an author (full name or surname), a run of its title or id, or its
 * year. Names made of words the library's text also uses ("The Conversation"), title runs and years count
 * only beside a word that says a source is meant ("article", "piece", "according to", "says"…), so "a
 * conversation with Putin" or "talks in 2022" are searched as usual.
 */
import { fold, terms } from './analyze.js';
import type { SearchIndex } from './search-index.js';
import { STOPWORDS } from './stopwords.js';

/** A question's reference to one or more sources, and the question without it. */
export interface SourceMention {
  /** The sources named, in library order. */
  sourceIds: string[];
  /** The words that named them, as typed: "the 2025 article". */
  phrase: string;
  /** The question with those words blanked out (same length, so offsets into it still hold). */
  rest: string;
}

/** The nouns a question names an article by ("the Jacobin piece"). */
export const ARTICLE_NOUNS =
  'article articles piece pieces essay essays paper papers report reports story stories op-ed oped column analysis';
/** Words of who wrote an article and where it appeared ("Parish writes", "published in The Conversation"). */
export const AUTHOR_WORDS = 'author authors writer writers writes wrote write publication published';
/** Words that say a source is meant. */
const CUES = new Set(`${ARTICLE_NOUNS} ${AUTHOR_WORDS} according says say said argue argues argued claims`.split(/\s+/));
/** Nouns that make a year name a source: "the 2025 article". */
const SOURCE_NOUNS = new Set('article articles piece essay paper report story op-ed oped column analysis one'.split(' '));
/** How many words either side of a name a cue may stand. */
const CUE_REACH = 3;
/** Little words that may sit between a name and its cue ("the", "by", "in") and go with the mention. */
const GLUE = new Set(['the', 'a', 'an', 'by', 'in', 'from', 'of', 'to', 'per', 'on', "'s", 's']);

interface Word {
  text: string;
  start: number;
  end: number;
}

interface Name {
  sourceId: string;
  words: string[];
  /** Whether the name stands alone (no cue needed). */
  distinctive: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: fold(m[0]).replace(/’/g, "'"), start: m.index, end: m.index + m[0].length }));
}

const namesCache = new WeakMap<SearchIndex, Name[]>();

/** Every way each source can be named, with whether the name needs a cue. */
function namesOf(index: SearchIndex): Name[] {
  const cached = namesCache.get(index);
  if (cached) return cached;
  // A name whose words the library's text never uses cannot be meant as anything but the source.
  const unused = (words: readonly string[]): boolean => terms(words.join(' ')).every((t) => !index.vocabulary.has(t));
  const names: Name[] = [];
  const add = (sourceId: string, text: string, alone: boolean | 'always'): void => {
    const words = wordsOf(text).map((w) => w.text);
    while (words[0] === 'the') words.shift();
    if (words.length === 0 || words.every((w) => STOPWORDS.has(w))) return;
    names.push({ sourceId, words, distinctive: alone === 'always' || (alone && unused(words)) });
  };
  for (const { meta } of index.sources.values()) {
    if (meta.publication) add(meta.id, meta.publication, true);
    for (const author of meta.authors) {
      const name = author.replace(/\([^)]*\)/g, ' ').trim();
      add(meta.id, name, true);
      const surname = wordsOf(name).at(-1)?.text;
      if (surname && surname.length >= 3 && wordsOf(name).length > 1) add(meta.id, surname, true);
    }
    // An id ("jacobin-2022", as citations print it) is only ever typed to mean its source.
    add(meta.id, meta.id, 'always');
    add(meta.id, meta.id.replace(/-\d{4}$/, '').replace(/-/g, ' '), false);
    add(meta.id, meta.title, false);
  }
  namesCache.set(index, names);
  return names;
}

/** Whether a cue word stands within reach of words [i, j). */
function cueNear(words: readonly Word[], i: number, j: number, cues: ReadonlySet<string> = CUES): [number, number] | null {
  for (let k = Math.max(0, i - CUE_REACH); k < Math.min(words.length, j + CUE_REACH); k++) {
    if (k >= i && k < j) continue;
    if (!cues.has((words[k] as Word).text)) continue;
    // Only glue words between the cue and the name.
    const [a, b] = k < i ? [k + 1, i] : [j, k];
    if (words.slice(a, b).every((w) => GLUE.has(w.text))) return k < i ? [k, j] : [i, k + 1];
  }
  return null;
}

/** The sources a question names, if any. */
export function findSourceMention(index: SearchIndex, question: string): SourceMention | null {
  const words = wordsOf(question);
  if (words.length === 0) return null;
  const spans: Array<{ from: number; to: number; ids: Set<string> }> = [];
  const claim = (from: number, to: number, sourceId: string): void => {
    const same = spans.find((s) => s.from === from && s.to === to);
    if (same) same.ids.add(sourceId);
    else spans.push({ from, to, ids: new Set([sourceId]) });
  };
  for (const name of namesOf(index)) {
    const n = name.words.length;
    for (let i = 0; i < words.length; i++) {
      // A run of the name's words: the whole name, or (for titles) two or more content words in a row.
      let j = i;
      let k = name.words.indexOf((words[i] as Word).text);
      if (k < 0) continue;
      while (j < words.length && k < n && name.words[k] === (words[j] as Word).text) {
        j++;
        k++;
      }
      const run = words.slice(i, j).map((w) => w.text);
      const whole = run.length === n;
      const content = run.filter((w) => !STOPWORDS.has(w)).length;
      if (!whole && content < 2) continue;
      if (whole && name.distinctive) {
        claim(i, j, name.sourceId);
        continue;
      }
      const cued = cueNear(words, i, j);
      if (cued) claim(cued[0], cued[1], name.sourceId);
    }
  }
  // "the 2025 article", "a piece from 2022".
  for (const [i, w] of words.entries()) {
    if (!/^\d{4}$/.test(w.text)) continue;
    const cued = cueNear(words, i, i + 1, SOURCE_NOUNS);
    if (!cued) continue;
    for (const { meta } of index.sources.values()) if (meta.date?.value.startsWith(w.text)) claim(cued[0], cued[1], meta.id);
  }
  if (spans.length === 0) return null;
  // Several names narrow each other down ("the 2022 Conversation piece"); if they disagree, any of them.
  let ids = new Set(spans[0]?.ids);
  for (const s of spans.slice(1)) {
    const both = new Set([...ids].filter((id) => s.ids.has(id)));
    ids = both.size > 0 ? both : new Set([...ids, ...s.ids]);
  }
  // Blank the mention, with "according to" and the glue around it.
  let rest = question;
  let first = Infinity;
  let last = -1;
  // The year of a named source goes with its name: "the 2022 Conversation piece".
  const years = new Set([...ids].map((id) => index.sources.get(id)?.meta.date?.value.slice(0, 4)));
  const around = (k: number): boolean => {
    const w = words[k]?.text;
    return w !== undefined && (GLUE.has(w) || CUES.has(w) || years.has(w));
  };
  for (const s of spans) {
    let from = s.from;
    let to = s.to;
    while (around(from - 1)) from--;
    while (around(to) && !GLUE.has((words[to] as Word).text)) to++;
    first = Math.min(first, from);
    last = Math.max(last, to);
    const a = (words[from] as Word).start;
    const b = (words[to - 1] as Word).end;
    rest = rest.slice(0, a) + ' '.repeat(b - a) + rest.slice(b);
  }
  const phrase = question.slice((words[first] as Word).start, (words[last - 1] as Word).end);
  const order = [...index.sources.keys()];
  return { sourceIds: order.filter((id) => ids.has(id)), phrase, rest };
}
