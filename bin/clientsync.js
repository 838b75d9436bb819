#!/usr/bin/env node
// Entry point of the `clientsync` command: the compiled CLI lives in dist/ (built by
// `npm install`/`npm ci` through the `prepare` script, or by `npm run build`). Without dist/
// (an install with --ignore-scripts), say so instead of failing on a missing module.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/cli/main.js', import.meta.url))) {
  process.stderr.write('clientsync is not built yet (no dist/ folder): run `npm run build` in this checkout (`npm ci` does it too)\n');
  process.exit(1);
}
const { limitHeapGrowth } = await import('../dist/cli/heap-growth.js');
const { main } = await import('../dist/cli/main.js');

limitHeapGrowth();
process.exitCode = await main(process.argv.slice(2));
