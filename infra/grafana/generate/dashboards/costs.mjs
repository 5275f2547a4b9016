import { dashboard, q, row, stat, table, timeseries } from '../panels.mjs';

const FILL = 'cryptosignal_executor_fill_cost_bps_bucket';

/** Realised execution costs, the cost model's estimates and error, and funding sources. */
export default dashboard({
  slug: 'costs',
  title: 'Costs',
  description: 'Costs in bps of notional. Estimate error = mean absolute error of the point-in-time estimate against realised fill costs.',
  timeFrom: 'now-7d',
  panels: [
    stat('Estimate error, median estimate', [q('max(cryptosignal_cost_model_estimate_error_bps{mode="median"})', '', { instant: true })], { unit: 'none', decimals: 2, description: 'bps' }),
    stat('Estimate error, p95 estimate', [q('max(cryptosignal_cost_model_estimate_error_bps{mode="p95"})', '', { instant: true })], { unit: 'none', decimals: 2, description: 'bps' }),
    stat('Models built (7d)', [q('sum(increase(cryptosignal_cost_model_rebuilds_total[7d]))', '', { instant: true })], { decimals: 0 }),
    stat('Assumed funding share (7d)', [q('sum(increase(cryptosignal_executor_funding_charges_total{funding_source="assumed"}[7d])) / sum(increase(cryptosignal_executor_funding_charges_total[7d]))', '', { instant: true })],
      { unit: 'percentunit', description: 'Funding charged at the configured assumed rate because no history exists for the symbol.' }),
    row('Realised fill costs (executor)'),
    timeseries('Median fill cost by component', [q(`histogram_quantile(0.5, sum by (le, component) (rate(${FILL}[1h])))`, '{{component}}')], { unit: 'none' }),
    timeseries('p95 fill cost by component', [q(`histogram_quantile(0.95, sum by (le, component) (rate(${FILL}[1h])))`, '{{component}}')], { unit: 'none' }),
    row('Cost model'),
    timeseries('Estimate error over time (bps)', [q('max by (mode) (cryptosignal_cost_model_estimate_error_bps)', '{{mode}} estimate')], { unit: 'none', min: 0 }),
    table('Estimated cost per fill and funding by symbol (bps)', [
      q('max by (symbol) (cryptosignal_cost_model_cost_bps{stat="median"})', '', { instant: true, table: true }),
      q('max by (symbol) (cryptosignal_cost_model_cost_bps{stat="p95"})', '', { instant: true, table: true }),
      q('max by (symbol) (cryptosignal_cost_model_funding_bps)', '', { instant: true, table: true }),
    ], { description: 'Value #A = median cost, #B = p95 cost, #C = median funding per 8 h (long pays).' }),
    timeseries('Funding charges per hour by source', [q('sum by (funding_source) (increase(cryptosignal_executor_funding_charges_total[1h]))', '{{funding_source}}')], { stack: true }),
    timeseries('Funding rates consumed per hour', [q('sum by (result) (increase(cryptosignal_cost_model_funding_rates_total[1h]))', '{{result}}')], { stack: true }),
  ],
});
