import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests spawn the compiled `talks`; give slow CI machines room.
    testTimeout: 20_000,
    pool: 'forks',
    // A temporary folder for the run, removed at its end (and a failure if a test left anything in it).
    globalSetup: ['tests/support/temp-root.ts'],
  },
});
