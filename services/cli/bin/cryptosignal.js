#!/usr/bin/env node
// Entry of the `cryptosignal` command. It lives outside dist/ so that `npm ci` finds it and links it into
// node_modules/.bin before the first build (npm skips a bin whose file is missing); the program is dist/main.js.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('cryptosignal: not built yet; run `npm run build` first');
  process.exit(2);
}
await import(main.href);
