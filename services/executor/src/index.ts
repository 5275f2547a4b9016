export * from './domain/bar.js';
export * from './domain/entry.js';
export * from './domain/execution-costs.js';
export * from './domain/exit-scan.js';
export * from './domain/funding.js';
export * from './domain/paper-position.js';
export * from './domain/settlement.js';
