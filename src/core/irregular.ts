/**
 * English irregular verbs: past forms → the base form, so "came" meets "come" and "broke down" meets
 * "break down" (Porter stemming handles only regular endings). General English, not this library's words.
 * Left out: forms that are just as often other words ("left", "saw", "felt", "found", "lay", "rose", "fell",
 * "wound", "bound", "ground", "spoke", "bore", "shed", "lit", "lead", "read", "put", "set", "cost", "hit").
 */
const VERBS = `
arise arose arisen|awake awoke awoken|be was were been|bear bore borne|beat beat beaten|become became become|
begin began begun|bend bent bent|bet bet bet|bid bid bid|bind bound bound|bite bit bitten|bleed bled bled|
blow blew blown|break broke broken|breed bred bred|bring brought brought|build built built|burn burnt burnt|
buy bought bought|catch caught caught|choose chose chosen|cling clung clung|come came come|creep crept crept|
deal dealt dealt|dig dug dug|do did done|draw drew drawn|drink drank drunk|drive drove driven|eat ate eaten|
fight fought fought|flee fled fled|fly flew flown|forbid forbade forbidden|forecast forecast forecast|
foresee foresaw foreseen|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|get got gotten|
give gave given|go went gone|grow grew grown|hang hung hung|have had had|hear heard heard|hide hid hidden|
hold held held|keep kept kept|know knew known|lend lent lent|lose lost lost|make made made|mean meant meant|
meet met met|mislead misled misled|overcome overcame overcome|overtake overtook overtaken|pay paid paid|
ride rode ridden|ring rang rung|run ran run|say said said|seek sought sought|sell sold sold|send sent sent|
shake shook shaken|shine shone shone|shoot shot shot|show showed shown|shrink shrank shrunk|sing sang sung|
sink sank sunk|sit sat sat|sleep slept slept|slide slid slid|speak spoke spoken|spend spent spent|
stand stood stood|steal stole stolen|stick stuck stuck|sting stung stung|strike struck stricken|
strive strove striven|swear swore sworn|sweep swept swept|swim swam swum|swing swung swung|take took taken|
teach taught taught|tear tore torn|tell told told|think thought thought|throw threw thrown|
undergo underwent undergone|understand understood understood|undertake undertook undertaken|
uphold upheld upheld|upset upset upset|wake woke woken|wear wore worn|weep wept wept|win won won|
withdraw withdrew withdrawn|withhold withheld withheld|withstand withstood withstood|write wrote written`;

/** Past form → base form. */
export const IRREGULAR_FORMS: ReadonlyMap<string, string> = new Map(
  VERBS.split('|').flatMap((line) => {
    const [base, ...forms] = line.trim().split(/\s+/);
    return base ? forms.filter((f) => f !== base).map((f): [string, string] => [f, base]) : [];
  }),
);
