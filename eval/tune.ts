/**
 * `npm run eval -- --tune excerptWeight=0.6 --tune excerpt.sentenceCost=0.05 --tune summary.mmrLambda=0.6`: one
 * number of `DEFAULT_SEARCH_OPTIONS` (named by its path) or of `DEFAULT_SUMMARY_OPTIONS` (after `summary.`) set
 * for one run, so a value is swept without editing code.
 */
import { DEFAULT_SEARCH_OPTIONS, type SearchTuningOverrides } from '../src/core/search-options.js';
import { DEFAULT_SUMMARY_OPTIONS, type SummaryOptions } from '../src/core/summary/index.js';

export interface Tuning {
  search?: SearchTuningOverrides;
  summary?: Partial<SummaryOptions>;
}

type Tree = { [key: string]: number | Tree };

/** `name=number` pairs as overrides; throws one line naming the first pair that names no number option. */
export function parseTuning(pairs: readonly string[]): Tuning {
  const search: Tree = {};
  const summary: Tree = {};
  for (const pair of pairs) {
    const [path = '', raw = '', extra] = pair.split('=');
    const value = Number(raw);
    if (extra !== undefined || raw.trim() === '' || !Number.isFinite(value)) throw new Error(`--tune ${pair}: write it as name=number`);
    const keys = path.split('.');
    const ofSummary = keys[0] === 'summary';
    let defaults: unknown = ofSummary ? DEFAULT_SUMMARY_OPTIONS : DEFAULT_SEARCH_OPTIONS;
    let into = ofSummary ? summary : search;
    const names = ofSummary ? keys.slice(1) : keys;
    for (const [i, key] of names.entries()) {
      const known = typeof defaults === 'object' && defaults !== null && Object.hasOwn(defaults, key);
      defaults = known ? (defaults as Record<string, unknown>)[key] : undefined;
      const last = i === names.length - 1;
      if (last ? typeof defaults !== 'number' : typeof defaults !== 'object') throw new Error(`--tune ${path}: no such number to tune`);
      if (last) into[key] = value;
      else into = (into[key] ??= {}) as Tree;
    }
    if (names.length === 0) throw new Error(`--tune ${path}: no such number to tune`);
  }
  return {
    ...(Object.keys(search).length > 0 ? { search } : {}),
    ...(Object.keys(summary).length > 0 ? { summary } : {}),
  };
}
