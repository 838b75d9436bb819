// The pages' HTTP side: routes (/, /accounts/<id>, /runs, assets, sign-in, callback, sign-out),
// who may see what, the session cookie, security headers, and the /status access rule. Pages
// read PagesState only: no Keycloak request per page view (sign-in talks to Keycloak, once).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DaemonLogger } from '../daemon/logger.js';
import { canSeeAccount, LOCAL_VIEWER, viewerFromClaims, type AccessRules, type Viewer } from './access.js';
import { renderAccountPage } from './account-page.js';
import { FILTER_SCRIPT, STYLESHEET } from './assets.js';
import type { PageContext } from './layout.js';
import { renderMessagePage, type Message } from './message-page.js';
import type { PendingSignIn, SignInProvider } from './oidc.js';
import { renderOverviewPage } from './overview-page.js';
import type { PagesState } from './pages-state.js';
import { renderRunsPage } from './runs-page.js';
import { parseCookies, setCookie, type CookieSealer } from './session.js';
import { PLAIN_ANSWER_HEADERS } from '../shared/answer-headers.js';
import type { PageData } from './shared.js';
import type { PagesSnapshot } from './view-model.js';

/** sign-in: OIDC configured. local: no sign-in, loopback listen address (the local trial). off: neither. */
export type PagesMode = 'sign-in' | 'local' | 'off';

export interface SignInWiring {
  readonly provider: SignInProvider;
  readonly rules: AccessRules;
  readonly sealer: CookieSealer;
  /** Path of the redirect URL (served here). */
  readonly callbackPath: string;
  /** Secure cookies (the redirect URL is https). */
  readonly secure: boolean;
  readonly sessionSeconds: number;
}

export interface PagesHttpOptions {
  readonly signIn: SignInWiring | null;
  /** The daemon listens on a loopback address only. */
  readonly loopback: boolean;
  readonly statusToken: string | null;
  readonly state: PagesState;
  readonly commitUrl: (revision: string) => string | null;
  readonly now: () => Date;
  readonly logger: DaemonLogger;
  /** Removes known secret values (a second line of defence; the view holds none). */
  readonly scrub: (text: string) => string;
}

export type StatusAccess = { readonly allowed: true } | { readonly allowed: false; readonly status: 401 | 404; readonly error: string; readonly headers: Record<string, string> };

export interface PagesHttp {
  readonly mode: PagesMode;
  /** True when the request was a page route and has been answered. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  statusAccess(req: IncomingMessage): StatusAccess;
  /** One line each for the start-up log: what is served to whom. */
  describe(): { pages: string; status: string };
}

interface Session {
  readonly name: string;
  readonly operator: boolean;
  readonly accounts: readonly string[];
  readonly idToken: string | null;
}

const SIGN_IN_SECONDS = 600;
/** Leaves room for the name and attributes within browsers' 4096-byte cookie limit. */
const MAX_COOKIE_VALUE = 3800;
const PAGE_PATHS = /^\/(?:$|accounts\/[^/]+$|runs$|login$|logout$|signed-out$|assets\/(?:pages\.css|filter\.js)$)/;

function safeReturnTo(value: string | null): string {
  if (value === null || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  try {
    const parsed = new URL(value, 'http://x.invalid');
    return parsed.origin === 'http://x.invalid' ? `${parsed.pathname}${parsed.search}` : '/';
  } catch {
    return '/';
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function isSession(value: unknown): value is Session {
  if (value === null || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  return typeof s['name'] === 'string' && typeof s['operator'] === 'boolean' && Array.isArray(s['accounts']) && (s['idToken'] === null || typeof s['idToken'] === 'string');
}

function isPending(value: unknown): value is PendingSignIn {
  if (value === null || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  return ['state', 'nonce', 'codeVerifier', 'returnTo'].every((k) => typeof s[k] === 'string');
}

export function createPagesHttp(options: PagesHttpOptions): PagesHttp {
  const { signIn, state, logger } = options;
  const mode: PagesMode = signIn !== null ? 'sign-in' : options.loopback ? 'local' : 'off';
  const sessionCookie = signIn?.secure ? '__Host-clientsync-session' : 'clientsync-session';
  const pendingCookie = signIn?.secure ? '__Host-clientsync-signin' : 'clientsync-signin';
  const tokenDigest = options.statusToken === null ? null : digest(options.statusToken);
  const formAction = signIn === null ? "'self'" : `'self' ${signIn.provider.issuerOrigin}`;
  const csp = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; form-action ${formAction}; base-uri 'none'; frame-ancestors 'none'`;

  const sessionOf = (req: IncomingMessage): Session | null => {
    if (signIn === null) return null;
    const value = parseCookies(req.headers.cookie).get(sessionCookie);
    if (value === undefined) return null;
    const opened = signIn.sealer.open(sessionCookie, value, options.now());
    return isSession(opened) ? opened : null;
  };

  const viewerOf = (req: IncomingMessage): Viewer | null => {
    if (mode === 'local') return LOCAL_VIEWER;
    const session = sessionOf(req);
    return session === null ? null : { name: session.name, operator: session.operator, accounts: session.accounts };
  };

  const ctxFor = (viewer: Viewer | null): PageContext => ({ viewer, signIn: signIn !== null, commitUrl: options.commitUrl });

  const send = (req: IncomingMessage, res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void => {
    const body = options.scrub(html);
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const message = (req: IncomingMessage, res: ServerResponse, status: number, viewer: Viewer | null, m: Message, headers: Record<string, string> = {}): void =>
    send(req, res, status, renderMessagePage(ctxFor(viewer), m), headers);
  const redirect = (res: ServerResponse, location: string, cookies: string[] = []): void => {
    res.writeHead(303, { location, 'cache-control': 'no-store', 'content-length': 0, ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}) });
    res.end();
  };

  /** The snapshot cut down to what the viewer may see. */
  const dataFor = (viewer: Viewer): PageData => {
    const snapshot = state.snapshot;
    const visible: PagesSnapshot | null =
      snapshot === null ? null : { ...snapshot, accounts: snapshot.accounts.filter((a) => canSeeAccount(viewer, a.account)) };
    return { snapshot: visible, lastRun: state.runs[0] ?? null, lastApplied: (account) => state.lastApplied(account) };
  };

  const signInPage = (req: IncomingMessage, res: ServerResponse, path: string): void =>
    message(req, res, 401, null, {
      title: 'Sign in',
      text: 'The API Clients pages show your accounts\u2019 clients, their sync state and next secret rotations. Sign in with your company account to see them.',
      link: { href: `/login?return=${encodeURIComponent(path)}`, label: 'Sign in' },
    });

  async function login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const wiring = signIn!;
    let started: Awaited<ReturnType<SignInProvider['start']>>;
    try {
      started = await wiring.provider.start(safeReturnTo(url.searchParams.get('return')));
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'sign-in: the provider could not be reached');
      message(req, res, 502, null, { title: 'Sign-in is unavailable', text: 'The sign-in provider could not be reached. Try again in a minute; if it persists, tell an operator.', link: { href: url.pathname + url.search, label: 'Try again' } });
      return;
    }
    const expires = new Date(options.now().getTime() + SIGN_IN_SECONDS * 1000);
    redirect(res, started.url.href, [setCookie(pendingCookie, wiring.sealer.seal(pendingCookie, started.pending, expires), { secure: wiring.secure, maxAge: SIGN_IN_SECONDS })]);
  }

  async function callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const wiring = signIn!;
    const clearPending = setCookie(pendingCookie, '', { secure: wiring.secure, maxAge: 0 });
    const again = { href: '/login', label: 'Sign in again' };
    const error = url.searchParams.get('error');
    if (error !== null) {
      message(req, res, 403, null, { title: 'Sign-in was not completed', text: `The sign-in provider answered '${error.slice(0, 64)}'.`, link: again }, { 'set-cookie': clearPending });
      return;
    }
    const raw = parseCookies(req.headers.cookie).get(pendingCookie);
    const pending = raw === undefined ? null : wiring.sealer.open(pendingCookie, raw, options.now());
    if (!isPending(pending)) {
      message(req, res, 400, null, { title: 'Sign-in expired', text: 'This sign-in was started more than 10 minutes ago, in another browser, or not here. Start again.', link: again }, { 'set-cookie': clearPending });
      return;
    }
    let claims: Readonly<Record<string, unknown>>;
    let idToken: string | null;
    try {
      ({ claims, idToken } = await wiring.provider.finish(url, pending));
    } catch (err) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'sign-in: the code exchange failed');
      message(req, res, 400, null, { title: 'Sign-in failed', text: 'The answer of the sign-in provider could not be verified. Start again.', link: again }, { 'set-cookie': clearPending });
      return;
    }
    const viewer = viewerFromClaims(claims, wiring.rules);
    logger.info({ operator: viewer.operator, accounts: viewer.accounts.length }, 'signed in');
    const expires = new Date(options.now().getTime() + wiring.sessionSeconds * 1000);
    const seal = (token: string | null): string =>
      wiring.sealer.seal(sessionCookie, { name: viewer.name, operator: viewer.operator, accounts: viewer.accounts, idToken: token } satisfies Session, expires);
    let sealed = seal(idToken);
    // Browsers drop cookies above 4 kB: without the ID token, sign-out still works (Keycloak
    // then asks the user to confirm it).
    if (sealed.length > MAX_COOKIE_VALUE) sealed = seal(null);
    if (sealed.length > MAX_COOKIE_VALUE) {
      logger.warn({ accounts: viewer.accounts.length }, 'sign-in refused: the session does not fit in a cookie');
      message(req, res, 400, null, { title: 'Sign-in failed', text: 'Your sign-in names too many accounts to keep in a session. Ask an operator to trim your groups.' }, { 'set-cookie': clearPending });
      return;
    }
    redirect(res, pending.returnTo, [clearPending, setCookie(sessionCookie, sealed, { secure: wiring.secure, maxAge: wiring.sessionSeconds })]);
  }

  async function logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const wiring = signIn!;
    const session = sessionOf(req);
    const clear = setCookie(sessionCookie, '', { secure: wiring.secure, maxAge: 0 });
    let target: URL | null = null;
    if (session !== null) {
      try {
        target = await wiring.provider.logoutUrl(session.idToken);
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'sign-out: the provider could not be reached; the local session ended');
      }
    }
    redirect(res, target?.href ?? '/signed-out', [clear]);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    // The request target is a path: appended to the base, so '//host/accounts/x' stays that path
    // (new URL('//host/…', base) would read 'host' as an authority and serve /accounts/x).
    // Other request-target forms ('*', absolute URLs) name no page: the daemon answers 404.
    const target = req.url ?? '/';
    if (!target.startsWith('/')) return false;
    const url = new URL(`http://daemon.invalid${target}`);
    const path = url.pathname;
    const isCallback = signIn !== null && path === signIn.callbackPath;
    if (!PAGE_PATHS.test(path) && !isCallback) return false;
    const method = req.method ?? '';
    const allowed = path === '/logout' ? ['POST'] : ['GET', 'HEAD'];
    req.resume();
    if (!allowed.includes(method)) {
      res.writeHead(405, { allow: allowed.join(', '), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...PLAIN_ANSWER_HEADERS });
      res.end(`${method} is not allowed on ${path}; use ${allowed.join(' or ')}\n`);
      return true;
    }
    if (path === '/assets/pages.css' || path === '/assets/filter.js') {
      const css = path.endsWith('.css');
      const body = css ? STYLESHEET : FILTER_SCRIPT;
      res.writeHead(200, { 'content-type': css ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
      res.end(method === 'HEAD' ? undefined : body);
      return true;
    }
    if (mode === 'off') {
      message(req, res, 404, null, {
        title: 'Pages are off',
        text: 'This daemon listens on a network address and has no sign-in configured, so it serves no pages here. An operator turns them on with CLIENTSYNC_OIDC_ISSUER, CLIENTSYNC_OIDC_CLIENT_ID and CLIENTSYNC_OIDC_REDIRECT_URL (see clientsync daemon --help).',
      });
      return true;
    }
    if (signIn !== null) {
      if (path === '/login') return login(req, res, url).then(() => true);
      if (isCallback) return callback(req, res, url).then(() => true);
      if (path === '/logout') return logout(req, res).then(() => true);
    }
    if (path === '/signed-out') {
      message(req, res, 200, null, { title: 'Signed out', text: 'You are signed out of the API Clients pages and of the sign-in provider.', link: { href: '/login', label: 'Sign in again' } });
      return true;
    }
    if (path === '/login' || path === '/logout') {
      // The local trial has no sign-in: nothing to do but go to the pages.
      redirect(res, '/');
      return true;
    }
    const viewer = viewerOf(req);
    if (viewer === null) {
      signInPage(req, res, `${path}${url.search}`);
      return true;
    }
    const q = (url.searchParams.get('q') ?? '').slice(0, 200);
    const ctx = ctxFor(viewer);
    if (path === '/') {
      send(req, res, 200, renderOverviewPage(ctx, dataFor(viewer), q));
      return true;
    }
    if (path === '/runs') {
      if (!viewer.operator) message(req, res, 403, viewer, { title: 'Not allowed', text: 'Recent runs are shown to operators only.', link: { href: '/', label: 'Your accounts' } });
      else send(req, res, 200, renderRunsPage(ctx, state.runs));
      return true;
    }
    let account: string;
    try {
      account = decodeURIComponent(path.slice('/accounts/'.length));
    } catch {
      account = '';
    }
    if (!canSeeAccount(viewer, account)) {
      message(req, res, 403, viewer, { title: 'Not your account', text: `Your sign-in does not name account '${account}', so its page is not shown to you. If you work on it, ask an operator to add you to it.`, link: { href: '/', label: 'Your accounts' } });
      return true;
    }
    const data = dataFor(viewer);
    const view = data.snapshot?.accounts.find((a) => a.account === account);
    if (view === undefined) {
      message(req, res, 404, viewer, { title: 'No such account', text: data.snapshot === null ? 'No data yet: the daemon\u2019s first run has not read Keycloak.' : `No account '${account}' in the last run: there is no clients/${account}.yaml.`, link: { href: '/', label: 'All accounts' } });
      return true;
    }
    send(req, res, 200, renderAccountPage(ctx, data, view, q));
    return true;
  }

  function statusAccess(req: IncomingMessage): StatusAccess {
    const auth = req.headers.authorization;
    const bearer = typeof auth === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] : undefined;
    if (tokenDigest !== null && bearer !== undefined && timingSafeEqual(digest(bearer), tokenDigest)) return { allowed: true };
    if (sessionOf(req)?.operator === true) return { allowed: true };
    if (tokenDigest === null && signIn === null) {
      if (options.loopback) return { allowed: true };
      return { allowed: false, status: 404, error: '/status is off on this address: the daemon listens beyond loopback without CLIENTSYNC_STATUS_TOKEN or sign-in; set one (see clientsync daemon --help)', headers: {} };
    }
    const how = [tokenDigest !== null ? "an 'Authorization: Bearer <CLIENTSYNC_STATUS_TOKEN>' header" : null, signIn !== null ? 'an operator\u2019s sign-in session' : null].filter((s) => s !== null).join(' or ');
    return { allowed: false, status: 401, error: `/status needs ${how}`, headers: tokenDigest !== null ? { 'www-authenticate': 'Bearer realm="clientsync"' } : {} };
  }

  function describe(): { pages: string; status: string } {
    const pages =
      mode === 'sign-in' ? 'pages on, behind sign-in' : mode === 'local' ? 'pages on (local trial: no sign-in, loopback address only)' : 'pages off: this address is not loopback and no sign-in is configured (CLIENTSYNC_OIDC_ISSUER, _CLIENT_ID, _REDIRECT_URL)';
    const parts = [tokenDigest !== null ? 'bearer token' : null, signIn !== null ? 'operator sign-in' : null].filter((s) => s !== null);
    const status = parts.length > 0 ? `/status needs ${parts.join(' or ')}` : options.loopback ? '/status open (loopback address only)' : '/status off: this address is not loopback and neither CLIENTSYNC_STATUS_TOKEN nor sign-in is configured';
    return { pages, status };
  }

  return { mode, handle, statusAccess, describe };
}
