import { defineConfig } from 'vitest/config';

// Three tiers, told apart by where a test file is and how it is named:
//   unit         test/**/*.test.ts(x): in the test's own process only — no child process, no worker
//                thread, no PostgreSQL, no browser (test/support/setup/unit-guard.ts refuses them);
//   integration  test/**/*.int.test.ts: CLI processes, worker threads, PostgreSQL, pdftotext, and
//                property checks over the whole demo database that take tens of seconds;
//   e2e          test/e2e/**: Chromium against the web mode.
// `npm run test:unit` (and :integration, :e2e) runs one tier; `vitest run` runs all three.
const INTEGRATION = 'test/**/*.int.test.{ts,tsx}';
const E2E = 'test/e2e/**';

const shared = {
  // Generous: a loaded 2-core machine runs the CLI and Chromium tests several times slower.
  testTimeout: 180_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    // For every tier (its provided value is inherited by each project).
    globalSetup: ['test/support/setup/demo-db.ts'],
    // Two cores: more workers only fight over them.
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: [INTEGRATION, E2E],
          setupFiles: ['test/support/setup/unit-guard.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: [INTEGRATION],
          exclude: [E2E],
          globalSetup: ['test/support/setup/cli-bundle.ts', 'test/support/setup/postgres.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: [`${E2E}/*.test.{ts,tsx}`],
          globalSetup: ['test/support/setup/cli-bundle.ts', 'test/support/setup/postgres.ts'],
        },
      },
    ],
  },
});
