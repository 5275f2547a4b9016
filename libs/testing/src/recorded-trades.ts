import { fileURLToPath } from 'node:url';
import {
  loadMigrationsDir,
  type Migration,
  runMigrations,
  type SqlClient,
  type SqlExecutor,
} from '@cryptosignal/store';

/**
 * The recorder's migrations folder (`services/recorder/migrations/`), found from this package's folder in the
 * repository (the same depth from `src/` and `dist/`). It is read as files: a library never imports a service.
 */
export const RECORDER_MIGRATIONS_DIR = fileURLToPath(
  new URL('../../../services/recorder/migrations/', import.meta.url),
);

/** Returns the recorder's migrations (the tables @cryptosignal/records reads), owner `recorder`. */
export function recorderMigrations(): Promise<Migration[]> {
  return loadMigrationsDir(RECORDER_MIGRATIONS_DIR);
}

/**
 * Creates the recorder's tables (`signal_snapshots`, `execution_records`, `trade_results`, …) in `db`, plain
 * PostgreSQL variant, idempotently. Thrown: the store's error when a migration fails.
 */
export async function createRecorderTables(db: SqlClient): Promise<void> {
  await runMigrations(db, { owner: 'recorder', migrations: await recorderMigrations(), variant: 'plain' });
}

/** A gate verdict as the snapshot's `gates` document records it (`observed`, `threshold` in the gate's unit). */
export interface GateFixture {
  readonly name: string;
  readonly passed: boolean;
  readonly reasonCode?: string;
  readonly observed: number | null;
  readonly threshold?: number | null;
}

/**
 * One recorded trade: its signal, optionally its execution, and its result (when `closeMs` is set). Times are
 * ms UTC, costs bps, `pnlPct` a fraction; unset fields take defaults (BTCUSDT long, confidence 50,
 * p_calibrated 0.55, expected cost 8 bps, outcome win, pnl_pct -0.015 for a loss and +0.025 otherwise).
 */
export interface TradeFixture {
  readonly signalId: string;
  readonly symbol?: string;
  readonly side?: 'long' | 'short';
  readonly signalTimeMs: number;
  readonly confidence?: number;
  readonly pCalibrated?: number;
  readonly evNet?: number;
  readonly fV2?: number | null;
  readonly independence?: number;
  readonly marketRegime?: number;
  readonly expectedCostBps?: number;
  readonly experimentId?: string | null;
  readonly variant?: string | null;
  readonly gates?: readonly GateFixture[];
  /** Set for a rejected signal followed as a shadow trade: the rejecting gate and its reason. */
  readonly rejectedBy?: { readonly gate: string; readonly reason: string };
  readonly execution?: {
    readonly fillTimeMs: number;
    readonly actualCostBps: number;
    readonly spreadBps: number;
    readonly slippageBps: number;
    readonly feeBps: number;
  };
  readonly outcome?: 'win' | 'loss' | 'breakeven';
  readonly closeMs?: number;
  readonly pnlPct?: number;
  readonly holdHours?: number;
  readonly fundingCostBps?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

const DEFAULTS = {
  symbol: 'BTCUSDT',
  side: 'long' as 'long' | 'short',
  confidence: 50,
  pCalibrated: 0.55,
  evNet: 0.002,
  fV2: 0 as number | null,
  independence: 50,
  marketRegime: 0,
  expectedCostBps: 8,
  experimentId: null as string | null,
  variant: null as string | null,
  gates: [] as readonly GateFixture[],
  outcome: 'win' as 'win' | 'loss' | 'breakeven',
  fundingCostBps: 0,
};

type Complete = typeof DEFAULTS & TradeFixture;

/** Returns the fixture with every unset field at its default. */
function complete(t: TradeFixture): Complete {
  const set = Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined));
  return { ...DEFAULTS, ...set } as Complete;
}

function documents(t: Complete): string[] {
  return [
    JSON.stringify({ T: 1, M: 1, C: 1, V: 1, O: 1, B: 1, F_v2: t.fV2, unavailable: [], cvd_source: 'none' }),
    JSON.stringify({
      price: 100,
      atr: 1,
      independence: t.independence,
      market_regime: t.marketRegime,
      regime_class: null,
    }),
    JSON.stringify({ p_calibrated: t.pCalibrated, ev_net: t.evNet, tp_fraction: 0.025, sl_fraction: 0.015 }),
    JSON.stringify({ entry_price_limit: 100, expected_cost_bps: t.expectedCostBps }),
    JSON.stringify(
      t.gates.map((g) => ({
        name: g.name,
        passed: g.passed,
        reason_code: g.reasonCode ?? (g.passed ? 'PASSED' : 'REJECTED'),
        observed: g.observed,
        threshold: g.threshold ?? null,
      })),
    ),
  ];
}

async function insertSignal(db: SqlExecutor, t: Complete): Promise<void> {
  const shadow = t.rejectedBy !== undefined;
  await db.query(
    `INSERT INTO signal_snapshots (signal_id, event_id, signal_time, symbol, side, strategy, strategy_version,
       experiment_id, variant, confidence, p_calibrated, ev_net, f_v2, independence, market_regime,
       expected_cost_bps, factors, market_state, predicted, execution_intent, gates, model_versions, fallback,
       status, shadow, rejected_by, gate_reason, correlation_id, recorded_at)
     VALUES ($1, $2, $3::timestamptz, $4, $5, 'v72', '7.2.0', $6, $7, $8, $9, $10, $11, $12, $13, $14,
       $15::jsonb, $16::jsonb, $17::jsonb, $18::jsonb, $19::jsonb, '{}'::jsonb, false, $20, $21, $22, $23, $1,
       $3::timestamptz)`,
    [
      t.signalId,
      `ev-${t.signalId}`,
      iso(t.signalTimeMs),
      t.symbol,
      t.side,
      t.experimentId,
      t.variant,
      t.confidence,
      t.pCalibrated,
      t.evNet,
      t.fV2,
      t.independence,
      t.marketRegime,
      t.expectedCostBps,
      ...documents(t),
      shadow ? 'rejected' : 'published',
      shadow,
      t.rejectedBy?.gate ?? null,
      t.rejectedBy?.reason ?? null,
    ],
  );
}

async function insertExecution(db: SqlExecutor, t: Complete): Promise<void> {
  const e = t.execution;
  if (!e) return;
  await db.query(
    `INSERT INTO execution_records (event_id, reported_at, signal_id, symbol, side, status, shadow,
       actual_entry_price, actual_fill_time, quantity, notional_usdt, actual_cost_bps, spread_bps, slippage_bps,
       fee_bps, funding_bps, cost_breakdown, cost_source, correlation_id, recorded_at)
     VALUES ($1, $2::timestamptz, $3, $4, $5, 'filled', $6, 100, $2::timestamptz, 1, 100, $7, $8, $9, $10, 0,
       $11::jsonb, 'config_default', $3, $2::timestamptz)`,
    [
      `ex-${t.signalId}`,
      iso(e.fillTimeMs),
      t.signalId,
      t.symbol,
      t.side,
      t.rejectedBy !== undefined,
      e.actualCostBps,
      e.spreadBps,
      e.slippageBps,
      e.feeBps,
      JSON.stringify({
        spread_bps: e.spreadBps,
        slippage_bps: e.slippageBps,
        fee_bps: e.feeBps,
        funding_bps: 0,
      }),
    ],
  );
}

async function insertResult(db: SqlExecutor, t: Complete): Promise<void> {
  if (t.closeMs === undefined) return;
  const pnlPct = t.pnlPct ?? (t.outcome === 'loss' ? -0.015 : 0.025);
  await db.query(
    `INSERT INTO trade_results (event_id, closed_at, signal_id, entered_at, symbol, side, shadow, outcome,
       entry_price, exit_price, exit_reason, hold_hours, pnl_pct, pnl_usdt, total_cost_bps, funding_cost_bps,
       funding_source, gate_reason, correlation_id, recorded_at)
     VALUES ($1, $2::timestamptz, $3, $4::timestamptz, $5, $6, $7, $8, 100, 101, 'tp', $9, $10, $11, 10, $12,
       'history', $13, $3, $2::timestamptz)`,
    [
      `tr-${t.signalId}`,
      iso(t.closeMs),
      t.signalId,
      iso(t.signalTimeMs),
      t.symbol,
      t.side,
      t.rejectedBy !== undefined,
      t.outcome,
      t.holdHours ?? (t.closeMs - t.signalTimeMs) / 3_600_000,
      pnlPct,
      pnlPct * 100,
      t.fundingCostBps,
      t.rejectedBy?.reason ?? null,
    ],
  );
}

/**
 * Writes the trades into the recorder's tables (made by `createRecorderTables`), as the recorder would, in one
 * transaction: ids `ev-<signalId>`, `ex-<signalId>`, `tr-<signalId>`. Thrown: the store's error (a duplicate
 * signal id, a missing table); nothing is written then.
 */
export async function insertTrades(db: SqlClient, trades: readonly TradeFixture[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const fixture of trades) {
      const t = complete(fixture);
      await insertSignal(tx, t);
      await insertExecution(tx, t);
      await insertResult(tx, t);
    }
  });
}
