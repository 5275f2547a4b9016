import { DAY_MS } from '@cryptosignal/domain';
import type { GateTradeRecord } from '@cryptosignal/gates';
import { describe, expect, it } from 'vitest';
import { analyzeGates } from '../../../src/domain/analyze-gates.js';
import { INITIAL_GATE_THRESHOLDS } from '../../../src/domain/thresholds.js';
import { DEFAULT_GATE_OPTIMIZER_SETTINGS } from '../../../src/settings.js';
import { gateSeries } from '../../support/gate-series.js';

/** The series as gate records (what RecordsGateTrades returns for it). */
function records(options: Parameters<typeof gateSeries>[0]): GateTradeRecord[] {
  return gateSeries(options).map((t) => ({
    signalId: t.signalId,
    gateInputs: {
      fDir: t.fV2 ?? undefined,
      independence: 50,
      marketRegime: 0,
      side: 'long',
      bars: 150,
      predictedEv: 0.002,
    },
    pnlPct: t.pnlPct as number,
    outcome: t.outcome as 'win' | 'loss',
    closeMs: t.closeMs as number,
    shadow: t.rejectedBy !== undefined,
    rejectedBy: t.rejectedBy ? ['gate2_f'] : [],
  }));
}

const settings = DEFAULT_GATE_OPTIMIZER_SETTINGS;

describe('analyzeGates', () => {
  it('proposes the F threshold where the edge is when it holds out of sample with a high deflated Sharpe', () => {
    const data = records({ days: 240, perDay: 12, edgeFDir: -5 });
    const asOfMs = Math.max(...data.map((r) => r.closeMs));
    const analysis = analyzeGates(data, INITIAL_GATE_THRESHOLDS, asOfMs, settings);
    const f = analysis.gates.find((g) => g.gate === 'gate2_f');
    expect(f?.sweep.optimal_threshold).toBe(-5);
    expect(f?.reason).toBe('accepted');
    expect(f?.walkForward.folds.length).toBeGreaterThan(0);
    expect(f?.deflatedSharpe?.deflated_sharpe).toBeGreaterThanOrEqual(0.9);
    expect(analysis.candidate).toEqual({ ...INITIAL_GATE_THRESHOLDS, minFDir: -5 });
    expect(analysis.shadow).toBe(data.filter((r) => r.shadow).length);
    // Gate2 rejected only trades below −15, all from the bad regime: most of them lost.
    expect(f?.filtering.rejected).toBe(analysis.shadow);
    expect(f?.filtering.accuracy).toBeGreaterThan(0.6);
  });

  it('keeps the current thresholds when F carries no edge (zero expected PnL everywhere)', () => {
    const data = records({ days: 240, perDay: 12, goodWinRate: 0.4286, badWinRate: 0.4286, seed: 13 });
    const asOfMs = Math.max(...data.map((r) => r.closeMs));
    const analysis = analyzeGates(data, INITIAL_GATE_THRESHOLDS, asOfMs, settings);
    const f = analysis.gates.find((g) => g.gate === 'gate2_f');
    expect(f?.reason).not.toBe('accepted');
    expect(f?.chosenThreshold).toBe(-15);
    expect(analysis.candidate).toBeNull();
  });

  it('ignores trades closed after the as-of time', () => {
    const data = records({ days: 60, perDay: 12 });
    const asOfMs = data[0]!.closeMs + 10 * DAY_MS;
    const analysis = analyzeGates(data, INITIAL_GATE_THRESHOLDS, asOfMs, settings);
    expect(analysis.executed + analysis.shadow).toBe(data.filter((r) => r.closeMs <= asOfMs).length);
  });
});
