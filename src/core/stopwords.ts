/**
 * Words that carry no meaning for search: common English function words plus the words people use to
 * ask questions ("what did … say about …"), so a question and a keyword query find the same passages.
 */
const FUNCTION_WORDS = `a about above after again against all am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off
on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some
such than that that's the their theirs them themselves then there there's these they they'd they'll they're they've
this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's
where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll you're you've your
yours yourself yourselves also just yet still even ever much many may might must shall s t d ll re ve eg ie etc via
us go get got upon whether whose within without onto toward towards among amongst`;

const QUESTION_WORDS = `tell explain describe say said says according anything something someone somebody thing things
know known happen happened happens really actually kind sort way ways please give show find mean means meant`;

/** Contractions typed without the apostrophe ("wont", "didnt") are the same words, but for those that are other words too. */
const NOT_CONTRACTIONS = new Set(['ill', 'hell', 'shell', 'shed', 'wed', 'well', 'id', 'hed', 'were', 'its', 'lets', 'hes']);

const LISTED = `${FUNCTION_WORDS} ${QUESTION_WORDS}`.split(/\s+/).filter(Boolean);

export const STOPWORDS: ReadonlySet<string> = new Set([
  ...LISTED,
  ...LISTED.filter((w) => w.includes("'"))
    .map((w) => w.replace(/'/g, ''))
    .filter((w) => !NOT_CONTRACTIONS.has(w)),
]);

/** Stopwords long enough that one slip of the keyboard still says which was meant. */
const LONG_STOPWORDS = [...STOPWORDS].filter((w) => w.length >= 5 && /^[a-z]+$/.test(w));

/** Whether x from xi on equals y from yi on (without slicing either: this runs for every long stopword). */
function sameFrom(x: string, xi: number, y: string, yi: number): boolean {
  if (x.length - xi !== y.length - yi) return false;
  for (let k = 0; xi + k < x.length; k++) if (x.charCodeAt(xi + k) !== y.charCodeAt(yi + k)) return false;
  return true;
}

/** One edit apart: a letter changed, added, dropped, or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    return sameFrom(a, i + 1, b, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, i + 2, b, i + 2));
  }
  return a.length > b.length ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1);
}

/** A word typed for a long stopword ("acording", "becuase"): as empty of meaning as the word meant. */
export function isMisspeltStopword(folded: string): boolean {
  return folded.length >= 5 && LONG_STOPWORDS.some((w) => oneEditApart(folded, w));
}
