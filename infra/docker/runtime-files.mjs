#!/usr/bin/env node
// Lays out what the image of one workspace package needs (infra/docker/service.Dockerfile, build stage), run from
// the repository root after `npm run build`:
//   node infra/docker/runtime-files.mjs SERVICE MANIFESTS_DIR OUT_DIR
// MANIFESTS_DIR gets the root package.json, package-lock.json and every workspace's package.json: `npm ci
// --workspace` needs the whole workspace the lockfile describes to install the production dependencies of one.
// OUT_DIR gets, for services/SERVICE and every workspace package it depends on (`dependencies`, transitively;
// never `devDependencies`): package.json, dist/ (without .tsbuildinfo), migrations/ and bin/ where present; the
// repository folders the service reads at run time (RUNTIME_FOLDERS); and main.mjs, the image's entry point,
// which loads services/SERVICE/dist/main.js. Exits 2 naming the problem when SERVICE is not a built workspace.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Repository folders a service reads at run time, beside its compiled code. */
const RUNTIME_FOLDERS = {
  // Model manifests (input layouts) and regime-adaptive.json for v7.3 (PIPELINE_MODELS_DIR=models).
  pipeline: ['models'],
  // The shipped models (MODELS_DIR=/app/models) and the .proto files for gRPC server reflection.
  inference: ['models', 'proto'],
  // The shipped models, the seed of an empty model registry (`cryptosignal models seed --from /app/models`).
  cli: ['models'],
};
const PACKAGE_PARTS = ['dist', 'migrations', 'bin'];

const fail = (message) => {
  console.error(`runtime-files: ${message}`);
  process.exit(2);
};
const [service, manifestsDir, outDir] = process.argv.slice(2);
if (!service || !manifestsDir || !outDir) fail('usage: runtime-files.mjs SERVICE MANIFESTS_DIR OUT_DIR');

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
/** Workspace package name → its folder, for every folder under libs/ and services/ with a package.json. */
const workspaces = new Map();
for (const area of ['libs', 'services']) {
  for (const name of readdirSync(area)) {
    const dir = join(area, name);
    if (existsSync(join(dir, 'package.json'))) workspaces.set(readJson(join(dir, 'package.json')).name, dir);
  }
}

/** Returns the folders of `root` and of every workspace package it depends on at run time. */
function runtimeClosure(root) {
  const seen = new Set();
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop();
    if (seen.has(dir)) continue;
    seen.add(dir);
    for (const dependency of Object.keys(readJson(join(dir, 'package.json')).dependencies ?? {})) {
      const found = workspaces.get(dependency);
      if (found) pending.push(found);
    }
  }
  return [...seen].sort();
}

const serviceDir = join('services', service);
if (!existsSync(join(serviceDir, 'package.json'))) fail(`${serviceDir}/package.json does not exist`);
if (!existsSync(join(serviceDir, 'dist', 'main.js')))
  fail(`${serviceDir}/dist/main.js is missing: run npm run build`);

for (const file of ['package.json', 'package-lock.json']) cpSync(file, join(manifestsDir, file));
for (const dir of workspaces.values())
  cpSync(join(dir, 'package.json'), join(manifestsDir, dir, 'package.json'));

const packages = runtimeClosure(serviceDir);
for (const dir of packages) {
  mkdirSync(join(outDir, dir), { recursive: true });
  cpSync(join(dir, 'package.json'), join(outDir, dir, 'package.json'));
  for (const part of PACKAGE_PARTS) {
    if (existsSync(join(dir, part))) cpSync(join(dir, part), join(outDir, dir, part), { recursive: true });
  }
  rmSync(join(outDir, dir, 'dist', '.tsbuildinfo'), { force: true });
}
for (const folder of RUNTIME_FOLDERS[service] ?? [])
  cpSync(folder, join(outDir, folder), { recursive: true });
writeFileSync(join(outDir, 'main.mjs'), `import './${serviceDir}/dist/main.js';\n`);
console.log(`runtime-files: ${service}: ${packages.length} workspace packages (${packages.join(' ')})`);
