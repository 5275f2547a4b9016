import type { EventBus } from '@cryptosignal/bus';
import type { ExecutionReported, TopicSpec, TradeClosed } from '@cryptosignal/contracts';
import type { Clock } from '@cryptosignal/runtime';
import { type TraceParent, withLinkedSpan } from '@cryptosignal/telemetry';
import type { TradeOutcome } from '../domain/trade-outcome.js';
import type { OutcomeSink } from '../ports.js';
import { executionReportedOf, tradeClosedOf } from './outcome-wire.js';

/** The topics the executor publishes to (the registry's, or renamed ones in tests). */
export interface OutcomeTopics {
  readonly executionsReported: TopicSpec<ExecutionReported>;
  readonly tradesClosed: TopicSpec<TradeClosed>;
}

/** Name of the INTERNAL span every step's reports are published in. */
const REPORT_SPAN_NAME = 'executor report';

/**
 * Publishes outcomes on the bus: every ExecutionReported of a step first, then every TradeClosed, each as one
 * batch, stamped with `ts_init_ms` from the clock. Resolves once the broker acknowledged both batches.
 *
 * Tracing: both batches are published inside one INTERNAL span `executor report` (attribute
 * `cryptosignal.outcome_count`), the child of the span the step runs in, with a span LINK to the span that
 * took each signal reported (its `signals.* process`, kept with the position and persisted). The step runs in
 * the bar that fills or closes the positions (`market.* process`), or in the signal's own process span when a
 * late signal is caught up at once — then that span is the parent and no link is added. The signal is linked,
 * not made the parent, because OpenTelemetry gives a span one parent, the operation it runs in, and relates
 * every other cause by a link ("Links between spans": work initiated by several spans, asynchronous work
 * started long after its cause): the fill or close is done by the bar, usually hours of event time after the
 * signal's span ended; a signal parent would open a child long after its parent ended, keep the signal's trace
 * growing for the life of the position, and could not express a batch that reports several signals at once.
 * Thrown as the bus' error (RetryableError BROKER_UNAVAILABLE, or ContractError when a report breaks the contract).
 */
export class BusOutcomeSink implements OutcomeSink {
  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly topics: OutcomeTopics,
  ) {}

  async publish(outcomes: readonly TradeOutcome[], signalTraces: readonly TraceParent[]): Promise<void> {
    if (outcomes.length === 0) return;
    const tsInitMs = this.clock.nowMs();
    const executions: ExecutionReported[] = [];
    const closes: TradeClosed[] = [];
    for (const o of outcomes) {
      if (o.kind === 'execution') executions.push(executionReportedOf(o, tsInitMs));
      else closes.push(tradeClosedOf(o, tsInitMs));
    }
    await withLinkedSpan(
      REPORT_SPAN_NAME,
      signalTraces,
      async () => {
        if (executions.length > 0) await this.bus.publishBatch(this.topics.executionsReported, executions);
        if (closes.length > 0) await this.bus.publishBatch(this.topics.tradesClosed, closes);
      },
      { 'cryptosignal.outcome_count': outcomes.length },
    );
  }
}
