import { describe, expect, it } from 'vitest';
import { executionRow } from '../../../src/domain/execution-row.js';
import { resultRow } from '../../../src/domain/result-row.js';
import { publishedSignalRow, rejectedSignalRow } from '../../../src/domain/snapshot-row.js';
import { tradeChain } from '../../support/trade-events.js';

const AT_MS = Date.UTC(2025, 3, 1, 12);

describe('row mapping', () => {
  it('maps a published snapshot to typed hot columns and JSON documents', () => {
    const c = tradeChain(5, { variant: 'B' });
    const s = c.published!.snapshot!;
    const row = publishedSignalRow(c.published!, AT_MS);
    expect(row).toMatchObject({
      signal_id: 'sig-5',
      event_id: c.published!.meta!.eventId,
      signal_time: new Date(s.timeMs).toISOString(),
      side: 'long',
      strategy: 'v72',
      variant: 'B',
      confidence: s.confidence,
      p_calibrated: s.predicted!.pCalibrated,
      f_v2: s.factors!.fV2,
      independence: s.marketState!.independence,
      status: 'published',
      shadow: false,
      gate_reason: null,
      recorded_at: '2025-04-01T12:00:00.000Z',
    });
    expect(row.factors).toEqual({
      T: 45,
      M: 15,
      C: 12.5,
      V: 30,
      O: null,
      B: -4,
      F_v2: 13,
      unavailable: ['O'],
      cvd_source: 'taker_buy_volume',
    });
    expect(row.predicted).toEqual({
      p_calibrated: 0.55,
      ev_net: 0.004,
      tp_fraction: 0.025,
      sl_fraction: 0.015,
    });
    expect(row.gates[0]).toEqual({
      name: 'gate1_data_quality',
      passed: true,
      reason_code: 'OK',
      observed: null,
      threshold: null,
    });
  });

  it('maps a rejected snapshot to a shadow row with its gate and reason', () => {
    const c = tradeChain(2, { rejected: true });
    expect(rejectedSignalRow(c.rejected!, AT_MS)).toMatchObject({
      status: 'rejected',
      shadow: true,
      rejected_by: 'gate2_f',
      gate_reason: 'F_BELOW_THRESHOLD',
      rejection_detail: 'F_dir=-22 < -15',
    });
  });

  it('maps an execution with its fill, costs in bps and the report time as reported_at', () => {
    const e = tradeChain(1).execution;
    expect(executionRow(e, AT_MS)).toMatchObject({
      reported_at: new Date(e.meta!.tsEventMs).toISOString(),
      status: 'filled',
      actual_entry_price: e.fillPrice,
      actual_fill_time: new Date(e.fillTimeMs!).toISOString(),
      actual_cost_bps: 7.5,
      spread_bps: 1,
      slippage_bps: 2.5,
      fee_bps: 4,
      funding_bps: 0,
      cost_breakdown: { spread_bps: 1, slippage_bps: 2.5, fee_bps: 4, funding_bps: 0 },
      cost_source: 'config_default',
    });
  });

  it('maps a closed trade with exit time as closed_at and names for outcome, reason and funding source', () => {
    const r = tradeChain(3).result;
    expect(resultRow(r, AT_MS)).toMatchObject({
      closed_at: new Date(r.exitTimeMs).toISOString(),
      entered_at: new Date(r.entryTimeMs).toISOString(),
      side: 'short',
      outcome: 'loss',
      exit_reason: 'sl',
      funding_source: 'assumed',
      pnl_pct: r.pnlPct,
    });
  });
});
