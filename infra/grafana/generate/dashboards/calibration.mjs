import { barchart, dashboard, q, row, stat, table, timeseries } from '../panels.mjs';

const BRIER_STEPS = [{ color: 'yellow', value: 0.15 }, { color: 'red', value: 0.2 }];
const ALL = 'symbol="all", side="all"';

/** Calibration quality: Brier, ECE, log loss over time, per symbol and side, and the reliability diagram. */
export default dashboard({
  slug: 'calibration',
  title: 'Calibration',
  description: 'Calibrated win probabilities against outcomes, at each quality check. Brier < 0.15 is the target; CalibrationBrierHigh fires above 0.20.',
  timeFrom: 'now-30d',
  panels: [
    stat('Brier', [q(`max(cryptosignal_calibrator_brier_score{${ALL}})`, '', { instant: true })], { decimals: 3, thresholds: BRIER_STEPS }),
    stat('ECE', [q(`max(cryptosignal_calibrator_ece{${ALL}})`, '', { instant: true })], { decimals: 3, thresholds: [{ color: 'yellow', value: 0.05 }, { color: 'red', value: 0.1 }] }),
    stat('Log loss', [q(`max(cryptosignal_calibrator_log_loss{${ALL}})`, '', { instant: true })], { decimals: 3 }),
    stat('Trades in the check', [q(`max(cryptosignal_calibrator_samples{${ALL}})`, '', { instant: true })], { decimals: 0 }),
    row('Over time'),
    timeseries('Brier: calibrated vs bootstrap baseline', [
      q(`max(cryptosignal_calibrator_brier_score{${ALL}})`, 'calibrated'),
      q('max(cryptosignal_calibrator_bootstrap_brier_score)', 'bootstrap baseline'),
    ], { min: 0, thresholds: BRIER_STEPS }),
    timeseries('Brier by side', [q('max by (side) (cryptosignal_calibrator_brier_score{symbol="all", side!="all"})', '{{side}}')], { min: 0, thresholds: BRIER_STEPS }),
    timeseries('ECE and log loss', [
      q(`max(cryptosignal_calibrator_ece{${ALL}})`, 'ECE'),
      q(`max(cryptosignal_calibrator_log_loss{${ALL}})`, 'log loss'),
    ], { min: 0 }),
    table('By symbol (last check)', [
      q('max by (symbol) (cryptosignal_calibrator_brier_score{symbol!="all", side="all"})', '', { instant: true, table: true }),
      q('max by (symbol) (cryptosignal_calibrator_samples{symbol!="all", side="all"})', '', { instant: true, table: true }),
    ], { description: 'Value #A = Brier, Value #B = trades.' }),
    row('Reliability (last check)'),
    barchart('Reliability: predicted vs observed per bucket', [
      q('max by (bucket) (cryptosignal_calibrator_reliability_predicted_ratio)', '', { instant: true, table: true }),
      q('max by (bucket) (cryptosignal_calibrator_reliability_observed_ratio)', '', { instant: true, table: true }),
    ], 'bucket', { unit: 'percentunit', max: 1, w: 16, h: 10, rename: { 'Value #A': 'predicted', 'Value #B': 'observed' },
      description: 'A calibrated model has observed ≈ predicted in every bucket (the diagonal).' }),
    table('Trades per bucket', [q('max by (bucket) (cryptosignal_calibrator_reliability_samples)', '', { instant: true, table: true })], { w: 8, h: 10 }),
    row('Tables and checks'),
    timeseries('Trades the table in force was fitted on', [q('max by (method) (cryptosignal_calibrator_table_samples)', '{{method}}')], { w: 8 }),
    timeseries('Checks and recomputes per day', [
      q('sum by (trigger) (increase(cryptosignal_calibrator_checks_total[1d]))', 'check {{trigger}}'),
      q('sum by (method) (increase(cryptosignal_calibrator_recomputes_total[1d]))', 'recompute {{method}}'),
    ], { w: 8 }),
    stat('Since the last check', [q('time() - max(cryptosignal_calibrator_last_check_timestamp_seconds)', '', { instant: true })], { unit: 's', w: 4, thresholds: [{ color: 'red', value: 172800 }] }),
    stat('Age of the table in force', [q('time() - max(cryptosignal_calibrator_table_as_of_seconds)', '', { instant: true })], { unit: 's', w: 4 }),
  ],
});
