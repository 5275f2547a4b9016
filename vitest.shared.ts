/**
 * Shared vitest settings: tests resolve workspace packages to their TypeScript sources (`source` export
 * condition). Vitest also hands these conditions to the worker's Node as `--conditions`, so `import` must not
 * be listed: with it, CommonJS `require` calls inside dependencies (pg → pg-pool) resolve to ESM builds and
 * fail. Vite adds `import`/`require` by itself for each import it resolves.
 */
export const sharedResolve = {
  conditions: ['source', 'node', 'default'],
};
