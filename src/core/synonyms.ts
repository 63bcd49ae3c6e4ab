/**
 * Related words for query expansion: a small thesaurus of the vocabulary people use about wars and
 * peace talks. A query term also matches the other words of its groups, at a lower weight, so
 * "Beijing" finds "China", "truce" finds "ceasefire" and "go-between" finds "mediator".
 * Groups are written as plain words; they go through the same analyzer as everything else.
 */
import { terms } from './analyze.js';

const RELATED_WORDS: readonly string[] = [
  // Places, capitals and the governments they stand for.
  'Russia Russian Russians Moscow Kremlin',
  'Ukraine Ukrainian Ukrainians Kyiv',
  'China Chinese Beijing',
  'US American Americans Washington',
  'UK British Britain London',
  'Turkey Turkish Ankara',
  'EU European Brussels',
  'India Indian Delhi',
  'Pakistan Pakistani Islamabad',
  'Israel Israeli',
  'Iran Iranian Tehran',
  'Germany German Berlin',
  'France French Paris',
  'Belarus Belarusian Minsk',
  'NATO alliance',
  // People by office.
  'Putin Kremlin',
  'Erdogan Erdoğan Turkish',
  // Talking.
  'negotiate negotiation negotiations negotiator talks talk diplomacy diplomatic dialogue',
  'mediate mediation mediator mediators broker intermediary intermediaries go-between arbiter facilitate third-party',
  'ceasefire truce armistice cease-fire',
  'agreement deal accord pact treaty settlement communiqué',
  'secret covert clandestine back-channel confidential',
  'meeting meet met summit',
  'propose proposal plan initiative offer',
  'demand demands conditions',
  'guarantee guarantees guarantor assurances',
  'concession concessions compromise cede concede give',
  // Fighting.
  'war conflict fighting hostilities',
  'troops soldiers forces army military',
  'attack attacks strike strikes assault shelling bombard',
  'weapons arms armaments missiles',
  'invade invasion invaded',
  'annex annexation annexed annexing',
  'occupy occupied occupation',
  'mobilize mobilization reservists conscription',
  'offensive counteroffensive',
  'stalemate deadlock impasse',
  'escalate escalation',
  'nuclear atomic',
  'prisoners POWs captives',
  'atrocities massacre',
  // Money and support.
  'aid assistance support funding backing help',
  'sanctions embargo',
  'economy economic financial money',
  'rebuild reconstruction reconstruct recovery',
  'grain food exports',
  'territory land territories',
  'ally allies partners',
  // Politics.
  'dissent opposition protest',
  'public voters citizens society',
  'poll survey surveys',
  'fatigue weariness tired',
  'neutral neutrality impartial even-handed',
  'pessimistic pessimism bleak gloomy',
  'optimistic optimism hopeful hope',
];

/**
 * Words for a kind of thing, and names of things of that kind: "Which countries…?" is answered by a
 * sentence that names countries. One-way: "countries" finds "India", "India" does not find "countries".
 * Russia and Ukraine are left out: every passage is about them, so they never answer "which countries".
 */
const KINDS: ReadonlyArray<[string, string]> = [
  [
    'country countries nation nations',
    `Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Belarus Belgium Bosnia Brazil Bulgaria
    Canada Chile China Colombia Croatia Cuba Cyprus Czechia Denmark Egypt Estonia Ethiopia Finland France Georgia Germany
    Greece Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Korea Kosovo Latvia
    Lebanon Libya Lithuania Luxembourg Malaysia Mexico Moldova Montenegro Morocco Netherlands Nigeria Norway Pakistan
    Palestine Poland Portugal Qatar Romania Saudi Serbia Slovakia Slovenia Spain Sweden Switzerland Syria Taiwan
    Turkey UAE UK US Venezuela Vietnam Yemen Vatican
    British French German Italian Polish Turkish Chinese Indian Israeli Iranian Japanese Belarusian Lithuanian Estonian
    Latvian Finnish Swedish Norwegian Danish Dutch Belgian Spanish Portuguese Greek Hungarian Romanian Bulgarian Czech
    Slovak Serbian Croatian Georgian Armenian Azerbaijani Kazakh Syrian Saudi Qatari Egyptian Pakistani Brazilian
    Canadian Australian Mexican European`,
  ],
];

/** A word's one term: the longest, so "go-between" is "gobetween", not "go". */
function termOfWord(word: string): string | undefined {
  return terms(word).sort((a, b) => b.length - a.length)[0];
}

/** Term → the other terms of its groups. */
export function buildRelatedTerms(groups: readonly string[] = RELATED_WORDS): ReadonlyMap<string, ReadonlySet<string>> {
  const related = new Map<string, Set<string>>();
  for (const line of groups) {
    const group = line
      .split(/\s+/)
      .map(termOfWord)
      .filter((t): t is string => Boolean(t));
    for (const t of group) {
      const set = related.get(t) ?? new Set<string>();
      for (const other of group) if (other !== t) set.add(other);
      related.set(t, set);
    }
  }
  for (const [kind, names] of KINDS) {
    const members = names
      .split(/\s+/)
      .map(termOfWord)
      .filter((t): t is string => Boolean(t));
    for (const word of kind.split(/\s+/)) {
      const t = termOfWord(word);
      if (!t) continue;
      const set = related.get(t) ?? new Set<string>();
      for (const m of members) set.add(m);
      related.set(t, set);
    }
  }
  return related;
}
