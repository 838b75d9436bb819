// Preloaded into a spawned `clientsync` by bench/sync.ts (node --import): counts the HTTP
// requests the CLI makes (at its fetch) and, when the process exits, writes to the file named by
// CLIENTSYNC_BENCH_PROBE: the requests, when the first one started (before it: start-up and
// reading the YAML), the exit time and the peak RSS. Measuring the real CLI process this way
// gives the figures a user's `clientsync apply` would show, not those of a bench harness.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const out = process.env.CLIENTSYNC_BENCH_PROBE;
if (out) {
  let requests = 0;
  let firstRequestMs = null;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (...args) => {
    requests++;
    firstRequestMs ??= performance.now();
    return realFetch(...args);
  };
  process.on('exit', () => {
    const exitMs = performance.now();
    writeFileSync(out, JSON.stringify({ requests, firstRequestMs, exitMs, maxRssKb: process.resourceUsage().maxRSS }));
  });
}
