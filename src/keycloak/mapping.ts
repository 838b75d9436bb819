// The managed fields both ways (docs/design.md, "Managed fields and markers"), pure:
// ClientRepresentation → LiveClient (normalised managed fields and markers; the secret is never
// copied) and managed fields + markers → the body of a create or update. Keycloak quirks
// handled here (from docs/keycloak-notes.md):
// - a create body WITH `protocol` triggers OIDC "client defaults" (public client, direct
//   access grants, redirect URIs derived from rootUrl): so creates omit `protocol` (Keycloak
//   then uses openid-connect) and send every flag explicitly;
// - webOrigins absent from a body are derived from redirectUris: so they are always sent;
// - listing defaultClientScopes in a create replaces Keycloak's built-in scopes: so scopes
//   are linked one by one after the create, never listed in the body;
// - attributes absent from a PUT are kept: so a cleared attribute is written as "".
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import { decodePending, encodePending, PENDING_ATTRIBUTE } from '../delivery/pending.js';
import type { Capability } from '../model/desired.js';
import type { LiveClient, ManagedFields } from '../model/live.js';
import { sortedUnique } from '../shared/order.js';
import type { Markers } from './port.js';

export type { ClientRepresentation };

export const ATTR = {
  postLogoutRedirectUris: 'post.logout.redirect.uris',
  backchannelLogoutUrl: 'backchannel.logout.url',
  backchannelSessionRequired: 'backchannel.logout.session.required',
  managed: 'clientsync.managed',
  account: 'clientsync.account',
  revision: 'clientsync.revision',
  rotatedAt: 'clientsync.rotated-at',
  pendingDelivery: PENDING_ATTRIBUTE,
  realmClient: 'realm_client',
} as const;

/** Keycloak's own clients in every realm (plus `<realm>-realm` clients in master). */
const BUILT_IN_CLIENT_IDS = new Set(['account', 'account-console', 'admin-cli', 'broker', 'realm-management', 'security-admin-console']);

function attr(rep: ClientRepresentation, key: string): string {
  const value: unknown = rep.attributes?.[key];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

function orNull(text: string): string | null {
  return text === '' ? null : text;
}

export function splitPostLogout(value: string): string[] {
  return value === '' ? [] : value.split(/\s*##\s*/).filter((v) => v !== '');
}

export function isBuiltIn(rep: ClientRepresentation): boolean {
  return attr(rep, ATTR.realmClient) === 'true' || BUILT_IN_CLIENT_IDS.has(rep.clientId ?? '');
}

export function liveFields(rep: ClientRepresentation, managedScopes: ReadonlySet<string>): ManagedFields {
  const backchannelUrl = attr(rep, ATTR.backchannelLogoutUrl);
  const capabilities: Capability[] = [];
  if (rep.standardFlowEnabled === true) capabilities.push('WebApp');
  if (rep.serviceAccountsEnabled === true) capabilities.push('Script');
  if (backchannelUrl !== '' && attr(rep, ATTR.backchannelSessionRequired) === 'true') capabilities.push('Backchannel');
  return {
    displayName: rep.name ?? '',
    description: rep.description ?? '',
    capabilities,
    rootUrl: rep.rootUrl ?? '',
    homeUrl: rep.baseUrl ?? '',
    adminUrl: rep.adminUrl ?? '',
    redirectUris: sortedUnique(rep.redirectUris ?? []),
    postLogoutRedirectUris: sortedUnique(splitPostLogout(attr(rep, ATTR.postLogoutRedirectUris))),
    webOrigins: sortedUnique(rep.webOrigins ?? []),
    backchannelLogoutUrl: backchannelUrl,
    scopes: sortedUnique((rep.defaultClientScopes ?? []).filter((s) => managedScopes.has(s))),
    confidential:
      (rep.protocol ?? 'openid-connect') === 'openid-connect' &&
      rep.publicClient !== true &&
      rep.bearerOnly !== true &&
      (rep.clientAuthenticatorType ?? 'client-secret') === 'client-secret' &&
      rep.implicitFlowEnabled !== true &&
      rep.directAccessGrantsEnabled !== true,
  };
}

/** Maps one item of Keycloak's client list; returns null for an item without id or clientId. */
export function toLiveClient(rep: ClientRepresentation, managedScopes: ReadonlySet<string>): LiveClient | null {
  if (!rep.id || !rep.clientId) return null;
  const pendingDelivery = decodePending(attr(rep, ATTR.pendingDelivery));
  return {
    id: rep.id,
    clientId: rep.clientId,
    managed: attr(rep, ATTR.managed) === 'true',
    account: orNull(attr(rep, ATTR.account)),
    revision: orNull(attr(rep, ATTR.revision)),
    rotatedAt: orNull(attr(rep, ATTR.rotatedAt)),
    builtIn: isBuiltIn(rep),
    ...(rep.publicClient === true ? { publicClient: true } : {}),
    fields: liveFields(rep, managedScopes),
    ...(pendingDelivery === null ? {} : { pendingDelivery }),
  };
}

function markerAttributes(markers: Markers): Record<string, string> {
  const out: Record<string, string> = { [ATTR.managed]: 'true', [ATTR.account]: markers.account };
  if (markers.revision !== null) out[ATTR.revision] = markers.revision;
  if (markers.rotatedAt !== undefined) out[ATTR.rotatedAt] = markers.rotatedAt;
  if (markers.pendingDelivery !== undefined) {
    out[ATTR.pendingDelivery] = markers.pendingDelivery === null ? '' : encodePending(markers.pendingDelivery);
  }
  return out;
}

/**
 * The body that makes a client hold `fields` (everything clientsync owns, nothing else).
 * `mode: 'create'` omits `protocol` and empty attributes (see the header comment).
 */
export function clientBody(clientId: string, fields: ManagedFields, markers: Markers, mode: 'create' | 'update'): ClientRepresentation {
  const backchannel = fields.capabilities.includes('Backchannel');
  const attributes: Record<string, string> = {
    [ATTR.postLogoutRedirectUris]: fields.postLogoutRedirectUris.join('##'),
    [ATTR.backchannelLogoutUrl]: fields.backchannelLogoutUrl,
    ...(backchannel ? { [ATTR.backchannelSessionRequired]: 'true' } : {}),
    ...markerAttributes(markers),
  };
  if (mode === 'create') {
    for (const [key, value] of Object.entries(attributes)) if (value === '') delete attributes[key];
  }
  return {
    clientId,
    name: fields.displayName,
    description: fields.description,
    rootUrl: fields.rootUrl,
    baseUrl: fields.homeUrl,
    adminUrl: fields.adminUrl,
    redirectUris: [...fields.redirectUris],
    webOrigins: [...fields.webOrigins],
    standardFlowEnabled: fields.capabilities.includes('WebApp'),
    serviceAccountsEnabled: fields.capabilities.includes('Script'),
    ...(mode === 'update' ? { protocol: 'openid-connect' } : {}),
    publicClient: false,
    bearerOnly: false,
    clientAuthenticatorType: 'client-secret',
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    attributes,
  };
}

/** A PUT body that records only the honoured rotation (the fields are resent so nothing drifts). */
export function rotationBody(clientId: string, fields: ManagedFields, markers: Markers): ClientRepresentation {
  return clientBody(clientId, fields, markers, 'update');
}
