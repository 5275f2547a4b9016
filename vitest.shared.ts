/** Shared vitest settings: tests resolve workspace packages to their TypeScript sources (`source` export condition). */
export const sharedResolve = {
  conditions: ['source', 'import', 'node', 'default'],
};
