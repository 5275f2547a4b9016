import type { ExperimentTrade, GateTradeRecord } from '@cryptosignal/gates';
import type { GateAnalysis } from './domain/analyze-gates.js';
import type { GateExperiment } from './domain/experiment.js';
import type { GateThresholdSet } from './domain/thresholds.js';

/** The closed trades of one experiment, by arm (executed trades only). */
export interface ExperimentArms {
  readonly control: readonly ExperimentTrade[];
  readonly treatment: readonly ExperimentTrade[];
}

/** Where recorded trades come from (the recorder's tables in production). */
export interface GateTradeSource {
  /**
   * Returns the executed and shadow trades closed at or before `asOfMs` that the production thresholds
   * decided: signals outside any experiment, and the control arm of one.
   */
  sweepTrades(asOfMs: number): Promise<GateTradeRecord[]>;
  /** Returns the executed trades of `experimentId` closed at or before `asOfMs`, by variant. */
  experimentTrades(experimentId: string, asOfMs: number): Promise<ExperimentArms>;
}

/** A stored weekly analysis, reduced to what the history shows. */
export interface SweepRunSummary {
  readonly runId: string;
  readonly asOfMs: number;
  readonly executed: number;
  readonly shadow: number;
  readonly current: GateThresholdSet;
  readonly candidate: GateThresholdSet | null;
  /** Per gate: current, optimal (null when none qualified) and proposed threshold. */
  readonly gates: readonly {
    readonly gate: string;
    readonly current: number;
    readonly optimal: number | null;
    readonly chosen: number;
  }[];
}

/** A production threshold set as published. */
export interface ProductionConfig {
  readonly thresholds: GateThresholdSet;
  readonly version: string;
  readonly experimentId: string | null;
  readonly publishedAtMs: number;
}

/** The optimizer's tables: sweep runs, experiments, production sets. Every method throws the store's error. */
export interface GateStore {
  /** Stores an analysis (replacing the run of the same scope and as-of time) and returns its run id. */
  saveSweepRun(scope: string, analysis: GateAnalysis, createdAtMs: number): Promise<string>;
  /** Returns the runs of `scope` at or before `asOfMs` (all when undefined), oldest first. */
  listSweepRuns(scope: string, asOfMs?: number): Promise<SweepRunSummary[]>;
  /** Returns the newest production set published at or before `asOfMs`, or null when none was. */
  productionConfig(scope: string, asOfMs?: number): Promise<ProductionConfig | null>;
  saveProductionConfig(scope: string, config: ProductionConfig): Promise<void>;
  /** Returns the running experiment of `scope`, or null. */
  runningExperiment(scope: string): Promise<GateExperiment | null>;
  /** Returns the experiments of `scope` started at or before `asOfMs` (all when undefined), oldest first. */
  listExperiments(scope: string, asOfMs?: number): Promise<GateExperiment[]>;
  /** Inserts or replaces an experiment by id. */
  saveExperiment(experiment: GateExperiment): Promise<void>;
}

/** Publishes gate sets on `config.gates`. Thrown (RetryableError) when the broker is unreachable. */
export interface GateConfigPublisher {
  /** Publishes `config` as the production set of `scope` (no experiment fields). */
  publishProduction(scope: string, config: ProductionConfig): Promise<void>;
  /** Publishes the experiment's candidate under `<scope>.experiment` with its traffic share. */
  publishExperiment(experiment: GateExperiment, tsEventMs: number): Promise<void>;
  /** Publishes the end of an experiment: its candidate under `<scope>.experiment` with traffic share 0. */
  publishExperimentEnd(experiment: GateExperiment, tsEventMs: number): Promise<void>;
}
