/**
 * The shape of a sentence, as far as the timeline needs it: its words with their parts of speech (wink-nlp's
 * tagger, universal POS tags), its main clauses, and in each clause its subject, its main verb and the side
 * phrases (asides, quotes, subordinate and relative clauses, "since …" phrases) whose dates date only themselves.
 *
 * This is a shallow reading, not a parse: it knows the shapes English news prose uses to say when something
 * happened, and gives up (no verb, no subject) rather than guess.
 */
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import type { Range } from './types.js';

export interface Word {
  text: string;
  lower: string;
  lemma: string;
  /** Universal part-of-speech tag: NOUN, PROPN, PRON, VERB, AUX, ADP, SCONJ, CCONJ, DET, ADJ, ADV, PUNCT… */
  pos: string;
  start: number;
  end: number;
}

/** What opens a side phrase, which decides what a date in it dates. */
export type SideKind =
  | 'aside' // between dashes or brackets
  | 'quote' // inside quotation marks
  | 'relative' // "which Russian forces seized in March", "the POWs it captured in May"
  | 'complement' // "said that …": what was said, not when
  | 'example' // "such as China's 2023 peace plan"
  | 'with' // "with Ukraine proposing neutrality"
  | 'participle' // ", sparking fears of …"
  | 'after'
  | 'before'
  | 'since'
  | 'until'
  | 'condition' // if, unless
  | 'concession' // although, though, even though
  | 'cause' // because
  | 'when'
  | 'while';

export interface Side {
  kind: SideKind;
  start: number;
  end: number;
  /** Opened before the clause's subject ("Soon after Russia invaded …, leaders tried"): it frames the clause. */
  fronted: boolean;
  /** The word before the opener modifies it: "soon", "shortly", "even", "long". */
  modifier?: string;
  /**
   * The clause the phrase holds, when it has a subject and a verb of its own: for a relative clause, from the noun
   * it is about ("the Zaporizhzhia nuclear plant, which Russian forces seized in March").
   */
  clause?: Clause;
}

/** How the main verb places its clause in time. */
export type Tense =
  | 'past' // told, was preceded, had shifted
  | 'perfect' // has threatened, have seen
  | 'present' // remains, shows, is
  | 'modal'; // would end, could restart

export interface Clause {
  start: number;
  end: number;
  sides: Side[];
  /** The subject's span, or null when none was found before the verb. */
  subject: Range | null;
  /** `copula`: "be" with no verb after it (a state); `elliptical`: an auxiliary standing for a verb said before ("did"). */
  verb: { start: number; end: number; lemma: string; tense: Tense; copula: boolean; elliptical: boolean } | null;
}

export interface Sentence {
  text: string;
  words: Word[];
  clauses: Clause[];
}

// Created on first use: the model takes a tenth of a second to load, and only building a corpus needs it.
let tagger: ReturnType<typeof winkNLP> | undefined;

/** The words of `text` with their tags and offsets (the tokenizer is lossless: values and spaces rebuild it). */
export function tag(text: string): Word[] {
  tagger ??= winkNLP(model, ['pos']);
  const its = tagger.its;
  const tokens = tagger.readDoc(text).tokens();
  /* eslint-disable @typescript-eslint/unbound-method -- wink's `its` helpers are plain functions, made to be passed to `out` */
  const values = tokens.out(its.value);
  const spaces = tokens.out(its.precedingSpaces);
  const tags = tokens.out(its.pos);
  // The typings give the lemma helper another signature than `out` takes; it is called the same way.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value);
  /* eslint-enable @typescript-eslint/unbound-method */
  const words: Word[] = [];
  let at = 0;
  for (const [i, value] of values.entries()) {
    const gap = (spaces[i] ?? '').length;
    at += gap;
    const word = { text: value, lower: value.toLowerCase(), lemma: (lemmas[i] ?? value).toLowerCase(), pos: tags[i] ?? 'X', start: at, end: at + value.length };
    at += value.length;
    // A hyphenated word is one word, tagged as its last part ("jump-started" is a verb, "then–Israeli" an adjective).
    const last = words.at(-1);
    const before = words.at(-2);
    if (gap === 0 && last && before && HYPHENS.has(last.text) && before.end === last.start && /^\p{L}/u.test(value) && /\p{L}$/u.test(before.text)) {
      words.splice(-2, 2, { ...word, text: `${before.text}${last.text}${value}`, lower: `${before.lower}${last.text}${word.lower}`, lemma: `${before.lower}${last.text}${word.lemma}`, start: before.start });
      continue;
    }
    words.push(word);
  }
  return words;
}

const HYPHENS = new Set(['-', '–', '‐']);

const SUBORDINATORS: Readonly<Record<string, SideKind>> = {
  after: 'after', before: 'before', since: 'since', until: 'until', till: 'until', if: 'condition',
  unless: 'condition', although: 'concession', though: 'concession', whereas: 'concession', because: 'cause',
  when: 'when', whenever: 'when', once: 'when', while: 'while',
};
const RELATIVES = new Set(['which', 'who', 'whom', 'whose']);
const SUBJECT_PRONOUNS = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they']);
const MODALS = new Set(['will', 'would', 'could', 'can', 'may', 'might', 'shall', 'should', 'must', "'ll", '’ll', 'wo', 'ca']);
const BE = new Set(['be', 'is', 'are', 'am', 'was', 'were', 'been', 'being', "'s", '’s', "'re", '’re']);
/** Coordinators that join two main clauses when each has its own subject and verb. */
const COORDINATORS = new Set(['while', 'whereas', 'but', 'and', 'yet']);
const DASH_MARKS = new Set(['—', '–', '--']);
/** Words that sharpen the opener after them: "soon after", "long before", "even though". */
const OPENER_MODIFIERS = new Set(['soon', 'shortly', 'just', 'right', 'long', 'even', 'only', 'well', 'immediately']);
const OPEN_QUOTES = new Set(['“', '‘', '"']);
const CLOSE_QUOTES = new Set(['”', '’', '"']);

/** A dash set off by spaces, as a pair of them sets off an aside ("then–Israeli" joins two words). */
function isDash(words: readonly Word[], i: number): boolean {
  const w = words[i];
  return w !== undefined && DASH_MARKS.has(w.text) && (i === 0 || (words[i - 1] as Word).end < w.start);
}

const isNominal = (w: Word | undefined): boolean => w !== undefined && ['NOUN', 'PROPN', 'PRON', 'NUM'].includes(w.pos);

/** A verb that can carry a clause: an auxiliary, or a verb not in -ing form and not after "to". */
function isFinite(words: readonly Word[], i: number): boolean {
  const w = words[i];
  if (!w) return false;
  if (w.pos === 'AUX') return true;
  if (w.pos !== 'VERB') return false;
  if (w.lower.endsWith('ing')) return false;
  const before = words[i - 1];
  return !(before?.lower === 'to' && before.pos === 'PART');
}

/**
 * Whether words[i …] read as a clause of their own: a subject (a noun, name or pronoun, after at most a few
 * determiners and modifiers, perhaps set off by commas: "Russia's envoy to the UN, Gennady Gatilov,") and then a
 * finite verb. A phrase that frames it ("while in a widely cited report, …") is stepped over.
 */
function opensClause(words: readonly Word[], i: number): boolean {
  let k = i;
  if (words[k]?.pos === 'ADP') {
    while (k < words.length && words[k]?.text !== ',') k++;
    k++;
  }
  let sawSubject = false;
  for (const stop = Math.min(words.length, k + 25); k < stop; k++) {
    const w = words[k] as Word;
    if (w.pos === 'PUNCT' && w.text !== ',' && w.text !== '’s' && w.text !== "'s") return false;
    if (isFinite(words, k) && sawSubject) return !(w.pos === 'VERB' && words[k - 1]?.pos === 'DET');
    if (isNominal(w)) sawSubject = true;
    else if (w.pos === 'SCONJ' || RELATIVES.has(w.lower)) return false;
  }
  return false;
}

/** Spans between quotation marks, dashes and brackets: what they hold is said apart from the clause. */
function enclosed(words: readonly Word[]): Side[] {
  const out: Side[] = [];
  let quote: number | null = null;
  let bracket: number | null = null;
  for (const [i, w] of words.entries()) {
    if (quote === null && OPEN_QUOTES.has(w.text) && (w.text !== '"' || i === 0 || words[i - 1]?.end !== w.start)) {
      quote = i;
      continue;
    }
    if (quote !== null && CLOSE_QUOTES.has(w.text) && (w.text !== '’' || words[i + 1]?.pos === 'PUNCT' || i === words.length - 1 || /^[“"]/.test(words[quote]?.text ?? ''))) {
      if (w.text === '’' && words[quote]?.text !== '‘') continue;
      out.push({ kind: 'quote', start: (words[quote] as Word).start, end: w.end, fronted: false });
      quote = null;
      continue;
    }
    if (w.text === '(') bracket = i;
    else if (w.text === ')' && bracket !== null) {
      out.push({ kind: 'aside', start: (words[bracket] as Word).start, end: w.end, fronted: false });
      bracket = null;
    }
  }
  if (quote !== null) out.push({ kind: 'quote', start: (words[quote] as Word).start, end: (words.at(-1) as Word).end, fronted: false });
  return out;
}

/** Clause spans: a sentence splits at semicolons and at coordinators that open a clause of their own. */
function clauseSpans(words: readonly Word[], inside: (i: number) => boolean): Array<[number, number]> {
  const cuts: number[] = [0];
  // ", and" after a list with no verb yet ("Zelensky, Erdoğan, and Guterres met") joins names, not clauses.
  const verbSince = (from: number, to: number): boolean => {
    for (let k = from; k < to; k++) if (!inside(k) && isFinite(words, k)) return true;
    return false;
  };
  for (let i = 1; i < words.length - 1; i++) {
    const w = words[i] as Word;
    if (inside(i)) continue;
    // A colon introduces what explains the clause before it ("the mood had shifted: Ukraine aimed to win"): one statement.
    if (w.text === ';' && opensClause(words, i + 1)) cuts.push(i + 1);
    const before = words[i - 1] as Word;
    const joined = before.text === ',' || isDash(words, i - 1);
    if (joined && COORDINATORS.has(w.lower) && verbSince(cuts.at(-1) ?? 0, i) && opensClause(words, i + 1)) cuts.push(i);
  }
  cuts.push(words.length);
  const spans: Array<[number, number]> = [];
  for (let k = 0; k + 1 < cuts.length; k++) spans.push([cuts[k] as number, cuts[k + 1] as number]);
  return spans.filter(([a, b]) => b > a);
}

/** The index of the first word at or after `i` (within [i, to)) that is a comma outside `skip`. */
function nextComma(words: readonly Word[], i: number, to: number, skip: (k: number) => boolean): number {
  for (let k = i; k < to; k++) if (!skip(k) && (words[k]?.text === ',' || isDash(words, k))) return k;
  return to;
}

/** Side phrases of the clause words[a, b): subordinate and relative clauses, "since …" phrases and their kin. */
function sidesOf(words: readonly Word[], a: number, b: number, enclosedAt: (k: number) => boolean): Side[] {
  const out: Side[] = [];
  let coveredTo = a;
  // Before the subject: a fronted phrase runs to its comma. After it, a phrase runs to the clause's end, unless
  // commas set it off ("The war, which escalated in 2022, has been…").
  let subjectSeen = false;
  for (let i = a; i < b; i++) {
    const w = words[i] as Word;
    if (enclosedAt(i)) continue;
    if (i < coveredTo) continue;
    let kind: SideKind | null = null;
    let start = i;
    const next = words[i + 1];
    if ((w.pos === 'SCONJ' || w.pos === 'ADP' || w.pos === 'ADV') && SUBORDINATORS[w.lower] && !(w.lower === 'while' && i === a)) {
      kind = SUBORDINATORS[w.lower] as SideKind;
      // "before" and "after" as adverbs ("two years before") open nothing.
      if (w.pos === 'ADV' && (w.lower === 'before' || w.lower === 'after' || w.lower === 'once')) kind = null;
    } else if (RELATIVES.has(w.lower) && i > a && words[i - 1]?.pos !== 'ADP') {
      kind = 'relative';
    } else if (w.lower === 'that' && i > a && (w.pos === 'SCONJ' || w.pos === 'PRON' || (w.pos === 'DET' && !isNominal(next) && next?.pos !== 'ADJ'))) {
      kind = ['NOUN', 'PROPN'].includes(words[i - 1]?.pos ?? '') ? 'relative' : 'complement';
    } else if (i > a && ['NOUN', 'PROPN'].includes(words[i - 1]?.pos ?? '') && w.pos === 'PRON' && SUBJECT_PRONOUNS.has(w.lower) && isFinite(words, i + 1) && subjectSeen) {
      // A relative clause without "that": "the POWs it captured in Mariupol".
      kind = 'relative';
    } else if (w.lower === 'such' && next?.lower === 'as') {
      kind = 'example';
    } else if (w.lower === 'including' && i > a && words[i - 1]?.text === ',') {
      kind = 'example';
    } else if (w.lower === 'with' && withAbsolute(words, i, b)) {
      kind = 'with';
    } else if (w.pos === 'VERB' && w.lower.endsWith('ing') && words[i - 1]?.text === ',' && subjectSeen) {
      kind = 'participle';
    }
    if (isFinite(words, i) && !kind) subjectSeen = true;
    if (!kind) continue;
    // "even though", "soon after", "long before": the word before belongs to the opener.
    const prev = words[i - 1];
    let modifier: string | undefined;
    if (prev && i - 1 >= a && OPENER_MODIFIERS.has(prev.lower) && !enclosedAt(i - 1)) {
      modifier = prev.lower;
      start = i - 1;
    }
    const fronted = !subjectSeen && start <= firstContent(words, a, b, enclosedAt);
    const setOff = words[start - 1]?.text === ',';
    const end = fronted || setOff || kind === 'participle' || kind === 'example' ? nextComma(words, i + 1, b, enclosedAt) : b;
    out.push({ kind, start: (words[start] as Word).start, end: (words[end - 1] as Word).end, fronted, ...(modifier ? { modifier } : {}) });
    coveredTo = end;
  }
  return out;
}

/** The first word of the clause that is not an opening quote, a dash or a conjunction joining it on. */
function firstContent(words: readonly Word[], a: number, b: number, enclosedAt: (k: number) => boolean): number {
  for (let i = a; i < b; i++) {
    const w = words[i] as Word;
    if (enclosedAt(i) || w.pos === 'PUNCT' || (i === a && COORDINATORS.has(w.lower)) || (w.pos === 'ADV' && SUBORDINATORS[words[i + 1]?.lower ?? ''])) continue;
    return i;
  }
  return b;
}

/** "with Ukraine proposing neutrality": "with", a noun phrase, then a verb in -ing, before any comma. */
function withAbsolute(words: readonly Word[], i: number, b: number): boolean {
  for (let k = i + 1; k < b && k < i + 8; k++) {
    const w = words[k] as Word;
    if (w.pos === 'PUNCT') return false;
    if (w.pos === 'VERB' && (w.lower.endsWith('ing') || (w.lower.endsWith('ed') && isNominal(words[k - 1])))) return k > i + 1;
  }
  return false;
}

/**
 * The main verb of words[a, b), outside its side phrases: the first finite verb with a subject before it, or
 * a verb of saying right after a quote with its subject after it ("“…,” said Don Jensen").
 */
function mainVerb(words: readonly Word[], a: number, b: number, sideAt: (k: number) => boolean, quoteEnds: (k: number) => boolean): { verb: number; inverted: boolean } | null {
  let nominal = false;
  for (let i = a; i < b; i++) {
    if (sideAt(i)) continue;
    const w = words[i] as Word;
    if (isFinite(words, i)) {
      if (nominal) return { verb: i, inverted: false };
      continue;
    }
    if (isNominal(w) || (w.pos === 'DET' && (w.lower === 'both' || w.lower === 'neither' || w.lower === 'all'))) nominal = true;
  }
  for (let i = a + 1; i < b; i++) {
    const w = words[i] as Word;
    let k = i - 1;
    while (k > a && (words[k] as Word).text === ',') k--;
    if (w.pos === 'VERB' && quoteEnds(k) && /^\p{Lu}/u.test(words[i + 1]?.text ?? '')) return { verb: i, inverted: true };
  }
  return null;
}

function tenseOf(words: readonly Word[], v: number, b: number): { end: number; lemma: string; tense: Tense; copula: boolean; elliptical: boolean } {
  // The verb group: auxiliaries and adverbs up to the main verb ("has now pledged", "was preceded").
  let k = v;
  let main = v;
  while (k < b) {
    const w = words[k] as Word;
    // "was overheard by": a participle with its agent, whatever the tagger called it.
    // A word the tagger does not know after "be" and shaped like a participle ("was retaken") is one too.
    const afterBe = k > v && BE.has((words[k - 1] as Word).lower);
    const passive = afterBe && ((words[k + 1]?.lower === 'by' && (w.pos === 'NOUN' || w.pos === 'ADJ')) || (w.pos === 'NOUN' && /(?:ed|en)$/.test(w.lower)));
    if (w.pos === 'VERB' || passive) {
      main = k;
      break;
    }
    if (w.pos !== 'AUX' && w.pos !== 'ADV' && w.pos !== 'PART') break;
    if (w.pos === 'AUX') main = k;
    k++;
  }
  const first = words[v] as Word;
  const head = words[main] as Word;
  const copula = head.pos === 'AUX' && BE.has(head.lower);
  let tense: Tense;
  if (MODALS.has(first.lower)) tense = 'modal';
  else if (first.lemma === 'have' && first.pos === 'AUX' && main > v) tense = first.lower === 'had' || first.lower === '’d' || first.lower === "'d" ? 'past' : 'perfect';
  else if (first.pos === 'AUX') tense = ['was', 'were', 'did', 'had'].includes(first.lower) ? 'past' : 'present';
  else if (first.lower === first.lemma || first.lower === `${first.lemma}s` || first.lower === `${first.lemma}es` || /ies$/.test(first.lower)) tense = 'present';
  else tense = 'past';
  return { end: head.end, lemma: head.lemma, tense, copula, elliptical: head.pos === 'AUX' && !copula && !MODALS.has(head.lower) };
}

/** The subject: the noun phrase before the verb, after the clause's fronted phrases ("In June,", "Of course,"). */
function subjectOf(words: readonly Word[], a: number, v: number, sideAt: (k: number) => boolean): Range | null {
  // Comma-separated stretches before the verb, outside side phrases.
  const stretches: Array<[number, number]> = [];
  let from = -1;
  for (let i = a; i < v; i++) {
    const w = words[i] as Word;
    const breaks = sideAt(i) || w.text === ',' || isDash(words, i) || (w.pos === 'PUNCT' && !["'s", '’s', '.', '-'].includes(w.text));
    if (breaks) {
      if (from >= 0) stretches.push([from, i]);
      from = -1;
    } else if (from < 0) from = i;
  }
  if (from >= 0) stretches.push([from, v]);
  // The first stretch that opens like a noun phrase is the subject; those opened by a preposition, an adverb or
  // a conjunction frame the clause. An appositive after the subject ("The plant, Europe's largest,") is skipped.
  for (const [s, e] of stretches) {
    let i = s;
    while (i < e && ((words[i] as Word).pos === 'CCONJ' || (i === s && COORDINATORS.has((words[i] as Word).lower)))) i++;
    const w = words[i];
    if (!w || ['ADP', 'ADV', 'SCONJ', 'PART', 'INTJ', 'VERB', 'AUX'].includes(w.pos)) continue;
    return [w.start, (words[e - 1] as Word).end];
  }
  return null;
}

/** Side phrases that can hold a clause of their own: "which Russian forces seized in March", "since revelations … scuttled …". */
const CLAUSAL: ReadonlySet<SideKind> = new Set(['relative', 'after', 'before', 'since', 'until', 'concession', 'cause', 'when', 'while']);

/** The noun phrase a relative clause opened at words[i] is about: "the Zaporizhzhia nuclear plant" in "…, which". */
function antecedent(words: readonly Word[], i: number, floor: number): number {
  let k = i - 1;
  if (words[k]?.text === ',') k--;
  let start = k + 1;
  while (k >= floor) {
    const w = words[k] as Word;
    if (!['NOUN', 'PROPN', 'ADJ', 'DET', 'NUM'].includes(w.pos) && w.text !== '’s' && w.text !== "'s") break;
    start = k;
    if (w.pos === 'DET') break;
    k--;
  }
  // "Estonia, a fellow NATO state, whose airspace …": the name the noun phrase stands beside.
  if (words[start - 1]?.text === ',' && words[start - 2]?.pos === 'PROPN') {
    start -= 2;
    while (start > floor && words[start - 1]?.pos === 'PROPN') start--;
  }
  return start;
}

/** The clause words[a, b) holds: its side phrases (and theirs, to `depth`), its subject and main verb. */
function readClause(words: readonly Word[], a: number, b: number, asides: readonly Side[], depth: number, from = a): Clause {
  const within = (spans: readonly Side[], k: number): boolean => {
    const w = words[k];
    return w !== undefined && spans.some((x) => w.start >= x.start && w.end <= x.end);
  };
  const enclosedAt = (k: number): boolean => within(asides, k);
  const first = words[a] as Word;
  const last = words[b - 1] as Word;
  const sides = [...asides.filter((x) => x.start >= first.start && x.end <= last.end), ...sidesOf(words, a, b, enclosedAt)];
  if (depth > 0) {
    for (const side of sides) {
      if (!CLAUSAL.has(side.kind)) continue;
      const open = words.findIndex((w) => w.start >= side.start && !(w.pos === 'ADV' && OPENER_MODIFIERS.has(w.lower)));
      // "the plan that Russia proposed" and "said that …" read alike: only "which" and "who" are surely relative.
      if (side.kind === 'relative' && !RELATIVES.has(words[open]?.lower ?? '')) continue;
      const end = words.findIndex((w) => w.end === side.end) + 1;
      // A relative pronoun may be the inner clause's subject ("which escalated …"): keep it; skip any other opener.
      const inner = side.kind === 'relative' && RELATIVES.has(words[open]?.lower ?? '') ? open : open + 1;
      if (open < 0 || end <= inner) continue;
      const held = readClause(words, inner, end, asides, depth - 1);
      if (!held.verb || !held.subject) continue;
      const lead = side.kind === 'relative' ? antecedent(words, open, a) : inner;
      side.clause = { ...held, start: (words[lead] as Word).start };
    }
  }
  const sideAt = (k: number): boolean => within(sides, k);
  const quoteEnds = (k: number): boolean => sides.some((x) => x.kind === 'quote' && x.end === words[k]?.end);
  const found = mainVerb(words, a, b, sideAt, quoteEnds);
  const v = found?.verb ?? null;
  const verb = v === null ? null : { start: (words[v] as Word).start, ...tenseOf(words, v, b) };
  let subject: Range | null = null;
  if (found?.inverted) {
    const end = nextComma(words, found.verb + 1, b, sideAt);
    const lastWord = words[end - 1];
    if (lastWord && end > found.verb + 1) subject = [(words[found.verb + 1] as Word).start, lastWord.end];
  } else if (v !== null) subject = subjectOf(words, a, v, sideAt);
  return { start: (words[from] as Word).start, end: last.end, sides, subject, verb };
}

export function readSentence(text: string): Sentence {
  const words = tag(text);
  if (words.length === 0) return { text, words, clauses: [] };
  const outer = enclosed(words);
  const within = (spans: readonly Side[], k: number): boolean => {
    const w = words[k];
    return w !== undefined && spans.some((x) => w.start >= x.start && w.end <= x.end);
  };
  // Dash pairs set off an aside; a lone dash sets off the rest of the sentence. Quotes and brackets first.
  const dashes: number[] = [];
  for (const i of words.keys()) if (isDash(words, i) && !within(outer, i)) dashes.push(i);
  const asides: Side[] = [...outer];
  for (let k = 0; k < dashes.length; k += 2) {
    const i = dashes[k] as number;
    const j = dashes[k + 1];
    const end = j === undefined ? words.length - 1 : j;
    asides.push({ kind: 'aside', start: (words[i] as Word).start, end: (words[end] as Word).end, fronted: false });
  }
  const enclosedAt = (k: number): boolean => within(asides, k);
  const clauses = clauseSpans(words, enclosedAt).map(([a, b]) => readClause(words, a, b, asides, 2));
  return { text, words, clauses };
}
