#!/usr/bin/env node
// Reads the JSON report of one dependency audit and prints one line: the verdict, then what it rests on.
//   node scripts/audit-report.mjs npm REPORT.json   (npm audit --json)
//   node scripts/audit-report.mjs pip REPORT.json   (pip-audit -f json)
// Exit 0: audited, no high or critical finding; 1: high or critical findings (each named);
// 3: the audit could NOT run, or could not look up some packages (the line says why: never a clean result).
// pip-audit's PyPI service gives no severity, so every vulnerability it reports counts as high.
import { readFileSync } from 'node:fs';

const OK = 0;
const FINDINGS = 1;
const NOT_RUN = 3;
const BLOCKING = new Set(['high', 'critical']);

/** Returns the parsed report, or undefined when the file is empty or not JSON. */
function readReport(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function npmVerdict(report) {
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const why = report?.message ?? report?.error?.summary ?? 'no report (npm audit output above)';
    return [NOT_RUN, `could NOT run: ${why}; production npm dependencies were NOT audited`];
  }
  const blocking = Object.values(report.vulnerabilities ?? {}).filter((v) => BLOCKING.has(v.severity));
  const deps = report.metadata.dependencies?.prod ?? report.metadata.dependencies?.total ?? '?';
  const others = `${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low, ${counts.info ?? 0} info`;
  if (blocking.length > 0) {
    const names = blocking.map((v) => {
      const titles = (v.via ?? []).filter((x) => typeof x === 'object').map((x) => x.title);
      return `${v.name} (${v.severity}${titles.length ? `: ${titles.join('; ')}` : ''}, range ${v.range})`;
    });
    return [FINDINGS, `${blocking.length} high/critical: ${names.join(', ')}`];
  }
  return [OK, `no high/critical finding in ${deps} production dependencies (${others})`];
}

function pipVerdict(report) {
  const deps = report?.dependencies;
  if (!Array.isArray(deps)) {
    return [NOT_RUN, 'could NOT run: no report (pip-audit output above); Python packages were NOT audited'];
  }
  const own = deps.filter((d) => d.skip_reason?.includes('editable'));
  const skipped = deps.filter((d) => d.skip_reason && !own.includes(d));
  const audited = deps.filter((d) => !d.skip_reason);
  const vulnerable = audited.filter((d) => (d.vulns ?? []).length > 0);
  if (vulnerable.length > 0) {
    const names = vulnerable.map((d) => `${d.name} ${d.version} (${d.vulns.map((v) => v.id).join(', ')})`);
    return [FINDINGS, `${vulnerable.length} vulnerable packages: ${names.join(', ')}`];
  }
  if (skipped.length > 0) {
    const example = skipped[0].skip_reason;
    return [
      NOT_RUN,
      `could NOT run: the vulnerability service could not look up ${skipped.length} of ` +
        `${skipped.length + audited.length} packages (e.g. "${example}"): those were NOT audited ` +
        `(${audited.length} audited)`,
    ];
  }
  return [OK, `no known vulnerability in ${audited.length} packages (${own.length} own editable skipped)`];
}

const [kind, path] = process.argv.slice(2);
if ((kind !== 'npm' && kind !== 'pip') || !path) {
  console.error('usage: audit-report.mjs npm|pip REPORT.json');
  process.exit(2);
}
const [code, line] = (kind === 'npm' ? npmVerdict : pipVerdict)(readReport(path));
console.log(line);
process.exit(code);
