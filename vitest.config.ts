import { defineConfig } from 'vitest/config';
import { sharedResolve } from './vitest.shared.js';

/** Unit tests: no network, no infrastructure. */
export default defineConfig({
  resolve: sharedResolve,
  ssr: { resolve: { conditions: sharedResolve.conditions, externalConditions: ['source'] } },
  test: {
    include: ['libs/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts'],
    exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
