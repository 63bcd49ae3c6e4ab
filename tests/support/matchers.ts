/**
 * vitest's asymmetric matchers with a type. `expect.any`, `expect.stringMatching` and `expect.objectContaining`
 * return `any`, which the type-aware lint refuses inside a typed object (`toMatchObject({ id: expect.any(String) })`);
 * these are the same matchers, typed as what they are.
 */
import { expect } from 'vitest';

/** An asymmetric matcher, as vitest runs it (its `AsymmetricMatcherInterface`, which `vitest` does not export). */
export interface Matcher {
  asymmetricMatch(other: unknown): boolean;
}

export const match = {
  /** `expect.any(type)`: any value made by `type` (`String`, `Number`, … match primitives too). */
  any: (type: abstract new (...args: never[]) => unknown): Matcher => expect.any(type) as Matcher,
  /** `expect.stringMatching(pattern)`. */
  stringMatching: (pattern: RegExp): Matcher => expect.stringMatching(pattern) as Matcher,
  /** `expect.objectContaining(sample)`: an object with at least these properties, compared deeply. */
  objectContaining: (sample: Record<string, unknown>): Matcher => expect.objectContaining(sample) as Matcher,
};
