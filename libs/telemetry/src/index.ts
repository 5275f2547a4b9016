export * from './admin-server.js';
export * from './logger.js';
export * from './messaging-spans.js';
export * from './metrics.js';
export * from './propagation.js';
export * from './redact.js';
export * from './span-links.js';
export * from './tracing.js';
