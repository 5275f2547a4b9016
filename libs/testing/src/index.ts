export * from './infra.js';
export * from './metric-catalogue.js';
export * from './metric-samples.js';
export * from './pg-schema.js';
export * from './recorded-trades.js';
export * from './unique-name.js';
export * from './wait-for.js';
