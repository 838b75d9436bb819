// pages/: the API Clients pages the daemon serves (/, /accounts/<id>, /runs), sign-in through
// Keycloak (OIDC authorization code + PKCE), who sees what, and the /status access rule.
//
// Invariants:
// - Pages read the daemon's memory (PagesState, fed by each run's snapshot): no Keycloak request
//   per page view. The snapshot is built by a pure function that copies named fields only, from
//   models that hold no secret: no page can show one.
// - HTML is rendered on the server by preact (every text and attribute escaped); links are made
//   only of http(s) URLs; the Content-Security-Policy allows no inline script or style and
//   nothing from elsewhere.
// - Without sign-in settings, pages and /status are served only on a loopback listen address;
//   a viewer sees only the accounts their token names; another account's page answers 403
//   (never a redirect); operators (a realm role) see every account and /runs.
export { buildSnapshot, pagesSnapshot, accessUrl } from './build-view.js';
export { PagesState, MAX_RUNS } from './pages-state.js';
export { createPages, NO_ACCESS_SETTINGS, type PagesDeps } from './wire.js';
export { accessSettingsFromEnv, isLoopbackHost, ACCESS_ENV_HELP, type AccessSettings, type SignInSettings } from './settings.js';
export { type PagesHttp, type PagesMode } from './pages-http.js';
export { viewerFromClaims, accountsFromClaim, canSeeAccount, type Viewer } from './access.js';
export type { SignInProvider, PendingSignIn, SignedIn } from './oidc.js';
