export * from './cli.js';
export * from './commands/index.js';
export * from './io.js';
export * from './paths.js';
