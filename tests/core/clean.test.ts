import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, isHeading, splitGluedHeading } from '../../src/core/clean.js';
import { buildCorpus } from '../../src/core/corpus.js';
import { buildLibrary } from '../../src/core/library.js';
import { loadLibrary } from '../../src/library/seed-files.js';
import { rawSeed, seedFiles, seedLibrary, SEEDS, sourceById, tempDir } from '../support/seeds.js';

const wordsOf = (text: string): string[] => (text.match(/[\p{L}\p{N}]+/gu) ?? []).sort();

describe('cleaning the seeds', () => {
  it('loads all five seeds with their manifest entries and no warnings', () => {
    const { sources, warnings } = seedLibrary();
    expect(warnings).toEqual([]);
    expect(sources.map((s) => s.meta.file)).toEqual(seedFiles());
    expect(new Set(sources.map((s) => s.meta.id)).size).toBe(5);
  });

  it.each(seedFiles())('loses no word of %s: body + headings + metadata = the raw file', (file) => {
    const source = seedLibrary().sources.find((s) => s.meta.file === file);
    expect(source).toBeDefined();
    if (!source) return;
    const kept = [source.text, ...source.sections, ...source.boilerplate.map((b) => b.text)].join('\n');
    expect(wordsOf(kept)).toEqual(wordsOf(rawSeed(file)));
  });

  it.each(seedFiles())('keeps every full body line of %s inside one paragraph', (file) => {
    const source = seedLibrary().sources.find((s) => s.meta.file === file);
    if (!source) throw new Error(file);
    const meta = new Set(source.boilerplate.map((b) => b.text));
    const lines = rawSeed(file)
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter((l) => l.length > 60 && !meta.has(l) && !/^[-•]/.test(l));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      // A glued heading may precede the sentence on the same raw line.
      const tail = line.slice(Math.max(0, line.length - 60));
      expect(
        source.paragraphs.some((p) => p.text.includes(tail)),
        line,
      ).toBe(true);
    }
  });

  it('repairs abbreviations broken across lines', () => {
    const s = sourceById('illusion-of-diplomacy-2023');
    expect(s.text).toContain('The U.S. and EU’s military support for Ukraine');
    expect(s.text).toContain('Western analysts (e.g., Kofman, 2023) contend');
    expect(s.text).not.toMatch(/\n[A-Za-z]\.\n/);
  });

  it('splits headings glued to the sentence after them', () => {
    const s = sourceById('illusion-of-diplomacy-2023');
    expect(s.meta.title).toBe('The Illusion of Diplomacy: A Critical Examination of Russia-Ukraine Peace Talks');
    expect(s.sections).toEqual([
      'Thesis Statement',
      'The Diplomatic Charade: A History of Failed Negotiations',
      'The Trust Deficit and Enforcement Challenges',
      'Geopolitical Obstacles: The Role of External Actors',
      'Conclusion: Peace or Prolonged War?',
    ]);
    expect(s.paragraphs.find((p) => p.section === 'Thesis Statement')?.text).toMatch(/^Despite intermittent/);
    expect(s.boilerplate).toContainEqual({ kind: 'site-header', text: 'Russia Ukraine Peace Talks' });
  });

  it('keeps the bibliography as references, each entry whole', () => {
    const refs = sourceById('illusion-of-diplomacy-2023')
      .boilerplate.filter((b) => b.kind === 'reference')
      .map((b) => b.text);
    expect(refs).toEqual([
      'BBC. (2022).',
      'Kofman, M. (2023). War on the Rocks.',
      'Mearsheimer, J. (2014). Foreign Affairs.',
      'ISW. (2022).',
      'Wilson, A. (2022). Chatham House.',
    ]);
    expect(sourceById('illusion-of-diplomacy-2023').text).not.toContain('War on the Rocks');
  });

  it('keeps bylines, captions, credits and reader prompts out of the body', () => {
    const parish = cleanText(rawSeed('001_cdb48dfc8d8a8899.txt'));
    expect(parish.byline).toEqual({ authors: ['Matthew Parish'], date: 'Jun 18', readTime: '4 min read' });
    expect(sourceById('parish-2025').text).not.toContain('min read');

    const jacobin = sourceById('jacobin-2022');
    expect(jacobin.boilerplate.find((b) => b.kind === 'caption')?.text).toMatch(/Getty Images\)$/);
    expect(jacobin.text).not.toContain('Getty Images');
    expect(jacobin.paragraphs[0]?.text).toMatch(/^A diplomatic settlement/);

    const conversation = sourceById('conversation-2022');
    expect(conversation.boilerplate.map((b) => b.kind)).toEqual(['credit']);
    expect(conversation.text).not.toContain('Originally published');

    const pon = sourceById('early-mediation-2024');
    expect(pon.boilerplate).toEqual([
      { kind: 'reader-prompt', text: 'What insights have you gained from peace negotiations throughout history?' },
    ]);
  });

  it('keeps stand-alone headings as section titles', () => {
    expect(sourceById('conversation-2022').sections).toEqual(['An honest broker?']);
    expect(sourceById('early-mediation-2024').sections).toContain('A “War of Inches”');
    expect(sourceById('parish-2025').sections).toContain('What Would Change the Calculation?');
    expect(sourceById('jacobin-2022').sections).toEqual(['Encouraging Signs', 'Ambiguities and Uncertainties', 'Inching Toward Peril']);
  });

  it('tells headings from sentences', () => {
    expect(isHeading('Reluctance at the Top')).toBe(true);
    expect(isHeading('That depends on a lot.')).toBe(false);
    expect(isHeading('What insights have you gained from peace negotiations throughout history?')).toBe(false);
    expect(splitGluedHeading('Putin’s September 2022 annexation of four regions signaled a commitment.')).toBeNull();
    expect(splitGluedHeading('Scholars like Mearsheimer (2014) argue that NATO expansion mattered.')).toBeNull();
  });
});

describe('an article’s head and foot (invented texts, in the shapes outlets print them)', () => {
  const PROSE =
    'The two delegations spent the morning on a map of the river crossings and the afternoon on a list of names, and by ' +
    'evening they had agreed on the order in which the crossings would reopen to farmers, traders and families.';
  const MORE = 'A second paragraph followed, with the details of the crossings and of the names on the list.';
  /** A text of these blocks, a blank line between them. */
  const blocks = (...parts: string[]): string => `${parts.join('\n\n')}\n`;
  const headings = (text: string): string[] => cleanText(text).blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
  const bylines = (text: string): string[] => cleanText(text).boilerplate.flatMap((b) => (b.kind === 'byline' ? [b.text] : []));

  it('never takes a byline under a standfirst, or a masthead, for a section heading', () => {
    const text = blocks(
      'THE RIVER TABLE\nHow a quiet channel kept the crossings open',
      'By Mira Castell\nThe Lakeside Review | Marrow, 16 March 2026',
      PROSE,
      MORE,
    );
    expect(headings(text)).toEqual([]);
    expect(bylines(text)).toEqual(['By Mira Castell', 'The Lakeside Review | Marrow, 16 March 2026']);
    expect(cleanText(text).byline.authors).toEqual(['Mira Castell']);
    // A masthead first, over the headline: the headline is the next line.
    const letter = blocks(
      'Letters & Opinion | The Lakeside Review | Tuesday, 24 March 2015',
      'The crossings are a timetable',
      'By Mira Castell',
      PROSE,
    );
    expect(cleanText(letter).title).toBe('The crossings are a timetable');
    expect(headings(letter)).toEqual([]);
  });

  it('keeps a paper’s authors and their institutes out of its sections, and its own headings in', () => {
    const text = [
      'Crossings Without Settlement: The River Talks, 2025–2026',
      'Ada Lind, Senior Fellow, Institute for River Studies, Marrow',
      'Ola Berg (Research Associate) and Ivo Stan (Fellow)',
      'Working Paper No. 14 — January 2026',
      'Abstract',
      PROSE,
      '1. Introduction',
      MORE,
    ].join('\n\n');
    expect(headings(text)).toEqual(['Abstract', '1. Introduction']);
    expect(bylines(text)).toHaveLength(3);
  });

  it('reads a Markdown heading as one whatever its case, without its marks', () => {
    const text = blocks(
      '# The river talks: what was agreed',
      '*By Mira Castell | The Ledger | 12 February 2026*',
      PROSE,
      '## Why it stalled',
      MORE,
      '## What comes next?',
      PROSE,
    );
    expect(cleanText(text).title).toBe('The river talks: what was agreed');
    expect(headings(text)).toEqual(['Why it stalled', 'What comes next?']);
    const strong = blocks(
      '# The river talks',
      '**By Mira Castell** · Opinion · The Ledger · 2 April 2026',
      PROSE,
      '## Why it stalled',
      MORE,
    );
    expect(headings(strong)).toEqual(['Why it stalled']);
    expect(cleanText(strong).byline.authors).toEqual(['Mira Castell']);
    // A dated heading is a heading, not the article's date line.
    expect(headings(`# Timeline\n\n## 14 March 2025\n\n${PROSE}\n\n## 2 April 2025\n\n${MORE}\n`)).toEqual([
      '14 March 2025',
      '2 April 2025',
    ]);
    // So is a bare date heading a chronology in plain text (an upload's layout, the marks gone); a dated line with a
    // label or a time is the article's ("Published …", "October 3, 2025, 4:12 PM GMT").
    expect(headings(`Timeline\n\n14 March 2025\n\n${PROSE}\n\n2 April 2025\n\n${MORE}\n`)).toEqual(['14 March 2025', '2 April 2025']);
    expect(headings(`Timeline\n\nOctober 3, 2025, 4:12 PM GMT\n\n${PROSE}\n`)).toEqual([]);
  });

  it('reads a transcript’s turns as what was said, not as headings', () => {
    const text = blocks(
      'RADIO LAKESIDE: THE RIVER DESK',
      `HOST: Good evening. ${PROSE}`,
      `GUEST: ${MORE}`,
      'HOST: What happens next?',
      `GUEST: ${PROSE}`,
    );
    expect(headings(text)).toEqual([]);
    expect(cleanText(text).blocks.map((b) => b.text)).toContain('HOST: What happens next?');
  });

  it('keeps a signature at the foot out of the body', () => {
    const text = `The crossings are a timetable\n\nBy Mira Castell\n\n${PROSE}\n\n${MORE}\n\nMira Castell\nMarrow\n`;
    const cleaned = cleanText(text);
    expect(cleaned.blocks.map((b) => b.text)).toEqual([PROSE, MORE]);
    expect(bylines(text)).toEqual(['By Mira Castell', 'Mira Castell', 'Marrow']);
    // A name that is not the author's is the article's.
    expect(cleanText(`The crossings\n\nBy Mira Castell\n\n${PROSE}\n\nIvo Stan\nMarrow\n`).blocks.map((b) => b.text)).toContain('Marrow');
  });

  it('keeps the entries under a References heading out of the body, a disclaimer after them in', () => {
    const notes = [
      '[1] Office of the Envoy, "Note on travel", 2 March 2026.',
      '[2] Interviews with two participants, Marrow, November 2025.',
      "[3] Premium data from the underwriters' quarterly bulletins.",
    ];
    const apa = [
      'Lind, A. (2024). Crossings Revisited. Marrow: River Institute.',
      'Stan, I., & Berg, O. (2023). Bundled Commitments. Lakeside Review, 4(2), 1–9.',
      'River Underwriters (2023-2025). War-Risk Bulletin, quarterly issues. Marrow.',
    ];
    const disclaimer = 'This paper and everything in it are invented for testing.';
    for (const entries of [notes, apa]) {
      const cleaned = cleanText(blocks('Crossings Without Settlement', PROSE, 'References', entries.join('\n'), disclaimer));
      expect(cleaned.blocks.map((b) => b.text)).toEqual([PROSE, disclaimer]);
      expect(cleaned.boilerplate.filter((b) => b.kind === 'reference').map((b) => b.text)).toEqual(['References', ...entries]);
    }
    // A section called Notes that holds prose is the article's.
    expect(headings(blocks('Crossings', PROSE, 'Notes', MORE, PROSE))).toEqual(['Notes']);
  });

  it('keeps a byline under a standfirst, a show’s hosts and guests, and a table’s header out of the sections', () => {
    const feature = blocks(
      'THE RIVER KEEPERS',
      'Lakeside Magazine · February 2026 issue · Features',
      PROSE,
      'By Mira Castell',
      MORE,
      PROSE,
    );
    expect(headings(feature)).toEqual([]);
    expect(bylines(feature)).toContain('By Mira Castell');
    const show = [
      'RIVER TALK - a Lakeside Audio podcast',
      'Released Thursday, 19 February 2026',
      'Hosts: Anna Kessler (Berlin), Marko Lis (Kyiv)',
      'Guest: Dr Ada Ross, Vienna Policy Forum',
      '',
      `ANNA: ${PROSE}`,
      '',
      `MARKO: ${MORE}`,
    ].join('\n');
    expect(headings(show)).toEqual([]);
    expect(bylines(show)).toEqual(
      expect.arrayContaining(['Hosts: Anna Kessler (Berlin), Marko Lis (Kyiv)', 'Guest: Dr Ada Ross, Vienna Policy Forum']),
    );
    expect(headings(blocks('Crossings', PROSE, '3. Chronology', 'Date | Development | Note', MORE, PROSE))).toEqual(['3. Chronology']);
  });

  it('reads a masthead-like line past the head as the article has it', () => {
    // The head ends at the first sentence of some length, however short the paragraph holding it.
    const text = `The crossings\n\nBy Mira Castell\n\n${MORE}\n\nMarrow, 24 February 2022\n\n${PROSE}\n`;
    expect(headings(text)).toEqual(['Marrow, 24 February 2022']);
  });
});

describe('loading a damaged library', () => {
  it('reports each broken file by name and still loads the rest', () => {
    const dir = tempDir('seeds');
    copyFileSync(join(SEEDS, '003_2360bc79734d53f8.txt'), join(dir, '003_2360bc79734d53f8.txt'));
    copyFileSync(join(SEEDS, 'sources.json'), join(dir, 'sources.json'));
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0xfe]));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(
      join(dir, 'new-article.txt'),
      'Fresh Talks in Geneva\n\nDelegations met in Geneva on Monday to discuss a prisoner exchange. Both sides called the talks useful.\n',
    );
    const { sources, warnings } = loadLibrary(dir);
    expect(sources.map((s) => s.meta.id).sort()).toEqual(['jacobin-2022', 'new-article']);
    const byFile = Object.fromEntries(warnings.map((w) => [w.file, w.message]));
    expect(byFile['binary.txt']).toMatch(/skipped: not a text file/);
    expect(byFile['empty.txt']).toMatch(/skipped/);
    expect(byFile['new-article.txt']).toMatch(/not in sources\.json; loaded with the derived title "Fresh Talks in Geneva"/);
    expect(byFile['000_7a7639b88b84abcb.txt']).toMatch(/listed in sources\.json but not found/);
  });

  it('reads a Latin-1 (Windows-1252) article as such, with a warning naming it, and never indexes U+FFFD', () => {
    const dir = tempDir('seeds');
    const text =
      'Café talks in Genève\n\nDelegations met at a café in Genève on Monday to discuss the grain corridor. “Both sides” called ' +
      'the talks useful – a first.\n';
    // Latin-1 for the accents; Windows-1252 for the curly quotes and the dash.
    const bytes = Buffer.from([...text].map((c) => ({ '“': 0x93, '”': 0x94, '–': 0x96 })[c] ?? c.charCodeAt(0)));
    writeFileSync(join(dir, 'latin1.txt'), bytes);
    writeFileSync(
      join(dir, 'damaged.txt'),
      'Caf\uFFFD talks in Gen\uFFFDve\n\nDelegations met in Gen\uFFFDve on Monday to discuss the grain corridor and called the ' +
        'talks useful.\n',
    );
    writeFileSync(join(dir, 'noise.txt'), Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 37 + 11) % 256).filter((b) => b !== 0)));
    const { sources, warnings } = loadLibrary(dir);
    expect(sources.map((s) => s.meta.id)).toEqual(['latin1']);
    expect(sources[0]?.meta.title).toBe('Café talks in Genève');
    expect(sources[0]?.text).toContain(
      'a café in Genève on Monday to discuss the grain corridor. “Both sides” called the talks useful – a first.',
    );
    const byFile = (file: string): string[] => warnings.filter((w) => w.file === file).map((w) => w.message);
    expect(byFile('latin1.txt')).toContain('not valid UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8 to silence this warning');
    expect(byFile('damaged.txt')).toEqual([
      'skipped: holds 3 U+FFFD replacement characters: damaged by an earlier conversion; fix the text or save the original as UTF-8',
    ]);
    expect(byFile('noise.txt')).toEqual(['skipped: not a text file (binary, or an encoding other than UTF-8 and Windows-1252)']);
    // Nothing with a replacement character reaches the index.
    const index = buildCorpus(sources).index;
    expect([...index.passages.values()].filter((p) => p.text.includes('\uFFFD'))).toEqual([]);
    expect([...index.passages.values()].some((p) => p.text.includes('Genève'))).toBe(true);
  });

  it('builds from the files handed over, with no folder: each warning says what kind it is', () => {
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
    const article =
      'Fresh Talks in Geneva\n\nDelegations met in Geneva on Monday to discuss a prisoner exchange. Both sides called the talks useful.\n';
    const manifest = JSON.stringify({
      sources: [
        { id: 'geneva', file: 'geneva.txt', title: 'Geneva' },
        { id: 'gone', file: 'gone.txt', title: 'Gone' },
      ],
    });
    const { sources, warnings } = buildLibrary({
      manifest,
      articles: [
        { name: 'geneva.txt', bytes: bytes(article) },
        { name: 'latin1.txt', bytes: Uint8Array.from([...article.replace('Geneva', 'Genève')].map((c) => c.charCodeAt(0))) },
        { name: 'locked.txt', unreadable: 'EACCES: permission denied' },
      ],
    });
    expect(sources.map((s) => s.meta.id)).toEqual(['geneva', 'latin1']);
    expect(sources[1]?.meta.title).toBe('Fresh Talks in Genève');
    expect(warnings).toEqual([
      { kind: 'unlisted', file: 'latin1.txt', message: 'not in sources.json; loaded with the derived title "Fresh Talks in Genève"' },
      {
        kind: 'encoding',
        file: 'latin1.txt',
        message: 'not valid UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8 to silence this warning',
      },
      { kind: 'skipped', file: 'locked.txt', message: 'skipped: EACCES: permission denied' },
      { kind: 'missing', file: 'gone.txt', message: 'listed in sources.json but not found' },
    ]);
    expect(buildLibrary({ manifest: null, articles: [] }).warnings).toEqual([
      { kind: 'manifest', file: 'sources.json', message: 'no manifest; titles are derived from the texts' },
    ]);
  });

  it('survives a malformed manifest: one warning, every article still loads', () => {
    const dir = tempDir('seeds');
    for (const f of seedFiles()) copyFileSync(join(SEEDS, f), join(dir, f));
    writeFileSync(join(dir, 'sources.json'), '{"sources": [{"id": "Bad Id!", "file": 3}]}');
    const { sources, warnings } = loadLibrary(dir);
    expect(sources).toHaveLength(5);
    expect(warnings[0]).toMatchObject({ kind: 'manifest', file: 'sources.json' });
    expect(warnings[0]?.message).toMatch(/^ignored: sources\.0\.id: must be a lowercase slug/);
    expect(warnings[0]?.message).not.toContain('\n');
  });
});
