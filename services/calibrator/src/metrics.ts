import type { CalibrationMetrics, CalibrationTable } from '@cryptosignal/calibration';
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
 * Every instrument of the calibrator, declared once on the process registry (an instrument already there is
 * reused, so embedded mode can host several instances on one registry). Quality gauges carry `symbol` and
 * `side` labels, `all` for the overall window: both bounded by the traded universe.
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
  }

  /** Records a newly fitted table. */
  recordTable(table: CalibrationTable): void {
    this.recomputes.inc({ method: table.method });
    this.tableSamples.reset();
    this.tableSamples.set({ method: table.method }, table.samples);
    this.tableAsOfSeconds.set(table.asOfMs / 1000);
  }

  /** Replaces the quality gauges with the figures of `check`; a figure that is null (no trade) is left unset. */
  recordCheck(check: CalibrationCheck, trigger: CheckTrigger): void {
    this.checks.inc({ trigger });
    for (const g of [this.brier, this.ece, this.logLoss, this.samples]) g.reset();
    const { overall, bySymbol, bySide } = check.report;
    this.setQuality({ symbol: 'all', side: 'all' }, overall);
    for (const [symbol, m] of Object.entries(bySymbol)) this.setQuality({ symbol, side: 'all' }, m);
    for (const [side, m] of Object.entries(bySide)) this.setQuality({ symbol: 'all', side }, m);
    this.bootstrapBrier.reset();
    if (check.baseline.brier !== null) this.bootstrapBrier.set(check.baseline.brier);
  }

  private setQuality(labels: Record<Labels, string>, m: CalibrationMetrics): void {
    this.samples.set(labels, m.n);
    if (m.brier !== null) this.brier.set(labels, m.brier);
    if (m.ece !== null) this.ece.set(labels, m.ece);
    if (m.logLoss !== null) this.logLoss.set(labels, m.logLoss);
  }
}
