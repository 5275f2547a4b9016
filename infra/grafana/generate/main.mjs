#!/usr/bin/env node
// Writes the provisioned dashboards (infra/grafana/dashboards/*.json) from the modules in ./dashboards.
// `--check` writes nothing and exits 1 when a committed JSON differs from what the modules produce.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const outDir = join(here, '..', 'dashboards');
const check = process.argv.includes('--check');
const stale = [];
const modules = readdirSync(join(here, 'dashboards')).filter((f) => f.endsWith('.mjs')).sort();
for (const file of modules) {
  const { default: dashboard } = await import(join(here, 'dashboards', file));
  const path = join(outDir, file.replace(/\.mjs$/, '.json'));
  const json = `${JSON.stringify(dashboard, null, 2)}\n`;
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = '';
  }
  if (current === json) continue;
  if (check) stale.push(path);
  else writeFileSync(path, json);
}
if (stale.length > 0) {
  console.error(`grafana: dashboards out of date, run node infra/grafana/generate/main.mjs:\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(`grafana: ${modules.length} dashboards ${check ? 'up to date' : 'written'}`);
