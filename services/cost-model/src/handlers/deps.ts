import type { Clock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import type { EstimateMemo } from '../domain/estimate-error.js';
import type { CostModelMetrics } from '../metrics.js';
import type { CostModelPublisher, CostModelStore, CostRecordSource } from '../ports.js';
import type { CostModelSettings } from '../settings.js';

/** What the cost model's handlers work with; `publisher` is absent for a run that only stores. */
export interface CostModelDeps {
  readonly settings: CostModelSettings;
  readonly records: CostRecordSource;
  readonly store: CostModelStore;
  readonly publisher?: CostModelPublisher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: CostModelMetrics;
  /** Point-in-time estimates of the error measurement kept across rebuilds (see EstimateMemo). */
  readonly estimateMemo?: EstimateMemo;
}
