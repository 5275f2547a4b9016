#!/usr/bin/env node
// Generates the TypeScript contracts (src/gen/, a build product) from proto/ with buf and the local ts-proto
// plugin. Skips when a stamp shows the inputs are unchanged; otherwise generates into a scratch folder and swaps
// it into place, so a concurrent build never sees a half-written src/gen/.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;
const genDir = join(root, 'libs/contracts/src/gen');
const stampFile = join(genDir, '.stamp');
// Scratch space beside src/ (same file system, so the final rename is atomic), outside what tsc compiles.
const scratchRoot = join(root, 'libs/contracts/dist/.gen-scratch');

function* protoFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* protoFiles(path);
    else if (entry.name.endsWith('.proto')) yield path;
  }
}

/** Returns the sha256 of every generation input: the protos, the buf configs, ts-proto's version, this script. */
function inputsHash() {
  const hash = createHash('sha256');
  const tsProto = JSON.parse(readFileSync(join(root, 'node_modules/ts-proto/package.json'), 'utf8'));
  hash.update(`ts-proto@${tsProto.version}\0`);
  const files = [...protoFiles(join(root, 'proto')), join(root, 'buf.yaml'), join(root, 'buf.gen.yaml')];
  files.push(new URL(import.meta.url).pathname);
  for (const file of files)
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex');
}

const hash = inputsHash();
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash) {
  console.log('contracts: generated code up to date');
  process.exit(0);
}

const scratch = join(scratchRoot, `gen-${process.pid}`);
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const started = Date.now();
execFileSync(join(root, 'node_modules/.bin/buf'), ['generate', '--template', 'buf.gen.yaml', '-o', scratch], {
  cwd: root,
  stdio: 'inherit',
});
const fresh = join(scratch, 'libs/contracts/src/gen');
writeFileSync(join(fresh, '.stamp'), `${hash}\n`);

const retired = join(scratchRoot, `old-${process.pid}`);
if (existsSync(genDir)) renameSync(genDir, retired);
try {
  renameSync(fresh, genDir);
} catch (error) {
  // Another build swapped its own output in first; keep it when it was generated from the same inputs.
  if (!(existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash)) throw error;
}
rmSync(retired, { recursive: true, force: true });
rmSync(scratch, { recursive: true, force: true });
console.log(`contracts: generated src/gen in ${Date.now() - started} ms`);
