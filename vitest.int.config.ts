import { defineConfig } from 'vitest/config';
import { sharedResolve } from './vitest.shared.js';

/** Integration tests: real Kafka, PostgreSQL and Redis started by `make infra-up`. */
export default defineConfig({
  resolve: sharedResolve,
  ssr: { resolve: { conditions: sharedResolve.conditions, externalConditions: ['source'] } },
  test: {
    include: ['libs/*/test/**/*.int.test.ts', 'services/*/test/**/*.int.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
