import { Counter, Gauge, type Registry } from '@cryptosignal/telemetry';
import type { CostModel } from './domain/cost-model.js';
import type { CostEstimateErrors } from './domain/estimate-error.js';

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
 * Every instrument of the cost model, declared once on the process registry (reused when already there).
 * Labels are bounded: `mode` (median, p95), `stat`, and `symbol` (the traded universe).
 */
export class CostModelMetrics {
  readonly estimateError: Gauge<'mode'>;
  readonly costBps: Gauge<'symbol' | 'stat'>;
  readonly fundingBps: Gauge<'symbol'>;
  readonly rebuilds: Counter<never>;
  readonly fundingRates: Counter<'result'>;

  constructor(registry: Registry) {
    this.estimateError = gauge(
      registry,
      'cryptosignal_cost_model_estimate_error_bps',
      'Mean absolute error of the point-in-time cost estimate against realised fill costs over the error window, bps',
      ['mode'],
    );
    this.costBps = gauge(
      registry,
      'cryptosignal_cost_model_cost_bps',
      'Estimated cost of one fill per symbol in the current model, bps',
      ['symbol', 'stat'],
    );
    this.fundingBps = gauge(
      registry,
      'cryptosignal_cost_model_funding_bps',
      'Median funding a long pays per 8 h interval per symbol in the current model, bps',
      ['symbol'],
    );
    this.rebuilds = counter(registry, 'cryptosignal_cost_model_rebuilds_total', 'Cost models built', []);
    this.fundingRates = counter(
      registry,
      'cryptosignal_cost_model_funding_rates_total',
      'Funding rates consumed, by whether they were new or duplicates',
      ['result'],
    );
  }

  /** Records a newly built model and the estimate error at its time (a null error leaves the gauge unset). */
  recordModel(model: CostModel, errors: CostEstimateErrors): void {
    this.rebuilds.inc();
    for (const g of [this.estimateError, this.costBps, this.fundingBps]) g.reset();
    if (errors.median.mean_abs_error_bps !== null)
      this.estimateError.set({ mode: 'median' }, errors.median.mean_abs_error_bps);
    if (errors.conservative.mean_abs_error_bps !== null)
      this.estimateError.set({ mode: 'p95' }, errors.conservative.mean_abs_error_bps);
    for (const [symbol, c] of Object.entries(model.costs)) {
      this.costBps.set({ symbol, stat: 'median' }, c.medianCostBps);
      this.costBps.set({ symbol, stat: 'p95' }, c.p95CostBps);
    }
    for (const [symbol, f] of Object.entries(model.funding)) this.fundingBps.set({ symbol }, f.medianRateBps);
  }
}
