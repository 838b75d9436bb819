// POST /realms/{realm}/protocol/openid-connect/token with the grants clientsync and the admin
// client use: password (admin-cli), client_credentials (form or HTTP Basic), refresh_token.
// Error answers follow Keycloak 26.7.3 as observed: wrong client secret 401 unauthorized_client,
// unknown client 401 invalid_client, wrong user credentials 400 invalid_grant, and so on.
import { KeycloakError, notFound } from './errors.js';
import { readForm, type Reply, type Request } from './http-io.js';
import type { Client, Realm, User } from './model.js';
import { newId } from './random.js';
import { nowSeconds, type EmulatorState } from './state.js';
import { isExpired, type TokenClaims } from './tokens.js';

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };
const REFRESH_LIFESPAN_SECONDS = 1800;
const GRANTS = new Set(['password', 'client_credentials', 'refresh_token']);

const tokenError = (status: number, error: string, description: string): KeycloakError =>
  new KeycloakError(status, { error, error_description: description }, NO_STORE);

export function tokenEndpoint(state: EmulatorState, req: Request): Reply {
  const realm = state.store.realm(req.params['realm'] ?? '');
  if (!realm) throw notFound('Realm does not exist');
  if (!realm.enabled) throw tokenError(403, 'access_denied', 'Realm not enabled');
  const form = readForm(req);
  const grantType = form.get('grant_type');
  if (grantType === null || grantType === '') throw tokenError(400, 'invalid_request', 'Missing form parameter: grant_type');
  if (!GRANTS.has(grantType)) throw tokenError(400, 'unsupported_grant_type', 'Unsupported grant_type');
  const client = authenticateClient(realm, req, form);
  switch (grantType) {
    case 'password':
      return passwordGrant(state, req, realm, client, form);
    case 'client_credentials':
      return clientCredentialsGrant(state, req, realm, client);
    default:
      return refreshGrant(state, req, realm, client, form);
  }
}

/** ClientIdAndSecretAuthenticator: HTTP Basic first, then client_id/client_secret in the form. */
function authenticateClient(realm: Realm, req: Request, form: URLSearchParams): Client {
  let clientId = form.get('client_id');
  let secret = form.get('client_secret');
  const basic = /^basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      const decode = (s: string): string => {
        try {
          return decodeURIComponent(s.replaceAll('+', ' '));
        } catch {
          return s;
        }
      };
      clientId = decode(decoded.slice(0, colon));
      secret = decode(decoded.slice(colon + 1));
    }
  }
  const invalidClient = tokenError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
  if (clientId === null || clientId === '') throw invalidClient;
  const client = realm.clientsByClientId.get(clientId);
  if (!client || !client.enabled) throw invalidClient;
  if (client.publicClient) return client;
  if (secret === null || client.secret === null || secret !== client.secret) {
    throw tokenError(401, 'unauthorized_client', 'Invalid client or Invalid client credentials');
  }
  return client;
}

/**
 * The emulator's tokenLifespanSeconds (a fault setting) overrides everything; otherwise the
 * client's `access.token.lifespan` attribute, otherwise the realm's lifespan, as in Keycloak.
 */
function lifespan(state: EmulatorState, realm: Realm, client: Client): number {
  if (state.faults.tokenLifespanSeconds !== null) return state.faults.tokenLifespanSeconds;
  const own = Number(client.attributes.get('access.token.lifespan'));
  return Number.isInteger(own) && own > 0 ? own : realm.accessTokenLifespan;
}

function issue(state: EmulatorState, req: Request, realm: Realm, client: Client, user: User, withRefresh: boolean, sid: string | null): Reply {
  const now = nowSeconds();
  const expiresIn = lifespan(state, realm, client);
  const iss = `${req.baseUrl}/realms/${realm.name}`;
  const base = { iat: now, iss, sub: user.id, azp: client.clientId, realm: realm.name, scope: 'profile email' };
  const session = sid ?? newId();
  const access: TokenClaims = {
    ...base,
    exp: now + expiresIn,
    jti: newId(),
    typ: 'Bearer',
    ...(withRefresh ? { sid: session } : { client_id: client.clientId }),
    preferred_username: user.username,
  };
  const body: Record<string, unknown> = { access_token: state.signer.sign(access), expires_in: expiresIn };
  if (withRefresh) {
    const refresh: TokenClaims = { ...base, exp: now + REFRESH_LIFESPAN_SECONDS, jti: newId(), typ: 'Refresh', sid: session };
    Object.assign(body, { refresh_expires_in: REFRESH_LIFESPAN_SECONDS, refresh_token: state.signer.sign(refresh) });
  } else {
    body['refresh_expires_in'] = 0;
  }
  Object.assign(body, { token_type: 'Bearer', 'not-before-policy': 0 });
  if (withRefresh) body['session_state'] = session;
  body['scope'] = 'profile email';
  return { status: 200, json: body, headers: { ...NO_STORE, 'content-type': 'application/json' } };
}

function passwordGrant(state: EmulatorState, req: Request, realm: Realm, client: Client, form: URLSearchParams): Reply {
  if (!client.directAccessGrantsEnabled) {
    throw tokenError(400, 'unauthorized_client', 'Client not allowed for direct access grants');
  }
  const username = form.get('username');
  if (username === null || username === '') throw tokenError(401, 'invalid_request', 'Missing parameter: username');
  const user = state.store.userByName(realm, username);
  if (!user || user.password === null || user.password !== form.get('password')) {
    throw tokenError(400, 'invalid_grant', 'Invalid user credentials');
  }
  if (!user.enabled) throw tokenError(400, 'invalid_grant', 'Account disabled');
  return issue(state, req, realm, client, user, true, null);
}

function clientCredentialsGrant(state: EmulatorState, req: Request, realm: Realm, client: Client): Reply {
  if (client.bearerOnly) throw tokenError(400, 'unauthorized_client', 'Bearer-only client not allowed to retrieve service account');
  if (client.publicClient) throw tokenError(401, 'unauthorized_client', 'Public client not allowed to retrieve service account');
  if (!client.serviceAccountsEnabled) throw tokenError(401, 'unauthorized_client', 'Client not enabled to retrieve service account');
  const user = state.store.serviceAccountUser(realm, client) ?? state.store.createServiceAccountUser(realm, client);
  return issue(state, req, realm, client, user, false, null);
}

function refreshGrant(state: EmulatorState, req: Request, realm: Realm, client: Client, form: URLSearchParams): Reply {
  const token = form.get('refresh_token');
  if (token === null || token === '') throw tokenError(400, 'invalid_request', 'No refresh token');
  const claims = state.signer.verify(token);
  if (!claims || claims.typ !== 'Refresh' || claims.realm !== realm.name) throw tokenError(400, 'invalid_grant', 'Invalid refresh token');
  if (isExpired(claims, nowSeconds())) throw tokenError(400, 'invalid_grant', 'Token is not active');
  if (claims.azp !== client.clientId) {
    throw tokenError(400, 'invalid_grant', "Invalid refresh token. Token client and authorized client don't match");
  }
  const user = realm.users.get(claims.sub);
  if (!user || !user.enabled) throw tokenError(400, 'invalid_grant', 'User not found');
  return issue(state, req, realm, client, user, true, claims.sid ?? null);
}
