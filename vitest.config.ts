import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'bin/**/*.test.ts', 'tools/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    // Some suites train models once in beforeAll; shared CI machines can be slow.
    hookTimeout: 120_000,
    // tfjs keeps one global engine per process; forks isolate files from each other.
    pool: 'forks',
  },
});
