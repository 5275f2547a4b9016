import { Counter, Gauge, type Registry } from '@cryptosignal/telemetry';
import type { GateAnalysis } from './domain/analyze-gates.js';
import type { ExperimentArms } from './ports.js';

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
 * Every instrument of the gate optimizer, declared once on the process registry (reused when already there).
 * Labels are bounded: `gate` (four gates), `kind`, `variant`, `outcome`.
 */
export class GateOptimizerMetrics {
  readonly filteringAccuracy: Gauge<'gate'>;
  readonly threshold: Gauge<'gate' | 'kind'>;
  readonly deflatedSharpe: Gauge<'gate'>;
  readonly experimentTrades: Gauge<'variant'>;
  readonly runs: Counter<never>;
  readonly experiments: Counter<'outcome'>;

  constructor(registry: Registry) {
    this.filteringAccuracy = gauge(
      registry,
      'cryptosignal_gate_optimizer_filtering_accuracy_ratio',
      'Share of bad trades (pnl <= 0) among the shadow trades each gate rejected, last weekly run',
      ['gate'],
    );
    this.threshold = gauge(
      registry,
      'cryptosignal_gate_optimizer_threshold',
      "Each gate's current, optimal (in sample) and chosen threshold in its own unit, last weekly run",
      ['gate', 'kind'],
    );
    this.deflatedSharpe = gauge(
      registry,
      'cryptosignal_gate_optimizer_deflated_sharpe_ratio',
      "Deflated Sharpe ratio (probability) of each maximising gate's optimum, last weekly run",
      ['gate'],
    );
    this.experimentTrades = gauge(
      registry,
      'cryptosignal_gate_optimizer_experiment_trades',
      'Closed executed trades per arm of the running experiment',
      ['variant'],
    );
    this.runs = counter(registry, 'cryptosignal_gate_optimizer_runs_total', 'Weekly gate analyses run', []);
    this.experiments = counter(
      registry,
      'cryptosignal_gate_optimizer_experiments_total',
      'Experiments started, promoted and rejected',
      ['outcome'],
    );
  }

  /** Records a weekly analysis; a figure that is null is left unset. */
  recordAnalysis(analysis: GateAnalysis): void {
    this.runs.inc();
    for (const g of [this.filteringAccuracy, this.threshold, this.deflatedSharpe]) g.reset();
    for (const g of analysis.gates) {
      if (g.filtering.accuracy !== null) this.filteringAccuracy.set({ gate: g.gate }, g.filtering.accuracy);
      this.threshold.set({ gate: g.gate, kind: 'current' }, g.sweep.current_threshold);
      this.threshold.set({ gate: g.gate, kind: 'chosen' }, g.chosenThreshold);
      if (g.sweep.optimal_threshold !== null)
        this.threshold.set({ gate: g.gate, kind: 'optimal' }, g.sweep.optimal_threshold);
      if (g.deflatedSharpe !== null)
        this.deflatedSharpe.set({ gate: g.gate }, g.deflatedSharpe.deflated_sharpe);
    }
  }

  /** Records the arms of the running experiment (cleared when `arms` is null: none running). */
  recordArms(arms: ExperimentArms | null): void {
    this.experimentTrades.reset();
    if (arms === null) return;
    this.experimentTrades.set({ variant: 'control' }, arms.control.length);
    this.experimentTrades.set({ variant: 'treatment' }, arms.treatment.length);
  }
}
