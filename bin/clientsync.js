#!/usr/bin/env node
// Entry point of the `clientsync` command: the compiled CLI lives in dist/ (built by
// `npm install`/`npm ci` through the `prepare` script, or by `npm run build`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
