/**
 * A synthetic library for benchmarks: `n` passages of realistic length made of the seeds' own sentences,
 * drawn with a fixed-seed generator so every run measures the same corpus.
 */
import { loadLibrary } from '../src/library/seed-files.js';
import { splitSentences } from '../src/core/sentences.js';
import type { Source } from '../src/core/types.js';
import { DEFAULT_SEEDS_DIR } from '../src/runtime/paths.js';
import { inventedMeta } from '../tests/support/invented.js';

/** Passages per synthetic source. */
const PER_SOURCE = 1000;

export function syntheticParagraphs(n: number, seed = 42): string[] {
  const sentences = loadLibrary(DEFAULT_SEEDS_DIR).sources.flatMap((s) => s.paragraphs.flatMap((p) => splitSentences(p.text)));
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let text = '';
    // 300–600 characters, like the seeds' passages.
    const target = 300 + Math.floor(random() * 300);
    while (text.length < target) text += (text ? ' ' : '') + (sentences[Math.floor(random() * sentences.length)] ?? '');
    out.push(text);
  }
  return out;
}

export function syntheticSources(paragraphs: readonly string[]): Source[] {
  const sources: Source[] = [];
  for (let s = 0; s * PER_SOURCE < paragraphs.length; s++) {
    const texts = paragraphs.slice(s * PER_SOURCE, (s + 1) * PER_SOURCE);
    let offset = 0;
    const list = texts.map((text, i) => {
      const p = { number: i + 1, section: `Section ${(i % 7) + 1}`, text, start: offset, end: offset + text.length };
      offset += text.length + 2;
      return p;
    });
    sources.push({
      meta: inventedMeta(`synthetic-${s}`, { title: `Synthetic article ${s}` }),
      text: texts.join('\n\n'),
      paragraphs: list,
      sections: [...new Set(list.map((p) => p.section))],
      boilerplate: [],
      hash: '',
    });
  }
  return sources;
}
