export * from './isotonic.js';
export * from './pava.js';
