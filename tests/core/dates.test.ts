import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareIso } from '../../src/core/dates/calendar.js';
import { findDates, isTimelineEvent, nextContext, type DateContext, type ResolvedDate } from '../../src/core/dates/index.js';
import { SEEDS } from '../support/seeds.js';

type Seed = '000' | '001' | '002' | '003' | '004';

/** The dates the manifest gives each seed (seeds/sources.json). */
const ANCHORS: Record<Seed, NonNullable<DateContext['anchor']>> = {
  '000': { value: '2022-03-10', precision: 'day', derivation: 'inferred' },
  '001': { value: '2025-06-18', precision: 'day', derivation: 'inferred' },
  '002': { value: '2023', precision: 'year', derivation: 'inferred' },
  '003': { value: '2022-08', precision: 'month', derivation: 'inferred' },
  '004': { value: '2024-02', precision: 'month', derivation: 'inferred' },
};

function seedText(seed: Seed): string {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(`${seed}_`) && f.endsWith('.txt'));
  if (!file) throw new Error(`no seed ${seed}`);
  return readFileSync(join(SEEDS, file), 'utf8');
}

/**
 * A sentence copied from a seed: the test fails if the seed no longer says it. Spaces match any white space
 * (seed 000 has no-break spaces), and the seed's own text is returned so that is what gets parsed.
 */
function real(seed: Seed, sentence: string): string {
  const words = sentence.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const found = new RegExp(words.join('\\s+')).exec(seedText(seed));
  expect(found, `seed ${seed} no longer says: ${sentence}`).not.toBeNull();
  return found?.[0] ?? sentence;
}

function datesIn(seed: Seed, sentence: string, last: ResolvedDate | null = null): ResolvedDate[] {
  return findDates(real(seed, sentence), { anchor: ANCHORS[seed], last });
}

/** Runs sentences in order, threading the context the way a caller walking an article would. */
function walk(seed: Seed, sentences: string[]): ResolvedDate[][] {
  let ctx: DateContext = { anchor: ANCHORS[seed], last: null };
  return sentences.map((s) => {
    const found = findDates(real(seed, s), ctx);
    ctx = nextContext(ctx, found);
    return found;
  });
}

/** The fields a timeline uses, without offsets, so expectations stay readable. */
function brief(d: ResolvedDate): Record<string, string> {
  const out: Record<string, string> = { phrase: d.phrase, date: d.date, precision: d.precision, derivation: d.derivation };
  if (d.end) out.end = d.end;
  if (d.modality) out.modality = d.modality;
  if (d.slip) out.slip = `${d.slip.printed} → ${d.slip.fits.join('|')}`;
  if (d.label) out.label = d.label;
  return out;
}

const briefs = (ds: ResolvedDate[]): Array<Record<string, string>> => ds.map(brief);

/** Plain sentence splitting for whole-article walks; boundaries only matter where a sentence holds a date. */
function sentencesOf(seed: Seed): string[] {
  return seedText(seed)
    .split('\n')
    .flatMap((line) => line.split(/(?<=[.?!][”"]?)\s+(?=[“"A-Z])/))
    .map((s) => s.trim())
    .filter(Boolean);
}

const ctxAt = (date: string, precision: ResolvedDate['precision']): ResolvedDate => ({
  date,
  precision,
  derivation: 'explicit',
  phrase: date,
  index: 0,
});

describe('comparing two dates', () => {
  it('is done at the coarser precision of the two', () => {
    expect([compareIso('2022-03-10', '2022-03'), compareIso('2022', '2022-03-10')]).toEqual([0, 0]);
    expect([compareIso('2022-02-28', '2022-03'), compareIso('2021', '2022-01-01')]).toEqual([-1, -1]);
    expect([compareIso('2022-04', '2022-03-31'), compareIso('2023', '2022-12')]).toEqual([1, 1]);
  });
});

describe('explicit dates', () => {
  it('reads a month and year as written', () => {
    const found = datesIn('001', 'In March 2022, delegations from Kyiv and Moscow met in Istanbul for exploratory talks.');
    expect(briefs(found)).toEqual([{ phrase: 'March 2022', date: '2022-03', precision: 'month', derivation: 'explicit' }]);
    expect(found[0]?.index).toBe(3);
  });

  it('reads an attributive month and year, and skips the citation year beside it', () => {
    const found = datesIn(
      '002',
      'Putin’s September 2022 annexation of four regions and subsequent mobilization signaled a commitment to protracted ' +
        'conflict (ISW, 2022).',
    );
    expect(briefs(found)).toEqual([{ phrase: 'September 2022', date: '2022-09', precision: 'month', derivation: 'explicit' }]);
  });

  it('keeps an explicit date in an article written months later', () => {
    const found = datesIn('004', 'Nobody,” he told Time in October 2023.');
    expect(briefs(found)).toEqual([{ phrase: 'October 2023', date: '2023-10', precision: 'month', derivation: 'explicit' }]);
  });
});

describe('day and month with the year from the article date', () => {
  it('places "on March 10" in the year of the article', () => {
    const found = datesIn(
      '000',
      'Among them, Turkey has managed to set up a meeting between the Russian and Ukrainian foreign ministers in Antalya on ' +
        'March 10, which indicates some potential on the political track of negotiations.',
    );
    expect(briefs(found)).toEqual([{ phrase: 'March 10', date: '2022-03-10', precision: 'day', derivation: 'inferred' }]);
  });

  it('places "As of August 23" and ignores the tonnage and the spelled-out count', () => {
    const found = datesIn(
      '003',
      'As of August 23, thirty-three cargo ships carrying nearly 720,000 tons of food have left Ukraine under the deal, the ' +
        'country’s agriculture ministry reported.',
    );
    expect(briefs(found)).toEqual([{ phrase: 'August 23', date: '2022-08-23', precision: 'day', derivation: 'inferred' }]);
  });
});

describe('months without a year', () => {
  it('"In June" takes the article year', () => {
    const found = datesIn(
      '003',
      'In June, Russian ambassador to the United States, Anatoly Antonov, was overheard by a Politico reporter in a Georgetown ' +
        'restaurant agreeing that “we need an agreement” to end the war, in the words of his dinner companion, a former US ' +
        'ambassador to the UN under George W. Bush.',
    );
    expect(briefs(found)).toEqual([{ phrase: 'June', date: '2022-06', precision: 'month', derivation: 'inferred' }]);
  });

  it('keeps "early" in the phrase and reads "until May" as a month', () => {
    const found = datesIn(
      '003',
      'In early August, former German chancellor Gerhard Schröder — a longtime Putin ally since the Russian president’s early ' +
        'attempts to align Russia with the West, and who until May sat on the board of Russian state-owned oil firm Rosneft — said ' +
        'he had met with Putin in Moscow and discussed the war.',
    );
    expect(briefs(found)).toEqual([
      { phrase: 'early August', date: '2022-08', precision: 'month', derivation: 'inferred' },
      { phrase: 'May', date: '2022-05', precision: 'month', derivation: 'inferred' },
    ]);
  });

  it('reads "the end of July" and "the end of April" as months', () => {
    const a = datesIn(
      '003',
      'Negotiations over the swap led to the first talks at the end of July between Lavrov and US secretary of state Tony ' +
        'Blinken, the United States’ top diplomat, since the war began, in which they agreed to continue negotiations over the ' +
        'issue.',
    );
    expect(briefs(a)).toEqual([{ phrase: 'the end of July', date: '2022-07', precision: 'month', derivation: 'inferred' }]);
    const b = datesIn(
      '003',
      'July saw no military aid come from the six largest countries in Europe, whose commitments for such support have been ' +
        'steadily drying up since the end of April.',
    );
    expect(briefs(b).map((d) => [d.phrase, d.date])).toEqual([
      ['July', '2022-07'],
      ['the end of April', '2022-04'],
    ]);
  });

  it('never places a month after the article date: a later month belongs to the year before', () => {
    const sentence = real(
      '000',
      'Among them, Turkey has managed to set up a meeting between the Russian and Ukrainian foreign ministers in Antalya on ' +
        'March 10, which indicates some potential on the political track of negotiations.',
    );
    expect(findDates(sentence, { anchor: ANCHORS['000'], last: null }).map((d) => d.date)).toEqual(['2022-03-10']);
    // The same sentence in an article from February 2022 can only be about the March before.
    const earlier = findDates(sentence, { anchor: { value: '2022-02', precision: 'month', derivation: 'inferred' }, last: null });
    expect(earlier.map((d) => d.date)).toEqual(['2021-03-10']);
  });
});

describe('"May" and "March" as words, not months', () => {
  it('reads "in May" and "back in May" as months', () => {
    expect(
      briefs(
        datesIn(
          '003',
          'More recently, Zelensky has threatened to abandon negotiations altogether if Moscow tries the POWs it captured in ' +
            'Mariupol in May.',
        ),
      ),
    ).toEqual([{ phrase: 'May', date: '2022-05', precision: 'month', derivation: 'inferred' }]);
    expect(briefs(datesIn('003', '“Russians believe the US calls the shots,” veteran US diplomat Chas Freeman said back in May.'))).toEqual(
      [{ phrase: 'back in May', date: '2022-05', precision: 'month', derivation: 'inferred' }],
    );
    expect(
      datesIn(
        '003',
        'The plant, Europe’s largest, has come under shelling for the past week, sparking fears of at least a Fukushima-like ' +
          'catastrophe and urgent calls to end fighting around it.',
      ).map((d) => d.phrase),
    ).toEqual(['the past week']);
  });

  it('does not read the modal "may" as a month', () => {
    expect(
      datesIn(
        '000',
        'This may offer some hope that it could play a more positive role, at least in pushing Putin to the table and urging him ' +
          'to adopt a more reasonable negotiation position.',
      ),
    ).toEqual([]);
    expect(datesIn('003', 'But at least in the United States, the political climate may be slowly changing.')).toEqual([]);
    expect(
      datesIn(
        '003',
        'At this point negotiations appear to be opening the door to a visit by the UN’s International Atomic Energy Agency, ' +
          'which may defuse the crisis.',
      ),
    ).toEqual([]);
  });

  it('reads "seized in March" as a month but not a march, a surname or a sentence-opening "May"', () => {
    expect(
      datesIn(
        '003',
        'Arguably the most alarming reminder of the war’s combustibility, however, has been the crisis over the Zaporizhzhia ' +
          'nuclear plant, which Russian forces seized in March.',
      ).map((d) => d.date),
    ).toEqual(['2022-03']);
    const ctx: DateContext = { anchor: ANCHORS['003'], last: null };
    // Not in the seeds: the forms the guard exists for.
    expect(findDates('Thousands joined a march on Kyiv.', ctx)).toEqual([]);
    expect(findDates('Theresa May said Britain would help.', ctx)).toEqual([]);
    expect(findDates('May the talks succeed.', ctx)).toEqual([]);
    expect(findDates('March 10 was the day of the meeting.', ctx).map((d) => d.date)).toEqual(['2022-03-10']);
  });
});

describe('years, ranges and decades', () => {
  it('reads an attributive year as an event year', () => {
    expect(
      briefs(
        datesIn(
          '000',
          'Past international mediation efforts have failed to resolve any of the issues stemming from Russia’s 2014 invasion ' +
            'and occupation of parts of Ukraine.',
        ),
      ),
    ).toEqual([{ phrase: '2014', date: '2014', precision: 'year', derivation: 'explicit' }]);
  });

  it('reads a month range with one year', () => {
    expect(
      briefs(
        datesIn(
          '002',
          'Early talks in Belarus and Turkey (March-April 2022) briefly raised hopes, with Ukraine proposing neutrality in ' +
            'exchange for security guarantees and Russia suggesting troop withdrawals.',
        ),
      ),
    ).toEqual([{ phrase: 'March-April 2022', date: '2022-03', end: '2022-04', precision: 'month', derivation: 'explicit' }]);
  });

  it('reads a bracketed year range as an event, not a citation', () => {
    expect(
      briefs(
        datesIn('002', 'Russia has violated multiple agreements, from the Minsk accords (2014-2015) to the 2022 Istanbul Communiqué.'),
      ),
    ).toEqual([
      { phrase: '2014-2015', date: '2014', end: '2015', precision: 'year', derivation: 'explicit' },
      { phrase: '2022', date: '2022', precision: 'year', derivation: 'explicit' },
    ]);
  });

  it('reads "June and July" and "2023 and 2024" as ranges', () => {
    expect(
      briefs(
        datesIn(
          '003',
          'June and July saw a fortuitously defused standoff between Russia and NATO member Lithuania, over the Russian exclave ' +
            'of Kaliningrad sandwiched between the latter and Poland.',
        ),
      ),
    ).toEqual([{ phrase: 'June and July', date: '2022-06', end: '2022-07', precision: 'month', derivation: 'inferred' }]);
    expect(
      briefs(
        datesIn(
          '001',
          'Although counteroffensives in 2023 and 2024 brought mixed results, they demonstrated Kyiv’s operational capability ' +
            'and political resolve.',
        ),
      ),
    ).toEqual([{ phrase: '2023 and 2024', date: '2023', end: '2024', precision: 'year', derivation: 'explicit' }]);
  });

  it('reads "the early 2000s" as a span of years', () => {
    expect(
      briefs(
        datesIn(
          '004',
          'After many decades of hostilities, India and Pakistan jump-started peace negotiations in the early 2000s through ' +
            'secret talks in foreign hotels, for instance.',
        ),
      ),
    ).toEqual([{ phrase: 'the early 2000s', date: '2000', end: '2003', precision: 'year', derivation: 'explicit', label: 'early 2000s' }]);
  });

  it('a year in the same sentence sets the year of the months after it (not in the seeds)', () => {
    const found = findDates('In 2014, Russia annexed Crimea in March.', { anchor: ANCHORS['003'], last: null });
    expect(found.map((d) => d.date)).toEqual(['2014', '2014-03']);
  });
});

describe('seasons', () => {
  it('"come fall" is the coming autumn, marked future', () => {
    const found = datesIn(
      '003',
      'Liberal opposition outlet Meduza has reported that Putin is committed to a “long war,” but also that Russian leadership ' +
        'is concerned about a rise in discontent come fall, and that, besides the hawks, there is a loose peace camp that contains ' +
        'some members of Putin’s inner circle, along with those who are less outspoken and going only grudgingly along.',
    );
    expect(briefs(found)).toEqual([
      { phrase: 'come fall', date: '2022-09', end: '2022-11', precision: 'month', derivation: 'inferred', modality: 'future' },
    ]);
    expect(found.every(isTimelineEvent)).toBe(false);
  });
});

describe('relative dates', () => {
  it('"Last month" counts from the article date', () => {
    expect(
      briefs(
        datesIn(
          '003',
          'Last month, Rajan Menon, director of the grand strategy program at Defense Priorities, argued in the Nation that ' +
            '“there is not a shred of evidence that shows that Moscow and Kyiv are prepared to even start preliminary negotiations ' +
            'aimed at ending the war, let alone agree to a cease-fire.”',
        ),
      ),
    ).toEqual([{ phrase: 'Last month', date: '2022-07', precision: 'month', derivation: 'inferred' }]);
  });

  it('a month in the same sentence follows "last month", not the "back in 2014" aside', () => {
    const found = datesIn(
      '003',
      'Zelensky has now pledged to retake Crimea — illegally annexed by Russian president Vladimir Putin back in 2014 — while ' +
        'Russian foreign minister Sergey Lavrov declared last month that his country’s forces would conquer Ukrainian land west of ' +
        'the breakaway territories of Donetsk and Luhansk, in response to the use of longer-range weapons that Washington has been ' +
        'supplying to Kiev since June.',
    );
    expect(briefs(found).map((d) => [d.phrase, d.date, d.modality ?? null])).toEqual([
      ['back in 2014', '2014', null],
      ['last month', '2022-07', null],
      ['June', '2022-06', null],
    ]);
  });

  it('"Later that month" and "later that month" follow "in June"', () => {
    const [first, second, third] = walk('003', [
      'When asked directly in June whether Ukraine would have to cede territory to achieve peace, Biden pointedly didn’t rule it ' +
        'out, and affirmed that “at some point along the line, there’s going to have to be a negotiated settlement here.”',
      'Later that month, US officials told CNN they were increasingly pessimistic Ukraine would win back the land it had lost to ' +
        'Russia, and were debating whether and how Zelensky needed to redefine his concept of “victory.”',
      'Of course, later that month at the NATO summit in Madrid, Biden struck a less dovish tone, insisting that the United ' +
        'States would continue backing the war effort “as long as it takes.”',
    ]);
    expect(first?.map((d) => d.date)).toEqual(['2022-06']);
    expect(briefs(second ?? [])).toEqual([{ phrase: 'Later that month', date: '2022-06', precision: 'month', derivation: 'inferred' }]);
    expect(briefs(third ?? [])).toEqual([{ phrase: 'later that month', date: '2022-06', precision: 'month', derivation: 'inferred' }]);
  });

  it('"the following month" after "in April" is May', () => {
    const [, next] = walk('003', [
      'Yet even after the atrocities at Bucha helped make peace talks a nonstarter for Kiev in April, Zelensky has continued to ' +
        'call for negotiations.',
      'At least four separate times the following month, Zelensky publicly made clear his desire to talk directly with Putin, ' +
        'though couching the politically risky proposal in maximalist rhetoric around Ukrainian victory and negotiating demands.',
    ]);
    expect(briefs(next ?? [])).toEqual([{ phrase: 'the following month', date: '2022-05', precision: 'month', derivation: 'inferred' }]);
  });

  it('"By the end of that year" follows "In March 2022"', () => {
    const [, , , end] = walk('001', [
      'In March 2022, delegations from Kyiv and Moscow met in Istanbul for exploratory talks.',
      'There was cautious hope that Russia might scale back her ambitions after unexpectedly strong Ukrainian resistance.',
      'But trust was fragile, and revelations of atrocities in Bucha and other towns undermined any faith in Russian good will.',
      'By the end of that year, the mood had shifted decisively: Ukraine, bolstered by Western military support, aimed not just ' +
        'to survive, but to win.',
    ]);
    // Late that year, not its December: the text gives no month.
    expect(briefs(end ?? [])).toEqual([
      { phrase: 'the end of that year', date: '2022', precision: 'year', derivation: 'inferred', label: 'late 2022' },
    ]);
  });

  it('"Months later in May" stays in the article year rather than running past the article date', () => {
    const [, may] = walk('003', [
      'Of course, later that month at the NATO summit in Madrid, Biden struck a less dovish tone, insisting that the United ' +
        'States would continue backing the war effort “as long as it takes.”',
      'Months later in May, Zelensky again insisted that “there are things that can only be reached at the negotiating table” ' +
        'and that fighting “will only definitively end through diplomacy,” before one of his own underlings contradicted him, ' +
        'charging that “the war will not stop (after any concessions),” but merely lead to an “even more bloody and large-scale” ' +
        'Russian offensive.',
    ]);
    expect(briefs(may ?? [])).toEqual([{ phrase: 'Months later in May', date: '2022-05', precision: 'month', derivation: 'inferred' }]);
  });

  it('a year-only context ("since 2014") does not pull later bare months back to 2014', () => {
    const since = datesIn(
      '003',
      'Even before the war, Zelensky had been a dovish outlier in the increasingly nationalistic climate that had enveloped ' +
        'Ukraine since 2014, and it wouldn’t be surprising if those pressures still exist.',
    );
    expect(since.map((d) => d.date)).toEqual(['2014']);
    const months = datesIn(
      '003',
      'June and July saw a fortuitously defused standoff between Russia and NATO member Lithuania, over the Russian exclave of ' +
        'Kaliningrad sandwiched between the latter and Poland.',
      since[0] ?? null,
    );
    expect(months.map((d) => [d.date, d.end])).toEqual([['2022-06', '2022-07']]);
  });

  it('"earlier this year" is the article year', () => {
    expect(
      briefs(
        datesIn(
          '003',
          '“Peace talks are just one more element of Putin’s concept of multi-dimensional warfare,” said Don Jensen, the United ' +
            'States Institute of Peace’s Russia expert and former John Kasich advisor, earlier this year.',
        ),
      ),
    ).toEqual([{ phrase: 'earlier this year', date: '2022', precision: 'year', derivation: 'inferred' }]);
  });

  it('periods up to the article date become ranges at the anchor’s precision', () => {
    expect(briefs(datesIn('003', 'Making things even more fraught, both have broadened their war aims in recent months.'))).toEqual([
      { phrase: 'recent months', date: '2022-05', end: '2022-08', precision: 'month', derivation: 'inferred' },
    ]);
    expect(
      briefs(
        datesIn(
          '004',
          'In recent months, neither side has made much progress on the battlefield, with some U.S. officials calling it a “war ' +
            'of inches,” according to the reporters.',
        ),
      ),
    ).toEqual([{ phrase: 'recent months', date: '2023-11', end: '2024-02', precision: 'month', derivation: 'inferred' }]);
    expect(
      briefs(
        datesIn(
          '003',
          'Over the past six months, Russian missiles have repeatedly struck Ukrainian territory near another NATO member ' +
            'Poland, and it’s carried out military exercises simulating missile attacks on Estonia, a fellow NATO state, whose ' +
            'airspace was violated by a Russian helicopter in June.',
        ),
      ),
    ).toEqual([
      { phrase: 'the past six months', date: '2022-02', end: '2022-08', precision: 'month', derivation: 'inferred' },
      { phrase: 'June', date: '2022-06', precision: 'month', derivation: 'inferred' },
    ]);
    const sentence =
      'Over the past few days, the failure of attempts to even agree on humanitarian corridors to allow for the evacuation of ' +
      'civilians shows how hard it is to even make progress on the humanitarian end of the spectrum.';
    // The article's date (10 March) is the project's inference: it yields the month, never days.
    expect(briefs(datesIn('000', sentence))).toEqual([
      { phrase: 'the past few days', date: '2022-03', precision: 'month', derivation: 'inferred' },
    ]);
    // An article that prints its date counts days from it.
    expect(briefs(findDates(real('000', sentence), { anchor: { ...ANCHORS['000'], derivation: 'explicit' }, last: null }))).toEqual([
      { phrase: 'the past few days', date: '2022-03-07', end: '2022-03-10', precision: 'day', derivation: 'inferred' },
    ]);
  });

  describe('forms not in the seeds', () => {
    const anchor = ANCHORS['003'];
    it('"May this year" is the month of the article\'s year; "may this year" is no month', () => {
      expect(findDates('Talks resumed in May this year.', { anchor, last: ctxAt('2014', 'year') }).map((d) => d.date)).toEqual(['2022-05']);
      // The year "this year" says, and no May.
      expect(findDates('Kyiv may this year join the protocol.', { anchor, last: null }).map((d) => d.date)).toEqual(['2022']);
    });

    it('"two weeks later" steps from the last date, at its precision or the step\'s, whichever is coarser', () => {
      // Writers count weeks loosely: two weeks after 29 March is April, not 12 April; a day's step keeps the day.
      expect(findDates('Two weeks later, talks resumed.', { anchor, last: ctxAt('2022-03-29', 'day') }).map((d) => d.date)).toEqual([
        '2022-04',
      ]);
      expect(findDates('Two days later, talks resumed.', { anchor, last: ctxAt('2022-03-29', 'day') }).map((d) => d.date)).toEqual([
        '2022-03-31',
      ]);
      expect(findDates('Two weeks later, talks resumed.', { anchor, last: ctxAt('2022-06', 'month') }).map((d) => d.date)).toEqual([
        '2022-06',
      ]);
      expect(findDates('Two weeks later, talks resumed.', { anchor, last: null })).toEqual([]);
    });

    it('"last week" is the calendar week before a day anchor, and the anchor month otherwise', () => {
      const day = findDates('Last week, talks resumed.', { anchor: { ...ANCHORS['000'], derivation: 'explicit' }, last: null });
      expect(day.map((d) => [d.date, d.end])).toEqual([['2022-02-28', '2022-03-06']]);
      // A day the project inferred is no day to count a week from: the month is all it gives.
      expect(findDates('Last week, talks resumed.', { anchor: ANCHORS['000'], last: null }).map((d) => [d.date, d.end])).toEqual([
        ['2022-03', undefined],
      ]);
      expect(findDates('Talks resumed last week.', { anchor, last: null }).map((d) => d.date)).toEqual(['2022-08']);
      expect(findDates('Talks resumed last week.', { anchor: ANCHORS['002'], last: null })).toEqual([]);
    });

    it('"this year", "last year", "two years ago" count from the article date', () => {
      expect(findDates('This year and last year, and two years ago.', { anchor, last: null }).map((d) => d.date)).toEqual([
        '2022',
        '2021',
        '2020',
      ]);
    });

    it('a month later in the calendar than the anchor month is last year’s', () => {
      expect(findDates('In November the talks failed.', { anchor, last: null }).map((d) => d.date)).toEqual(['2021-11']);
    });
  });
});

describe('numbers that are not event dates', () => {
  it('skips citation years', () => {
    expect(
      datesIn('002', 'However, the discovery of atrocities in Bucha and continued Russian strikes derailed these efforts (BBC, 2022).'),
    ).toEqual([]);
    expect(
      datesIn(
        '002',
        'Scholars like Mearsheimer (2014) argue that NATO expansion created an existential security dilemma for Russia, making ' +
          'compromise difficult.',
      ),
    ).toEqual([]);
    expect(
      datesIn(
        '002',
        ', Kofman, 2023) contend that Moscow’s maximalist demands including recognition of annexed territories and ' +
          'denazification are designed to subjugate Ukraine rather than achieve peace.',
      ),
    ).toEqual([]);
    expect(
      datesIn(
        '002',
        'Experts like Sakwa (2023) suggest that a Korea-style armistice may be the only viable outcome, but Ukraine’s ' +
          'constitution forbids ceding land, and Russia shows no willingness to relinquish gains.',
      ),
    ).toEqual([]);
    expect(
      briefs(
        datesIn(
          '002',
          'Mediation efforts by non-Western actors, such as China’s 2023 peace plan, have been dismissed as pro-Russian by Kyiv, ' +
            'while Moscow rejects Western-backed proposals as biased (Financial Times, 2023).',
        ),
      ),
    ).toEqual([{ phrase: '2023', date: '2023', precision: 'year', derivation: 'explicit' }]);
  });

  it('skips bibliography lines', () => {
    for (const line of ['(2022).', '(2014).', '(2023).', '- Mearsheimer, J.', 'Foreign Affairs.']) {
      expect(datesIn('002', line)).toEqual([]);
    }
  });

  it('skips publication years', () => {
    expect(
      datesIn(
        '004',
        'In her 2019 book The Costs of Conversation: Obstacles to Peace Talks in Wartime, Stanford University political ' +
          'scientist Oriana Skylar Mastro considers the factors that determine whether and when warring parties are willing to ' +
          'engage in peace negotiations.',
      ),
    ).toEqual([]);
    expect(
      datesIn(
        '004',
        'write RAND Corporation political scientist Patrick S. Roberts and Virginia Tech professor Ariel I. Ahram in a 2020 article.',
      ),
    ).toEqual([]);
  });

  it('skips durations, ordinal periods and read times', () => {
    expect(datesIn('001', 'As the war in Ukraine grinds into its fourth year, peace feels more distant than ever.')).toEqual([]);
    expect(datesIn('001', '- 4 min read')).toEqual([]);
    expect(
      datesIn(
        '001',
        'However increasing oil prices arising from the current conflict between Israel and Iran can only bolster her financial ' +
          'resources to continue the conflict; and Russia has proven incapable of causing irrepairable damage to Ukrainian ' +
          'infrastructure over the course of more than three years of war so far.',
      ),
    ).toEqual([]);
    expect(
      datesIn(
        '000',
        'After two weeks of war in Ukraine, the unfolding humanitarian crisis in the region and the persistent risk of wider ' +
          'escalation make a rapidly negotiated end to the war more urgent than ever.',
      ),
    ).toEqual([]);
    expect(
      datesIn(
        '000',
        'But don’t forget that creating the conditions for negotiations is not the same as creating the conditions for their ' +
          'success, as eight years of unsuccessful attempts to bring peace to eastern Ukraine sadly testify.',
      ),
    ).toEqual([]);
    expect(
      datesIn(
        '004',
        'As Russia’s war on Ukraine reaches the two-year mark, many U.S. and European governments are eager to try to mediate an ' +
          'end to the conflict.',
      ),
    ).toEqual([]);
    expect(
      datesIn(
        '004',
        'Nearly two years after Russia invaded Ukraine, some U.S. and European officials believe the war has reached a ' +
          'stalemate, write Courtney Kube, Carol E. Lee, and Kristen Welker for NBC News.',
      ),
    ).toEqual([]);
  });

  it('skips percentages and quantities', () => {
    expect(
      datesIn(
        '003',
        'House Armed Services Committee chair Representative Adam Smith (D-WA) recently noted a poll carried out in his home ' +
          'turf of Seattle, which found 53 percent of likely voters saying the United States should enter negotiations to end the ' +
          'war even if it means making compromises with Putin, while 66 percent think the US has a leading role to play in making ' +
          'negotiations happen.',
      ),
    ).toEqual([]);
    expect(findDates('Some 2000 troops and 1999 people crossed.', { anchor: ANCHORS['003'], last: null })).toEqual([]);
  });
});

describe('future and hypothetical dates', () => {
  it('marks "poised to take the US House in November" as future, in the coming November', () => {
    const found = datesIn(
      '003',
      'Meanwhile, Republicans are poised to take the US House in November at a time of rising right-wing skepticism toward aid ' +
        'for Ukraine, raising the distinct, if still narrow, possibility of the country losing its chief military patron.',
      ctxAt('2022-04', 'month'),
    );
    expect(briefs(found)).toEqual([
      { phrase: 'November', date: '2022-11', precision: 'month', derivation: 'inferred', modality: 'future' },
    ]);
    expect(found.filter(isTimelineEvent)).toEqual([]);
    // A future date does not become the context for what follows.
    const before = ctxAt('2022-04', 'month');
    expect(nextContext({ anchor: ANCHORS['003'], last: before }, found).last).toBe(before);
  });

  it('marks a reported expectation as hypothetical and keeps the report itself', () => {
    const found = datesIn(
      '003',
      'In June, Ukraine’s top negotiator said talks could restart by the end of August, and that Kiev “could consider some kind ' +
        'of political agreement, like the one we proposed in Istanbul,” which Moscow had found acceptable at the time, because it ' +
        'left out Crimea — though this was also premised on a Ukrainian counteroffensive that it’s not clear is actually happening.',
    );
    expect(briefs(found)).toEqual([
      { phrase: 'June', date: '2022-06', precision: 'month', derivation: 'inferred' },
      { phrase: 'the end of August', date: '2022-08', precision: 'month', derivation: 'inferred', modality: 'hypothetical' },
    ]);
    expect(found.map(isTimelineEvent)).toEqual([true, false]);
  });

  it('a modal after the date does not make it hypothetical', () => {
    const found = datesIn(
      '003',
      'Both NATO secretary-general Jens Stoltenberg and Blinken said in June the war would end at the negotiating table.',
    );
    expect(briefs(found)).toEqual([{ phrase: 'June', date: '2022-06', precision: 'month', derivation: 'inferred' }]);
  });
});

describe('dates that contradict their context', () => {
  it('reads "since November 2002" in a 2025 article whose narrative is at 2023–2024 as the slip it is', () => {
    const [range, typo] = walk('001', [
      'Although counteroffensives in 2023 and 2024 brought mixed results, they demonstrated Kyiv’s operational capability and ' +
        'political resolve.',
      'However the front line has proven remarkably static since November 2002 with the Ukrainian liberation of Kherson, and ' +
        'both sides are heavily dug in.',
    ]);
    expect(typo?.length).toBe(1);
    const d = typo?.[0];
    // One year a keystroke away fits the narrative: the date is placed there, and the printed one kept.
    expect(d).toMatchObject({
      phrase: 'November 2002',
      date: '2022-11',
      precision: 'month',
      derivation: 'explicit',
      slip: { printed: '2002-11', fits: [2022] },
    });
    // A settled slip moves the narrative on like any date.
    expect(nextContext({ anchor: ANCHORS['001'], last: range?.[0] ?? null }, typo ?? []).last?.date).toBe('2022-11');
  });

  it('leaves a slip the narrative cannot settle as printed, and never carries it', () => {
    // With the narrative at March 2022 in a 2025 article, "November 2002" could be 2020 (a swap) or 2022 (a
    // digit): nothing settles which, so the date stays as printed and the narrative stays where it was.
    let ctx: DateContext = { anchor: ANCHORS['001'], last: null };
    const [range, odd] = [
      'In March 2022, delegations from Kyiv and Moscow met in Istanbul for exploratory talks.',
      'The lines have hardly moved since November 2002 when the first trenches were dug.',
    ].map((sentence) => {
      const found = findDates(sentence, ctx);
      ctx = nextContext(ctx, found);
      return found;
    });
    const d = odd?.[0];
    expect(d?.slip).toEqual({ printed: '2002-11', fits: [2020, 2022] });
    expect(d?.date).toBe('2002-11');
    expect(nextContext({ anchor: ANCHORS['001'], last: range?.[0] ?? null }, odd ?? []).last?.date).toBe('2022-03');
  });

  it('does not flag background years or recent months', () => {
    const all = walk('003', sentencesOf('003')).flat();
    expect(all.filter((d) => d.slip)).toEqual([]);
    expect(all.some((d) => d.date === '2014')).toBe(true);
  });
});

describe('whole articles', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('dates the Jacobin article in order', () => {
    const found = walk('003', sentencesOf('003'))
      .flat()
      .map((d) => `${d.phrase}=${d.date}${d.end ? `..${d.end}` : ''}${d.modality ? `(${d.modality})` : ''}`);
    expect(found).toEqual([
      'May=2022-05',
      'recent months=2022-05..2022-08',
      'back in 2014=2014',
      'last month=2022-07',
      'June=2022-06',
      'the past months=2022-05..2022-08',
      'July=2022-07',
      'August 23=2022-08-23',
      'April=2022-04',
      'February=2022-02',
      'the end of July=2022-07',
      'back in May=2022-05',
      'February=2022-02',
      'March=2022-03',
      'March=2022-03',
      'May=2022-05',
      'Last month=2022-07',
      'June=2022-06',
      'early August=2022-08',
      'May=2022-05',
      'come fall=2022-09..2022-11(future)',
      'April=2022-04',
      'earlier this year=2022',
      'April=2022-04',
      'the following month=2022-05',
      'June=2022-06',
      'the end of August=2022-08(hypothetical)',
      'June=2022-06',
      'June=2022-06',
      'Later that month=2022-06',
      'later that month=2022-06',
      'Months later in May=2022-05',
      '2014=2014',
      'June and July=2022-06..2022-07',
      'the past six months=2022-02..2022-08',
      'June=2022-06',
      'March=2022-03',
      'the past week=2022-08',
      'July=2022-07',
      'the end of April=2022-04',
      'November=2022-11(future)',
    ]);
  });

  it.each(['000', '001', '002', '003', '004'] as Seed[])('never places a reported event of %s after the article date', (seed) => {
    const anchor = ANCHORS[seed].value;
    const events = walk(seed, sentencesOf(seed)).flat().filter(isTimelineEvent);
    expect(events.length).toBeGreaterThan(0);
    for (const d of events) expect(d.date.slice(0, anchor.length) <= anchor, `${d.phrase} → ${d.date}`).toBe(true);
  });

  it('does not depend on today’s date', () => {
    const before = walk('003', sentencesOf('003'));
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-11-05T00:00:00Z'));
    expect(walk('003', sentencesOf('003'))).toEqual(before);
  });
});
