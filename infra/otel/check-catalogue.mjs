#!/usr/bin/env node
// Checks the telemetry catalogue (docs/telemetry.md) against what uses it:
//   - every `cryptosignal_*` metric named in the alert rules and the Grafana dashboards is in the catalogue,
//     and every label in a selector right after such a name is one of its labels (or a target label);
//   - every alert has a runbook section (`### AlertName`) in docs/operations.md;
//   - every dashboard is valid JSON with a unique uid, the provisioned datasource and targets with exprs;
//   - every instrument name declared in the sources of libs/ and services/ is in the catalogue;
//   - with `--exposition FILE`, writes one sample of every catalogue metric in the Prometheus text format,
//     for `promtool check metrics` to lint the names, types and units.
// Usage: node infra/otel/check-catalogue.mjs [--exposition FILE]; prints every problem, exits 1 on any.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const read = (path) => readFileSync(join(root, path), 'utf8');
const TARGET_LABELS = new Set(['service', 'job', 'instance', 'namespace', 'pod', 'le', '__name__']);
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];
const DATASOURCE_UID = 'prometheus';
const problems = [];

/** Returns Map name → {type, labels, help} from the catalogue's metric tables. */
function parseCatalogue(markdown) {
  const metrics = new Map();
  const row =
    /^\|\s*`(cryptosignal_[a-z0-9_]+)`\s*\|\s*(counter|gauge|histogram)\s*\|\s*([^|]*)\|\s*([^|]*)\|/;
  for (const line of markdown.split('\n')) {
    const m = row.exec(line);
    if (!m) continue;
    const [, name, type, labelCell, help] = m;
    const labels = labelCell.trim() === '—' ? [] : labelCell.split(',').map((l) => l.trim());
    if (metrics.has(name)) problems.push(`docs/telemetry.md: ${name} is listed twice`);
    metrics.set(name, { type, labels, help: help.trim().replace(/`/g, '') });
  }
  return metrics;
}

/** Returns the catalogue entry a referenced series name belongs to (histogram series map to their base). */
function lookup(catalogue, name) {
  if (catalogue.has(name)) return { base: name, entry: catalogue.get(name) };
  for (const suffix of HISTOGRAM_SUFFIXES) {
    const base = name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;
    if (base && catalogue.get(base)?.type === 'histogram') return { base, entry: catalogue.get(base) };
  }
  return undefined;
}

/** Checks every metric reference (and the labels of its selector) in `text`, reported as `where`. */
function checkReferences(catalogue, text, where, used) {
  const reference = /\b(cryptosignal_[a-z0-9_]+)(\{([^}]*)\})?/g;
  for (const m of text.matchAll(reference)) {
    const found = lookup(catalogue, m[1]);
    if (!found) {
      problems.push(`${where}: ${m[1]} is not in docs/telemetry.md`);
      continue;
    }
    used.add(found.base);
    for (const matcher of (m[3] ?? '').split(',')) {
      const label = matcher.trim().split(/[=!~]/)[0]?.trim();
      if (label && !found.entry.labels.includes(label) && !TARGET_LABELS.has(label)) {
        problems.push(
          `${where}: ${m[1]} has no label "${label}" (catalogue: ${found.entry.labels.join(', ') || 'none'})`,
        );
      }
    }
  }
}

/** Checks the rules file: metric references and one runbook section per alert. */
function checkRules(catalogue, used) {
  const path = 'infra/prometheus/rules/cryptosignal.rules.yml';
  const rules = read(path);
  const exprs = rules.replace(/^\s*(summary|description|runbook):.*$/gm, '');
  checkReferences(catalogue, exprs, path, used);
  const runbooks = new Set([...read('docs/operations.md').matchAll(/^### (\w+)\s*$/gm)].map((m) => m[1]));
  const alerts = [...rules.matchAll(/^\s*- alert: (\w+)\s*$/gm)].map((m) => m[1]);
  for (const alert of alerts) {
    if (!runbooks.has(alert)) problems.push(`docs/operations.md: no "### ${alert}" runbook for ${path}`);
    if (!rules.includes(`runbook: docs/operations.md#${alert.toLowerCase()}`)) {
      problems.push(`${path}: ${alert} has no runbook annotation docs/operations.md#${alert.toLowerCase()}`);
    }
  }
  return alerts.length;
}

/** Checks one (non-row) panel; returns its target exprs. */
function checkPanel(panel, where) {
  const title = `${where} panel "${panel.title}"`;
  if (!panel.gridPos) problems.push(`${title}: no gridPos`);
  if (panel.datasource?.uid !== DATASOURCE_UID)
    problems.push(`${title}: datasource is not uid ${DATASOURCE_UID}`);
  const targets = Array.isArray(panel.targets) ? panel.targets : [];
  if (targets.length === 0) problems.push(`${title}: no targets`);
  const exprs = targets.map((t) => t.expr).filter((e) => typeof e === 'string' && e.length > 0);
  if (exprs.length !== targets.length) problems.push(`${title}: target without expr`);
  return exprs;
}

/** Returns every `expr` string in a dashboard's panels (rows and nested panels included). */
function panelExprs(panels, where) {
  return (panels ?? []).flatMap((panel) =>
    panel.type === 'row' ? panelExprs(panel.panels, where) : checkPanel(panel, where),
  );
}

/** Checks every dashboard JSON; returns how many there are. */
function checkDashboards(catalogue, used) {
  const dir = 'infra/grafana/dashboards';
  const uids = new Map();
  const files = readdirSync(join(root, dir)).filter((f) => f.endsWith('.json'));
  for (const file of files) {
    const where = `${dir}/${file}`;
    let dashboard;
    try {
      dashboard = JSON.parse(read(where));
    } catch (error) {
      problems.push(`${where}: not JSON (${error.message})`);
      continue;
    }
    if (!dashboard.uid || !dashboard.title) problems.push(`${where}: uid and title are required`);
    if (uids.has(dashboard.uid))
      problems.push(`${where}: uid ${dashboard.uid} also in ${uids.get(dashboard.uid)}`);
    uids.set(dashboard.uid, where);
    const templating = JSON.stringify(dashboard.templating ?? {});
    checkReferences(catalogue, [...panelExprs(dashboard.panels, where), templating].join('\n'), where, used);
  }
  return files.length;
}

/** Returns the `.ts` files under `dir` (recursively). */
function sourceFiles(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Returns the metric names a source file declares: quoted literals and `${prefix}name` templates. */
function declaredNames(text) {
  const prefixes = new Map(
    [...text.matchAll(/const (\w+) = '(cryptosignal_[a-z0-9_]+_)'/g)].map((m) => [m[1], m[2]]),
  );
  const templated = [...text.matchAll(/`\$\{(\w+)\}([a-z0-9_]+)`/g)]
    .filter((m) => prefixes.has(m[1]))
    .map((m) => `${prefixes.get(m[1])}${m[2]}`);
  const literals = [...text.matchAll(/['"](cryptosignal_[a-z0-9_]*[a-z0-9])['"]/g)].map((m) => m[1]);
  return [...templated, ...literals];
}

/** Returns the source files of every package under libs/ and services/. */
function packageSources() {
  return ['libs', 'services'].flatMap((top) =>
    readdirSync(join(root, top))
      .filter((pkg) => existsSync(join(root, top, pkg, 'src')))
      .flatMap((pkg) => sourceFiles(`${top}/${pkg}/src`)),
  );
}

/** Checks that the instruments the code declares are catalogued; returns the catalogued ones it declares. */
function checkCode(catalogue) {
  const declared = new Set();
  for (const file of packageSources()) {
    for (const name of declaredNames(read(file))) {
      if (catalogue.has(name)) declared.add(name);
      else problems.push(`${file}: declares ${name}, not in docs/telemetry.md`);
    }
  }
  return declared;
}

/** Returns one Prometheus text-format sample of every catalogue metric. */
function exposition(catalogue) {
  const lines = [];
  for (const [name, { type, labels, help }] of catalogue) {
    const set = labels.map((l) => `${l}="x"`);
    const sel = (extra = []) => (set.length + extra.length ? `{${[...set, ...extra].join(',')}}` : '');
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    if (type === 'histogram') {
      lines.push(`${name}_bucket${sel(['le="+Inf"'])} 1`, `${name}_sum${sel()} 1`, `${name}_count${sel()} 1`);
    } else lines.push(`${name}${sel()} 1`);
  }
  return `${lines.join('\n')}\n`;
}

const catalogue = parseCatalogue(read('docs/telemetry.md'));
if (catalogue.size === 0) problems.push('docs/telemetry.md: no metric rows found');
const used = new Set();
const alerts = checkRules(catalogue, used);
const dashboards = checkDashboards(catalogue, used);
const declared = checkCode(catalogue);
const undeclared = [...catalogue.keys()].filter((name) => !declared.has(name));
const out = process.argv.indexOf('--exposition');
if (out > 0) writeFileSync(process.argv[out + 1], exposition(catalogue));
for (const problem of problems) console.error(`catalogue: ${problem}`);
if (process.argv.includes('--verbose')) console.log(`not declared in code yet: ${undeclared.join(', ')}`);
console.log(
  `catalogue: ${catalogue.size} metrics (${declared.size} declared in code), ${used.size} used by ${alerts} alerts ` +
    `and ${dashboards} dashboards, ${problems.length} problems`,
);
process.exit(problems.length === 0 ? 0 : 1);
