import type { EventBus } from '@cryptosignal/bus';
import type { ExecutionReported, TopicSpec, TradeClosed } from '@cryptosignal/contracts';
import type { Clock } from '@cryptosignal/runtime';
import type { TradeOutcome } from '../domain/trade-outcome.js';
import type { OutcomeSink } from '../ports.js';
import { executionReportedOf, tradeClosedOf } from './outcome-wire.js';

/** The topics the executor publishes to (the registry's, or renamed ones in tests). */
export interface OutcomeTopics {
  readonly executionsReported: TopicSpec<ExecutionReported>;
  readonly tradesClosed: TopicSpec<TradeClosed>;
}

/**
 * Publishes outcomes on the bus: every ExecutionReported of a step first, then every TradeClosed, each as one
 * batch, stamped with `ts_init_ms` from the clock. Resolves once the broker acknowledged both batches.
 * Thrown as the bus' error (RetryableError BROKER_UNAVAILABLE, or ContractError when a report breaks the contract).
 */
export class BusOutcomeSink implements OutcomeSink {
  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly topics: OutcomeTopics,
  ) {}

  async publish(outcomes: readonly TradeOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const tsInitMs = this.clock.nowMs();
    const executions: ExecutionReported[] = [];
    const closes: TradeClosed[] = [];
    for (const o of outcomes) {
      if (o.kind === 'execution') executions.push(executionReportedOf(o, tsInitMs));
      else closes.push(tradeClosedOf(o, tsInitMs));
    }
    if (executions.length > 0) await this.bus.publishBatch(this.topics.executionsReported, executions);
    if (closes.length > 0) await this.bus.publishBatch(this.topics.tradesClosed, closes);
  }
}
