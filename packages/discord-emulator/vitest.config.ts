import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'discord-emulator',
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
