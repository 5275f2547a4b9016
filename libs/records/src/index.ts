export * from './documents.js';
export * from './map-rows.js';
export * from './record-cache.js';
export * from './record-filter.js';
export * from './records.js';
export * from './row-reader.js';
export * from './trade-records.js';
export * from './vocabulary.js';
