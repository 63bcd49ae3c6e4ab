// Mutation testing (npm run mutate -- <module>): scripts/mutate.mjs picks the tests and passes them in MUTATE_TESTS.
// One core (the machine is shared), the vitest runner with per-test coverage, no build step. Not run in CI.
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.mjs', related: false },
  coverageAnalysis: 'perTest',
  concurrency: 1,
  // What the core and interaction tests never read: no need to copy it into the sandbox.
  ignorePatterns: [
    'dist',
    'site',
    'data',
    'bench',
    'eval',
    'golden',
    'docs',
    'coverage',
    'reports',
    '.cache',
    '.scratch',
    'packages/*/dist',
  ],
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  timeoutMS: 10_000,
  cleanTempDir: 'always',
};
