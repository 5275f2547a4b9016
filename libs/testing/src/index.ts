export * from './infra.js';
export * from './pg-schema.js';
export * from './unique-name.js';
export * from './wait-for.js';
