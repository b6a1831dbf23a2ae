// ESLint (`npm run lint`, with Prettier's check). TypeScript is linted with type information from
// tsconfig.json (the project service), which the promise rules need; a full run takes about a minute.
import { fileURLToPath } from 'node:url';
import { defineConfig, includeIgnoreFile } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default defineConfig(
  // What git ignores (dist/, out/, test-output/, …) is built or written by runs, not source.
  includeIgnoreFile(fileURLToPath(new URL('.gitignore', import.meta.url))),
  {
    // A disable comment that no longer disables anything goes.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // vite.config.ts is outside tsconfig.json (it is not type-checked by `npm run typecheck`).
        projectService: { allowDefaultProject: ['vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A switch over a union names every member, or ends in a default that handles the rest on purpose
      // (the CLI's unknown sub-command, a key read generically).
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // A leading underscore names what is there only for its position or to be left out of a rest.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Async without await is how a function promises a Promise (interfaces, fakes in tests) and turns
      // a throw into a rejection; the rule would have each of them rewritten to Promise.resolve.
      '@typescript-eslint/require-await': 'off',
      // Callbacks are typed with method shorthand (`onClose(): void`) and built from closures, never
      // from classes that use `this`: the rule reports every destructured prop and context value.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests read SQL rows and parsed JSON as they come (any) and check them with expect; they turn
    // spreadsheet cells into text with String(), where an object cell fails the assertion that follows.
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    // test/**/renderer: the renderer's tests, wherever a test tier folder puts them.
    files: ['renderer/**/*.{ts,tsx}', 'test/**/renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // Only the React Compiler (not used here) loses anything when a memo cannot be preserved.
      'react-hooks/preserve-manual-memoization': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // Every file, JavaScript and TypeScript (last: the recommended sets above would turn these back).
    rules: {
      // Chinese text sets an ideographic space (U+3000) between title and date, table number and caption.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true }],
      // Every control-character pattern in the code is there on purpose: it strips or rejects them
      // (terminal output, file names, log lines, passwords).
      'no-control-regex': 'off',
    },
  },
);
