/** The URL shape of reader links (core/reader.ts) and the PUBLIC_READER_URL setting. */
import { describe, expect, it } from 'vitest';
import { ConfigError, readBotConfig, readReaderUrl, readServeConfig } from '../../src/runtime/config.js';
import {
  articleLink,
  citationLink,
  eventLinks,
  FRAGMENT_WORDS,
  footnoteLinks,
  passageAnchor,
  readerLink,
  readerPath,
  textDirective,
} from '../../src/core/reader.js';

const cite = (passageId: string) => ({ sourceId: passageId.split('#')[0] ?? '', passageId });

describe('reader paths', () => {
  it('open the article page at the passage: the part of its id after #', () => {
    expect(passageAnchor('jacobin-2022#p14')).toBe('p14');
    expect(passageAnchor('jacobin-2022#p14.2')).toBe('p14.2');
    expect(readerPath(cite('jacobin-2022#p14'))).toBe('jacobin-2022.html#p14');
    expect(readerPath(cite('jacobin-2022#p14.2'))).toBe('jacobin-2022.html#p14.2');
  });

  it('join any base, with or without its trailing slash; no base, no link', () => {
    expect(readerLink('https://example.org/sources/', 'a.html#p1')).toBe('https://example.org/sources/a.html#p1');
    expect(readerLink('https://example.org/sources', 'a.html#p1')).toBe('https://example.org/sources/a.html#p1');
    expect(citationLink(undefined, cite('a#p1'), ['Some words here.'])).toBeUndefined();
    expect(articleLink('https://x.org/', 'jacobin-2022')).toBe('https://x.org/jacobin-2022.html');
    expect(articleLink(undefined, 'jacobin-2022')).toBeUndefined();
  });
});

describe('text fragments', () => {
  it('quote a short sentence whole, and a long one by its first and last words', () => {
    expect(textDirective('Talks failed in March.')).toBe('text=Talks%20failed%20in%20March.');
    const long = 'Negotiations over the swap led to the first talks at the end of July between Lavrov and Blinken.';
    const words = long.split(' ');
    expect(textDirective(long)).toBe(
      `text=${encodeURIComponent(words.slice(0, FRAGMENT_WORDS).join(' '))},${encodeURIComponent(words.slice(-FRAGMENT_WORDS).join(' '))}`,
    );
  });

  it('take the start from the first sentence and the end from the last (neither crosses a paragraph)', () => {
    const d = textDirective('First one here is long enough now. Second sentence also has several words in it.');
    expect(d).toBe('text=First%20one%20here%20is,several%20words%20in%20it.');
  });

  it('drop the ellipses an excerpt adds, which are not in the article', () => {
    expect(textDirective('… More recently, Zelensky has threatened to abandon negotiations altogether if Moscow tries the POWs. …')).toBe(
      'text=More%20recently%2C%20Zelensky%20has,Moscow%20tries%20the%20POWs.',
    );
    expect(textDirective(' … ')).toBeNull();
  });

  it('find a line by the article’s own words, never by what the bot adds in [brackets] or a word or two between cuts', () => {
    // "[Zelensky]" stands for "he": the start and the end come from the words around it.
    expect(textDirective('“Nobody believes in our victory like I do. Nobody,” [Zelensky] told Time in October 2023.')).toBe(
      'text=%E2%80%9CNobody%20believes%20in%20our,Time%20in%20October%202023.',
    );
    // "The" alone would be found anywhere on the page: the run after the addition is used.
    expect(textDirective('The [Zaporizhzhia nuclear] plant, Europe’s largest, has come under shelling for the past week.')).toBe(
      'text=plant%2C%20Europe%E2%80%99s%20largest%2C%20has,for%20the%20past%20week.',
    );
  });

  it('start before the first cut and end after the last, where a quote was cut in the middle', () => {
    expect(textDirective('In July, Russia and Ukraine … the deal has so far been successful.')).toBe(
      'text=In%20July%2C%20Russia%20and,so%20far%20been%20successful.',
    );
    expect(textDirective('Zelensky … pledged … Crimea.')).toBe('text=Zelensky,Crimea.');
  });

  it("escape the directive's syntax and what would end a Markdown link", () => {
    const d = textDirective('UN-brokered deal, (Reuters) & more!') ?? '';
    expect(d).not.toMatch(/[()!'*~]/);
    expect(d.slice('text='.length)).not.toMatch(/[-,&]/);
    expect(decodeURIComponent(d.slice('text='.length))).toBe('UN-brokered deal, (Reuters) & more!');
  });

  it('put several quotes in one link, and leave a passage link plain without quotes', () => {
    expect(readerPath(cite('a#p2'), ['One two three.', 'Four five six.'])).toBe(
      'a.html#p2:~:text=One%20two%20three.&text=Four%20five%20six.',
    );
    expect(readerPath(cite('a#p2'), [])).toBe('a.html#p2');
  });

  it("highlight an event in its first source's words only, and each footnote's own sentences", () => {
    const base = 'https://x.org/';
    const [first, second] = eventLinks(base, { text: 'Talks failed in March.', citations: [cite('a#p1'), cite('b#p7')] });
    expect(first).toBe('https://x.org/a.html#p1:~:text=Talks%20failed%20in%20March.');
    expect(second).toBe('https://x.org/b.html#p7');
    const notes = footnoteLinks(base, {
      sources: [cite('a#p1'), cite('b#p2')],
      sentences: [
        { text: 'One two three.', footnote: 2 },
        { text: 'Four five six.', footnote: 1 },
        { text: 'Seven eight nine.', footnote: 2 },
      ],
    });
    expect(notes).toEqual([
      'https://x.org/a.html#p1:~:text=Four%20five%20six.',
      'https://x.org/b.html#p2:~:text=One%20two%20three.&text=Seven%20eight%20nine.',
    ]);
  });
});

describe('PUBLIC_READER_URL', () => {
  const bot = { DISCORD_TOKEN: `${'a'.repeat(24)}.${'b'.repeat(6)}.${'c'.repeat(27)}`, DISCORD_APPLICATION_ID: '1300000000000000001' };

  it('is optional, and kept with a trailing slash', () => {
    expect(readReaderUrl({})).toBeUndefined();
    expect(readReaderUrl({ PUBLIC_READER_URL: '' })).toBeUndefined();
    expect(readReaderUrl({ PUBLIC_READER_URL: 'https://example.org/sources' })).toBe('https://example.org/sources/');
    expect(readReaderUrl({ PUBLIC_READER_URL: 'http://127.0.0.1:8080/sources/' })).toBe('http://127.0.0.1:8080/sources/');
    expect(readBotConfig({ ...bot, PUBLIC_READER_URL: 'https://me.github.io/peace' }).PUBLIC_READER_URL).toBe(
      'https://me.github.io/peace/',
    );
    expect(readServeConfig({ DISCORD_PUBLIC_KEY: 'a'.repeat(64), PUBLIC_READER_URL: 'https://x.org/' }).PUBLIC_READER_URL).toBe(
      'https://x.org/',
    );
  });

  it('must be an absolute http(s) URL without query, fragment or credentials: one line naming it otherwise', () => {
    for (const bad of [
      'sources/',
      '/sources/',
      'ftp://example.org/',
      'javascript:alert(1)',
      'https://example.org/?a=1',
      'https://example.org/#x',
      'https://u:p@example.org/',
      'not a url',
    ]) {
      expect(() => readReaderUrl({ PUBLIC_READER_URL: bad }), bad).toThrow(ConfigError);
      expect(() => readBotConfig({ ...bot, PUBLIC_READER_URL: bad }), bad).toThrow(/^PUBLIC_READER_URL must be an absolute http\(s\) URL/);
    }
  });
});
