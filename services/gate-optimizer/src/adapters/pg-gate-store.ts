import type { SqlClient, SqlExecutor } from '@cryptosignal/store';
import type { GateAnalysis } from '../domain/analyze-gates.js';
import { experimentIdOf, type GateExperiment } from '../domain/experiment.js';
import type { GateThresholdSet } from '../domain/thresholds.js';
import type { GateStore, ProductionConfig, SweepRunSummary } from '../ports.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** `<column> <= $n` when `asOfMs` is given, else `true`; pushes the parameter. */
function atOrBefore(column: string, params: unknown[], asOfMs: number | undefined): string {
  if (asOfMs === undefined) return 'true';
  params.push(iso(asOfMs));
  return `${column} <= $${params.length}::timestamptz`;
}

interface RunRow {
  run_id: string;
  as_of: Date;
  executed_trades: number;
  shadow_trades: number;
  current_thresholds: GateThresholdSet;
  candidate_thresholds: GateThresholdSet | null;
  gates: SweepRunSummary['gates'] | null;
}

interface ExperimentRow {
  experiment_id: string;
  scope: string;
  status: GateExperiment['status'];
  started_at: Date;
  control_thresholds: GateThresholdSet;
  treatment_thresholds: GateThresholdSet;
  traffic_fraction: number;
  sweep_run_id: string | null;
  analysis_json: GateExperiment['analysis'];
  decision_json: GateExperiment['verdict'];
  decided_at: Date | null;
}

function experimentOf(r: ExperimentRow): GateExperiment {
  return {
    experimentId: r.experiment_id,
    scope: r.scope,
    status: r.status,
    startedAtMs: r.started_at.getTime(),
    control: r.control_thresholds,
    treatment: r.treatment_thresholds,
    trafficFraction: r.traffic_fraction,
    sweepRunId: r.sweep_run_id,
    analysis: r.analysis_json,
    verdict: r.decision_json,
    decidedAtMs: r.decided_at?.getTime() ?? null,
  };
}

async function insertGateRows(tx: SqlExecutor, runId: string, analysis: GateAnalysis): Promise<void> {
  await tx.query('DELETE FROM gate_sweeps WHERE run_id = $1', [runId]);
  for (const g of analysis.gates) {
    await tx.query(
      `INSERT INTO gate_sweeps (run_id, gate, current_threshold, optimal_threshold, chosen_threshold, sweep_json,
         walk_forward_json, deflated_sharpe_json)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb)`,
      [
        runId,
        g.gate,
        g.sweep.current_threshold,
        g.sweep.optimal_threshold,
        g.chosenThreshold,
        JSON.stringify(g.sweep),
        JSON.stringify(g.walkForward),
        g.deflatedSharpe === null ? null : JSON.stringify(g.deflatedSharpe),
      ],
    );
  }
}

/**
 * The gate optimizer's tables in PostgreSQL (PgStore or PgliteStore): `gate_sweep_runs` and `gate_sweeps` (the
 * plan's gate_stats log), `gate_experiments`, `gate_configs`. Thrown by every method: the store's error
 * (RetryableError when the database is unreachable).
 */
export class PgGateStore implements GateStore {
  constructor(private readonly db: SqlClient) {}

  async saveSweepRun(scope: string, analysis: GateAnalysis, createdAtMs: number): Promise<string> {
    const runId = experimentIdOf(scope, analysis.asOfMs).replace(/^gates-/, 'sweep-');
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO gate_sweep_runs (run_id, scope, as_of, executed_trades, shadow_trades, current_thresholds,
           candidate_thresholds, filtering_accuracy, ev_calibration, created_at)
         VALUES ($1, $2, $3::timestamptz, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10::timestamptz)
         ON CONFLICT (run_id) DO UPDATE SET executed_trades = EXCLUDED.executed_trades,
           shadow_trades = EXCLUDED.shadow_trades, current_thresholds = EXCLUDED.current_thresholds,
           candidate_thresholds = EXCLUDED.candidate_thresholds, filtering_accuracy = EXCLUDED.filtering_accuracy,
           ev_calibration = EXCLUDED.ev_calibration, created_at = EXCLUDED.created_at`,
        [
          runId,
          scope,
          iso(analysis.asOfMs),
          analysis.executed,
          analysis.shadow,
          JSON.stringify(analysis.current),
          analysis.candidate === null ? null : JSON.stringify(analysis.candidate),
          JSON.stringify(analysis.filtering),
          JSON.stringify(analysis.evCalibration),
          iso(createdAtMs),
        ],
      );
      await insertGateRows(tx, runId, analysis);
    });
    return runId;
  }

  async listSweepRuns(scope: string, asOfMs?: number): Promise<SweepRunSummary[]> {
    const params: unknown[] = [scope];
    const { rows } = await this.db.query<RunRow>(
      `SELECT r.run_id, r.as_of, r.executed_trades, r.shadow_trades, r.current_thresholds, r.candidate_thresholds,
         (SELECT jsonb_agg(jsonb_build_object('gate', g.gate, 'current', g.current_threshold,
            'optimal', g.optimal_threshold, 'chosen', g.chosen_threshold) ORDER BY g.gate)
          FROM gate_sweeps g WHERE g.run_id = r.run_id) AS gates
       FROM gate_sweep_runs r WHERE r.scope = $1 AND ${atOrBefore('r.as_of', params, asOfMs)} ORDER BY r.as_of`,
      params,
    );
    return rows.map((r) => ({
      runId: r.run_id,
      asOfMs: r.as_of.getTime(),
      executed: r.executed_trades,
      shadow: r.shadow_trades,
      current: r.current_thresholds,
      candidate: r.candidate_thresholds,
      gates: r.gates ?? [],
    }));
  }

  async productionConfig(scope: string, asOfMs?: number): Promise<ProductionConfig | null> {
    const params: unknown[] = [scope];
    const { rows } = await this.db.query<{
      thresholds: GateThresholdSet;
      version: string;
      experiment_id: string | null;
      published_at: Date;
    }>(
      `SELECT thresholds, version, experiment_id, published_at FROM gate_configs
       WHERE scope = $1 AND ${atOrBefore('published_at', params, asOfMs)} ORDER BY published_at DESC LIMIT 1`,
      params,
    );
    const r = rows[0];
    if (!r) return null;
    return {
      thresholds: r.thresholds,
      version: r.version,
      experimentId: r.experiment_id,
      publishedAtMs: r.published_at.getTime(),
    };
  }

  async saveProductionConfig(scope: string, config: ProductionConfig): Promise<void> {
    await this.db.query(
      `INSERT INTO gate_configs (scope, version, thresholds, experiment_id, published_at)
       VALUES ($1, $2, $3::jsonb, $4, $5::timestamptz)
       ON CONFLICT (scope, version) DO UPDATE SET experiment_id = EXCLUDED.experiment_id,
         published_at = EXCLUDED.published_at`,
      [
        scope,
        config.version,
        JSON.stringify(config.thresholds),
        config.experimentId,
        iso(config.publishedAtMs),
      ],
    );
  }

  async runningExperiment(scope: string): Promise<GateExperiment | null> {
    const { rows } = await this.db.query<ExperimentRow>(
      `SELECT * FROM gate_experiments WHERE scope = $1 AND status = 'running'`,
      [scope],
    );
    return rows[0] ? experimentOf(rows[0]) : null;
  }

  async listExperiments(scope: string, asOfMs?: number): Promise<GateExperiment[]> {
    const params: unknown[] = [scope];
    const { rows } = await this.db.query<ExperimentRow>(
      `SELECT * FROM gate_experiments WHERE scope = $1 AND ${atOrBefore('started_at', params, asOfMs)}
       ORDER BY started_at`,
      params,
    );
    return rows.map(experimentOf);
  }

  async saveExperiment(e: GateExperiment): Promise<void> {
    await this.db.query(
      `INSERT INTO gate_experiments (experiment_id, scope, status, started_at, control_thresholds,
         treatment_thresholds, traffic_fraction, sweep_run_id, analysis_json, decision_json, decided_at)
       VALUES ($1, $2, $3, $4::timestamptz, $5::jsonb, $6::jsonb, $7, $8, $9::jsonb, $10::jsonb, $11::timestamptz)
       ON CONFLICT (experiment_id) DO UPDATE SET status = EXCLUDED.status, analysis_json = EXCLUDED.analysis_json,
         decision_json = EXCLUDED.decision_json, decided_at = EXCLUDED.decided_at`,
      [
        e.experimentId,
        e.scope,
        e.status,
        iso(e.startedAtMs),
        JSON.stringify(e.control),
        JSON.stringify(e.treatment),
        e.trafficFraction,
        e.sweepRunId,
        e.analysis === null ? null : JSON.stringify(e.analysis),
        e.verdict === null ? null : JSON.stringify(e.verdict),
        e.decidedAtMs === null ? null : iso(e.decidedAtMs),
      ],
    );
  }
}
