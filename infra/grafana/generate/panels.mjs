// Builders of Grafana dashboard JSON (schemaVersion 39, Grafana 10/11): panels, targets and an automatic
// left-to-right layout, so each dashboard module lists only what it shows.

/** The provisioned Prometheus datasource (infra/grafana/provisioning/datasources/prometheus.yml). */
export const DATASOURCE = { type: 'prometheus', uid: 'prometheus' };

/** Returns a query target; `instant` for stats and bar charts, `table` format when `table` is set. */
export function q(expr, legendFormat = '', options = {}) {
  return { expr, legendFormat, ...(options.instant ? { instant: true, range: false } : { range: true }),
    ...(options.table ? { format: 'table' } : {}) };
}

function base(type, title, targets, options) {
  return {
    type,
    title,
    description: options.description ?? '',
    datasource: DATASOURCE,
    targets: targets.map((t, i) => ({ datasource: DATASOURCE, refId: String.fromCharCode(65 + i), ...t })),
    size: { w: options.w ?? 12, h: options.h ?? 8 },
  };
}

function thresholdSteps(steps) {
  return { mode: 'absolute', steps: [{ color: 'green', value: null }, ...(steps ?? [])] };
}

/** Returns a time-series panel; `unit` is a Grafana unit id (`s`, `short`, `percentunit`, `reqps`, …). */
export function timeseries(title, targets, options = {}) {
  return {
    ...base('timeseries', title, targets, options),
    fieldConfig: {
      defaults: {
        unit: options.unit ?? 'short',
        min: options.min,
        custom: { drawStyle: 'line', lineWidth: 1, fillOpacity: options.stack ? 30 : 10, showPoints: 'never',
          stacking: { mode: options.stack ? 'normal' : 'none', group: 'A' },
          thresholdsStyle: { mode: options.thresholds ? 'line' : 'off' } },
        thresholds: thresholdSteps(options.thresholds),
      },
      overrides: [],
    },
    options: { legend: { displayMode: 'table', placement: 'bottom', calcs: ['lastNotNull', 'max'] },
      tooltip: { mode: 'multi', sort: 'desc' } },
  };
}

/** Returns a single-value panel; `thresholds` = [{color, value}] above the green base. */
export function stat(title, targets, options = {}) {
  return {
    ...base('stat', title, targets, { w: 6, h: 4, ...options }),
    fieldConfig: { defaults: { unit: options.unit ?? 'short', decimals: options.decimals,
      thresholds: thresholdSteps(options.thresholds), color: { mode: 'thresholds' } }, overrides: [] },
    options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value',
      graphMode: 'area', textMode: 'auto', justifyMode: 'auto' },
  };
}

/** Returns a bar chart of instant table queries merged on `xField` (e.g. reliability buckets). */
export function barchart(title, targets, xField, options = {}) {
  return {
    ...base('barchart', title, targets, options),
    transformations: [{ id: 'merge', options: {} },
      { id: 'organize', options: { excludeByName: { Time: true }, renameByName: options.rename ?? {} } },
      { id: 'sortBy', options: { sort: [{ field: xField }] } }],
    fieldConfig: { defaults: { unit: options.unit ?? 'short', min: 0, max: options.max }, overrides: [] },
    options: { xField, orientation: 'vertical', groupWidth: 0.7, barWidth: 0.9, showValue: 'auto',
      legend: { displayMode: 'list', placement: 'bottom' } },
  };
}

/** Returns a table of instant queries. */
export function table(title, targets, options = {}) {
  return {
    ...base('table', title, targets, options),
    transformations: [{ id: 'merge', options: {} }, { id: 'organize', options: { excludeByName: { Time: true } } }],
    fieldConfig: { defaults: { unit: options.unit ?? 'short' }, overrides: [] },
    options: { showHeader: true },
  };
}

/** Returns a collapsed-free row header spanning the width. */
export function row(title) {
  return { type: 'row', title, collapsed: false, panels: [], size: { w: 24, h: 1 } };
}

/** Places panels left to right, wrapping at width 24, and numbers them. */
function layout(panels) {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return panels.map((panel, i) => {
    const { size, ...rest } = panel;
    if (x + size.w > 24 || panel.type === 'row') {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { id: i + 1, gridPos: { x, y, w: size.w, h: size.h }, ...rest };
    x += size.w;
    rowHeight = Math.max(rowHeight, size.h);
    if (panel.type === 'row') {
      x = 24;
    }
    return placed;
  });
}

/** Returns a template variable over the values of `label` on `metric`. */
export function variable(name, metric, label) {
  return {
    name, label: name, type: 'query', datasource: DATASOURCE, query: { query: `label_values(${metric}, ${label})`,
      refId: 'vars' }, definition: `label_values(${metric}, ${label})`, includeAll: true, multi: true,
    allValue: '.*', current: { selected: true, text: ['All'], value: ['$__all'] }, refresh: 2, sort: 1,
  };
}

/** Returns a complete dashboard (uid `cryptosignal-<slug>`). */
export function dashboard({ slug, title, description, panels, variables = [], timeFrom = 'now-24h' }) {
  return {
    uid: `cryptosignal-${slug}`,
    title: `CryptoSignal / ${title}`,
    description,
    tags: ['cryptosignal'],
    editable: false,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: '1m',
    time: { from: timeFrom, to: 'now' },
    timezone: 'utc',
    templating: { list: variables },
    annotations: { list: [] },
    links: [{ type: 'dashboards', tags: ['cryptosignal'], asDropdown: true, title: 'CryptoSignal' }],
    panels: layout(panels),
  };
}
