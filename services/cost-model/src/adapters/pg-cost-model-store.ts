import type { FundingRateSample } from '@cryptosignal/costs';
import type { SqlExecutor } from '@cryptosignal/store';
import type { CostModelStore, StoredCostModel, StoredFundingRate } from '../ports.js';

const iso = (ms: number): string => new Date(ms).toISOString();

const ALL_RATES = `SELECT symbol, funding_time, funding_rate FROM cost_funding_rates
  WHERE funding_time <= $1::timestamptz ORDER BY symbol, funding_time`;

// The latest $2 rates of each symbol through the primary key (symbol, funding_time): the symbols are found by a
// loose index scan (one probe per symbol), then each symbol's rates are read backwards from asOf.
const LATEST_RATES = `WITH RECURSIVE symbols AS (
    SELECT min(symbol) AS symbol FROM cost_funding_rates
    UNION ALL
    SELECT (SELECT min(c.symbol) FROM cost_funding_rates c WHERE c.symbol > s.symbol)
    FROM symbols s WHERE s.symbol IS NOT NULL
  )
  SELECT f.symbol, f.funding_time, f.funding_rate FROM symbols s
  CROSS JOIN LATERAL (
    SELECT c.symbol, c.funding_time, c.funding_rate FROM cost_funding_rates c
    WHERE c.symbol = s.symbol AND c.funding_time <= $1::timestamptz
    ORDER BY c.funding_time DESC LIMIT $2
  ) f
  ORDER BY f.symbol, f.funding_time`;

/**
 * The cost model's tables in PostgreSQL (PgStore or PgliteStore): `cost_funding_rates` (consumed funding
 * rates) and `cost_model_versions` (each model as JSONB with the estimate error at its time).
 */
export class PgCostModelStore implements CostModelStore {
  constructor(private readonly db: SqlExecutor) {}

  async saveFundingRate(rate: StoredFundingRate): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO cost_funding_rates (symbol, funding_time, funding_rate, interval_hours, event_id)
       VALUES ($1, $2::timestamptz, $3, $4, $5) ON CONFLICT (symbol, funding_time) DO NOTHING`,
      [rate.symbol, iso(rate.fundingTime), rate.rate, rate.intervalHours, rate.eventId],
    );
    return rowCount > 0;
  }

  /**
   * Inserts `rates` in one statement, skipping (symbol, funding time) already stored; returns how many were new.
   */
  async saveFundingRates(rates: readonly StoredFundingRate[]): Promise<number> {
    if (rates.length === 0) return 0;
    const rows = rates.map((r) => ({
      symbol: r.symbol,
      funding_time: iso(r.fundingTime),
      funding_rate: r.rate,
      interval_hours: r.intervalHours,
      event_id: r.eventId,
    }));
    const { rowCount } = await this.db.query(
      `INSERT INTO cost_funding_rates (symbol, funding_time, funding_rate, interval_hours, event_id)
       SELECT r.symbol, r.funding_time, r.funding_rate, r.interval_hours, r.event_id
       FROM jsonb_to_recordset($1::jsonb) AS r(symbol text, funding_time timestamptz,
         funding_rate double precision, interval_hours integer, event_id text)
       ON CONFLICT (symbol, funding_time) DO NOTHING`,
      [JSON.stringify(rows)],
    );
    return rowCount;
  }

  async fundingRates(asOfMs: number, lastPerSymbol?: number): Promise<FundingRateSample[]> {
    const { rows } = await this.db.query<{ symbol: string; funding_time: Date; funding_rate: number }>(
      lastPerSymbol === undefined ? ALL_RATES : LATEST_RATES,
      lastPerSymbol === undefined ? [iso(asOfMs)] : [iso(asOfMs), lastPerSymbol],
    );
    return rows.map((r) => ({
      symbol: r.symbol,
      fundingTime: r.funding_time.getTime(),
      rate: r.funding_rate,
    }));
  }

  async saveModel(m: StoredCostModel): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO cost_model_versions (scope, version, as_of, symbols, estimate_error_bps, model_json, created_at)
       VALUES ($1, $2, $3::timestamptz, $4, $5, $6::jsonb, $7::timestamptz) ON CONFLICT (scope, version) DO NOTHING`,
      [
        m.scope,
        m.model.version,
        iso(m.model.asOfMs),
        Object.keys(m.model.costs).length,
        m.errors.median.mean_abs_error_bps,
        JSON.stringify({ model: m.model, errors: m.errors }),
        iso(m.createdAtMs),
      ],
    );
    return rowCount > 0;
  }

  async listModels(scope: string, asOfMs?: number): Promise<StoredCostModel[]> {
    const params: unknown[] = [scope];
    if (asOfMs !== undefined) params.push(iso(asOfMs));
    const { rows } = await this.db.query<{
      scope: string;
      model_json: Pick<StoredCostModel, 'model' | 'errors'>;
      created_at: Date;
    }>(
      `SELECT scope, model_json, created_at FROM cost_model_versions WHERE scope = $1
       ${asOfMs === undefined ? '' : 'AND as_of <= $2::timestamptz'} ORDER BY as_of, created_at`,
      params,
    );
    return rows.map((r) => ({ scope: r.scope, ...r.model_json, createdAtMs: r.created_at.getTime() }));
  }
}
