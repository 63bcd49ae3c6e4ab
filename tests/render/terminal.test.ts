import { describe, expect, it } from 'vitest';
import { search } from '../../src/core/search.js';
import { summarize } from '../../src/core/summary/index.js';
import { timeline } from '../../src/core/timeline.js';
import {
  detectStyle,
  renderSearchTerminal,
  renderSourcesTerminal,
  renderSummaryTerminal,
  renderTimelineTerminal,
} from '../../src/render/terminal.js';
import { formatCitation } from '../../src/render/format.js';
import { listSources } from '../../src/core/sources-list.js';
import { seedCorpus, seedIndex } from '../support/seeds.js';

const tty = (isTTY: boolean, columns = 120) => ({ isTTY, columns }) as unknown as NodeJS.WriteStream;

describe('terminal rendering', () => {
  it('colours only a terminal, and never when NO_COLOR is set', () => {
    expect(detectStyle(tty(true), {}).color).toBe(true);
    expect(detectStyle(tty(true), { NO_COLOR: '1' }).color).toBe(false);
    expect(detectStyle(tty(false), {}).color).toBe(false);
    expect(detectStyle(tty(true), { TERM: 'dumb' }).color).toBe(false);
  });

  it('wraps to the width and highlights matches in colour', () => {
    const answer = search(seedIndex(), 'grain deal Odessa');
    const plain = renderSearchTerminal(answer, { color: false, width: 60 });
    for (const line of plain.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    const coloured = renderSearchTerminal(answer, { color: true, width: 60 });
    const ESC = String.fromCharCode(27);
    expect(coloured).toMatch(new RegExp(`${ESC}\\[1m${ESC}\\[33m(grain|deal|Odessa)`, 'i'));
    // Same words either way.
    expect(coloured.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '').replace(/\s+/g, ' ')).toBe(plain.replace(/\s+/g, ' '));
  });
});

describe('an answer about a topic (issue 21)', () => {
  const plain = { color: false, width: 100 };
  it('says under its title which words of the topic no passage mentions', () => {
    const note = 'No passage mentions “Vatican”; showing the closest matches.';
    expect(renderSummaryTerminal(summarize(seedCorpus(), 'Vatican mediation'), plain).split('\n')[1]).toBe(note);
    expect(renderTimelineTerminal(timeline(seedCorpus(), { topic: 'Vatican mediation' }), plain).split('\n')[1]).toBe(note);
    expect(renderSummaryTerminal(summarize(seedCorpus(), 'grain deal'), plain)).not.toContain('No passage mentions');
  });

  it('says only that nothing in the library is about a topic a search would quote nothing for', () => {
    const said = 'Nothing in the library is about “what is the best time to plant tomatoes”. No passage mentions “tomatoes”.';
    expect(renderSummaryTerminal(summarize(seedCorpus(), 'what is the best time to plant tomatoes'), plain)).toBe(said);
    expect(renderTimelineTerminal(timeline(seedCorpus(), { topic: 'what is the best time to plant tomatoes' }), plain)).toBe(said);
  });
});

describe('what a citation claims about its article (issue 21)', () => {
  const plain = { color: false, width: 200 } as const;

  it('an inferred date reads as one: "c. 10 Mar 2022"; a printed one as printed', () => {
    const answer = search(seedIndex(), 'Antalya meeting of the foreign ministers', { limit: 1 });
    const c = answer.results[0]?.citation;
    expect(c?.sourceId).toBe('conversation-2022');
    expect(c && formatCitation(c)).toContain(' · c. 10 Mar 2022 · ');
    expect(c && formatCitation({ ...c, dateDerivation: 'explicit' })).toContain(' · 10 Mar 2022 · ');
  });

  it('a title the library wrote for a copy that has none is marked where the library is listed', () => {
    const out = renderSourcesTerminal(listSources(seedCorpus()), plain);
    expect(out).toContain(
      'International mediation between Russia and Ukraine: prospects after two weeks of war [title supplied: the copy has none]',
    );
    expect(out).not.toContain('It’s Complicated. [title supplied');
  });
});
