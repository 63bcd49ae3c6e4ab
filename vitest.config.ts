import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests spawn the compiled `talks`; give slow CI machines room.
    testTimeout: 20_000,
    pool: 'forks',
  },
});
