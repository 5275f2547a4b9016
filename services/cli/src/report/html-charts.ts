/**
 * The in-page script of report.html: builds one Apache ECharts option per chart from the embedded report
 * JSON. Kept as plain browser JavaScript (ES2019) in a string, so the page needs no build step and no
 * network. Each chart element gets `data-rendered="1"` once ECharts finished drawing it, and
 * `window.__reportCharts` counts drawn charts (the browser test reads both).
 */
export const CHARTS_SCRIPT = `
(function () {
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var S = report.series || {};
  var pct = function (v) { return v == null ? '–' : (v * 100).toFixed(2) + '%'; };
  var axisTime = { type: 'time' };
  var charts = {
    equity: function () {
      return {
        title: { text: 'Equity and drawdown (USDT, realised PnL)' },
        tooltip: { trigger: 'axis' },
        legend: { top: 24, data: ['strategy', 'baseline (v7.2 fixed)', 'drawdown'] },
        grid: [{ top: 60, height: '45%' }, { top: '70%', height: '18%' }],
        xAxis: [Object.assign({ gridIndex: 0 }, axisTime), Object.assign({ gridIndex: 1 }, axisTime)],
        yAxis: [{ gridIndex: 0, scale: true }, { gridIndex: 1, max: 0, min: function (v) { return Math.min(v.min, -0.01); }, splitNumber: 2, axisLabel: { formatter: function (v) { return (v * 100).toFixed(1) + '%'; } } }],
        series: [
          { name: 'strategy', type: 'line', showSymbol: false, data: S.equity || [] },
          { name: 'baseline (v7.2 fixed)', type: 'line', showSymbol: false, data: S.baseline_equity || [] },
          { name: 'drawdown', type: 'line', xAxisIndex: 1, yAxisIndex: 1, showSymbol: false, areaStyle: {}, data: (S.drawdown || []).map(function (p) { return [p[0], -p[1]]; }) }
        ]
      };
    },
    reliability: function () {
      var b = (report.calibration && report.calibration.buckets) || [];
      var mids = b.map(function (x) { return ((x.lo + x.hi) / 2).toFixed(2); });
      return {
        title: { text: 'Reliability: predicted vs realised win rate (bars: trades per bucket)' },
        tooltip: { trigger: 'axis' },
        legend: { top: 24, data: ['realised', 'predicted', 'perfect', 'trades'] },
        xAxis: { type: 'category', data: mids, name: 'predicted P' },
        yAxis: [{ type: 'value', min: 0, max: 1 }, { type: 'value', name: 'trades', splitLine: { show: false } }],
        series: [
          { name: 'realised', type: 'line', data: b.map(function (x) { return x.actual; }) },
          { name: 'predicted', type: 'line', data: b.map(function (x) { return x.predicted; }) },
          { name: 'perfect', type: 'line', lineStyle: { type: 'dashed' }, data: b.map(function (x) { return (x.lo + x.hi) / 2; }) },
          { name: 'trades', type: 'bar', yAxisIndex: 1, data: b.map(function (x) { return x.n; }), itemStyle: { opacity: 0.35 } }
        ]
      };
    },
    brier: function () {
      return {
        title: { text: 'Brier score over time (calibration checks)' },
        tooltip: { trigger: 'axis' },
        xAxis: axisTime,
        yAxis: { type: 'value', scale: true },
        series: [{ name: 'Brier', type: 'line', data: S.brier || [] }]
      };
    },
    gates: function () {
      var series = [];
      var names = [];
      var byGate = (report.gates && report.gates.by_gate) || {};
      Object.keys(byGate).forEach(function (gate) {
        var g = byGate[gate];
        var rows = g && g.all_results;
        if (!Array.isArray(rows) || rows.length === 0) return;
        names.push(gate);
        series.push({ name: gate, type: 'line', data: rows.map(function (r) { return [r.threshold, r.sharpe_proxy]; }) });
      });
      return {
        title: { text: 'Gate sweeps: Sharpe proxy (mean PnL × √n) by threshold' },
        tooltip: { trigger: 'axis' },
        legend: { top: 24, data: names },
        xAxis: { type: 'value', name: 'threshold', scale: true },
        yAxis: { type: 'value', scale: true },
        series: series
      };
    },
    costs: function () {
      var bySymbol = (report.costs && report.costs.by_symbol) || {};
      var syms = Object.keys(bySymbol).sort();
      return {
        title: { text: 'Entry execution cost by symbol (bps)' },
        tooltip: { trigger: 'axis' },
        legend: { top: 24, data: ['median', 'p95'] },
        xAxis: { type: 'category', data: syms, axisLabel: { rotate: 45 } },
        yAxis: { type: 'value' },
        series: [
          { name: 'median', type: 'bar', data: syms.map(function (s) { return bySymbol[s].median_bps; }) },
          { name: 'p95', type: 'bar', data: syms.map(function (s) { return bySymbol[s].p95_bps; }) }
        ]
      };
    },
    funding: function () {
      var f = S.funding_by_hold || [];
      return {
        title: { text: 'Funding cost by holding time (mean bps per trade)' },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: f.map(function (x) { return x.bucket + ' (n=' + x.count + ')'; }) },
        yAxis: { type: 'value' },
        series: [{ name: 'funding bps', type: 'bar', data: f.map(function (x) { return x.mean_bps; }) }]
      };
    },
    signals: function () {
      var d = S.signals_per_day || [];
      return {
        title: { text: 'Signals per day' },
        tooltip: { trigger: 'axis' },
        legend: { top: 24, data: ['published', 'rejected'] },
        xAxis: axisTime,
        yAxis: { type: 'value' },
        series: [
          { name: 'published', type: 'bar', stack: 'n', data: d.map(function (x) { return [x[0], x[1]]; }) },
          { name: 'rejected', type: 'bar', stack: 'n', data: d.map(function (x) { return [x[0], x[2]]; }) }
        ]
      };
    }
  };
  window.__reportCharts = 0;
  Object.keys(charts).forEach(function (id) {
    var el = document.getElementById('chart-' + id);
    if (!el) return;
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.on('finished', function () {
      if (el.dataset.rendered !== '1') { el.dataset.rendered = '1'; window.__reportCharts += 1; }
    });
    var option = charts[id]();
    option.title = Object.assign({ left: 8, textStyle: { fontSize: 14 } }, option.title);
    if (option.legend) option.legend = Object.assign({}, option.legend, { top: 4, right: 8 });
    chart.setOption(Object.assign({ animation: false }, option));
  });
  window.__pct = pct;
})();
`;

/** The chart ids, in page order; each has a `<div id="chart-<id>">`. */
export const CHART_IDS = ['equity', 'reliability', 'brier', 'gates', 'costs', 'funding', 'signals'] as const;
