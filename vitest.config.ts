import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration suites start real servers (registry, dockerd); two cores here, so keep it modest.
    maxWorkers: 2,
    reporters: ['default', './__tests__/summary-reporter.ts'],
  },
});
