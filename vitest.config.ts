import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Test files that replace a module (`vi.mock`): they get a module registry of their own. */
const MOCKING = ['tests/http/server.test.ts', 'tests/http/signature.test.ts'];

const bot = {
  // The CLI tests spawn the compiled `talks`; give slow CI machines room.
  testTimeout: 20_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    // vitest's default leaves a core idle (one worker on two): the tests wait on processes they spawn as much as they compute.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A worker keeps the modules it loaded for its next file (loading them again was a fifth of the run): each file
    // closes what it opens, and those that replace a module start from a fresh registry (below).
    poolOptions: { forks: { isolate: false } },
    projects: [
      {
        test: {
          ...bot,
          name: 'bot',
          include: ['tests/**/*.test.ts'],
          exclude: MOCKING,
          // A temporary folder for the run, removed at its end (and a failure if a test left anything in it); its
          // TMPDIR is inherited by every worker, the next project's too.
          globalSetup: ['tests/support/temp-root.ts'],
        },
      },
      { test: { ...bot, name: 'bot (mocks)', include: MOCKING, poolOptions: { forks: { isolate: true } } } },
      // The workspace packages, each with its own vitest.config.ts (the Discord emulator's tests).
      'packages/*',
    ],
  },
});
