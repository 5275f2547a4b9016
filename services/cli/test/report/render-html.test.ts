import { describe, expect, it } from 'vitest';
import { CHART_IDS } from '../../src/report/html-charts.js';
import { headlineOf, renderReportHtml } from '../../src/report/render-html.js';
import { formatTradesCsv, TRADE_CSV_COLUMNS } from '../../src/report/trades-csv.js';
import { smallReport } from './small-report.js';

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
