export * from './market.js';
export * from './side.js';
export * from './symbol.js';
export * from './time.js';
export * from './units.js';
