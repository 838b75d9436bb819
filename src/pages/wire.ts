// Builds the pages' HTTP side from the access settings (what the daemon calls at start-up).
import type { DaemonLogger } from '../daemon/logger.js';
import { githubCommitUrl } from './format.js';
import { OidcProvider, type SignInProvider } from './oidc.js';
import { createPagesHttp, type PagesHttp } from './pages-http.js';
import type { PagesState } from './pages-state.js';
import { CookieSealer } from './session.js';
import { isLoopbackHost, type AccessSettings } from './settings.js';

export interface PagesDeps {
  /** The --listen host. */
  readonly host: string;
  readonly state: PagesState;
  /** The git URL the daemon follows (commit links when it is on GitHub); null for a folder. */
  readonly gitUrl: string | null;
  readonly now: () => Date;
  readonly logger: DaemonLogger;
  readonly scrub: (text: string) => string;
  /** Tests pass a provider; by default openid-client against the configured issuer. */
  readonly provider?: SignInProvider;
}

export const NO_ACCESS_SETTINGS: AccessSettings = { signIn: null, statusToken: null };

export function createPages(settings: AccessSettings, deps: PagesDeps): PagesHttp {
  const { signIn } = settings;
  return createPagesHttp({
    loopback: isLoopbackHost(deps.host),
    statusToken: settings.statusToken,
    state: deps.state,
    commitUrl: (revision) => githubCommitUrl(deps.gitUrl, revision),
    now: deps.now,
    logger: deps.logger,
    scrub: deps.scrub,
    signIn:
      signIn === null
        ? null
        : {
            provider: deps.provider ?? new OidcProvider(signIn),
            rules: signIn.rules,
            sealer: signIn.sessionKey === null ? CookieSealer.random() : new CookieSealer(signIn.sessionKey),
            callbackPath: signIn.redirectUrl.pathname,
            secure: signIn.redirectUrl.protocol === 'https:',
            sessionSeconds: signIn.sessionSeconds,
          },
  });
}
