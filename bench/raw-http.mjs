// The raw-HTTP baseline of bench/keycloak.ts: the same requests clientsync makes for a scenario,
// at the same concurrency, with one token and Node's fetch, and nothing else (no YAML, no plan,
// no retries, no admin client). Run as its own process, as the CLI is:
//   node bench/raw-http.mjs SCENARIO DESIRED.json
// env: KEYCLOAK_URL, REALM, AUTH_REALM (default REALM), CLIENT_ID, CLIENT_SECRET, CONCURRENCY (8), PAGE_SIZE (200).
// DESIRED.json: [{ clientId, body, scope }] (the bodies clientsync would send). Prints one JSON
// line: { ms, cpuMs, maxRssKb }.
/* global fetch, URLSearchParams */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [scenario, desiredFile] = process.argv.slice(2);
const { KEYCLOAK_URL: url, REALM: realm, CLIENT_ID: clientId, CLIENT_SECRET: secret } = process.env;
const concurrency = Number(process.env.CONCURRENCY ?? 8);
const pageSize = Number(process.env.PAGE_SIZE ?? 200);
const desired = JSON.parse(readFileSync(desiredFile, 'utf8'));
const started = performance.now();
const cpu0 = process.cpuUsage();

const tokenResponse = await fetch(`${url}/realms/${process.env.AUTH_REALM ?? realm}/protocol/openid-connect/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
});
const { access_token: token } = await tokenResponse.json();
const admin = `${url}/admin/realms/${realm}`;
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

async function call(method, path, body) {
  const response = await fetch(`${admin}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  return { response, text };
}

/** Pages as clientsync reads them: page 0 alone, then 4 at a time up to the expected count. */
async function list(expected) {
  const page = async (i) => JSON.parse((await call('GET', `/clients?first=${i * pageSize}&max=${pageSize}`)).text);
  const pages = [await page(0)];
  if (pages[0].length < pageSize) return pages.flat();
  let next = 1;
  let done = false;
  const estimated = Math.floor(expected / pageSize) + 1;
  const worker = async () => {
    while (!done) {
      const i = next++;
      const items = await page(i);
      pages[i] = items;
      if (items.length < pageSize) done = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, Math.max(1, estimated - 1)) }, worker));
  return pages.flat();
}

async function pool(items, fn) {
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (i < items.length) {
      const item = items[i++];
      await fn(item);
    }
  }));
}

const live = await list(desired.length + 10);
const byClientId = new Map(live.map((c) => [c.clientId, c]));
if (scenario === 'create') {
  const scopes = JSON.parse((await call('GET', '/client-scopes')).text);
  const scopeId = new Map(scopes.map((s) => [s.name, s.id]));
  await pool(desired, async (d) => {
    const { response } = await call('POST', '/clients', d.body);
    const id = response.headers.get('location').split('/').pop();
    if (d.scope) await call('PUT', `/clients/${id}/default-client-scopes/${scopeId.get(d.scope)}`);
  });
} else if (scenario === 'update-all' || scenario === 'one-change') {
  const changed = desired.filter((d) => d.changed);
  await pool(changed, (d) => call('PUT', `/clients/${byClientId.get(d.clientId).id}`, d.body));
} else if (scenario === 'delete-all') {
  const managed = live.filter((c) => c.attributes?.['clientsync.managed'] === 'true');
  await pool(managed, (c) => call('DELETE', `/clients/${c.id}`));
} else if (scenario !== 'no-op') {
  throw new Error(`unknown scenario ${scenario}`);
}
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, listed: live.length })}\n`);
