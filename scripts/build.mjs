#!/usr/bin/env node
// Builds the monorepo: generated contracts first (when the contracts package has a generator), then every
// workspace's TypeScript project through `tsc -b`, which orders projects by their references.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => {
  try {
    execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
  } catch (error) {
    console.error(`build failed: ${[cmd, ...args].join(' ')} exited with ${error.status ?? error.signal}`);
    process.exit(typeof error.status === 'number' ? error.status : 1);
  }
};

if (existsSync(join(root, 'libs/contracts/scripts/generate.mjs'))) {
  run(process.execPath, ['libs/contracts/scripts/generate.mjs']);
}
const projects = ['libs', 'services'].flatMap((dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .map((name) => join(dir, name, 'tsconfig.json'))
        .filter((p) => existsSync(join(root, p)))
    : [],
);
if (projects.length > 0) run(join(root, 'node_modules/.bin/tsc'), ['-b', ...projects]);
