// Lint: typescript-eslint's recommended type-aware rules (they read the types, so a floating promise or an
// `any` leaking out of a JSON parse is caught), plus a ban on `any` at module boundaries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'packages/*/dist/**',
      'node_modules/**',
      'coverage/**',
      '.cache/**',
      'bench/results/**',
      'site/**',
      '.scratch/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The test configs include everything the build does, plus tests, bench, eval and tools.
        project: ['./tsconfig.test.json', './packages/discord-emulator/tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'eval/**/*.ts', 'packages/*/test/**/*.ts'],
    rules: { '@typescript-eslint/explicit-module-boundary-types': 'off' },
  },
  // Prettier cannot break a long string, regex or comment, so a line over 140 fails here: write a long word pattern as a word list.
  {
    files: ['src/**', 'commands/**', 'tests/**', 'eval/**', 'bench/**', 'golden/**', 'docs/**'],
    rules: { 'max-len': ['error', { code: 140, ignoreUrls: true }] },
  },
  // Plain JavaScript (this file, the test preloads, the bench peers) has no types to read.
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
