import type { EventBus, Subscription } from '@cryptosignal/bus';
import { type CostModelPublished, TOPICS, type TopicSpec } from '@cryptosignal/contracts';
import { COSTS_SCOPE } from '../settings.js';
import { type CostModelLookup, LatestCostModel } from './latest-cost-model.js';

/** Options of `subscribeCostModelLookup`. */
export interface CostModelLookupOptions {
  readonly bus: EventBus;
  /** Consumer group, unique per consuming process (e.g. `pipeline.costs.<instance>`), so each reads every model. */
  readonly groupId: string;
  /** The topic (default `config.costs`; tests pass a renamed one). */
  readonly topic?: TopicSpec<CostModelPublished>;
  /** The scope followed (default `global`); models of other scopes are skipped. */
  readonly scope?: string;
}

/** A running lookup: the port to read through and its subscription. */
export interface RunningCostModelLookup {
  readonly lookup: CostModelLookup;
  readonly subscription: Subscription;
}

/**
 * Follows `config.costs` and keeps the newest model of the scope as the current one of the returned lookup
 * (the pipeline's port for Gate4 and EV). The event carries the whole model, so nothing else is read. The same
 * code runs on the in-process bus (embedded mode) and Kafka (distributed mode).
 */
export async function subscribeCostModelLookup(
  options: CostModelLookupOptions,
): Promise<RunningCostModelLookup> {
  const scope = options.scope ?? COSTS_SCOPE;
  const latest = new LatestCostModel();
  const subscription = await options.bus.subscribe(options.topic ?? TOPICS.configCosts, {
    groupId: options.groupId,
    handler: async (event) => {
      if (event.scope === scope) latest.offer(event);
    },
  });
  return { lookup: latest, subscription };
}
