export { z } from 'zod';
export * from './connection-security.js';
export * from './env-types.js';
export * from './fragments.js';
export * from './load-config.js';
