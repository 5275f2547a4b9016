export * from './clock.js';
export * from './errors.js';
export * from './lifecycle.js';
export * from './retry.js';
export * from './run-service.js';
