import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/postgres.ts'],
    // Ceilings, not durations: the tests that spawn servers take seconds on a quiet machine, many more on a shared busy one.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { DOTENV_CONFIG_QUIET: 'true' },
  },
});
