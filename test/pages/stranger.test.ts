// The pages and /status seen from outside, as a stranger would: real HTTP on 127.0.0.1 against
// the daemon's real server and access rule. "Non-loopback" cases build the server as the daemon
// does for a 0.0.0.0 listen address (tests never listen beyond loopback).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { request, type Server } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { NONE_SINK } from '../../src/apply/index.js';
import { syncPolicy } from '../../src/sync/sync-policy.js';
import { FakeKeycloak } from '../support/fake-keycloak.js';
import { startDaemon, type RunningDaemon } from '../../src/daemon/daemon.js';
import { createDaemonServer } from '../../src/daemon/http-server.js';
import { fakeRepository, FakeClock, ManualSchedule, MemoryLogger, removeFakeRepositories } from '../support/daemon-helpers.js';
import { createPages, PagesState, type AccessSettings, type PendingSignIn, type SignInProvider } from '../../src/pages/index.js';

const TOKEN = 'status-token-0123456789abcdef';
const SIGN_IN: AccessSettings['signIn'] = {
  issuer: new URL('https://sso.invalid/realms/insights'),
  clientId: 'clientsync-pages',
  clientSecret: null,
  redirectUrl: new URL('http://127.0.0.1/auth/callback'),
  postLogoutUrl: new URL('http://127.0.0.1/signed-out'),
  rules: { accountsClaim: 'groups', operatorRole: 'clientsync-operator' },
  sessionKey: randomBytes(32),
  sessionSeconds: 3600,
};

/** Stands in for Keycloak's authorization endpoint: the code names the user. */
const USERS: Record<string, Record<string, unknown>> = {
  ann: { preferred_username: 'ann', groups: ['/accounts/acme'] },
  olga: { preferred_username: 'olga', realm_access: { roles: ['clientsync-operator'] } },
  bigtoken: { preferred_username: 'bigtoken', groups: ['/accounts/acme'] },
};
const fakeProvider: SignInProvider = {
  issuerOrigin: 'https://sso.invalid',
  async start(returnTo) {
    const pending: PendingSignIn = { state: randomBytes(8).toString('hex'), nonce: 'n', codeVerifier: 'v', returnTo };
    return { url: new URL(`https://sso.invalid/auth?state=${pending.state}`), pending };
  },
  async finish(url, pending) {
    if (url.searchParams.get('state') !== pending.state) throw new Error('state mismatch');
    const claims = USERS[url.searchParams.get('code') ?? ''];
    if (!claims) throw new Error('bad code');
    const name = String(claims['preferred_username']);
    return { claims, idToken: name === 'bigtoken' ? 'x'.repeat(5000) : `id-token-of-${name}` };
  },
  async logoutUrl(idToken) {
    return new URL(idToken === null ? 'https://sso.invalid/logout' : `https://sso.invalid/logout?id_token_hint=${idToken}`);
  },
};

const servers: Server[] = [];
const daemons: RunningDaemon[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  for (const d of daemons.splice(0)) await d.stop(1_000);
});
afterAll(removeFakeRepositories);

/** The daemon's HTTP server with the pages as the daemon builds them for `host`. */
async function serve(host: string, access: AccessSettings): Promise<string> {
  const logger = new MemoryLogger();
  const pages = createPages(access, { host, state: new PagesState(), gitUrl: null, now: () => new Date(), logger, scrub: (t) => t, provider: fakeProvider });
  const server = createDaemonServer({
    logger,
    readiness: () => ({ ready: true, reason: 'ok' }),
    status: () => ({ accounts: [{ account: 'acme', clients: ['acme_secret_project'] }] }),
    metrics: async () => ({ contentType: 'text/plain', body: 'clientsync_runs_total 1\n' }),
    scrub: (t) => t,
    webhook: { secret: null, branch: null, trigger: () => null, record: () => undefined },
    pages,
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, redirect: 'manual' });

describe('/status and the pages on a non-loopback address', () => {
  it('without a token or sign-in: /status and the pages are off; /healthz, /readyz, /metrics stay open', async () => {
    const base = await serve('0.0.0.0', { signIn: null, statusToken: null });
    const status = await get(`${base}/status`);
    expect(status.status).toBe(404);
    const text = await status.text();
    expect(text).toMatch(/off on this address/);
    expect(text).not.toContain('acme');
    const page = await get(`${base}/`);
    expect(page.status).toBe(404);
    expect(await page.text()).toMatch(/Pages are off/);
    expect((await get(`${base}/accounts/acme`)).status).toBe(404);
    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect((await get(`${base}/readyz`)).status).toBe(200);
    expect(await (await get(`${base}/metrics`)).text()).toContain('clientsync_runs_total');
  });

  it('with CLIENTSYNC_STATUS_TOKEN: only the exact bearer header opens /status', async () => {
    const base = await serve('0.0.0.0', { signIn: null, statusToken: TOKEN });
    const denied = [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcdef' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
      { authorization: TOKEN },
      { cookie: `token=${TOKEN}` },
      { 'x-status-token': TOKEN },
    ];
    for (const headers of denied) {
      const r = await get(`${base}/status`, headers);
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="clientsync"');
      const body = await r.text();
      expect(body).not.toContain('acme');
      expect(body).not.toContain(TOKEN);
    }
    for (const query of [`?token=${TOKEN}`, `?access_token=${TOKEN}`, `?authorization=Bearer%20${TOKEN}`]) {
      expect((await get(`${base}/status${query}`)).status, query).toBe(401);
    }
    const ok = await get(`${base}/status`, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ accounts: [{ account: 'acme' }] });
    expect((await get(`${base}/status`, { authorization: `bearer ${TOKEN}` })).status).toBe(200);
    // The token opens /status, not the pages: they stay off without sign-in.
    expect((await get(`${base}/`, { authorization: `Bearer ${TOKEN}` })).status).toBe(404);
  });

  it('with sign-in: a stranger gets a sign-in page (no redirect loop), a viewer only their accounts, /status only to operators', async () => {
    const base = await serve('0.0.0.0', { signIn: SIGN_IN, statusToken: null });
    const anonymous = await get(`${base}/accounts/acme`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('href="/login?return=%2Faccounts%2Facme"');

    const signIn = async (user: string): Promise<string> => {
      const login = await get(`${base}/login?return=/accounts/acme`);
      expect(login.status).toBe(303);
      const location = new URL(login.headers.get('location')!);
      expect(location.origin).toBe('https://sso.invalid');
      const pending = login.headers.get('set-cookie')!.split(';')[0]!;
      expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax; Max-Age=600/);
      const back = await get(`${base}/auth/callback?code=${user}&state=${location.searchParams.get('state')}`, { cookie: pending });
      expect(back.status).toBe(303);
      expect(back.headers.get('location')).toBe('/accounts/acme');
      const cookies = back.headers.getSetCookie();
      const session = cookies.find((c) => c.startsWith('clientsync-session='))!;
      expect(session).toMatch(/HttpOnly; SameSite=Lax; Max-Age=3600$/);
      expect(session).not.toContain(user);
      return session.split(';')[0]!;
    };

    const ann = await signIn('ann');
    expect((await get(`${base}/accounts/acme`, { cookie: ann })).status).toBe(404); // allowed, but no run yet
    const other = await get(`${base}/accounts/globex`, { cookie: ann });
    expect(other.status).toBe(403);
    expect(other.headers.get('location')).toBeNull();
    expect(await other.text()).toContain('Your sign-in does not name account');
    expect((await get(`${base}/runs`, { cookie: ann })).status).toBe(403);
    expect((await get(`${base}/status`, { cookie: ann })).status).toBe(401);

    const olga = await signIn('olga');
    expect((await get(`${base}/runs`, { cookie: olga })).status).toBe(200);
    expect((await get(`${base}/status`, { cookie: olga })).status).toBe(200);

    // A forged or altered cookie is no session.
    const [name, value] = ann.split('=') as [string, string];
    // The second-to-last character, changed (a full 6 bits of data in base64url, never padding).
    const flipped = `${name}=${value.slice(0, -2)}${value.at(-2) === 'A' ? 'B' : 'A'}${value.slice(-1)}`;
    expect(flipped).not.toBe(ann);
    expect((await get(`${base}/accounts/acme`, { cookie: flipped })).status).toBe(401);
    expect((await get(`${base}/status`, { cookie: 'clientsync-session={"operator":true}' })).status).toBe(401);

    // A callback without the pending cookie, or with another state, signs nobody in.
    const noPending = await get(`${base}/auth/callback?code=olga&state=x`);
    expect(noPending.status).toBe(400);
    expect(noPending.headers.getSetCookie().some((c) => c.startsWith('clientsync-session=') && !c.includes('Max-Age=0'))).toBe(false);
    const login = await get(`${base}/login`);
    const wrongState = await get(`${base}/auth/callback?code=olga&state=forged`, { cookie: login.headers.get('set-cookie')!.split(';')[0]! });
    expect(wrongState.status).toBe(400);

    // An open redirect through ?return= is refused: it falls back to /.
    for (const evil of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const l = await get(`${base}/login?return=${encodeURIComponent(evil)}`);
      const state = new URL(l.headers.get('location')!).searchParams.get('state');
      const back = await get(`${base}/auth/callback?code=ann&state=${state}`, { cookie: l.headers.get('set-cookie')!.split(';')[0]! });
      expect(back.headers.get('location'), evil).toBe('/');
    }

    // Logout clears the session and ends the provider's session with id_token_hint.
    const out = await fetch(`${base}/logout`, { method: 'POST', headers: { cookie: ann }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('https://sso.invalid/logout?id_token_hint=id-token-of-ann');
    expect(out.headers.get('set-cookie')).toMatch(/^clientsync-session=; .*Max-Age=0/);
    expect((await get(`${base}/logout`)).status).toBe(405);

    // An ID token too large for a cookie is left out of the session; sign-out still ends it.
    const big = await signIn('bigtoken');
    expect(big.length).toBeLessThan(4000);
    expect((await get(`${base}/accounts/acme`, { cookie: big })).status).toBe(404);
    const bigOut = await fetch(`${base}/logout`, { method: 'POST', headers: { cookie: big }, redirect: 'manual' });
    expect(bigOut.headers.get('location')).toBe('https://sso.invalid/logout');
  });

  it('HTML answers carry a CSP without inline scripts, nosniff and no framing', async () => {
    const base = await serve('127.0.0.1', { signIn: null, statusToken: null });
    const r = await get(`${base}/`);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await r.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle=|<style/);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });

  it('every other answer (JSON, text, errors, 404 echoing the path) carries nosniff and no framing', async () => {
    const base = await serve('127.0.0.1', { signIn: null, statusToken: TOKEN });
    const answers = [
      await get(`${base}/healthz`),
      await get(`${base}/readyz`),
      await get(`${base}/metrics`),
      await get(`${base}/status`),
      await get(`${base}/status`, { authorization: `Bearer ${TOKEN}` }),
      await get(`${base}/no-such-path%3Cscript%3Ealert(1)%3C/script%3E`),
      await get(`${base}/webhook`),
      await fetch(`${base}/webhook`, { method: 'POST', body: '{}' }),
      await fetch(`${base}/`, { method: 'POST', body: 'x' }),
      await fetch(`${base}/status`, { method: 'DELETE' }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 401, 200, 404, 405, 404, 405, 405]);
    // A path that starts with '//' is not read as an authority: no page hides behind it.
    const raw = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port: new URL(base).port, path }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on('error', reject)
          .end();
      });
    for (const path of ['//evil.example/accounts/acme', '/\\evil.example/', '*', 'http://evil.example/accounts/acme']) {
      const r = await raw(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('<html');
    }
    for (const r of answers) {
      expect(r.headers.get('x-content-type-options'), r.url).toBe('nosniff');
      expect(r.headers.get('content-security-policy'), r.url).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-frame-options'), r.url).toBe('DENY');
    }
  });
});

describe('the daemon on a loopback address', () => {
  it('without settings serves the pages and /status (the local trial); with a token, /status needs it there too', async () => {
    const start = async (access?: AccessSettings) => {
      const repo = fakeRepository({ 'clientsync.yaml': 'realm: insights\nscopes:\n  datahub-api: Query.\n', 'clients/acme.yaml': 'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n' });
      const d = await startDaemon(
        { host: '127.0.0.1', port: 0, runTimeLimitMs: 30_000, webhookSecret: null, version: 't', defaultMetrics: false, ...(access ? { access } : {}) },
        { clock: new FakeClock(), logger: new MemoryLogger(), source: repo.source, keycloak: () => new FakeKeycloak('insights'), policy: syncPolicy({ maxDeletes: 10, concurrency: 2, sink: NONE_SINK }), schedule: new ManualSchedule() },
      );
      daemons.push(d);
      await d.whenIdle();
      return d;
    };
    const open = await start();
    expect(open.pagesMode).toBe('local');
    expect((await get(`${open.url}/status`)).status).toBe(200);
    const page = await get(`${open.url}/accounts/acme`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('acme_a');

    const guarded = await start({ signIn: null, statusToken: TOKEN });
    expect((await get(`${guarded.url}/status`)).status).toBe(401);
    expect((await get(`${guarded.url}/status`, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });
});
