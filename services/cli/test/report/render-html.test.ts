import { describe, expect, it } from 'vitest';
import { CHART_IDS } from '../../src/report/html-charts.js';
import { headlineOf, renderReportHtml } from '../../src/report/render-html.js';
import type { BacktestReport } from '../../src/report/report-types.js';
import { formatTradesCsv, TRADE_CSV_COLUMNS } from '../../src/report/trades-csv.js';

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
    costs: { by_symbol: { BTCUSDT: { count: 3, mean: 7, median: 7, p95: 7.5 } }, estimate_error_bps: 1.2 },
    gates: { f_gate: { all_results: [{ threshold: -15, sharpe_proxy: 0.1, n: 60 }] }, note: '</script><b>x' },
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

describe('report.html', () => {
  it('is self-contained, has every chart container and cannot be broken by report text', () => {
    const html = renderReportHtml(smallReport());
    for (const id of CHART_IDS) expect(html).toContain(`id="chart-${id}"`);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain('\\u003c/script>\\u003cb>x');
    expect(html.length).toBeGreaterThan(500_000); // the ECharts bundle is inlined
  });

  it('prints the headline with the numbers the contract names', () => {
    expect(headlineOf(smallReport())).toBe(
      'signals 3 · rejected 2 · trades 3 · win rate 66.67% · Sharpe 1.200 · max DD 5.00% · Brier 0.210 · ECE 0.040 · cost error 1.20 bps',
    );
  });
});

describe('trades.csv', () => {
  it('writes the contract columns and quotes text that needs it', () => {
    const csv = formatTradesCsv([
      {
        signal_id: 'a',
        symbol: 'BTCUSDT',
        side: 'long',
        strategy: 'v72',
        variant: 'A',
        signal_time: '2024-01-01T00:00:00.000Z',
        confidence: 70,
        p_calibrated: 0.61,
        ev_net: 0.004,
        tp: 0.025,
        sl: 0.015,
        expected_cost_bps: 7,
        actual_cost_bps: 7,
        outcome: 'win',
        exit_reason: 'tp',
        hold_hours: 3,
        pnl_pct: 0.0236,
        pnl_usdt: 23.6,
        funding_cost_bps: 0,
        funding_source: 'history',
        total_cost_bps: 14,
        shadow: false,
        gate_reason: 'x, "y"',
      },
    ]);
    const [header, line] = csv.trimEnd().split('\n');
    expect(header).toBe(TRADE_CSV_COLUMNS.join(','));
    expect(line).toMatch(/,false,"x, ""y"""$/);
  });
});
