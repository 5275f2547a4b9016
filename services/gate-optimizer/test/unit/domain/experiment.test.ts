import { DAY_MS } from '@cryptosignal/domain';
import type { ExperimentTrade } from '@cryptosignal/gates';
import { describe, expect, it } from 'vitest';
import { experimentIdOf, judgeExperiment } from '../../../src/domain/experiment.js';
import { DEFAULT_GATE_OPTIMIZER_SETTINGS } from '../../../src/settings.js';

const policy = DEFAULT_GATE_OPTIMIZER_SETTINGS.experiment;
const T0 = Date.UTC(2024, 2, 1);

function arm(n: number, winRate: number): ExperimentTrade[] {
  return Array.from({ length: n }, (_, i) =>
    i < Math.round(n * winRate) ? { pnlPct: 0.02, outcome: 'win' } : { pnlPct: -0.015, outcome: 'loss' },
  );
}

describe('judgeExperiment', () => {
  it('continues below the minimum sample per arm, however good the treatment looks', () => {
    const { verdict } = judgeExperiment(
      { startedAtMs: T0 },
      arm(99, 0.4),
      arm(150, 0.8),
      T0 + DAY_MS,
      policy,
    );
    expect(verdict.outcome).toBe('continue');
    expect(verdict.decision.reason).toBe('insufficient_samples');
  });

  it('rejects when the minimum sample is not reached within the maximum duration', () => {
    const { verdict } = judgeExperiment(
      { startedAtMs: T0 },
      arm(20, 0.4),
      arm(20, 0.8),
      T0 + 56 * DAY_MS,
      policy,
    );
    expect(verdict).toMatchObject({ outcome: 'reject', timedOut: true });
  });

  it('promotes once both arms reach the minimum sample with a significant PnL gain', () => {
    const { verdict, analysis } = judgeExperiment(
      { startedAtMs: T0 },
      arm(120, 0.4),
      arm(120, 0.65),
      T0,
      policy,
    );
    expect(verdict.outcome).toBe('promote');
    expect(verdict.decision.reason).toBe('pnl_gain_significant');
    expect(analysis.mean_pnl_diff?.lo).toBeGreaterThan(0);
  });

  it('rejects at the minimum sample when the gain is not significant', () => {
    const { verdict } = judgeExperiment({ startedAtMs: T0 }, arm(120, 0.5), arm(120, 0.52), T0, policy);
    expect(verdict).toMatchObject({ outcome: 'reject', timedOut: false });
    expect(verdict.decision.reason).toBe('no_significant_pnl_gain');
  });

  it('names experiments by scope and as-of time', () => {
    expect(experimentIdOf('global', Date.UTC(2024, 2, 4, 0, 0, 0))).toBe('gates-global-20240304T000000Z');
  });
});
