import { barchart, dashboard, q, row, stat, table, timeseries } from '../panels.mjs';

const BRIER_STEPS = [{ color: 'yellow', value: 0.15 }, { color: 'red', value: 0.2 }];

/** Calibration quality: Brier, ECE, log loss over time, and the reliability diagram. */
export default dashboard({
  slug: 'calibration',
  title: 'Calibration',
  description: 'Calibrated win probabilities against outcomes. Brier < 0.15 is the target; CalibrationBrierHigh fires above 0.20.',
  timeFrom: 'now-30d',
  panels: [
    stat('Brier (7d)', [q('max(cryptosignal_calibrator_brier_score{window="7d"})', '', { instant: true })], { decimals: 3, thresholds: BRIER_STEPS }),
    stat('ECE (7d)', [q('max(cryptosignal_calibrator_ece{window="7d"})', '', { instant: true })], { decimals: 3, thresholds: [{ color: 'yellow', value: 0.05 }, { color: 'red', value: 0.1 }] }),
    stat('Log loss (7d)', [q('max(cryptosignal_calibrator_log_loss{window="7d"})', '', { instant: true })], { decimals: 3 }),
    stat('Samples (7d)', [q('max(cryptosignal_calibrator_samples{window="7d"})', '', { instant: true })], { decimals: 0, thresholds: [] }),
    row('Over time'),
    timeseries('Brier score', [q('max by (window) (cryptosignal_calibrator_brier_score)', '{{window}}')], { min: 0, thresholds: BRIER_STEPS }),
    timeseries('ECE and log loss', [
      q('max by (window) (cryptosignal_calibrator_ece)', 'ECE {{window}}'),
      q('max by (window) (cryptosignal_calibrator_log_loss)', 'log loss {{window}}'),
    ], { min: 0 }),
    row('Reliability (30 days)'),
    barchart('Reliability: predicted vs observed per bucket', [
      q('max by (bucket) (cryptosignal_calibrator_reliability_predicted_ratio)', '', { instant: true, table: true }),
      q('max by (bucket) (cryptosignal_calibrator_reliability_observed_ratio)', '', { instant: true, table: true }),
    ], 'bucket', { unit: 'percentunit', max: 1, w: 16, h: 10, rename: { 'Value #A': 'predicted', 'Value #B': 'observed' },
      description: 'A calibrated model has observed ≈ predicted in every bucket (the diagonal).' }),
    table('Trades per bucket', [q('max by (bucket) (cryptosignal_calibrator_reliability_samples)', '', { instant: true, table: true })], { w: 8, h: 10 }),
    row('Tables'),
    stat('Calibration table version', [q('max(cryptosignal_calibrator_table_version)', '', { instant: true })], { decimals: 0 }),
    stat('Since the last monitor run', [q('time() - max(cryptosignal_calibrator_last_run_timestamp_seconds)', '', { instant: true })], { unit: 's', thresholds: [{ color: 'red', value: 172800 }] }),
  ],
});
