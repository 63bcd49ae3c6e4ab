/**
 * Dated events: every clause of every source that reports something happening at a time the text gives,
 * resolved against the article's own date and the dates the narrative mentioned before it (`dates/`). A line
 * claims no more than its source says:
 * - its date is the date of what its main clause reports (`syntax.ts` reads the clause), never that of an aside,
 *   a relative clause or a "since …" phrase; a bound ("soon after February 2022", "by August 2022") is said as one;
 * - it is an event: a main verb in the past, or a present perfect with a recent time ("has stepped up … in recent
 *   days"), not a general statement ("has been marked by", "remain deadlocked") or a fragment with no verb;
 * - it reads on its own: a subject "he" or "she" is named in brackets ("[Zelensky] told Time"), "the plant" gets
 *   the name the text gave it ("The [Zaporizhzhia nuclear] plant"), and a line whose subject cannot be named
 *   ("it", "both") is left out.
 * The same event told by two sources (same date, similar wording) becomes one event with both citations.
 */
import { terms } from './analyze.js';
import { citationFor } from './citation.js';
import { compareIso, MONTHS } from './dates/calendar.js';
import { findDates, isTimelineEvent, isUnsettledSlip, nextContext, type DateContext, type ResolvedDate } from './dates/index.js';
import { sentenceSpans } from './passages.js';
import { readSentence, tag, type Clause, type Sentence, type Word } from './syntax.js';
import { truncate } from './truncate.js';
import type { Citation, DateDerivation, DatePrecision, IsoDate, Passage, Source } from './types.js';

/** Event text is its clause, cut to this many characters at most. */
export const MIN_EVENT_CHARS = 20;
export const MAX_EVENT_CHARS = 400;
/** Two events on the same date merge when this share of the smaller one's words are shared (and at least two). */
const MERGE_OVERLAP = 0.4;
/** How far back (in sentences of the same article) a pronoun or a definite noun looks for what it names. */
const REFERENT_REACH = 4;

/** Where an event is told: the sentence in its first citation's passage, and the date in the sentence. */
interface EventPlace {
  passageId: string;
  /** The sentence's offset in the passage text. */
  sentence: number;
  /** The date phrase's offset in the sentence. */
  date: number;
}

/** A bound rather than a time: "before Feb 2022", "by Aug 2022" (as of the article), "soon after Feb 2022". */
type EventRelation = 'before' | 'by' | 'after' | 'soon after';

export interface TimelineEvent {
  /** Stable: depends only on the article. */
  at: EventPlace;
  date: IsoDate;
  end?: IsoDate;
  precision: DatePrecision;
  derivation: DateDerivation;
  /** Set when the text bounds the event by `date` instead of placing it there. */
  relation?: EventRelation;
  /** The date as people say it when year, month or day would claim more or less: "early 2000s", "late 2022". */
  label?: string;
  /** The date as the article prints it, when its own narrative shows the year to be a slip for `date`'s. */
  printed?: IsoDate;
  /** The clause that tells the event, quoted; words the bot adds are in [brackets], cuts are marked "…". */
  text: string;
  /** The words that carried the date ("last month", "March 10", "recently"). */
  phrase: string;
  citations: Citation[];
}

/** A date the text gives for a sentence, event or not: what search counts as the sentence's time. */
export interface DateMention {
  passageId: string;
  sentence: number;
  date: Pick<TimelineEvent, 'date' | 'end' | 'precision'>;
}

function trimEdges(text: string): string {
  return text.trim().replace(/^[,;:—–\s]+|[,;:—–\s]+$/g, '');
}

function anchorOf(source: Source): DateContext['anchor'] {
  const d = source.meta.date;
  return d ? { value: d.value, precision: d.precision, derivation: d.derivation } : null;
}

/** Words that place a perfect or a past at the article's own time: "has now pledged", "has just approved". */
const RECENT_ADVERBS = new Set(['now', 'just']);
const ANYWHERE_RECENT = new Set(['recently', 'lately']);
const RECENT_WORDS = /\b(?:recently|lately|now|just|recent)\b/i;
/**
 * Words that open a subject standing for something named before it ("it", "both", "these efforts", "its forces"):
 * unless a name follows ("Both Stoltenberg and Blinken"), it cannot be named back here and the line is left out.
 */
const REFERRING = new Set([
  'it',
  'they',
  'them',
  'this',
  'these',
  'those',
  'that',
  'we',
  'i',
  'you',
  'one',
  'both',
  'neither',
  'each',
  'either',
  'all',
  'its',
  'their',
  'his',
  'her',
  'our',
  'such',
  'another',
  'former',
  'latter',
]);
const RELATIVE_PRONOUNS = new Set(['which', 'who', 'that']);
/** Subjects naming a person mentioned before: named back in brackets. */
const PERSONAL = new Set(['he', 'she']);

/** The endings of a people's adjective: "Austrian mediator", "under Turkish chairmanship" describe, not name. */
const NATIONALITY = /(?:an|ish|ese|i)$/;

/** The sentences of an article read so far, to find what a pronoun or "the plant" names. */
class Story {
  private readonly sentences: string[] = [];
  private readonly words = new Map<string, Word[]>();
  private midNames: Set<string> | undefined;
  constructor(private readonly source: Source) {}

  /**
   * Whether a word the tagger calls a proper noun names someone or something: an acronym ("NATO"), or a word the
   * article capitalises inside a sentence too. A sentence's first word is capitalised anyway ("Contacts faltered").
   */
  names(w: Word, first: boolean): boolean {
    if (w.pos !== 'PROPN' || !/^\p{Lu}/u.test(w.text) || MONTH_NAME.has(w.lower)) return false;
    if (!first || w.text === w.text.toUpperCase()) return true;
    this.midNames ??= new Set([...this.source.text.matchAll(/(?<=[\p{Ll}\d,;:’'”)]\s+)\p{Lu}[\p{L}’'-]*/gu)].map((m) => m[0]));
    // Seen only at a sentence's start, a plural ("Contacts", "Families") is a common noun; "Israel" is a name.
    return this.midNames.has(w.text) || !/s$/.test(w.text);
  }

  push(sentence: string): void {
    this.sentences.push(sentence);
  }

  /** The sentences before, nearest first: the last REFERENT_REACH of them, or all. */
  private recent(all = false): Array<{ text: string; words: Word[] }> {
    return (all ? this.sentences : this.sentences.slice(-REFERENT_REACH))
      .slice()
      .reverse()
      .map((text) => {
        let words = this.words.get(text);
        if (!words) this.words.set(text, (words = tag(text)));
        return { text, words };
      });
  }

  /**
   * The person "he" or "she" names: the last person named in the sentences just before (a name of two or more
   * words introduced by what they are, "president Volodymyr Zelensky", or one the article uses again by surname).
   */
  person(): string | null {
    for (const { words } of this.recent()) {
      let found: string | null = null;
      for (let i = 0; i < words.length; i++) {
        let j = i;
        while (j < words.length && isNameWord(words[j])) j++;
        if (j - i >= 2) {
          const surname = (words[j - 1] as Word).text;
          const introduced = words[i - 1]?.pos === 'NOUN' && /^\p{Ll}/u.test(words[i - 1]?.text ?? '');
          if (introduced || occurrences(this.source.text, surname) >= 2) found = surname;
        }
        i = Math.max(i, j - 1);
      }
      if (found) return found;
    }
    return null;
  }

  /**
   * How the article first introduced a person it now calls by surname alone: the words before the surname then
   * ("Austrian mediator Klara" for "Leinweber"), or null when it never gave more.
   */
  introduction(surname: Word): string | null {
    for (const { text, words } of this.recent(true).reverse()) {
      for (let k = 1; k < words.length; k++) {
        if ((words[k] as Word).text !== surname.text || !isNameWord(words[k - 1])) continue;
        let i = k;
        while (i > 0 && isNameWord(words[i - 1])) i--;
        // The role said just before the name: "Austrian mediator", "Swiss special envoy".
        let r = i;
        while (
          r > 0 &&
          i - r < 4 &&
          (['NOUN', 'ADJ'].includes((words[r - 1] as Word).pos) ||
            (isNameWord(words[r - 1]) &&
              (NATIONALITY.test((words[r - 1] as Word).lower) ||
                ((words[r - 1] as Word).start === 0 && /^\p{Ll}/u.test((words[r] as Word).text)))))
        )
          r--;
        // A role cut from its phrase ("secretary of | state") would mislead: the first names alone then.
        if (words[r - 1]?.pos === 'ADP') r = i;
        const intro = text.slice((words[r] as Word).start, (words[k - 1] as Word).end);
        // "Foreign minister Anna" opened its sentence; inside a line it is "foreign minister Anna" ("Austrian" stays).
        const role = words[r] as Word;
        const described = /^\p{Ll}/u.test(words[r + 1]?.text ?? '');
        return role.start === 0 && described && !NATIONALITY.test(role.lower) ? role.lower[0] + intro.slice(1) : intro;
      }
    }
    return null;
  }

  /**
   * Whether a sentence just before said "the … `head`" with a word `has` lacks ("the Russian territory" for "the
   * territory"), or named it with "of" ("the harbour of Gdansk").
   */
  saidMoreOf(head: Word, has: ReadonlySet<string>): boolean {
    return this.recent().some(({ words }) =>
      words.some((w, k) => {
        if (w.pos !== 'NOUN' || !sameNoun(w, head)) return false;
        let i = k;
        while (i > 0 && ['PROPN', 'NOUN', 'ADJ'].includes((words[i - 1] as Word).pos)) i--;
        return words[i - 1]?.lower === 'the' && (words.slice(i, k).some((m) => !has.has(m.lower)) || nameAfterOf(words, k + 1) !== null);
      }),
    );
  }

  /**
   * What the text called `head` when it last named it more fully: "Zaporizhzhia nuclear" for "the plant" after
   * "the Zaporizhzhia nuclear plant". Only words the noun phrase does not already hold, and only when a name or a
   * noun is among them (an adjective alone, "first", says nothing about which one).
   */
  fuller(head: Word, has: ReadonlySet<string>): string | null {
    // A noun phrase may name back far ("The plant" under a section about the plant the article named before).
    for (const { text, words } of this.recent(true)) {
      for (let k = words.length - 1; k >= 0; k--) {
        const w = words[k] as Word;
        if (w.pos !== 'NOUN' || !sameNoun(w, head)) continue;
        let i = k;
        while (i > 0 && ['PROPN', 'NOUN', 'ADJ'].includes((words[i - 1] as Word).pos)) i--;
        const mods = words.slice(i, k);
        // A people's adjective says whose, not which ("the Russian territory").
        if (mods.some((m) => (m.pos === 'PROPN' || m.pos === 'NOUN') && !has.has(m.lower) && !NATIONALITY.test(m.lower)))
          return text.slice((mods[0] as Word).start, (mods.at(-1) as Word).end);
        const named = nameAfterOf(words, k + 1);
        if (named && !has.has(named.toLowerCase())) return named;
        // The nearest mention that says whose decides which: the one the text named just before.
        if (mods.length === 1 && NATIONALITY.test((mods[0] as Word).lower)) return this.namedOf((mods[0] as Word).lower);
      }
    }
    return null;
  }

  /** The name the text gave a thing of `whose` just before, as "the Russian exclave of Kaliningrad" does. */
  private namedOf(whose: string): string | null {
    for (const { words } of this.recent()) {
      for (let k = 0; k + 3 < words.length; k++) {
        if ((words[k] as Word).lower !== whose || words[k - 1]?.lower !== 'the') continue;
        let n = k + 1;
        while (n < words.length && ['NOUN', 'ADJ'].includes((words[n] as Word).pos)) n++;
        const named = (words[n - 1] as Word).pos === 'NOUN' ? nameAfterOf(words, n) : null;
        if (named) return named;
      }
    }
    return null;
  }
}

const MONTH_NAME = new Set(MONTHS.map((m) => m.toLowerCase()));

/**
 * Whether a sentence is an entry of a chronology: it opens with a date of its own, then a dash, a colon or a
 * comma ("**22 July 2025** — …", "12 December 2025, Riyadh: …"). Such entries tell past events in the present.
 */
function chronologyEntry(s: Sentence, found: readonly ResolvedDate[]): boolean {
  const first = found[0];
  if (!first || first.derivation !== 'explicit') return false;
  const lead = s.text.slice(0, first.index);
  const after = s.text.slice(first.index + first.phrase.length);
  return /^[\s\-–—*•]*$/.test(lead) && /^\**\s*[—–:,-]/.test(after);
}

/** The same noun in the same number: "the heads of the delegations" are not "a deputy head" named before. */
const sameNoun = (a: Word, b: Word): boolean => a.lemma === b.lemma && (a.lower === a.lemma) === (b.lower === b.lemma);

const isNameWord = (w: Word | undefined): boolean => w !== undefined && w.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(w.text);

/** The name an "of" at `at` gives the noun before it ("the harbour of Gdansk"), or null. */
function nameAfterOf(words: readonly Word[], at: number): string | null {
  if (words[at]?.lower !== 'of') return null;
  let e = at + 1;
  while (isNameWord(words[e])) e++;
  return e > at + 1
    ? words
        .slice(at + 1, e)
        .map((w) => w.text)
        .join(' ')
    : null;
}

function occurrences(text: string, word: string): number {
  return text.split(new RegExp(`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u')).length - 1;
}

/** An edit to the clause's words: a pronoun named, or a noun given the name the text gave it. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * What a line must add so that its subject reads on its own, or null when nothing can: "[Zelensky]" for "he",
 * "[Zaporizhzhia nuclear]" inside "the plant".
 */
function namingEdits(s: Sentence, clause: Clause, story: Story): Edit[] | null {
  const subject = clause.subject;
  if (!subject) return null;
  const words = s.words.filter((w) => w.start >= subject[0] && w.end <= subject[1]);
  const first = words.find((w) => w.pos !== 'PUNCT');
  if (!first) return null;
  if (PERSONAL.has(first.lower)) {
    const name = story.person();
    return name ? [{ start: first.start, end: first.end, text: `[${name}]` }] : null;
  }
  // A relative clause's "which" or "who" stands for the noun the line starts with.
  if (RELATIVE_PRONOUNS.has(first.lower) && clause.lead !== undefined) return [];
  if (first.pos === 'PRON' && first.lower !== 'nobody' && first.lower !== 'everyone') return null;
  if (REFERRING.has(first.lower) && first.pos !== 'NUM' && !words.some((w) => w.pos === 'PROPN')) return null;
  const edits: Edit[] = [];
  // A person called by surname alone ("Leinweber shuttled …"): named as the article introduced them.
  for (const [i, w] of words.entries()) {
    if (!isNameWord(w) || isNameWord(words[i - 1]) || isNameWord(words[i + 1])) continue;
    if (s.text.slice(0, w.start).includes(`${w.text}`)) continue;
    const intro = story.introduction(w);
    if (intro && !s.text.includes(intro)) edits.push({ start: w.start, end: w.start, text: `[${intro}] ` });
  }
  // "the plant" in the subject gets the name the text gave it; past the subject, "the territory" just after "the
  // Russian territory" names again what the text said more of: named when the text gave it a name, else the line
  // cannot say which. A name after the noun says which already ("the first talks … between Lavrov and Blinken").
  const inClause = s.words.filter((w) => w.start >= subject[0] && w.end <= clause.end);
  // Words the clause already says need no saying again ("The talks held in Istanbul" needs no "[Istanbul]").
  const said = new Set(s.words.filter((x) => x.start >= (clause.lead ?? clause.start) && x.end <= clause.end).map((x) => x.lower));
  for (const [i, w] of inClause.entries()) {
    if (w.lower !== 'the') continue;
    let k = i + 1;
    while (k < inClause.length && ['PROPN', 'NOUN', 'ADJ'].includes((inClause[k] as Word).pos)) k++;
    const phrase = inClause.slice(i + 1, k);
    const head = phrase.at(-1);
    // A name in the phrase already says which one ("the Russia-Ukraine war", "the Biden administration").
    if (!head || head.pos !== 'NOUN' || phrase.some((p) => p.pos === 'PROPN')) continue;
    if (w.end <= subject[1]) {
      const fuller = story.fuller(head, said);
      if (fuller) edits.push({ start: w.end, end: w.end, text: ` [${fuller}]` });
      continue;
    }
    let j = k;
    while (j < inClause.length && (inClause[j] as Word).pos !== 'PUNCT' && !story.names(inClause[j] as Word, false)) j++;
    if (j < inClause.length && (inClause[j] as Word).pos !== 'PUNCT') continue;
    if (!story.saidMoreOf(head, new Set(phrase.map((p) => p.lower)))) continue;
    const fuller = story.fuller(head, said);
    if (!fuller) return null;
    edits.push({ start: w.end, end: w.end, text: ` [${fuller}]` });
  }
  return edits;
}

/** Whether a name (a proper noun) stands in the clause before its verb. */
function namesBeforeVerb(s: Sentence, clause: Clause, story: Story): boolean {
  const verb = clause.verb;
  return (
    verb !== null && s.words.some((w, i) => w.start >= (clause.lead ?? clause.start) && w.end <= verb.start && story.names(w, i === 0))
  );
}

/**
 * `bracket`: in brackets after the subject, it dates the subject's event and so the clause; `subject`: before or
 * after the subject's noun ("Putin's September 2022 annexation … signaled"), it dates that noun only.
 */
type Role = 'main' | 'side' | 'subject' | 'bracket' | 'when';
/** Roles of a date that place what its sentence tells (and so where its narrative now stands). */
const TELLS: ReadonlySet<Role> = new Set(['main', 'subject', 'bracket', 'when']);

/** What a date dates in its clause: the clause, a side phrase of it, or the clause's subject ("Putin's September 2022 annexation"). */
function roleOf(s: Sentence, clause: Clause, d: ResolvedDate): Role {
  const at = d.index;
  const end = d.index + d.phrase.length;
  const inSubject = clause.subject !== null && at >= clause.subject[0] && end <= clause.subject[1];
  const side = clause.sides.find((x) => at >= x.start && end <= x.end);
  if (side) {
    // Brackets right after the subject date it: "Early talks in Belarus and Turkey (March-April 2022) raised hopes".
    const afterSubject = clause.subject !== null && /^\s*$/.test(s.text.slice(clause.subject[1], side.start));
    if (side.kind === 'aside' && (inSubject || (afterSubject && s.text[side.start] === '('))) return 'bracket';
    // A participle phrase right after the subject is part of it: "The talks held in Istanbul on 29 March produced …".
    if (side.kind === 'relative' && afterSubject && s.words.some((w) => w.start === side.start && w.pos === 'VERB')) return 'subject';
    // "When asked in June, Biden didn't rule it out": a "when" clause happens with its main clause.
    return side.kind === 'when' ? 'when' : 'side';
  }
  if (attributive(s, d)) return inSubject ? 'subject' : 'side';
  // Inside the subject, it dates the subject's noun ("The strikes near Kharkiv on 27 October 2025 … were never
  // investigated"), unless it is the whole subject ("June and July saw …").
  if (
    inSubject &&
    clause.subject &&
    s.text
      .slice(clause.subject[0], clause.subject[1])
      .replace(d.phrase, '')
      .replace(/^\W*(?:the\s+)?|\W*$/gi, '') !== ''
  )
    return 'subject';
  return 'main';
}

/** Nouns of time: "the end of July" is a time, not a thing of July. */
const TIME_NOUNS = new Set([
  'end',
  'beginning',
  'start',
  'middle',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'month',
  'months',
  'week',
  'weeks',
  'year',
  'years',
  'day',
  'days',
  'part',
  'half',
  'course',
  'turn',
  'close',
  'dawn',
  'eve',
]);

/**
 * A date before a noun qualifies that noun ("Russia's 2014 annexation", "the 2022 Istanbul Communiqué"), and so
 * does one after it with "of" ("the Minsk agreements of 2014 and 2015", "the Package of Measures of 12 February 2015").
 */
function attributive(s: Sentence, d: ResolvedDate): boolean {
  const end = d.index + d.phrase.length;
  const next = s.words.find((w) => w.start >= end);
  // "X of <date>" after a noun that is not itself a time ("the end of July", "the week of 16 March", "as of").
  const of = /\b([\p{L}’'-]+)\s+of\s+$/iu.exec(s.text.slice(0, d.index));
  const owner = of && s.words.find((w) => w.start === of.index);
  if (owner && (owner.pos === 'NOUN' || owner.pos === 'PROPN') && !TIME_NOUNS.has(owner.lower)) return true;
  return (
    next !== undefined &&
    (next.pos === 'NOUN' || next.pos === 'PROPN' || next.pos === 'ADJ') &&
    !/\s*[,.;:]/.test(s.text.slice(end, next.start))
  );
}

/** Words a named event's noun phrase is made of: "Russia’s 2014 invasion and occupation of parts of Ukraine". */
const PHRASE_WORDS = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM', 'DET']);

/**
 * An act its sentence names and dates with a date of its own, before its noun or in brackets after it ("Russia’s
 * 2014 invasion and occupation of parts of Ukraine", "China’s 2023 peace plan"), when no clause of the sentence is
 * dated by it. The noun phrase is the line: its noun says what happened, its possessor who did it.
 */
function namedEventLine(s: Sentence, d: ResolvedDate): Line | null {
  const at = s.words.findIndex((w) => w.start >= d.index);
  const after = s.words.findIndex((w) => w.start >= d.index + d.phrase.length);
  // A date that ends its sentence has nothing after it to name.
  if (at < 0 || after < 0) return null;
  let from: number;
  let to: number;
  const bracketed = s.words[at - 1]?.text === '(' && s.words[after]?.text === ')';
  if (attributive(s, d)) {
    from = at;
    // Back over its possessor and modifiers: "Russia’s", "the".
    while (from > 0 && (PHRASE_WORDS.has((s.words[from - 1] as Word).pos) || ['’s', "'s"].includes((s.words[from - 1] as Word).text))) {
      from--;
      if ((s.words[from] as Word).pos === 'DET') break;
    }
    to = after;
  } else if (bracketed) {
    from = at - 1;
    while (from > 0 && PHRASE_WORDS.has((s.words[from - 1] as Word).pos)) {
      from--;
      if ((s.words[from] as Word).pos === 'DET') break;
    }
    to = after + 1;
  } else {
    return null;
  }
  // Forward over the head noun and what completes it ("and occupation of parts of Ukraine").
  while (to < s.words.length) {
    const w = s.words[to] as Word;
    const joins = (w.pos === 'ADP' && w.lower === 'of') || (w.pos === 'CCONJ' && w.lower === 'and');
    if (!PHRASE_WORDS.has(w.pos) && !joins) break;
    if (w.pos === 'DET' && to > after && s.words[to - 1]?.lower !== 'of') break;
    to++;
  }
  while (to > after && ['ADP', 'CCONJ', 'DET'].includes((s.words[to - 1] as Word).pos)) to--;
  const phrase = s.words.slice(from, to);
  // Who did it, named as its possessor ("Russia’s", "China’s"): "the Minsk accords" alone says neither who agreed
  // nor what they did.
  const named = phrase.some((w, i) => isNameWord(w) && w.start < d.index && ['’s', "'s"].includes(phrase[i + 1]?.text ?? ''));
  const outside = phrase.filter((w) => w.start < d.index || w.start >= d.index + d.phrase.length);
  const head = outside.some((w) => w.pos === 'NOUN') || (!bracketed && outside.some((w) => w.pos === 'PROPN' && w.start > d.index));
  if (!named || !head || phrase.length < 3) return null;
  const start = (phrase[0] as Word).start;
  const end = (phrase.at(-1) as Word).end;
  const text = `${start > 0 ? '… ' : ''}${s.text.slice(start, end)}${trimEdges(s.text.slice(end)) ? ' …' : ''}`;
  return { date: d, text: truncate(text, MAX_EVENT_CHARS) };
}

interface Line {
  date: ResolvedDate;
  relation?: EventRelation;
  text: string;
}

/** The article's own date as the time of what "now" or "recently" reports, never finer than it vouches for. */
function articleTime(anchor: DateContext['anchor'], word: Word): ResolvedDate | null {
  if (!anchor) return null;
  const vouched = anchor.derivation === 'inferred' && anchor.precision === 'day' ? anchor.value.slice(0, 7) : anchor.value;
  return {
    date: vouched,
    precision: vouched.length === 4 ? 'year' : vouched.length === 7 ? 'month' : 'day',
    derivation: 'inferred',
    phrase: word.text,
    index: word.start,
  };
}

/**
 * Whether a clause's subject leaves open which thing it means: "the delegations", "the moratorium", "Talks", "Two
 * staff members"; not "The remains of 312 people", "the talks held in Istanbul", "the March talks", "75 Ukrainian
 * prisoners".
 */
function vagueSubject(s: Sentence, clause: Clause, story: Story): boolean {
  const subject = clause.subject;
  if (!subject) return false;
  const words = s.words.filter((w) => w.start >= subject[0] && w.end <= subject[1]);
  const opener = words.find((w) => w.pos !== 'PUNCT');
  if (!opener) return false;
  const plural = (opener.pos === 'NOUN' || opener.pos === 'PROPN') && /s$/.test(opener.lower) && !story.names(opener, opener.start === 0);
  if (opener.lower !== 'the' && opener.pos !== 'NUM' && !plural) return false;
  const relative = clause.sides.some((d) => d.kind === 'relative' && s.text.slice(subject[1], d.start).trim() === '');
  return !relative && !words.some((w) => w.pos === 'ADP' || w.pos === 'VERB' || MONTH_NAME.has(w.lower) || story.names(w, w.start === 0));
}

/** A time told by the sentences before: "the following month", "that year", "the next day", "the same week". */
const BACK_REFERENCE = /\b(?:following|next|previous|preceding|same|that)\s+(?:day|week|month|year|spring|summer|autumn|fall|winter)\b/i;

/** A date as a line's bracket says it: "2022", "May 2022", "9 May 2022". */
function spellDate(date: IsoDate): string {
  const [y, m, day] = date.split('-');
  const month = m ? MONTHS[Number(m) - 1] : undefined;
  return [day ? String(Number(day)) : '', month ?? '', y].filter(Boolean).join(' ');
}

/** The dated event a clause tells, or null when it tells none this timeline may print. */
function clauseLine(s: Sentence, clause: Clause, found: readonly ResolvedDate[], anchor: DateContext['anchor'], story: Story): Line | null {
  const verb = clause.verb;
  // No verb: a fragment. Present and modal: a state, a judgement or a plan — unless the sentence is an entry of a
  // chronology ("22 July 2025 — the first talks end after a single afternoon"), told in the historical present. A
  // copula: a state ("was likely").
  if (!verb || verb.tense === 'modal' || verb.copula || verb.elliptical) return null;
  if (verb.tense === 'present' && !chronologyEntry(s, found)) return null;
  const dates = found.filter((d) => d.index >= clause.start && d.index < clause.end && !isUnsettledSlip(d));
  const roles = dates.map((d) => ({ d, role: roleOf(s, clause, d) }));
  const first = (roles.find((r) => r.role === 'main') ?? roles.find((r) => r.role === 'bracket') ?? roles.find((r) => r.role === 'when'))
    ?.d;
  // Two times of the clause that agree ("Nine weeks ago, late on 14 August, …"): the day it names, within the weeks.
  const agreeing = first?.end ? (dates.find((d) => d !== first && !d.end && within(d, first)) ?? first) : first;
  // A change from one time to a later one ("fell from 1.0% in February to 0.6% by mid-March"): done by the later.
  const until = agreeing && changeUntil(s, dates, agreeing);
  const main = until ?? agreeing;
  if (main && !isTimelineEvent(main)) return null;
  // "The past months have seen progress": a period as the subject of a perfect sums up, it reports nothing.
  if (
    main &&
    verb.tense === 'perfect' &&
    clause.subject &&
    main.index < clause.subject[1] &&
    main.index + main.phrase.length > clause.subject[0]
  )
    return null;
  const line: Omit<Line, 'text'> | null = main
    ? { date: main, ...(until || /\bby\s+$/i.test(s.text.slice(0, main.index)) ? { relation: 'by' as const } : {}) }
    : boundLine(s, clause, roles, anchor);
  if (!line) return null;
  // "By the spring of 2024, Ukraine had lost half its capacity": where things stood by then, a state, not an event.
  if (main && line.relation === 'by' && /^(?:had|’d|'d)\s/i.test(s.text.slice(verb.start))) return null;
  const edits = namingEdits(s, clause, story);
  if (!edits) return null;
  // A line says who or what it is about by name: "The moratorium took effect on 1 October" does not.
  // Names in brackets or quotes, and a chronology entry's own date and place, do not say what the line is about.
  // A subject that does not say which ("Talks resumed on 9 February, after Leinweber …": which talks?) needs its
  // name in the clause's own words, and a people's adjective is none ("met under Turkish chairmanship").
  const opening = chronologyEntry(s, found) ? s.text.search(/[—–:]/) : -1;
  const vague = vagueSubject(s, clause, story);
  const counts = (x: Clause['sides'][number]): boolean => x.kind === 'aside' || x.kind === 'quote' || vague;
  const aside = (w: Word): boolean => clause.sides.some((x) => counts(x) && w.start >= x.start && w.end <= x.end);
  const describes = (w: Word, i: number): boolean => vague && NATIONALITY.test(w.lower) && s.words[i + 1]?.pos === 'NOUN';
  const names =
    edits.length > 0 ||
    s.words.some(
      (w, i) =>
        w.start >= (clause.lead ?? clause.start) &&
        w.end <= clause.end &&
        w.start > opening &&
        !aside(w) &&
        story.names(w, i === 0) &&
        !describes(w, i),
    );
  if (!names) return null;
  // "the following month" points back to a sentence the line leaves out: the line says which month it was.
  const d = line.date;
  if (BACK_REFERENCE.test(d.phrase) && !d.end && d.index >= (clause.lead ?? clause.start)) {
    const at = d.index + d.phrase.length;
    edits.push({ start: at, end: at, text: ` [${spellDate(d.date)}]` });
  }
  return { ...line, text: clauseText(s, clause, edits) };
}

/**
 * The later time of a change from one level to another: "from 1.0% … in February to 0.6% by mid-March" (a "from"
 * and a number before `start`, a "to" or "by" between the two); null when the clause tells no such change.
 */
function changeUntil(s: Sentence, dates: readonly ResolvedDate[], start: ResolvedDate): ResolvedDate | null {
  // "from" a level (a number: "about 1.0% of hull value"), not from a time ("worked from October until February").
  const from = s.text.lastIndexOf(' from ', start.index);
  const level = from < 0 ? '' : s.text.slice(from, start.index);
  if (!/\d/.test(level) || /[;:]|\.\s/.test(level)) return null;
  const after = start.index + start.phrase.length;
  const later = dates.find((d) => d.index >= after && compareIso(d.date, start.date) > 0);
  return later && /\b(?:to|by|until)\b/i.test(s.text.slice(after, later.index)) ? later : null;
}

/** A clause with no date of its own, bounded by one its sentence gives ("Soon after … in February 2022, leaders tried"). */
function boundLine(
  s: Sentence,
  clause: Clause,
  roles: ReadonlyArray<{ d: ResolvedDate; role: Role }>,
  anchor: DateContext['anchor'],
): Omit<Line, 'text'> | null {
  const verb = clause.verb;
  if (!verb) return null;
  const usable = roles.filter((r) => isTimelineEvent(r.d));
  // The subject's own date bounds what was done before or after it: "The February invasion was preceded by …".
  // Otherwise it dates its noun, not what the clause says of it ("Putin's September 2022 annexation … signaled a
  // commitment": the annexation is a line of its own, the signalling is a reading of it).
  const own = usable.find((r) => r.role === 'subject')?.d;
  if (own && verb.tense === 'past') {
    if (verb.lemma === 'precede') return { date: own, relation: 'before' };
    if (verb.lemma === 'follow') return { date: own, relation: 'after' };
  }
  // A fronted "after …" or "before …" with a date bounds a past main clause.
  if (verb.tense === 'past') {
    for (const side of clause.sides) {
      if (!side.fronted || (side.kind !== 'after' && side.kind !== 'before')) continue;
      const d = usable.find((r) => r.d.index >= side.start && r.d.index < side.end)?.d;
      if (!d) continue;
      const soon =
        side.kind === 'after' &&
        (side.modifier === 'soon' || side.modifier === 'shortly' || side.modifier === 'immediately' || side.modifier === 'right');
      return { date: d, relation: soon ? 'soon after' : side.kind };
    }
  }
  // "has now pledged", "has just approved", "a recent meeting … yielded": as of the article's date.
  const outside = (w: Word): boolean =>
    w.start >= clause.start && w.end <= clause.end && !clause.sides.some((x) => w.start >= x.start && w.end <= x.end);
  const inVerb = (w: Word): boolean => w.start >= (clause.subject?.[1] ?? clause.start) && w.end <= verb.end;
  const recent = s.words.find(
    (w) =>
      outside(w) &&
      // "recently" anywhere in the clause; "now" and "just" only in the verb ("has now pledged", "has just approved"):
      // "not just to survive" is no time.
      ((w.pos === 'ADV' && (ANYWHERE_RECENT.has(w.lower) || (RECENT_ADVERBS.has(w.lower) && inVerb(w)))) ||
        (w.lower === 'recent' && clause.subject !== null && w.start >= clause.subject[0] && w.end <= clause.subject[1])),
  );
  const time = recent && articleTime(anchor, recent);
  return time ? { date: time, relation: 'by' } : null;
}

/** The clause as the line quotes it: named where it must be, cut from its sentence with "…", at most MAX_EVENT_CHARS. */
function clauseText(s: Sentence, clause: Clause, edits: readonly Edit[]): string {
  const begin = clause.lead ?? clause.start;
  const first = s.words.find((w) => w.start >= begin);
  // A clause joined on by "while" or "and" starts after it.
  const from =
    first && begin > 0 && ['while', 'whereas', 'but', 'and', 'yet'].includes(first.lower)
      ? (s.words[s.words.indexOf(first) + 1]?.start ?? begin)
      : begin;
  let text = '';
  let at = from;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start < from || e.end > clause.end) continue;
    text += s.text.slice(at, e.start) + e.text;
    at = e.end;
  }
  text = trimEdges(text + s.text.slice(at, clause.end));
  const cutBefore = from > 0;
  const cutAfter = clause.end < s.text.length && trimEdges(s.text.slice(clause.end)) !== '';
  const opened = cutBefore ? `… ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
  return truncate(cutAfter ? `${opened} …` : opened, MAX_EVENT_CHARS);
}

/** Whether `d` falls within `span` (its date to its end, at the coarser precision of the two). */
function within(d: ResolvedDate, span: ResolvedDate): boolean {
  return compareIso(d.date, span.date) >= 0 && compareIso(d.end ?? d.date, span.end ?? span.date) <= 0;
}

/** Events of one source, in reading order, and every date its sentences mention (for search). */
export function sourceEvents(source: Source, passages: readonly Passage[]): { events: TimelineEvent[]; mentions: DateMention[] } {
  const events: TimelineEvent[] = [];
  const mentions: DateMention[] = [];
  const story = new Story(source);
  let ctx: DateContext = { anchor: anchorOf(source), last: null };
  let section: string | null = null;
  for (const passage of passages) {
    const citation = citationFor(source, passage);
    // A new section starts its own account: a yearless date there is not placed by the story the last one ended in.
    if (passage.section !== section) ctx = { anchor: ctx.anchor, last: null };
    section = passage.section;
    for (const [start, end] of sentenceSpans(passage)) {
      const sentence = passage.text.slice(start, end).replace(/\s+/g, ' ');
      const found = findDates(sentence, ctx);
      // What the sentence tells moves the narrative on; a date in an aside or a "since" phrase is background and
      // does not ("the first time since the spring of 2022" leaves a 2025 story in 2025).
      let narrative = found;
      for (const d of found) {
        if (isTimelineEvent(d) && !isUnsettledSlip(d))
          mentions.push({
            passageId: passage.id,
            sentence: start,
            date: { date: d.date, ...(d.end ? { end: d.end } : {}), precision: d.precision },
          });
      }
      if (found.length > 0 || RECENT_WORDS.test(sentence)) {
        const shape = readSentence(sentence);
        // Each main clause, and each clause a side phrase holds ("which Russian forces seized in March"): a date
        // there dates that clause, which may make a line of its own.
        const held = (c: Clause): Clause[] => [c, ...c.sides.flatMap((x) => (x.clause ? held(x.clause) : []))];
        const told = shape.clauses.flatMap(held);
        const texts = new Set<string>();
        const used = new Set<ResolvedDate>();
        for (const clause of told) {
          // A clause cut out of a side phrase has lost its sentence: it must name what it is about ("… the
          // Zaporizhzhia nuclear plant, which Russian forces seized in March"), not "… talks made progress in April".
          if (!shape.clauses.includes(clause) && !namesBeforeVerb(shape, clause, story)) continue;
          const line = clauseLine(shape, clause, found, ctx.anchor, story);
          if (!line || line.text.length < MIN_EVENT_CHARS || texts.has(line.text)) continue;
          texts.add(line.text);
          used.add(line.date);
          events.push(toEvent(line, citation, { passageId: passage.id, sentence: start, date: line.date.index }));
        }
        for (const d of found) {
          if (used.has(d) || !isTimelineEvent(d) || isUnsettledSlip(d)) continue;
          const line = namedEventLine(shape, d);
          if (line && !texts.has(line.text))
            events.push(toEvent(line, citation, { passageId: passage.id, sentence: start, date: d.index }));
        }
        narrative = found.filter(
          (d) => used.has(d) || shape.clauses.some((c) => d.index >= c.start && d.index < c.end && TELLS.has(roleOf(shape, c, d))),
        );
      }
      ctx = nextContext(ctx, narrative);
      story.push(sentence);
    }
  }
  return { events, mentions };
}

function toEvent(line: Line, citation: Citation, at: EventPlace): TimelineEvent {
  const d = line.date;
  return {
    at,
    date: d.date,
    ...(d.end ? { end: d.end } : {}),
    precision: d.precision,
    derivation: d.derivation,
    ...(line.relation ? { relation: line.relation } : {}),
    ...(d.label ? { label: d.label } : {}),
    ...(d.slip ? { printed: d.slip.printed } : {}),
    text: line.text,
    phrase: d.phrase,
    citations: [citation],
  };
}

function contentTerms(text: string): Set<string> {
  // Numbers and month names say when, not what: leave them out of "similar wording".
  return new Set(terms(text).filter((t) => !/^\d/.test(t) && !MONTH_TERMS.has(t)));
}

const MONTH_TERMS = new Set(terms(MONTHS.join(' ')));

/** Same date and similar wording: the same event told twice. */
function sameEvent(a: TimelineEvent, b: TimelineEvent): boolean {
  if (a.date !== b.date || a.end !== b.end || a.relation !== b.relation) return false;
  const x = contentTerms(a.text);
  const y = contentTerms(b.text);
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared >= 2 && shared / Math.min(x.size, y.size) >= MERGE_OVERLAP;
}

/** Within one date: what came before it, then what it places, then what happened by it or after it. */
const RELATION_ORDER: Record<EventRelation | 'at', number> = { before: 0, at: 1, by: 2, after: 3, 'soon after': 3 };

/**
 * Date order: by date, then less precise before more precise within the same period ("2022" before
 * "2022-03" before "2022-03-10": the string order of ISO prefixes), then by end, then by bound, then library order.
 */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  const ea = a.end ?? a.date;
  const eb = b.end ?? b.date;
  if (ea !== eb) return ea < eb ? -1 : 1;
  return RELATION_ORDER[a.relation ?? 'at'] - RELATION_ORDER[b.relation ?? 'at'];
}

/** Where a year said in part ("late 2022") falls among the months of that year. */
function sortKey(e: TimelineEvent): string {
  if (e.precision !== 'year' || !e.label) return e.date;
  return e.label.startsWith('late') ? `${e.date}-12` : e.label.startsWith('mid') ? `${e.date}-06` : e.date;
}

/** Every event of the library, merged across sources and sorted by date, and every dated sentence (for search). */
/**
 * The library's events from each source's, in date order: an event two sources tell is one line citing both (the
 * sources' own events are not changed: they are kept for the next rebuild).
 */
export function mergeEvents(perSource: ReadonlyArray<readonly TimelineEvent[]>): TimelineEvent[] {
  const merged: TimelineEvent[] = [];
  for (const events of perSource) {
    for (const event of events) {
      const source = event.citations[0]?.sourceId;
      const twin = merged.find((m) => m.citations[0]?.sourceId !== source && sameEvent(m, event));
      if (twin) twin.citations.push(...event.citations);
      else merged.push({ ...event, citations: [...event.citations] });
    }
  }
  // Array.prototype.sort is stable, so equal dates keep library order.
  return merged.sort(compareEvents);
}

const MONTH_NAMES = MONTHS.map((m) => m.toLowerCase());

/** The words that say when an event happened: "march 2022", or "2014 2015" for a range of years. */
export function dateWords(e: Pick<TimelineEvent, 'date' | 'end' | 'precision'>): string {
  const words = new Set<string>();
  const [y0, m0] = e.date.split('-').map(Number);
  const [y1, m1] = (e.end ?? e.date).split('-').map(Number);
  if (y0 === undefined || y1 === undefined || Number.isNaN(y0)) return '';
  for (let y = y0; y <= y1 && y - y0 < 12; y++) words.add(String(y));
  if (e.precision !== 'year' && m0 !== undefined && m1 !== undefined && y0 === y1) {
    for (let m = m0; m <= m1 && m - m0 < 12; m++) words.add(MONTH_NAMES[m - 1] ?? '');
  }
  return [...words].filter(Boolean).join(' ');
}
