/**
 * Spelling variants and aliases, folded to one canonical term before stemming so that every spelling
 * finds every other: Kyiv/Kiev, Zelensky/Zelenskyy, U.S./US/United States, UN/United Nations, -ise/-ize.
 * Keys are lower-case and diacritic-free (Erdoğan → erdogan is handled by folding, not by this table).
 */

/** Multi-word names that mean one thing. Matched on whole words, longest first. */
export const PHRASE_ALIASES: ReadonlyArray<[string[], string]> = [
  [['united', 'states', 'of', 'america'], 'usa'],
  [['united', 'states'], 'usa'],
  [['united', 'nations'], 'un'],
  [['united', 'kingdom'], 'uk'],
  [['great', 'britain'], 'uk'],
  [['european', 'union'], 'eu'],
  [['north', 'atlantic', 'treaty', 'organization'], 'nato'],
  [['north', 'atlantic', 'treaty', 'organisation'], 'nato'],
  [['international', 'atomic', 'energy', 'agency'], 'iaea'],
  [['prisoners', 'of', 'war'], 'pow'],
  [['prisoner', 'of', 'war'], 'pow'],
  [['cease', 'fire'], 'ceasefire'],
  [['white', 'house'], 'whitehouse'],
];

/** Upper-case abbreviations that are also ordinary lower-case words ("US" vs "us"). */
export const CASED_ALIASES: ReadonlyMap<string, string> = new Map([
  ['US', 'usa'],
  ['U.S.', 'usa'],
  ['U.S', 'usa'],
  ['USA', 'usa'],
  ['U.S.A.', 'usa'],
  ['UN', 'un'],
  ['U.N.', 'un'],
  ['UK', 'uk'],
  ['U.K.', 'uk'],
  ['EU', 'eu'],
  ['E.U.', 'eu'],
]);

/** Single words: transliteration variants, nicknames and abbreviations. */
export const WORD_ALIASES: ReadonlyMap<string, string> = new Map([
  ['kiev', 'kyiv'],
  ['zelenskyy', 'zelensky'],
  ['zelenskiy', 'zelensky'],
  ['zelenskyi', 'zelensky'],
  ['zelenski', 'zelensky'],
  ['zelenskii', 'zelensky'],
  ['odessa', 'odesa'],
  ['kharkov', 'kharkiv'],
  ['lvov', 'lviv'],
  ['donbass', 'donbas'],
  ['lugansk', 'luhansk'],
  ['zaporizhia', 'zaporizhzhia'],
  ['zaporozhye', 'zaporizhzhia'],
  ['zaporizhzhya', 'zaporizhzhia'],
  ['artemovsk', 'bakhmut'],
  ['nikolaev', 'mykolaiv'],
  ['chernigov', 'chernihiv'],
  ['crimean', 'crimea'],
  ['putins', 'putin'],
  ['america', 'usa'],
  ['american', 'usa'],
  ['britain', 'uk'],
  ['pows', 'pow'],
  ['emirates', 'uae'],
  ['ceasefires', 'ceasefire'],
  ['truce', 'ceasefire'],
]);

/** British spellings with no general rule (-our, -ence, -re, -ogue), mapped to American. */
const BRITISH_WORDS: ReadonlyMap<string, string> = new Map([
  ['defence', 'defense'],
  ['offence', 'offense'],
  ['licence', 'license'],
  ['pretence', 'pretense'],
  ['centre', 'center'],
  ['centres', 'centers'],
  ['theatre', 'theater'],
  ['metre', 'meter'],
  ['programme', 'program'],
  ['programmes', 'programs'],
  ['catalogue', 'catalog'],
  ['dialogue', 'dialog'],
  ['judgement', 'judgment'],
  ['skilful', 'skillful'],
  ['enrol', 'enroll'],
  ['fulfil', 'fulfill'],
  ['travelled', 'traveled'],
  ['labelled', 'labeled'],
  ['signalled', 'signaled'],
  ['signalling', 'signaling'],
  ['cancelled', 'canceled'],
  ['grey', 'gray'],
  ['sceptical', 'skeptical'],
  ['scepticism', 'skepticism'],
  ['sceptic', 'skeptic'],
  ['manoeuvre', 'maneuver'],
  ['manoeuvres', 'maneuvers'],
  ['storey', 'story'],
]);

/** -our words whose American spelling is -or (the rule is too risky in general: four, hour, tour). */
const OUR_STEMS = [
  'favour',
  'labour',
  'neighbour',
  'behaviour',
  'honour',
  'colour',
  'harbour',
  'rumour',
  'vapour',
  'endeavour',
  'armour',
  'saviour',
  'vigour',
  'rigour',
  'valour',
  'humour',
  'clamour',
  'parlour',
  'splendour',
];

/** Words ending in -ise that are not British -ize verbs. */
const ISE_EXCEPTIONS = new Set([
  'advertise',
  'advise',
  'arise',
  'chastise',
  'circumcise',
  'comprise',
  'compromise',
  'demise',
  'despise',
  'devise',
  'disguise',
  'enfranchise',
  'disenfranchise',
  'enterprise',
  'excise',
  'exercise',
  'expertise',
  'franchise',
  'improvise',
  'incise',
  'merchandise',
  'premise',
  'promise',
  'revise',
  'supervise',
  'surmise',
  'surprise',
  'televise',
  'treatise',
  'otherwise',
  'likewise',
  'clockwise',
  'paradise',
  'precise',
  'concise',
  'noise',
  'poise',
  'praise',
  'raise',
  'cruise',
  'bruise',
  'wise',
  'rise',
  'sunrise',
  'reprise',
  'appraise',
  'uprise',
  'guise',
  'anticlockwise',
  'counterclockwise',
  'imprecise',
  'porpoise',
  'tortoise',
  'turquoise',
  'mortise',
  'valise',
]);

/** British -ise/-isation/-yse and -our spellings to American: militarise → militarize, analyse → analyze. */
export function americanSpelling(word: string): string {
  const listed = BRITISH_WORDS.get(word);
  if (listed) return listed;
  for (const stem of OUR_STEMS) {
    if (word.startsWith(stem)) return stem.slice(0, -2) + 'r' + word.slice(stem.length);
  }
  const ise = /^(\p{L}{3,})is(e|es|ed|ing|er|ers|ation|ations|ational)$/u.exec(word);
  if (ise?.[1] && ise[2]) {
    const base = `${ise[1]}ise`;
    if (!ISE_EXCEPTIONS.has(base) && !ISE_EXCEPTIONS.has(word)) return `${ise[1]}iz${ise[2]}`;
  }
  const yse = /^(anal|paral|catal|dial|electrol|hydrol)ys(e|es|ed|ing)$/.exec(word);
  if (yse?.[1] && yse[2]) return `${yse[1]}yz${yse[2]}`;
  return word;
}
