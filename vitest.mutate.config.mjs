/* global process */
// The tests a mutation run uses (scripts/mutate.mjs names them): the bot's test setup, without the emulator's project.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: (process.env.MUTATE_TESTS ?? 'tests/core/**/*.test.ts').split(','),
    testTimeout: 20_000,
    globalSetup: ['tests/support/temp-root.ts'],
  },
});
