import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // The dashboard (src/ui/) runs in Chromium, where this coverage cannot see it: the browser
      // tests record it themselves and `node scripts/ui-coverage.mjs` checks it (npm run check).
      exclude: ['src/**/*.test.ts', 'src/ui/**'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 85 },
    },
  },
});
