export * from './distributed-components.js';
export * from './distributed-env.js';
export * from './run-distributed-main.js';
export * from './scheduler.js';
export * from './service-context.js';
