import { dashboard, q, row, stat, timeseries } from '../panels.mjs';

const CANDIDATES_24H =
  '(sum(increase(cryptosignal_pipeline_signals_published_total[24h])) + sum(increase(cryptosignal_pipeline_signals_rejected_total[24h])))';

/** Gates 1–4: what they reject, at which thresholds, and whether the rejected trades would have lost. */
export default dashboard({
  slug: 'gates',
  title: 'Gates',
  description: 'Rejections by gate, thresholds in force, filtering accuracy from shadow trades, A/B experiment.',
  timeFrom: 'now-7d',
  panels: [
    stat('Config version in force', [q('max(cryptosignal_pipeline_config_version)', '', { instant: true })], { decimals: 0 }),
    stat('Rejected share of candidates (24h)', [q(`sum(increase(cryptosignal_pipeline_signals_rejected_total[24h])) / ${CANDIDATES_24H}`, '', { instant: true })], { unit: 'percentunit' }),
    stat('Shadow trades closed (24h)', [q('sum(increase(cryptosignal_executor_trades_closed_total{shadow="true"}[24h]))', '', { instant: true })], { decimals: 0 }),
    stat('Shadow loss share (7d)', [q('sum(increase(cryptosignal_executor_trades_closed_total{shadow="true",outcome="loss"}[7d])) / sum(increase(cryptosignal_executor_trades_closed_total{shadow="true"}[7d]))', '', { instant: true })],
      { unit: 'percentunit', description: 'Share of losing trades among all rejected signals followed as shadow trades: a gate that filters well rejects mostly losers.' }),
    row('Rejections'),
    timeseries('Rejected per hour, by gate and strategy', [q('sum by (gate, strategy) (increase(cryptosignal_pipeline_signals_rejected_total[1h]))', '{{gate}} {{strategy}}')], { stack: true }),
    timeseries('Share of candidates rejected, by gate (24h)', [q(`sum by (gate) (increase(cryptosignal_pipeline_signals_rejected_total[24h])) / scalar${CANDIDATES_24H}`, '{{gate}}')], { unit: 'percentunit', min: 0 }),
    row('Thresholds and accuracy'),
    timeseries('Threshold in force (pipeline) and published (optimizer)', [
      q('max by (gate) (cryptosignal_pipeline_gate_threshold)', 'in force {{gate}}'),
      q('max by (gate) (cryptosignal_gate_optimizer_threshold)', 'published {{gate}}'),
    ]),
    timeseries('Filtering accuracy by gate (30d)', [q('max by (gate) (cryptosignal_gate_optimizer_filtering_accuracy_ratio)', '{{gate}}')], { unit: 'percentunit', min: 0 }),
    row('Optimizer and experiment'),
    timeseries('Sweeps per day', [q('sum by (gate, result) (increase(cryptosignal_gate_optimizer_sweeps_total[1d]))', '{{gate}} {{result}}')], { stack: true }),
    timeseries('A/B assignments per hour', [q('sum by (arm) (increase(cryptosignal_gate_optimizer_experiment_assignments_total[1h]))', '{{arm}}')], { stack: true }),
  ],
});
