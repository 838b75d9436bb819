#!/usr/bin/env node
// Entry point of the `clientsync` command: the compiled CLI lives in dist/ (built by
// `npm install`/`npm ci` through the `prepare` script, or by `npm run build`).
import { limitHeapGrowth } from '../dist/cli/heap-growth.js';
import { main } from '../dist/cli/main.js';

limitHeapGrowth();
process.exitCode = await main(process.argv.slice(2));
