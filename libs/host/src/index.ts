export * from './scheduler.js';
export * from './service-context.js';
