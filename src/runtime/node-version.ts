/**
 * The Node.js versions this project runs on. `package.json`'s `engines` says the same (a test keeps them
 * equal); the floor is the toolchain's (eslint 10 needs ^20.19, ^22.13 or 24+; vite 7, under vitest,
 * ^20.19 or 22.12+). Every entry point imports this module first, so an older Node stops here with one
 * line instead of failing somewhere inside a dependency.
 */

/** The supported release lines: each major from its minor on; the last one and every later major. */
const SUPPORTED = [
  { major: 20, minor: 19 },
  { major: 22, minor: 13 },
  { major: 24, minor: 0 },
] as const;

/** `SUPPORTED` as an npm range, for `engines.node`. */
export const ENGINES_NODE = SUPPORTED.map((v, i) => (i === SUPPORTED.length - 1 ? `>=${v.major}` : `^${v.major}.${v.minor}.0`)).join(
  ' || ',
);

/** Null when `version` (like process.versions.node) is supported, else the one line to print. */
export function nodeVersionProblem(version: string): string | null {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const last = SUPPORTED[SUPPORTED.length - 1] as (typeof SUPPORTED)[number];
  const ok = major > last.major || SUPPORTED.some((v) => v.major === major && minor >= v.minor);
  if (ok) return null;
  const wanted = SUPPORTED.map((v, i) => (i === SUPPORTED.length - 1 ? `${v.major} or later` : `${v.major}.${v.minor}+`)).join(', ');
  return `peace-talks-bot needs Node.js ${wanted}; this is Node.js ${version}`;
}

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
