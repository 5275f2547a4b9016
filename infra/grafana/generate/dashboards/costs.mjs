import { dashboard, q, row, stat, timeseries } from '../panels.mjs';

const FILL = 'cryptosignal_executor_fill_cost_bps_bucket';
const ERROR = 'cryptosignal_cost_model_estimate_error_bps';

/** Realised execution costs, the cost model's estimate error, and funding sources. */
export default dashboard({
  slug: 'costs',
  title: 'Costs',
  description: 'Costs in bps of notional. Estimate error = realised − estimated (> 0: underestimated).',
  timeFrom: 'now-7d',
  panels: [
    stat('Mean estimate error (24h)', [q(`sum(increase(${ERROR}_sum[24h])) / sum(increase(${ERROR}_count[24h]))`, '', { instant: true })],
      { unit: 'none', decimals: 2, description: 'bps; the bias of the cost model.' }),
    stat('Median estimate error (24h)', [q(`histogram_quantile(0.5, sum by (le) (increase(${ERROR}_bucket[24h])))`, '', { instant: true })], { unit: 'none', decimals: 2 }),
    stat('Symbols on the fallback estimate', [q('max(cryptosignal_cost_model_symbols_on_fallback)', '', { instant: true })], { decimals: 0 }),
    stat('Assumed funding share (7d)', [q('sum(increase(cryptosignal_executor_funding_charges_total{funding_source="assumed"}[7d])) / sum(increase(cryptosignal_executor_funding_charges_total[7d]))', '', { instant: true })],
      { unit: 'percentunit', description: 'Funding charged at the configured assumed rate because no history exists for the symbol.' }),
    row('Realised fill costs (executor)'),
    timeseries('Median fill cost by component', [q(`histogram_quantile(0.5, sum by (le, component) (rate(${FILL}[1h])))`, '{{component}}')], { unit: 'none' }),
    timeseries('p95 fill cost by component', [q(`histogram_quantile(0.95, sum by (le, component) (rate(${FILL}[1h])))`, '{{component}}')], { unit: 'none' }),
    row('Cost model (estimate error, bps)'),
    timeseries('Estimate error: p5, median, p95', [
      q(`histogram_quantile(0.05, sum by (le) (rate(${ERROR}_bucket[6h])))`, 'p5'),
      q(`histogram_quantile(0.5, sum by (le) (rate(${ERROR}_bucket[6h])))`, 'median'),
      q(`histogram_quantile(0.95, sum by (le) (rate(${ERROR}_bucket[6h])))`, 'p95'),
    ], { unit: 'none' }),
    timeseries('Funding charges per hour by source', [q('sum by (funding_source) (increase(cryptosignal_executor_funding_charges_total[1h]))', '{{funding_source}}')], { stack: true }),
    stat('Since the cost model was published', [q('time() - max(cryptosignal_cost_model_last_publish_timestamp_seconds)', '', { instant: true })], { unit: 's', w: 12 }),
  ],
});
