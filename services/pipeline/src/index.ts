export * from './domain/confidence.js';
export * from './domain/gates.js';
export * from './domain/position-book.js';
export * from './domain/signal-id.js';
export * from './domain/trade-plan.js';
