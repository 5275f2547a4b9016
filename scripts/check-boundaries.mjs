#!/usr/bin/env node
// Enforces the house rules on imports (STYLE.md "The tree tells the architecture"):
//  - a library never imports a service;
//  - `domain` imports no other workspace package;
//  - nobody reaches into another package's internals (`@cryptosignal/x/src/...` or `../../libs/...`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const services = new Set(safeList('services'));
const problems = [];

function safeList(dir) {
  try {
    return readdirSync(join(root, dir)).filter((n) => statSync(join(root, dir, n)).isDirectory());
  } catch {
    return [];
  }
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'gen') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

const importRe = /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
for (const area of ['libs', 'services']) {
  for (const pkg of safeList(area)) {
    for (const file of walk(join(root, area, pkg))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2];
        const where = relative(root, file);
        if (/^@cryptosignal\/[^/]+\/.+/.test(spec))
          problems.push(`${where}: deep import '${spec}' (use the package entry)`);
        if (/(\.\.\/){2,}(libs|services)\//.test(spec))
          problems.push(`${where}: relative import across packages '${spec}'`);
        const target = spec.match(/^@cryptosignal\/([^/]+)/)?.[1];
        if (!target) continue;
        if (area === 'libs' && services.has(target))
          problems.push(`${where}: library imports service '${spec}'`);
        if (area === 'libs' && pkg === 'domain') problems.push(`${where}: domain must not import '${spec}'`);
      }
    }
  }
}
if (problems.length > 0) {
  console.error(`import boundary violations (${problems.length}):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('import boundaries: ok');
