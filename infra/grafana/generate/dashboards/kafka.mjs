import { dashboard, q, row, stat, timeseries, variable } from '../panels.mjs';

const R = '$__rate_interval';
const SEL = 'topic=~"$topic", group=~"$group"';

/** Consumer lag, throughput, handler latency and dead letters for every topic and consumer group. */
export default dashboard({
  slug: 'kafka',
  title: 'Kafka lag and DLQ',
  description: 'RED metrics of every consumer (cryptosignal_bus_*), per topic and consumer group.',
  variables: [
    variable('topic', 'cryptosignal_bus_consumer_lag_messages', 'topic'),
    variable('group', 'cryptosignal_bus_consumer_lag_messages', 'group'),
  ],
  panels: [
    stat('Total lag', [q(`sum(cryptosignal_bus_consumer_lag_messages{${SEL}})`, '', { instant: true })], { decimals: 0, thresholds: [{ color: 'red', value: 1000 }] }),
    stat('Dead letters (24h)', [q(`sum(increase(cryptosignal_bus_dlq_messages_total{${SEL}}[24h]))`, '', { instant: true })], { decimals: 0, thresholds: [{ color: 'red', value: 1 }] }),
    stat('Processed (5m rate)', [q(`sum(rate(cryptosignal_bus_messages_processed_total{${SEL}}[5m]))`, '', { instant: true })], { unit: 'ops' }),
    stat('Retried share (1h)', [q(`sum(rate(cryptosignal_bus_messages_processed_total{${SEL},result="retry"}[1h])) / sum(rate(cryptosignal_bus_messages_processed_total{${SEL}}[1h]))`, '', { instant: true })], { unit: 'percentunit' }),
    row('Lag'),
    timeseries('Consumer lag by topic and group', [q(`max by (topic, group) (cryptosignal_bus_consumer_lag_messages{${SEL}})`, '{{group}} ← {{topic}}')],
      { w: 24, thresholds: [{ color: 'red', value: 1000 }] }),
    row('Throughput, errors, duration'),
    timeseries('Processed by result', [q(`sum by (group, result) (rate(cryptosignal_bus_messages_processed_total{${SEL}}[${R}]))`, '{{group}} {{result}}')], { unit: 'ops', w: 8 }),
    timeseries('Handler duration p99', [q(`histogram_quantile(0.99, sum by (le, topic, group) (rate(cryptosignal_bus_handler_duration_seconds_bucket{${SEL}}[${R}])))`, '{{group}} ← {{topic}}')], { unit: 's', w: 8 }),
    timeseries('Published by topic', [q(`sum by (topic, result) (rate(cryptosignal_bus_messages_published_total{topic=~"$topic"}[${R}]))`, '{{topic}} {{result}}')], { unit: 'ops', w: 8 }),
    row('Dead letters'),
    timeseries('Dead letters per 10 minutes by topic and code', [q(`sum by (topic, group, code) (increase(cryptosignal_bus_dlq_messages_total{${SEL}}[10m]))`, '{{topic}} {{code}} ({{group}})')], { w: 24, stack: true }),
  ],
});
