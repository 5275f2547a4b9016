import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AbComparison } from './ab-comparisons.js';
import { CHART_IDS, CHARTS_SCRIPT } from './html-charts.js';
import type { ModelUsage } from './models-section.js';
import type { BacktestReport } from './report-types.js';

const require = createRequire(import.meta.url);

/** Returns the minified Apache ECharts bundle shipped in the `echarts` npm package (inlined: no network). */
function echartsBundle(): string {
  return readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element: `<` is escaped so `</script>` cannot close it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function fmt(value: unknown, kind: 'pct' | 'num' | 'bps'): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  if (kind === 'pct') return `${(value * 100).toFixed(2)}%`;
  if (kind === 'bps') return `${value.toFixed(2)} bps`;
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(3);
}

const PERFORMANCE_ROWS: readonly [string, string, 'pct' | 'num'][] = [
  ['trades', 'Trades', 'num'],
  ['win_rate', 'Win rate', 'pct'],
  ['total_return', 'Total return', 'pct'],
  ['annual_return', 'Annual return (CAGR)', 'pct'],
  ['sharpe', 'Sharpe (daily, √365)', 'num'],
  ['sortino', 'Sortino', 'num'],
  ['max_drawdown', 'Max drawdown', 'pct'],
  ['profit_factor', 'Profit factor', 'num'],
  ['exposure', 'Exposure', 'pct'],
];

function comparisonTable(report: BacktestReport): string {
  const rows = PERFORMANCE_ROWS.map(
    ([key, label, kind]) =>
      `<tr><th>${label}</th><td>${fmt(report.performance[key], kind)}</td><td>${fmt(report.baseline[key], kind)}</td></tr>`,
  ).join('');
  return `<table><thead><tr><th></th><th>strategy (${escapeHtml(report.run.strategy)})</th><th>baseline (${escapeHtml(report.run.baseline_strategy)})</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function abTable(c: AbComparison): string {
  const rows = PERFORMANCE_ROWS.map(([key, label, kind]) => {
    const d = key in c.difference ? fmt(c.difference[key], kind) : '';
    return `<tr><th>${label}</th><td>${fmt(c.control.performance[key], kind)}</td><td>${fmt(c.treatment.performance[key], kind)}</td><td>${d}</td></tr>`;
  }).join('');
  const counts = `<tr><th>Signals / rejected</th><td>${c.control.signals} / ${c.control.rejected}</td><td>${c.treatment.signals} / ${c.treatment.rejected}</td><td></td></tr>`;
  const head = `<tr><th></th><th>${escapeHtml(c.control.label)} (${escapeHtml(c.control.strategy_version)})</th><th>${escapeHtml(c.treatment.label)} (${escapeHtml(c.treatment.strategy_version)})</th><th>treatment − control</th></tr>`;
  return `<h3>${escapeHtml(c.name)}</h3><p class="note">${escapeHtml(c.question)}. Same bars, executor, costs and funding for both arms.</p><table class="ab" data-comparison="${escapeHtml(c.name)}"><thead>${head}</thead><tbody>${counts}${rows}</tbody></table>`;
}

function abSection(report: BacktestReport): string {
  const comparisons = report.ab_comparisons ?? [];
  if (comparisons.length === 0) return '';
  return `<h2>A/B comparisons</h2>${comparisons.map(abTable).join('\n')}`;
}

function modelsTable(report: BacktestReport): string {
  if (!report.models || Object.keys(report.models).length === 0) {
    return '<p class="note">No models were used in this run (v7.2 rules only).</p>';
  }
  const usage = (report.models.usage ?? []) as ModelUsage[];
  const rows = usage
    .map((u) => {
      const reasons = Object.entries(u.fallbacks)
        .filter(([, n]) => n > 0)
        .map(([r, n]) => `${r} ${n}`)
        .join(', ');
      return `<tr><th>${escapeHtml(u.strategy_version)}</th><td>${u.evaluated}</td><td>${u.from_models}</td><td>${escapeHtml(reasons || '–')}</td></tr>`;
    })
    .join('');
  const table = usage.length
    ? `<table><thead><tr><th>strategy</th><th>candidates to the models</th><th>decided by the models</th><th>fallbacks to v7.2</th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
  return `${table}<pre>${escapeHtml(JSON.stringify(report.models, null, 2))}</pre>`;
}

function headline(report: BacktestReport): string {
  const p = report.performance;
  const c = report.calibration;
  return [
    `signals ${report.signals}`,
    `rejected ${report.rejected}`,
    `trades ${report.trades}`,
    `win rate ${fmt(p.win_rate, 'pct')}`,
    `Sharpe ${fmt(p.sharpe, 'num')}`,
    `max DD ${fmt(p.max_drawdown, 'pct')}`,
    `Brier ${fmt(c.brier, 'num')}`,
    `ECE ${fmt(c.ece, 'num')}`,
    `cost error ${fmt(report.costs.estimate_error_bps, 'bps')}`,
  ].join(' · ');
}

/**
 * Returns report.html: one self-contained page (the ECharts bundle and the report JSON inlined; readable
 * offline) with the equity curve and drawdown, the reliability diagram with counts, Brier over time, the gate
 * sweeps, cost by symbol, funding by holding time, signals per day, baseline against strategy, the A/B comparisons
 * (ML weights, regime-adaptive and v7.3 against v7.2) and model metrics when models were used.
 */
export function renderReportHtml(report: BacktestReport): string {
  const charts = CHART_IDS.map((id) => `<div class="chart" id="chart-${id}"></div>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CryptoSignal report — ${escapeHtml(report.run.from)} → ${escapeHtml(report.run.to)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1f2933;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}.chart{width:100%;height:380px;margin:12px 0}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d9e2ec;padding:4px 10px;text-align:right}th:first-child{text-align:left}
.headline{background:#f0f4f8;padding:10px 14px;border-radius:6px}.note{color:#52606d}pre{background:#f0f4f8;padding:10px;overflow:auto}
</style></head><body>
<h1>CryptoSignal backtest report</h1>
<p class="note">${escapeHtml(report.run.mode)} run on ${escapeHtml(report.run.data_dir)}, ${escapeHtml(report.run.from)} → ${escapeHtml(report.run.to)}; generated ${escapeHtml(report.generated_at)}; ${report.run.wall_seconds.toFixed(1)} s.</p>
<p class="headline">${escapeHtml(headline(report))}</p>
<h2>Baseline against strategy</h2>${comparisonTable(report)}
${abSection(report)}
<h2>Charts</h2>
${charts}
<h2>Models</h2>${modelsTable(report)}
<script type="application/json" id="report-data">${scriptJson(report)}</script>
<script>${echartsBundle()}</script>
<script>${CHARTS_SCRIPT}</script>
</body></html>
`;
}

/** The one-line summary printed after a run (signals, trades, win rate, Sharpe, max DD, Brier, ECE, cost error). */
export function headlineOf(report: BacktestReport): string {
  return headline(report);
}
