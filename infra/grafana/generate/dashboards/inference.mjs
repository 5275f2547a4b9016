import { dashboard, q, row, stat, table, timeseries } from '../panels.mjs';

const R = '$__rate_interval';
const DURATION = 'cryptosignal_inference_request_duration_seconds_bucket';

/** The inference service (latency, batching, models) and the pipeline's fallbacks to v7.2. */
export default dashboard({
  slug: 'inference',
  title: 'Inference',
  description: 'gRPC ONNX inference: request rate and codes, latency, micro-batch sizes, loaded models, and the fallback ratio.',
  panels: [
    stat('Fallback ratio (15m)', [q('sum(rate(cryptosignal_pipeline_inference_fallbacks_total[15m])) / sum(rate(cryptosignal_pipeline_inference_attempts_total[15m]))', '', { instant: true })],
      { unit: 'percentunit', thresholds: [{ color: 'red', value: 0.05 }] }),
    stat('Error responses (15m)', [q('sum(rate(cryptosignal_inference_requests_total{code!="OK"}[15m])) / sum(rate(cryptosignal_inference_requests_total[15m]))', '', { instant: true })], { unit: 'percentunit' }),
    table('Models loaded', [q('max by (model, provider) (cryptosignal_inference_model_loaded)', '', { instant: true, table: true })], { w: 12, h: 4 }),
    row('Requests'),
    timeseries('Requests by model and RPC', [q(`sum by (model, rpc) (rate(cryptosignal_inference_requests_total[${R}]))`, '{{model}} {{rpc}}')], { unit: 'reqps' }),
    timeseries('Requests by status code', [q(`sum by (code) (rate(cryptosignal_inference_requests_total[${R}]))`, '{{code}}')], { unit: 'reqps', stack: true }),
    timeseries('Latency p50 / p99 by model', [
      q(`histogram_quantile(0.5, sum by (le, model) (rate(${DURATION}[${R}])))`, 'p50 {{model}}'),
      q(`histogram_quantile(0.99, sum by (le, model) (rate(${DURATION}[${R}])))`, 'p99 {{model}}'),
    ], { unit: 's', thresholds: [{ color: 'red', value: 0.1 }] }),
    timeseries('Batch size: mean and p99 by model', [
      q(`sum by (model) (rate(cryptosignal_inference_batch_size_sum[${R}])) / sum by (model) (rate(cryptosignal_inference_batch_size_count[${R}]))`, 'mean {{model}}'),
      q(`histogram_quantile(0.99, sum by (le, model) (rate(cryptosignal_inference_batch_size_bucket[${R}])))`, 'p99 {{model}}'),
    ]),
    row('Models and fallbacks'),
    timeseries('Fallbacks to v7.2 by reason', [q(`sum by (reason) (rate(cryptosignal_pipeline_inference_fallbacks_total[${R}]))`, '{{reason}}')], { unit: 'ops', stack: true }),
    timeseries('Model reloads', [q('sum by (model, result) (increase(cryptosignal_inference_model_reloads_total[1h]))', '{{model}} {{result}}')], { stack: true }),
  ],
});
