import { dashboard, q, row, stat, timeseries } from '../panels.mjs';

const R = '$__rate_interval';

/** Market data in, signals out, executions and closed trades, and what the recorder stores. */
export default dashboard({
  slug: 'signal-flow',
  title: 'Signal flow',
  description: 'collector → pipeline → executor → recorder: volumes, freshness and latency at each step.',
  panels: [
    stat('Signals published (24h)', [q('sum(increase(cryptosignal_pipeline_signals_published_total[24h]))', '', { instant: true })], { decimals: 0 }),
    stat('Signals rejected (24h)', [q('sum(increase(cryptosignal_pipeline_signals_rejected_total[24h]))', '', { instant: true })], { decimals: 0 }),
    stat('Trades closed (24h, not shadow)', [q('sum(increase(cryptosignal_executor_trades_closed_total{shadow="false"}[24h]))', '', { instant: true })], { decimals: 0 }),
    stat('Open positions', [q('sum by (shadow) (cryptosignal_executor_open_positions)', 'shadow={{shadow}}', { instant: true })], { decimals: 0 }),
    row('Market data (collector)'),
    timeseries('Market events published', [q(`sum by (kind) (rate(cryptosignal_collector_events_published_total[${R}]))`, '{{kind}}')], { unit: 'ops' }),
    timeseries('Age of the newest event', [q('time() - max by (stream) (cryptosignal_collector_last_event_timestamp_seconds)', '{{stream}}')],
      { unit: 's', thresholds: [{ color: 'red', value: 300 }], description: 'MarketDataStale fires at 300 s for 1m bars and 4500 s for 1h bars.' }),
    timeseries('Rows quarantined per hour', [q('sum by (kind, reason) (increase(cryptosignal_collector_rows_quarantined_total[1h]))', '{{kind}} {{reason}}')], { stack: true, w: 8 }),
    timeseries('Source failovers and reconnects per hour', [
      q('sum by (stream, to) (increase(cryptosignal_collector_source_failovers_total[1h]))', 'failover {{stream}} → {{to}}'),
      q('sum by (source) (increase(cryptosignal_collector_stream_reconnects_total[1h]))', 'reconnect {{source}}'),
    ], { stack: true, w: 8 }),
    timeseries('Market batch write p99', [q(`histogram_quantile(0.99, sum by (le, kind) (rate(cryptosignal_collector_batch_write_seconds_bucket[${R}])))`, '{{kind}}')], { unit: 's', w: 8 }),
    row('Signals (pipeline)'),
    timeseries('Signals published per hour', [q('sum by (strategy, side) (increase(cryptosignal_pipeline_signals_published_total[1h]))', '{{strategy}} {{side}}')], { stack: true }),
    timeseries('Signals rejected per hour, by gate', [q('sum by (gate) (increase(cryptosignal_pipeline_signals_rejected_total[1h]))', '{{gate}}')], { stack: true }),
    timeseries('Bar processing time', [
      q(`histogram_quantile(0.5, sum by (le, strategy) (rate(cryptosignal_pipeline_bar_processing_seconds_bucket[${R}])))`, 'p50 {{strategy}}'),
      q(`histogram_quantile(0.99, sum by (le, strategy) (rate(cryptosignal_pipeline_bar_processing_seconds_bucket[${R}])))`, 'p99 {{strategy}}'),
    ], { unit: 's' }),
    row('Executions and results (executor)'),
    timeseries('Executions per hour', [q('sum by (status, shadow) (increase(cryptosignal_executor_executions_total[1h]))', '{{status}} shadow={{shadow}}')], { stack: true }),
    timeseries('Trades closed per hour', [q('sum by (outcome, exit_reason) (increase(cryptosignal_executor_trades_closed_total{shadow="false"}[1h]))', '{{outcome}} {{exit_reason}}')], { stack: true }),
    row('Storage (recorder)'),
    timeseries('Rows written', [q(`sum by (table) (rate(cryptosignal_recorder_rows_written_total[${R}]))`, '{{table}}')], { unit: 'ops', w: 8 }),
    timeseries('Write latency (batch transaction)', [
      q(`histogram_quantile(0.5, sum by (le) (rate(cryptosignal_recorder_batch_write_seconds_bucket[${R}])))`, 'p50'),
      q(`histogram_quantile(0.99, sum by (le) (rate(cryptosignal_recorder_batch_write_seconds_bucket[${R}])))`, 'p99'),
    ], { unit: 's', w: 8 }),
    timeseries('Events waiting for their signal', [q('sum(cryptosignal_recorder_pending_events)', 'pending')], { w: 8, thresholds: [{ color: 'red', value: 1000 }] }),
  ],
});
