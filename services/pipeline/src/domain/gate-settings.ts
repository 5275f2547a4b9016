import { assignVariant, type Variant } from '@cryptosignal/gates';
import { checkGateThresholds, type GateThresholds } from './gates.js';

/**
 * One `config.gates` publication as the pipeline reads it: the thresholds it sets (the others keep their current
 * value), its scope and version, when it was published (event time, UTC ms), and the A/B experiment it belongs to.
 */
export interface GateConfigUpdate {
  readonly scope: string;
  readonly version: string;
  readonly publishedAtMs: number;
  readonly thresholds: Partial<GateThresholds>;
  /** Present for a variant-B threshold set: the experiment id and the share of signals routed to it. */
  readonly experiment?: { readonly id: string; readonly trafficFraction: number };
}

/** The thresholds a candidate is judged by, and the experiment arm it was assigned to when one runs. */
export interface AppliedThresholds {
  readonly thresholds: GateThresholds;
  /** Version of the production gate config in force (undefined while the initial thresholds apply). */
  readonly version: string | undefined;
  readonly experimentId?: string;
  readonly variant?: Variant;
}

interface Experiment {
  readonly id: string;
  readonly trafficFraction: number;
  readonly thresholds: Partial<GateThresholds>;
  readonly version: string;
}

/** What `apply` did with an update. */
export type GateConfigOutcome = 'production' | 'experiment' | 'experiment_ended' | 'stale' | 'other_scope';

/**
 * The gate thresholds of the adaptive strategy, changed at run time by `config.gates`. The production set lives
 * on scope `S` (config), an A/B variant-B set on scope `S.experiment` (a compacted topic keeps the latest value
 * per scope, so the two must not share one). On each scope the newest publication (by event time) wins, so a
 * replay out of order never rolls a threshold back. A variant-B set overrides the production values of the
 * parameters it names. Each candidate is assigned an arm by a hash of its signal id (`assignVariant` of
 * @cryptosignal/gates): deterministic in every process and on replay.
 */
export class GateSettings {
  private production: GateThresholds;
  private productionVersion: string | undefined;
  private experiment: Experiment | undefined;
  private readonly lastSeenMs = new Map<string, number>();

  /** Thrown (RangeError) when `initial` is invalid. */
  constructor(
    initial: GateThresholds,
    readonly scope: string,
  ) {
    this.production = checkGateThresholds({ ...initial });
  }

  /** Scope of the variant-B set that goes with `scope`. */
  static experimentScope(scope: string): string {
    return `${scope}.experiment`;
  }

  /**
   * Applies an update of this strategy's scopes. Thrown (RangeError) when the resulting thresholds are invalid or
   * a traffic fraction is outside [0, 1]; nothing is changed then.
   */
  apply(update: GateConfigUpdate): GateConfigOutcome {
    const isExperimentScope = update.scope === GateSettings.experimentScope(this.scope);
    if (update.scope !== this.scope && !isExperimentScope) return 'other_scope';
    if (update.publishedAtMs < (this.lastSeenMs.get(update.scope) ?? Number.NEGATIVE_INFINITY))
      return 'stale';
    if (!isExperimentScope || update.experiment === undefined) {
      if (isExperimentScope) {
        this.lastSeenMs.set(update.scope, update.publishedAtMs);
        this.experiment = undefined;
        return 'experiment_ended';
      }
      this.production = checkGateThresholds({ ...this.production, ...update.thresholds });
      this.productionVersion = update.version;
      this.lastSeenMs.set(update.scope, update.publishedAtMs);
      return 'production';
    }
    const { id, trafficFraction } = update.experiment;
    if (!(trafficFraction >= 0 && trafficFraction <= 1))
      throw new RangeError(`traffic fraction must be in [0, 1], got ${trafficFraction}`);
    checkGateThresholds({ ...this.production, ...update.thresholds });
    this.experiment =
      trafficFraction > 0
        ? { id, trafficFraction, thresholds: update.thresholds, version: update.version }
        : undefined;
    this.lastSeenMs.set(update.scope, update.publishedAtMs);
    return this.experiment ? 'experiment' : 'experiment_ended';
  }

  /** The production thresholds in force. */
  current(): GateThresholds {
    return this.production;
  }

  /** Returns the thresholds for the candidate `signalId`: production, or variant B when the hash routes it there. */
  forSignal(signalId: string): AppliedThresholds {
    const base = { thresholds: this.production, version: this.productionVersion };
    const e = this.experiment;
    if (!e) return base;
    const variant = assignVariant(signalId, e.id, e.trafficFraction);
    if (variant === 'control') return { ...base, experimentId: e.id, variant };
    return {
      thresholds: { ...this.production, ...e.thresholds },
      version: e.version,
      experimentId: e.id,
      variant,
    };
  }
}
