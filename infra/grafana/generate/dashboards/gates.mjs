import { dashboard, q, row, stat, timeseries } from '../panels.mjs';

const CANDIDATES_24H =
  '(sum(increase(cryptosignal_pipeline_signals_published_total[24h])) + sum(increase(cryptosignal_pipeline_signals_rejected_total[24h])))';

/** Gates 1–4: what they reject, at which thresholds, and whether the rejected trades would have lost. */
export default dashboard({
  slug: 'gates',
  title: 'Gates',
  description: 'Rejections by gate, thresholds in force and proposed, filtering accuracy from shadow trades, the A/B experiment.',
  timeFrom: 'now-30d',
  panels: [
    stat('Rejected share of candidates (24h)', [q(`sum(increase(cryptosignal_pipeline_signals_rejected_total[24h])) / ${CANDIDATES_24H}`, '', { instant: true })], { unit: 'percentunit' }),
    stat('Shadow trades closed (24h)', [q('sum(increase(cryptosignal_executor_trades_closed_total{shadow="true"}[24h]))', '', { instant: true })], { decimals: 0 }),
    stat('Shadow loss share (7d)', [q('sum(increase(cryptosignal_executor_trades_closed_total{shadow="true",outcome="loss"}[7d])) / sum(increase(cryptosignal_executor_trades_closed_total{shadow="true"}[7d]))', '', { instant: true })],
      { unit: 'percentunit', description: 'Share of losing trades among all rejected signals followed as shadow trades: a gate that filters well rejects mostly losers.' }),
    stat('Weekly analyses (30d)', [q('sum(increase(cryptosignal_gate_optimizer_runs_total[30d]))', '', { instant: true })], { decimals: 0 }),
    row('Rejections'),
    timeseries('Rejected per hour, by gate and strategy', [q('sum by (gate, strategy) (increase(cryptosignal_pipeline_signals_rejected_total[1h]))', '{{gate}} {{strategy}}')], { stack: true }),
    timeseries('Share of candidates rejected, by gate (24h)', [q(`sum by (gate) (increase(cryptosignal_pipeline_signals_rejected_total[24h])) / scalar${CANDIDATES_24H}`, '{{gate}}')], { unit: 'percentunit', min: 0 }),
    row('Thresholds and accuracy'),
    timeseries('Threshold in force (pipeline)', [q('max by (gate) (cryptosignal_pipeline_gate_threshold)', '{{gate}}')], { w: 8 }),
    timeseries('Thresholds of the last analysis', [q('max by (gate, kind) (cryptosignal_gate_optimizer_threshold)', '{{gate}} {{kind}}')], { w: 8 }),
    timeseries('Filtering accuracy and deflated Sharpe by gate', [
      q('max by (gate) (cryptosignal_gate_optimizer_filtering_accuracy_ratio)', 'accuracy {{gate}}'),
      q('max by (gate) (cryptosignal_gate_optimizer_deflated_sharpe_ratio)', 'DSR {{gate}}'),
    ], { unit: 'percentunit', min: 0, max: 1, w: 8 }),
    row('A/B experiment'),
    timeseries('Closed trades per arm', [q('max by (variant) (cryptosignal_gate_optimizer_experiment_trades)', '{{variant}}')]),
    timeseries('Experiments started, promoted, rejected', [q('sum by (outcome) (increase(cryptosignal_gate_optimizer_experiments_total[7d]))', '{{outcome}}')], { stack: true }),
  ],
});
