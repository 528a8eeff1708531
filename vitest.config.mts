import { defineConfig } from 'vitest/config';

// NGUONGOC_TEST_REPORT (set by .ci/run) adds a JSON report for the "N passed, N failed" line.
const report = process.env.NGUONGOC_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // A temporary home and app-data folder for the whole run; every file checks the real one is untouched.
    globalSetup: ['test/setup/global.ts'],
    setupFiles: ['test/setup/each-file.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: two files at a time keeps browser tests from starving each other.
    maxWorkers: 2,
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
