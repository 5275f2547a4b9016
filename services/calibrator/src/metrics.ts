import type { CalibrationMetrics, CalibrationTable, ReliabilityBin } from '@cryptosignal/calibration';
import { Counter, Gauge, type Registry } from '@cryptosignal/telemetry';
import type { CalibrationCheck, CheckTrigger } from './domain/quality-check.js';

type Labels = 'symbol' | 'side';

function gauge<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Gauge<L> {
  return (
    (registry.getSingleMetric(name) as Gauge<L> | undefined) ??
    new Gauge({ name, help, labelNames, registers: [registry] })
  );
}

function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[],
): Counter<L> {
  return (
    (registry.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter({ name, help, labelNames, registers: [registry] })
  );
}

/**
 * Every instrument of the calibrator (docs/telemetry.md, "calibrator"), declared once on the process registry
 * (an instrument already there is reused, so embedded mode can host several instances on one registry).
 * Quality gauges carry `symbol` and `side` labels, `all` for the overall window: both bounded by the traded
 * universe; reliability gauges carry `bucket`, the lower edge of one of the check's ten buckets.
 */
export class CalibratorMetrics {
  readonly brier: Gauge<Labels>;
  readonly ece: Gauge<Labels>;
  readonly logLoss: Gauge<Labels>;
  readonly samples: Gauge<Labels>;
  readonly bootstrapBrier: Gauge<never>;
  readonly tableSamples: Gauge<'method'>;
  readonly tableAsOfSeconds: Gauge<never>;
  readonly recomputes: Counter<'method'>;
  readonly checks: Counter<'trigger'>;
  readonly lastCheckTimestampSeconds: Gauge<never>;
  readonly reliabilityPredicted: Gauge<'bucket'>;
  readonly reliabilityObserved: Gauge<'bucket'>;
  readonly reliabilitySamples: Gauge<'bucket'>;

  constructor(registry: Registry) {
    const window = 'over the rolling window of the last quality check';
    this.brier = gauge(
      registry,
      'cryptosignal_calibrator_brier_score',
      `Brier score of p_calibrated ${window}`,
      ['symbol', 'side'],
    );
    this.ece = gauge(registry, 'cryptosignal_calibrator_ece', `Expected calibration error ${window}`, [
      'symbol',
      'side',
    ]);
    this.logLoss = gauge(registry, 'cryptosignal_calibrator_log_loss', `Log loss (nats) ${window}`, [
      'symbol',
      'side',
    ]);
    this.samples = gauge(registry, 'cryptosignal_calibrator_samples', `Win/loss trades ${window}`, [
      'symbol',
      'side',
    ]);
    this.bootstrapBrier = gauge(
      registry,
      'cryptosignal_calibrator_bootstrap_brier_score',
      `Brier score of the bootstrap map on the same trades ${window}`,
      [],
    );
    this.tableSamples = gauge(
      registry,
      'cryptosignal_calibrator_table_samples',
      'Win/loss trades the current calibration table was fitted on',
      ['method'],
    );
    this.tableAsOfSeconds = gauge(
      registry,
      'cryptosignal_calibrator_table_as_of_seconds',
      'As-of time of the current calibration table, seconds since the Unix epoch',
      [],
    );
    this.recomputes = counter(registry, 'cryptosignal_calibrator_recomputes_total', 'Tables fitted', [
      'method',
    ]);
    this.checks = counter(registry, 'cryptosignal_calibrator_checks_total', 'Quality checks run', [
      'trigger',
    ]);
    this.lastCheckTimestampSeconds = gauge(
      registry,
      'cryptosignal_calibrator_last_check_timestamp_seconds',
      'Wall time the last quality check finished, seconds since the Unix epoch',
      [],
    );
    const bucket = 'reliability bucket of the last quality check (all symbols and sides)';
    this.reliabilityPredicted = gauge(
      registry,
      'cryptosignal_calibrator_reliability_predicted_ratio',
      `Mean calibrated probability in the ${bucket}`,
      ['bucket'],
    );
    this.reliabilityObserved = gauge(
      registry,
      'cryptosignal_calibrator_reliability_observed_ratio',
      `Observed win frequency in the ${bucket}`,
      ['bucket'],
    );
    this.reliabilitySamples = gauge(
      registry,
      'cryptosignal_calibrator_reliability_samples',
      `Win/loss trades in the ${bucket}`,
      ['bucket'],
    );
  }

  /** Records a newly fitted table. */
  recordTable(table: CalibrationTable): void {
    this.recomputes.inc({ method: table.method });
    this.tableSamples.reset();
    this.tableSamples.set({ method: table.method }, table.samples);
    this.tableAsOfSeconds.set(table.asOfMs / 1000);
  }

  /**
   * Replaces the quality and reliability gauges with the figures of `check` and sets the last-check time to
   * `finishedAtMs` (wall time, ms UTC); a figure that is null (no trade) is left unset.
   */
  recordCheck(check: CalibrationCheck, trigger: CheckTrigger, finishedAtMs: number): void {
    this.checks.inc({ trigger });
    this.lastCheckTimestampSeconds.set(finishedAtMs / 1000);
    this.setReliability(check.report.overall.reliability);
    for (const g of [this.brier, this.ece, this.logLoss, this.samples]) g.reset();
    const { overall, bySymbol, bySide } = check.report;
    this.setQuality({ symbol: 'all', side: 'all' }, overall);
    for (const [symbol, m] of Object.entries(bySymbol)) this.setQuality({ symbol, side: 'all' }, m);
    for (const [side, m] of Object.entries(bySide)) this.setQuality({ symbol: 'all', side }, m);
    this.bootstrapBrier.reset();
    if (check.baseline.brier !== null) this.bootstrapBrier.set(check.baseline.brier);
  }

  /**
   * Sets one series per reliability bucket, labelled with its lower edge (`0.0` … `0.9` for the ten
   * equal-width buckets of a check); an empty bucket has samples 0 and no predicted or observed ratio.
   */
  private setReliability(bins: readonly ReliabilityBin[]): void {
    for (const g of [this.reliabilityPredicted, this.reliabilityObserved, this.reliabilitySamples]) g.reset();
    for (const bin of bins) {
      const labels = { bucket: bin.lo.toFixed(1) };
      this.reliabilitySamples.set(labels, bin.n);
      if (bin.predicted !== null) this.reliabilityPredicted.set(labels, bin.predicted);
      if (bin.actual !== null) this.reliabilityObserved.set(labels, bin.actual);
    }
  }

  private setQuality(labels: Record<Labels, string>, m: CalibrationMetrics): void {
    this.samples.set(labels, m.n);
    if (m.brier !== null) this.brier.set(labels, m.brier);
    if (m.ece !== null) this.ece.set(labels, m.ece);
    if (m.logLoss !== null) this.logLoss.set(labels, m.logLoss);
  }
}
