import type { OrderRules } from '../adapters/signal-wire.js';
import type { ExecutorDesk } from '../desk/executor-desk.js';

/** What every executor handler receives besides the event: the desk and the rules orders are made with. */
export interface HandlerContext {
  readonly desk: ExecutorDesk;
  readonly rules: OrderRules;
}
