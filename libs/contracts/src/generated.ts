// Re-exports the code generated from proto/cryptosignal/v1 (src/gen/, a build product of scripts/generate.mjs):
// one interface and one encode/decode object per message, one enum per proto enum, and the gRPC service
// definition and client of InferenceService.
export * from './gen/cryptosignal/v1/common.js';
export * from './gen/cryptosignal/v1/config.js';
export * from './gen/cryptosignal/v1/execution.js';
export * from './gen/cryptosignal/v1/inference.js';
export * from './gen/cryptosignal/v1/market.js';
export * from './gen/cryptosignal/v1/meta.js';
export * from './gen/cryptosignal/v1/signals.js';
