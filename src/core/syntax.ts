/**
 * The shape of a sentence, as far as the timeline needs it: its words with their parts of speech (wink-nlp's
 * tagger, universal POS tags), its main clauses, and in each clause its subject, its main verb and the side
 * phrases (asides, quotes, subordinate and relative clauses, "since …" phrases) whose dates date only themselves.
 *
 * This is a shallow reading, not a parse: it knows the shapes English news prose uses to say when something
 * happened, and gives up (no verb, no subject) rather than guess.
 */
import model from 'wink-eng-lite-web-model';
import { MONTHS } from './dates/calendar.js';
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
type SideKind =
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

interface Side {
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
type Tense =
  | 'past' // told, was preceded, had shifted
  | 'perfect' // has threatened, have seen
  | 'present' // remains, shows, is
  | 'modal'; // would end, could restart

export interface Clause {
  /** Where the clause proper starts: what its dates date. */
  start: number;
  end: number;
  /** Where a line quoting it starts, when before `start`: the noun a relative clause is about. */
  lead?: number;
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
    const word = {
      text: value,
      lower: value.toLowerCase(),
      lemma: (lemmas[i] ?? value).toLowerCase(),
      pos: tags[i] ?? 'X',
      start: at,
      end: at + value.length,
    };
    at += value.length;
    // A hyphenated word is one word, tagged as its last part ("jump-started" is a verb, "then–Israeli" an adjective,
    // "90-day" a noun).
    const last = words.at(-1);
    const before = words.at(-2);
    if (
      gap === 0 &&
      last &&
      before &&
      HYPHENS.has(last.text) &&
      before.end === last.start &&
      /^\p{L}/u.test(value) &&
      /[\p{L}\d]$/u.test(before.text)
    ) {
      words.splice(-2, 2, {
        ...word,
        text: `${before.text}${last.text}${value}`,
        lower: `${before.lower}${last.text}${word.lower}`,
        lemma: `${before.lower}${last.text}${word.lemma}`,
        start: before.start,
      });
      continue;
    }
    words.push(word);
  }
  // A participle between a determiner or adjective and a noun describes the noun ("a Panama-flagged carrier", "the
  // first confirmed violation", "12 seriously wounded soldiers").
  for (const [i, w] of words.entries()) {
    const before = words[i - 1];
    const participle = /[-–‐]/.test(w.text) || /(?:ed|en)$/.test(w.lower);
    const describes =
      before &&
      (['DET', 'ADJ', 'NUM', 'ADP'].includes(before.pos) || (before.pos === 'ADV' && ['DET', 'NUM'].includes(words[i - 2]?.pos ?? '')));
    if (w.pos === 'VERB' && participle && ['NOUN', 'PROPN', 'ADJ'].includes(words[i + 1]?.pos ?? '') && describes) w.pos = 'ADJ';
  }
  return words;
}

const HYPHENS = new Set(['-', '–', '‐']);

const SUBORDINATORS: Readonly<Record<string, SideKind>> = {
  after: 'after',
  before: 'before',
  since: 'since',
  until: 'until',
  till: 'until',
  if: 'condition',
  unless: 'condition',
  although: 'concession',
  though: 'concession',
  whereas: 'concession',
  because: 'cause',
  when: 'when',
  whenever: 'when',
  once: 'when',
  while: 'while',
};
const RELATIVES = new Set(['which', 'who', 'whom', 'whose']);
/** Verbs whose clause after them is what was said, known or felt, not when ("said the war would end"). */
const SAYING = new Set([
  'say',
  'tell',
  'report',
  'claim',
  'insist',
  'argue',
  'warn',
  'announce',
  'add',
  'note',
  'write',
  'reveal',
  'admit',
  'state',
  'confirm',
  'deny',
  'believe',
  'think',
  'expect',
  'hope',
  'fear',
  'suggest',
  'estimate',
  'acknowledge',
  'agree',
  'explain',
  'predict',
  'assert',
  'contend',
  'caution',
  'recall',
]);
/** Month names, whole or cut ("Sept"): a date, never the subject of a clause. */
const MONTH_NAMES = new Set(MONTHS.flatMap((m) => [m.toLowerCase(), m.slice(0, 3).toLowerCase()]).concat('sept'));
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

/**
 * Whether words[i …] start a clause at once: a noun phrase (a determiner, modifiers, nouns, or a pronoun), not a
 * date, and right after it a finite verb ("the Vatican launched", "he hoped", "EU ministers meeting … would").
 */
function startsClause(words: readonly Word[], i: number): boolean {
  const first = words[i];
  if (
    !first ||
    !['DET', 'PRON', 'PROPN', 'NOUN', 'ADJ', 'NUM'].includes(first.pos) ||
    MONTH_NAMES.has(first.lower) ||
    first.lower === 'that'
  )
    return false;
  if (RELATIVES.has(first.lower)) return false;
  let nominal = false;
  for (let k = i; k < words.length && k < i + 10; k++) {
    const w = words[k] as Word;
    if (w.pos === 'PUNCT' && w.text !== '’s' && w.text !== "'s") return false;
    if (w.pos === 'SCONJ' || w.pos === 'CCONJ' || RELATIVES.has(w.lower)) return false;
    if (isFinite(words, k) && !(w.pos === 'VERB' && w.lower.endsWith('ing'))) return nominal;
    if (isNominal(w)) nominal = true;
  }
  return false;
}

/** A dash that opens a list item, or ends an entry's date ("22 July 2025 —", "**August 2025** —"). */
function separates(words: readonly Word[], i: number): boolean {
  const before = words.slice(0, i);
  return (
    before.every((w) => w.pos === 'NUM' || w.pos === 'PUNCT' || MONTH_NAMES.has(w.lower) || /^\*+$/.test(w.text)) &&
    (i === 0 || before.some((w) => w.pos === 'NUM' || MONTH_NAMES.has(w.lower)))
  );
}

/** "…, the country’s agriculture ministry reported.": who said it, not another clause. */
function reportingTag(words: readonly Word[], i: number): boolean {
  for (let k = i; k < words.length && k < i + 8; k++) {
    const w = words[k] as Word;
    if (isFinite(words, k))
      return w.pos === 'VERB' && SAYING.has(w.lemma) && words.slice(k + 1).every((x) => x.pos === 'PUNCT' || x.pos === 'ADV');
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
    if (
      quote !== null &&
      CLOSE_QUOTES.has(w.text) &&
      (w.text !== '’' || words[i + 1]?.pos === 'PUNCT' || i === words.length - 1 || /^[“"]/.test(words[quote]?.text ?? ''))
    ) {
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
  // A participle set off by commas ("the Protocol, signed on 5 September,") is no clause's verb.
  const clauseVerb = (k: number): boolean => !inside(k) && isFinite(words, k) && !isReducedRelative(words, k);
  const verbSince = (from: number, to: number): boolean => {
    for (let k = from; k < to; k++) if (clauseVerb(k)) return true;
    return false;
  };
  // A main clause's verb since `from`, and nothing after it that opens a clause of another kind ("revealed that at
  // least four times before the war, Russian officials tied…"); not a fronted "Soon after …, leaders tried".
  const mainVerbSince = (from: number, to: number): boolean => {
    const opener = words.slice(from, to).find((x) => x.pos !== 'PUNCT' && !COORDINATORS.has(x.lower));
    if (!opener || opener.pos === 'SCONJ' || opener.pos === 'ADP' || SUBORDINATORS[opener.lower] || OPENER_MODIFIERS.has(opener.lower))
      return false;
    let verb = -1;
    for (let k = from; k < to; k++) if (clauseVerb(k)) verb = verb < 0 ? k : verb;
    if (verb < 0) return false;
    for (let k = verb + 1; k < to; k++) {
      const x = words[k] as Word;
      if (x.pos === 'SCONJ' || x.lower === 'that' || RELATIVES.has(x.lower)) return false;
    }
    return true;
  };
  for (let i = 1; i < words.length - 1; i++) {
    const w = words[i] as Word;
    if (inside(i)) continue;
    // A colon introduces what explains the clause before it ("the mood had shifted: Ukraine aimed to win"): one statement.
    if (w.text === ';' && opensClause(words, i + 1)) cuts.push(i + 1);
    const before = words[i - 1] as Word;
    const joined = before.text === ',' || isDash(words, i - 1);
    if (joined && COORDINATORS.has(w.lower) && verbSince(cuts.at(-1) ?? 0, i) && opensClause(words, i + 1)) cuts.push(i);
    // Two clauses joined by a comma alone ("Ankara hosted the meeting in May, the Vatican launched its track in
    // June"), once the first has its verb.
    else if (
      w.text === ',' &&
      !COORDINATORS.has(words[i + 1]?.lower ?? '') &&
      mainVerbSince(cuts.at(-1) ?? 0, i) &&
      startsClause(words, i + 1) &&
      !reportingTag(words, i + 1)
    )
      cuts.push(i + 1);
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

/** Determiners that open a noun phrase that may be the subject of a relative clause without "that" ("the prisoners each side sent"). */
const CONTACT_DETERMINERS = new Set(['the', 'each', 'both', 'its', 'their', 'his', 'her', 'our', 'this', 'these', 'those']);

/** The index of the first finite verb after words[i]'s own (a relative clause's), not joined to it by "and" or "or". */
function verbAfterOwn(words: readonly Word[], i: number, b: number, skip: (k: number) => boolean): number {
  let own = false;
  for (let k = i + 1; k < b; k++) {
    if (skip(k) || !isFinite(words, k)) continue;
    if (!own) {
      own = true;
      // An auxiliary and its verb are one: "who had been sitting".
      while (
        k + 1 < b &&
        (words[k + 1]?.pos === 'AUX' || words[k + 1]?.pos === 'VERB' || words[k + 1]?.pos === 'ADV' || words[k + 1]?.pos === 'PART')
      )
        k++;
      continue;
    }
    if (['and', 'or', 'but'].includes(words[k - 1]?.lower ?? '')) continue;
    return k;
  }
  return b;
}

/**
 * A past participle set off by commas after a noun, with the clause's own verb still to come ("the first Minsk
 * Protocol, signed on 5 September 2014, and … combined"; not "Rajan Menon, director …, argued that …").
 */
function isReducedRelative(words: readonly Word[], i: number): boolean {
  const w = words[i] as Word;
  if (!(w.pos === 'VERB' && !w.lower.endsWith('ing') && w.lower !== w.lemma)) return false;
  // Without commas: "The talks held in Istanbul on 29 March produced a draft": the participle and its phrase run
  // straight on into the clause's own verb, with no conjunction, comma or relative between.
  if (words[i - 1]?.pos === 'NOUN' && words[i + 1]?.pos === 'ADP') {
    for (let k = i + 2; k < words.length; k++) {
      const x = words[k] as Word;
      if (x.pos === 'PUNCT' || x.pos === 'SCONJ' || x.pos === 'CCONJ' || RELATIVES.has(x.lower) || x.lower === 'that') return false;
      // …or into an auxiliary: "Payments for fertiliser sold under the arrangement could pass through an account".
      if (isFinite(words, k)) return ['NOUN', 'PROPN', 'NUM'].includes(words[k - 1]?.pos ?? '');
    }
    return false;
  }
  if (!(words[i - 1]?.text === ',' && ['NOUN', 'PROPN'].includes(words[i - 2]?.pos ?? ''))) return false;
  let k = i + 1;
  while (k < words.length && words[k]?.text !== ',' && words[k]?.pos !== 'SCONJ') k++;
  if (words[k]?.text !== ',') return false;
  for (k++; k < words.length; k++) {
    const x = words[k] as Word;
    if (x.pos === 'SCONJ' || RELATIVES.has(x.lower) || x.lower === 'that') return false;
    if (isFinite(words, k)) return true;
  }
  return false;
}

/** Side phrases of the clause words[a, b): subordinate and relative clauses, "since …" phrases and their kin. */
function sidesOf(words: readonly Word[], a: number, b: number, enclosedAt: (k: number) => boolean): Side[] {
  const out: Side[] = [];
  let coveredTo = a;
  // Before the subject: a fronted phrase runs to its comma. After it, a phrase runs to the clause's end, unless
  // commas set it off ("The war, which escalated in 2022, has been…").
  let subjectSeen = false;
  // The last verb of saying passed: the clause after it is what was said ("said the war would end").
  let saying = -1;
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
    } else if (
      w.lower === 'that' &&
      i > a &&
      (w.pos === 'SCONJ' || w.pos === 'PRON' || (w.pos === 'DET' && !isNominal(next) && next?.pos !== 'ADJ'))
    ) {
      kind = ['NOUN', 'PROPN'].includes(words[i - 1]?.pos ?? '') && saying < 0 ? 'relative' : 'complement';
    } else if (
      i > a &&
      ['NOUN', 'PROPN'].includes(words[i - 1]?.pos ?? '') &&
      !MONTH_NAMES.has(words[i - 1]?.lower ?? '') &&
      ((w.pos === 'PRON' && SUBJECT_PRONOUNS.has(w.lower) && isFinite(words, i + 1)) ||
        (CONTACT_DETERMINERS.has(w.lower) && startsClause(words, i) && !subjectSeen))
    ) {
      // A relative clause without "that": "the POWs it captured in Mariupol", "the prisoners each side sent home".
      kind = 'relative';
    } else if (saying >= 0 && i > saying && startsClause(words, i) && !enclosedAt(i - 1)) {
      kind = 'complement';
    } else if (w.lower === 'such' && next?.lower === 'as') {
      kind = 'example';
    } else if (w.lower === 'including' && i > a && words[i - 1]?.text === ',') {
      kind = 'example';
    } else if (w.lower === 'with' && withAbsolute(words, i, b)) {
      kind = 'with';
    } else if (w.pos === 'VERB' && w.lower.endsWith('ing') && words[i - 1]?.text === ',' && subjectSeen) {
      kind = 'participle';
    } else if (isReducedRelative(words, i)) {
      kind = 'relative';
    }
    if (isFinite(words, i) && !kind) {
      subjectSeen = true;
      if (w.pos === 'VERB' && SAYING.has(w.lemma)) saying = i;
    }
    if (w.text === ',' || w.text === ';') saying = -1;
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
    let end = fronted || setOff || kind === 'participle' || kind === 'example' ? nextComma(words, i + 1, b, enclosedAt) : b;
    // A fronted clause with no comma after it ends where the main clause's subject starts: "Before the ministers
    // met on 23 February | there was talk of …".
    if (fronted && CLAUSAL.has(kind) && end === b) {
      const main = verbAfterOwn(words, i, end, enclosedAt);
      if (main < end) {
        let k = main;
        while (
          k > i + 1 &&
          ['DET', 'ADJ', 'NOUN', 'PROPN', 'PRON'].includes(words[k - 1]?.pos ?? '') &&
          !MONTH_NAMES.has(words[k - 1]?.lower ?? '') &&
          words[k - 1]?.lower !== 'that'
        )
          k--;
        if (k > i + 1) end = k;
      }
    }
    // A relative clause inside the subject ends where the main clause's verb comes: "Families who kept their heating
    // through January | owe something…".
    if (kind === 'relative' && !setOff && !subjectSeen)
      end = Math.min(end, verbAfterOwn(words, w.pos === 'VERB' ? i - 1 : i, b, enclosedAt));
    out.push({ kind, start: (words[start] as Word).start, end: (words[end - 1] as Word).end, fronted, ...(modifier ? { modifier } : {}) });
    coveredTo = end;
  }
  return out;
}

/** The first word of the clause that is not an opening quote, a dash or a conjunction joining it on. */
function firstContent(words: readonly Word[], a: number, b: number, enclosedAt: (k: number) => boolean): number {
  for (let i = a; i < b; i++) {
    const w = words[i] as Word;
    if (
      enclosedAt(i) ||
      w.pos === 'PUNCT' ||
      (i === a && COORDINATORS.has(w.lower)) ||
      (w.pos === 'ADV' && SUBORDINATORS[words[i + 1]?.lower ?? ''])
    )
      continue;
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
function mainVerb(
  words: readonly Word[],
  a: number,
  b: number,
  sideAt: (k: number) => boolean,
  quoteEnds: (k: number) => boolean,
): { verb: number; inverted: boolean } | null {
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
  // A clause with no verb the tagger saw, in the terse present of headlines and chronologies ("a carrier hits a
  // mine", "Ukraine and Russia sign a deal"): the noun standing where the verb would, after its subject and before
  // its object, is the verb.
  for (let i = a + 1; i + 1 < b; i++) {
    const w = words[i] as Word;
    if (sideAt(i) || w.pos !== 'NOUN' || !(w.lower === w.lemma || w.lower === `${w.lemma}s` || w.lower === `${w.lemma}es`)) continue;
    if (isNominal(words[i - 1]) && ['DET', 'ADP', 'PRON', 'NUM'].includes(words[i + 1]?.pos ?? '') && !sideAt(i - 1)) {
      (words[i] as Word).pos = 'VERB';
      return { verb: i, inverted: false };
    }
  }
  return null;
}

function tenseOf(
  words: readonly Word[],
  v: number,
  b: number,
): { end: number; lemma: string; tense: Tense; copula: boolean; elliptical: boolean } {
  // The verb group: auxiliaries and adverbs up to the main verb ("has now pledged", "was preceded").
  let k = v;
  let main = v;
  while (k < b) {
    const w = words[k] as Word;
    // "was overheard by": a participle with its agent, whatever the tagger called it.
    // A word the tagger does not know after "be" and shaped like a participle ("was retaken") is one too.
    const afterBe = k > v && BE.has((words[k - 1] as Word).lower);
    const passive =
      afterBe &&
      ((words[k + 1]?.lower === 'by' && (w.pos === 'NOUN' || w.pos === 'ADJ')) || (w.pos === 'NOUN' && /(?:ed|en)$/.test(w.lower)));
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
  else if (first.lemma === 'have' && first.pos === 'AUX' && main > v)
    tense = first.lower === 'had' || first.lower === '’d' || first.lower === "'d" ? 'past' : 'perfect';
  else if (first.pos === 'AUX') tense = ['was', 'were', 'did', 'had'].includes(first.lower) ? 'past' : 'present';
  else if (
    first.lower === first.lemma ||
    first.lower === `${first.lemma}s` ||
    first.lower === `${first.lemma}es` ||
    /ies$/.test(first.lower)
  )
    tense = 'present';
  else tense = 'past';
  return { end: head.end, lemma: head.lemma, tense, copula, elliptical: head.pos === 'AUX' && !copula && !MODALS.has(head.lower) };
}

/** The subject: the noun phrase before the verb, after the clause's fronted phrases ("In June,", "Of course,"). */
function subjectOf(words: readonly Word[], a: number, v: number, sideAt: (k: number) => boolean): Range | null {
  // A pronoun right before the verb is the subject, whatever comes before it ("Last month in Geneva it was renewed").
  let p = v - 1;
  while (p > a && (words[p] as Word).pos === 'ADV') p--;
  const pronoun = words[p];
  if (pronoun && pronoun.pos === 'PRON' && SUBJECT_PRONOUNS.has(pronoun.lower) && !sideAt(p)) return [pronoun.start, pronoun.end];
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
  // A framing phrase with no comma after it ("In June the Vatican opened…"): the noun phrase that ends it, back
  // from the verb to the framing phrase's own noun.
  const last = stretches.at(-1);
  if (last && last[1] === v) {
    let i = v;
    while (
      i > last[0] &&
      ['NOUN', 'PROPN', 'ADJ', 'DET', 'NUM'].includes((words[i - 1] as Word).pos) &&
      !MONTH_NAMES.has((words[i - 1] as Word).lower)
    ) {
      i--;
      if ((words[i] as Word).pos === 'DET') break;
    }
    if (
      i < v &&
      (words[i - 1]?.pos === 'PROPN' ||
        MONTH_NAMES.has(words[i - 1]?.lower ?? '') ||
        words[i - 1]?.pos === 'NUM' ||
        words[i]?.pos === 'DET')
    ) {
      return [(words[i] as Word).start, (words[v - 1] as Word).end];
    }
  }
  return null;
}

/** Side phrases that can hold a clause of their own: "which Russian forces seized in March", "since revelations … scuttled …". */
const CLAUSAL: ReadonlySet<SideKind> = new Set([
  'relative',
  'complement',
  'after',
  'before',
  'since',
  'until',
  'concession',
  'cause',
  'when',
  'while',
]);

/** The noun phrase a relative clause opened at words[i] is about: "the Zaporizhzhia nuclear plant" in "…, which". */
function antecedent(words: readonly Word[], i: number, floor: number): number {
  let k = i - 1;
  if (words[k]?.text === ',') k--;
  const isDateWord = (w: Word | undefined): boolean => w !== undefined && (w.pos === 'NUM' || MONTH_NAMES.has(w.lower));
  // "The strikes near Kharkiv on 27 October 2025, which…": the strikes, not the date.
  if (isDateWord(words[k])) {
    while (k >= floor && isDateWord(words[k])) k--;
    if (words[k]?.pos === 'ADP') k--;
  }
  let start = k + 1;
  for (let steps = 0; k >= floor && steps < 10; steps++) {
    const w = words[k] as Word;
    const inPhrase =
      ['NOUN', 'PROPN', 'ADJ', 'DET', 'NUM'].includes(w.pos) ||
      w.text === '’s' ||
      w.text === "'s" ||
      (w.pos === 'ADP' && ['of', 'near', 'in', 'on', 'over'].includes(w.lower) && ['NOUN', 'PROPN'].includes(words[k - 1]?.pos ?? ''));
    if (!inPhrase) break;
    start = k;
    // "a substation in the Poltava region, which…": the phrase goes on past its article to the noun it belongs to.
    if (w.pos === 'DET' && !(words[k - 1]?.pos === 'ADP' && ['NOUN', 'PROPN'].includes(words[k - 2]?.pos ?? ''))) break;
    k--;
  }
  // Never end on a preposition: "in Istanbul" is part of a phrase only after its noun.
  while (start < i && words[start]?.pos === 'ADP') start++;
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
      const end = words.findIndex((w) => w.end === side.end) + 1;
      if (open < 0 || end <= open) continue;
      const opener = words[open] as Word;
      if (side.kind === 'relative' && isReducedRelative(words, open)) {
        // "the moratorium, agreed in Riyadh on 18 September 2025,": the participle tells what was done to its noun.
        const lead = antecedent(words, open, a);
        // Its phrases are those after the participle (which is not one of its own side phrases).
        const held = readClause(words, open + 1 < end ? open + 1 : open, end, asides, depth - 1, open);
        const [tense, lemma] = ['past' as const, opener.lemma];
        side.clause = {
          ...held,
          lead: (words[lead] as Word).start,
          subject: [(words[lead] as Word).start, (words[open - 2] as Word).end],
          verb: { start: opener.start, end: opener.end, lemma, tense, copula: false, elliptical: false },
        };
        continue;
      }
      // "the plan that Russia proposed" and "said that …" read alike: only "which" and "who" are surely relative.
      if (side.kind === 'relative' && !RELATIVES.has(opener.lower)) continue;
      // A relative pronoun may be the inner clause's subject ("which escalated …"), and a clause said without
      // "that" starts at its subject: keep them; skip any other opener.
      const inner = (side.kind === 'relative' || side.kind === 'complement') && opener.lower !== 'that' ? open : open + 1;
      if (end <= inner) continue;
      const held = readClause(words, inner, end, asides, depth - 1);
      if (!held.verb || !held.subject) continue;
      side.clause = side.kind === 'relative' ? { ...held, lead: (words[antecedent(words, open, a)] as Word).start } : held;
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
  // Dash pairs set off an aside; a lone dash sets off the rest of the sentence. Quotes and brackets first. A dash
  // that opens a list item, or that follows a date opening an entry ("- 22 July 2025 — the talks end"), separates.
  const dashes: number[] = [];
  for (const i of words.keys()) if (isDash(words, i) && !within(outer, i) && !separates(words, i)) dashes.push(i);
  const asides: Side[] = [...outer];
  for (let k = 0; k < dashes.length; k += 2) {
    const i = dashes[k] as number;
    const j = dashes[k + 1];
    const end = j === undefined ? words.length - 1 : j;
    asides.push({ kind: 'aside', start: (words[i] as Word).start, end: (words[end] as Word).end, fronted: false });
  }
  // A transcript's speaker ("HOST:", "GUEST:") is who speaks, not part of what is said.
  if (words.length > 2 && /^\p{Lu}{2,}$/u.test((words[0] as Word).text) && words[1]?.text === ':') {
    asides.push({ kind: 'aside', start: (words[0] as Word).start, end: words[1].end, fronted: true });
  }
  const enclosedAt = (k: number): boolean => within(asides, k);
  const clauses = clauseSpans(words, enclosedAt).map(([a, b]) => readClause(words, a, b, asides, 2));
  return { text, words, clauses };
}
