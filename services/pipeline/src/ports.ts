import type { EventMeta } from '@cryptosignal/contracts';
import type { SignalDecision } from './domain/decision.js';

/** Where decisions go: `signals.published` for accepted candidates, `signals.rejected` for the others. */
export interface DecisionPublisher {
  /**
   * Publishes the event of every decision, in order, chained to the event `causedBy` (the kline that made the bar
   * evaluable); resolves once every write is acknowledged. Rejects with the bus's error (RetryableError when the
   * broker is unavailable), so the triggering message is retried.
   */
  publish(decisions: readonly SignalDecision[], causedBy: EventMeta | undefined): Promise<void>;
}
