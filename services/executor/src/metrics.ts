import { Counter, Gauge, Histogram, type Registry } from '@cryptosignal/telemetry';
import type { FundingSourceName } from './domain/funding-source.js';
import { fundingSourceOf } from './domain/funding-source.js';
import type { TradeOutcome } from './domain/trade-outcome.js';
import type { ExecutorMeter } from './ports.js';

/** Buckets of `cryptosignal_executor_fill_cost_bps` (docs/telemetry.md). */
export const FILL_COST_BUCKETS_BPS = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 100] as const;

function metric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/**
 * Every instrument of the executor (docs/telemetry.md, "executor"), declared once on the process registry; an
 * instrument already there is reused, so several executors can share one registry in tests. Labels are
 * closed: status, shadow, outcome, exit_reason, component, funding_source.
 */
export class ExecutorMetrics implements ExecutorMeter {
  readonly executions: Counter<'status' | 'shadow'>;
  readonly tradesClosed: Counter<'outcome' | 'exit_reason' | 'shadow'>;
  readonly openPositions: Gauge<'shadow'>;
  readonly fillCostBps: Histogram<'component'>;
  readonly fundingCharges: Counter<'funding_source'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.executions = metric(
      registry,
      'cryptosignal_executor_executions_total',
      () =>
        new Counter({
          name: 'cryptosignal_executor_executions_total',
          help: 'Entry attempts by result',
          labelNames: ['status', 'shadow'],
          registers,
        }),
    );
    this.tradesClosed = metric(
      registry,
      'cryptosignal_executor_trades_closed_total',
      () =>
        new Counter({
          name: 'cryptosignal_executor_trades_closed_total',
          help: 'Closed trades (shadow losses among shadow trades = a gate filtering accuracy)',
          labelNames: ['outcome', 'exit_reason', 'shadow'],
          registers,
        }),
    );
    this.openPositions = metric(
      registry,
      'cryptosignal_executor_open_positions',
      () =>
        new Gauge({
          name: 'cryptosignal_executor_open_positions',
          help: 'Positions being followed now (entry pending or open)',
          labelNames: ['shadow'],
          registers,
        }),
    );
    this.fillCostBps = metric(
      registry,
      'cryptosignal_executor_fill_cost_bps',
      () =>
        new Histogram({
          name: 'cryptosignal_executor_fill_cost_bps',
          help: 'Cost of each fill by component, bps of notional (funding: per closed trade)',
          labelNames: ['component'],
          buckets: [...FILL_COST_BUCKETS_BPS],
          registers,
        }),
    );
    this.fundingCharges = metric(
      registry,
      'cryptosignal_executor_funding_charges_total',
      () =>
        new Counter({
          name: 'cryptosignal_executor_funding_charges_total',
          help: 'Funding charges applied (one per funding time crossed), by where the rate came from',
          labelNames: ['funding_source'],
          registers,
        }),
    );
  }

  recordOutcomes(outcomes: readonly TradeOutcome[]): void {
    for (const o of outcomes) {
      const shadow = String(o.order.shadow);
      if (o.kind === 'execution') {
        this.executions.inc({ status: o.status, shadow });
        if (o.status === 'filled') this.observeFill(o.fill.costs);
        continue;
      }
      this.tradesClosed.inc({ outcome: o.settlement.outcome, exit_reason: o.exit.reason, shadow });
      this.observeFill(o.exit.costs);
      this.fillCostBps.observe({ component: 'funding' }, o.funding.costBps);
      const source: FundingSourceName = fundingSourceOf(o.funding);
      if (o.funding.events > 0) this.fundingCharges.inc({ funding_source: source }, o.funding.events);
    }
  }

  setActivePositions(counts: { readonly real: number; readonly shadow: number }): void {
    this.openPositions.set({ shadow: 'false' }, counts.real);
    this.openPositions.set({ shadow: 'true' }, counts.shadow);
  }

  private observeFill(costs: { halfSpreadBps: number; slippageBps: number; feeBps: number }): void {
    this.fillCostBps.observe({ component: 'spread' }, costs.halfSpreadBps);
    this.fillCostBps.observe({ component: 'slippage' }, costs.slippageBps);
    this.fillCostBps.observe({ component: 'fee' }, costs.feeBps);
  }
}
