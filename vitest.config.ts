import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'bot',
          include: ['tests/**/*.test.ts'],
          // The CLI tests spawn the compiled `talks`; give slow CI machines room.
          testTimeout: 20_000,
          pool: 'forks',
          // A temporary folder for the run, removed at its end (and a failure if a test left anything in it).
          globalSetup: ['tests/support/temp-root.ts'],
        },
      },
      // The workspace packages, each with its own vitest.config.ts (the Discord emulator's tests).
      'packages/*',
    ],
  },
});
