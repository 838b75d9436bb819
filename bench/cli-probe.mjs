// Preloaded into a spawned `clientsync` by bench/sync.ts (node --import): counts the HTTP
// requests the CLI makes (at its fetch) and, when the process exits, writes to the file named by
// CLIENTSYNC_BENCH_PROBE: the requests, when the first one started (before it: start-up and
// reading the YAML), when the first change starts (a write other than the token request: before
// it, listing and planning), the exit time and the peak RSS. Measuring the real CLI process this way
// gives the figures a user's `clientsync apply` would show, not those of a bench harness.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const out = process.env.CLIENTSYNC_BENCH_PROBE;
if (out) {
  let requests = 0;
  let firstRequestMs = null;
  let firstChangeMs = null;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    requests++;
    firstRequestMs ??= performance.now();
    const method = init?.method ?? input?.method ?? 'GET';
    const url = String(input?.url ?? input);
    if (method !== 'GET' && !url.includes('/protocol/openid-connect/token')) firstChangeMs ??= performance.now();
    return realFetch(input, init);
  };
  process.on('exit', () => {
    const exitMs = performance.now();
    const cpu = process.cpuUsage();
    writeFileSync(out, JSON.stringify({ requests, firstRequestMs, firstChangeMs, exitMs, maxRssKb: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 }));
  });
}
