import type { Clock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import type { GateOptimizerMetrics } from '../metrics.js';
import type { GateConfigPublisher, GateStore, GateTradeSource } from '../ports.js';
import type { GateOptimizerSettings } from '../settings.js';

/** What the gate optimizer's job works with; `publisher` is absent for an on-demand analysis that publishes nothing. */
export interface GateOptimizerDeps {
  readonly settings: GateOptimizerSettings;
  readonly trades: GateTradeSource;
  readonly store: GateStore;
  readonly publisher?: GateConfigPublisher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: GateOptimizerMetrics;
}
