// Everything one running emulator holds: the realm store, the token signer, the fault settings,
// the counters and the seeded random source. Handlers receive it explicitly (no module state),
// so several emulators can run in one process.
import { nowSeconds } from './clients.js';
import { notFound, unauthorized } from './errors.js';
import type { Faults } from './faults.js';
import type { Request } from './http-io.js';
import type { Realm } from './model.js';
import { cachedRightsIn, type Identity, type Rights } from './permissions.js';
import type { RandomSource } from './random.js';
import type { Store } from './realms.js';
import type { Counters } from './stats.js';
import { isExpired, type TokenSigner } from './tokens.js';

export interface EmulatorState {
  readonly store: Store;
  readonly signer: TokenSigner;
  readonly counters: Counters;
  readonly random: RandomSource;
  faults: Faults;
  /** Client attributes that `q=` may search (Keycloak: spi-client-jpa-searchable-attributes). */
  readonly searchableAttributes: ReadonlySet<string>;
}

export { nowSeconds };

/** The identity behind a request's bearer token; 401 when there is none Keycloak would accept. */
export function authenticate(state: EmulatorState, req: Request): Identity {
  const header = req.headers.authorization ?? '';
  const match = /^bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized();
  const claims = state.signer.verify(match[1]);
  if (!claims || claims.typ !== 'Bearer' || isExpired(claims, nowSeconds())) throw unauthorized();
  const realm = state.store.realm(claims.realm);
  const user = realm?.users.get(claims.sub);
  if (!realm || !user || !user.enabled) throw unauthorized();
  return { realm, user, clientId: claims.azp };
}

export interface AdminRequest extends Request {
  readonly identity: Identity;
}

/** The realm named in the path and the caller's rights in it. */
export function targetRealm(state: EmulatorState, req: AdminRequest): { realm: Realm; rights: Rights } {
  const name = req.params['realm'] ?? '';
  const realm = state.store.realm(name);
  if (!realm) throw notFound('Realm not found.');
  return { realm, rights: cachedRightsIn(state.store, req.identity, realm) };
}
