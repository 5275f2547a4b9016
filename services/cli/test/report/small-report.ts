import type { BacktestReport } from '../../src/report/report-types.js';

/** A hand-made report with one point in every series, for the HTML and browser tests. */
export function smallReport(): BacktestReport {
  return {
    generated_at: '2026-01-01T00:00:00.000Z',
    run: {
      mode: 'embedded',
      data_dir: 'data/market',
      from: '2024-01-01',
      to: '2024-02-01',
      strategy: 'v72',
      baseline_strategy: 'v72-fixed',
      wall_seconds: 1.5,
    },
    coverage: {},
    signals: 3,
    rejected: 2,
    executions: 3,
    trades: 3,
    shadow_trades: 2,
    performance: { trades: 3, win_rate: 2 / 3, sharpe: 1.2, max_drawdown: 0.05 },
    baseline: { trades: 4, win_rate: 0.5, sharpe: 0.4, max_drawdown: 0.08 },
    calibration: {
      method: 'bootstrap',
      samples: 3,
      brier: 0.21,
      log_loss: 0.6,
      ece: 0.04,
      buckets: [
        { lo: 0.5, hi: 0.6, predicted: 0.55, actual: 0.66, n: 3 },
        { lo: 0.6, hi: 0.7, predicted: null, actual: null, n: 0 },
      ],
    },
    costs: {
      by_symbol: { BTCUSDT: { count: 3, mean_bps: 7, median_bps: 7, p95_bps: 7.5 } },
      estimate_error_bps: 1.2,
    },
    gates: {
      by_gate: {
        gate2_f: {
          all_results: [
            { threshold: -20, sharpe_proxy: 0.05, n: 80 },
            { threshold: -15, sharpe_proxy: 0.1, n: 60 },
          ],
        },
      },
      note: '</script><b>x',
    },
    series: {
      equity: [
        [1704067200000, 10_000],
        [1704153600000, 10_050],
      ],
      drawdown: [
        [1704067200000, 0],
        [1704153600000, 0],
      ],
      baseline_equity: [[1704067200000, 10_000]],
      signals_per_day: [[1704067200000, 3, 2]],
      brier: [[1704067200000, 0.21]],
      funding_by_hold: [{ bucket: '0-8h', mean_bps: 0.5, count: 2 }],
    },
  };
}
