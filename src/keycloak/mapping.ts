// The managed fields both ways (docs/design.md, "Managed fields and markers"), pure:
// ClientRepresentation → LiveClient (normalised managed fields and markers; the secret is never
// copied) and managed fields + markers → the body of a create or update. Each field is read and
// written where its row in src/model/managed-fields.ts says; only the `derived` rows are mapped
// by hand (DERIVED below). Keycloak quirks handled here (from docs/keycloak-notes.md):
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
import type { LiveClient, ManagedFields, ManagedValue } from '../model/live.js';
import { EMPTY_FIELDS, MANAGED_FIELDS, type FieldCompare, type KeycloakPath } from '../model/managed-fields.js';
import { sortedUnique } from '../shared/order.js';
import type { Markers } from './port.js';

export type { ClientRepresentation };

export const ATTR = {
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

/** Splits a joined attribute on `separator`, ignoring space around it and empty items. */
function splitter(separator: string): (value: string) => string[] {
  const pattern = new RegExp(`\\s*${separator.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*`);
  return (value) => (value === '' ? [] : value.split(pattern).filter((v) => v !== ''));
}

export function isBuiltIn(rep: ClientRepresentation): boolean {
  return attr(rep, ATTR.realmClient) === 'true' || BUILT_IN_CLIENT_IDS.has(rep.clientId ?? '');
}

type DerivedName = Extract<(typeof MANAGED_FIELDS)[number], { keycloak: { kind: 'derived' } }>['name'];

/**
 * The fields made of several Keycloak settings (their rows' notes say which). `write` sets them
 * on a body whose attributes are already filled with the other fields'.
 */
const DERIVED: { readonly [K in DerivedName]: { read(rep: ClientRepresentation, managedScopes: ReadonlySet<string>): ManagedFields[K]; write(value: ManagedFields[K], body: ClientRepresentation, attributes: Record<string, string>): void } } = {
  capabilities: {
    read(rep) {
      const capabilities: Capability[] = [];
      if (rep.standardFlowEnabled === true) capabilities.push('WebApp');
      if (rep.serviceAccountsEnabled === true) capabilities.push('Script');
      if (attr(rep, ATTR.backchannelLogoutUrl) !== '' && attr(rep, ATTR.backchannelSessionRequired) === 'true') capabilities.push('Backchannel');
      return capabilities;
    },
    write(value, body, attributes) {
      body.standardFlowEnabled = value.includes('WebApp');
      body.serviceAccountsEnabled = value.includes('Script');
      if (value.includes('Backchannel')) attributes[ATTR.backchannelSessionRequired] = 'true';
    },
  },
  // Linked one by one after the create or update (see the header comment): never in a body.
  scopes: {
    read: (rep, managedScopes) => sortedUnique((rep.defaultClientScopes ?? []).filter((s) => managedScopes.has(s))),
    write: () => undefined,
  },
  // Whatever the value, clientsync writes the settings that make a client confidential.
  confidential: {
    read: (rep) =>
      (rep.protocol ?? 'openid-connect') === 'openid-connect' &&
      rep.publicClient !== true &&
      rep.bearerOnly !== true &&
      (rep.clientAuthenticatorType ?? 'client-secret') === 'client-secret' &&
      rep.implicitFlowEnabled !== true &&
      rep.directAccessGrantsEnabled !== true,
    write(_value, body) {
      body.publicClient = false;
      body.bearerOnly = false;
      body.clientAuthenticatorType = 'client-secret';
      body.implicitFlowEnabled = false;
      body.directAccessGrantsEnabled = false;
    },
  },
};

type Reader = (rep: ClientRepresentation, managedScopes: ReadonlySet<string>) => ManagedValue;
type Writer = (value: ManagedValue, body: ClientRepresentation, attributes: Record<string, string>) => void;

/** How a property or attribute field is read, normalised to its comparison kind. */
function plainReader(path: Exclude<KeycloakPath, { kind: 'derived' }>, compare: FieldCompare): Reader {
  const name = path.name;
  if (path.kind === 'attribute') {
    if (compare === 'text') return (rep) => attr(rep, name);
    const split = splitter(path.separator ?? '');
    return (rep) => sortedUnique(split(attr(rep, name)));
  }
  if (compare === 'text') {
    return (rep) => {
      const value: unknown = (rep as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : '';
    };
  }
  return (rep) => sortedUnique(((rep as Record<string, unknown>)[name] as readonly string[] | undefined) ?? []);
}

/** How a property or attribute field is written into a body. */
function plainWriter(path: Exclude<KeycloakPath, { kind: 'derived' }>): Writer {
  const name = path.name;
  if (path.kind === 'attribute') {
    const separator = path.separator ?? '';
    return (value, _body, attributes) => {
      attributes[name] = typeof value === 'object' ? value.join(separator) : String(value);
    };
  }
  return (value, body) => {
    (body as Record<string, unknown>)[name] = typeof value === 'object' ? [...value] : value;
  };
}

/** Each field's reader, made once from the table (thousands of clients are read per run). */
const READERS: readonly (readonly [string, Reader])[] = MANAGED_FIELDS.map((f) => [
  f.name,
  f.keycloak.kind === 'derived' ? (DERIVED[f.name as DerivedName].read as Reader) : plainReader(f.keycloak, f.compare),
]);

/** Each field's writer: the properties and attributes first, then the derived fields (which may add attributes). */
const WRITERS: readonly (readonly [string, Writer])[] = [
  ...MANAGED_FIELDS.flatMap((f) => (f.keycloak.kind === 'derived' ? [] : [[f.name, plainWriter(f.keycloak)] as const])),
  ...MANAGED_FIELDS.flatMap((f) => (f.keycloak.kind === 'derived' ? [[f.name, DERIVED[f.name as DerivedName].write as Writer] as const] : [])),
];

export function liveFields(rep: ClientRepresentation, managedScopes: ReadonlySet<string>): ManagedFields {
  // Cloned from a template of the right shape, so the stores below change values, not the shape.
  const out: Record<string, ManagedValue> = { ...EMPTY_FIELDS };
  for (const [name, read] of READERS) out[name] = read(rep, managedScopes);
  return out as unknown as ManagedFields;
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
  const body: ClientRepresentation = { clientId };
  const attributes: Record<string, string> = {};
  const values = fields as unknown as Readonly<Record<string, ManagedValue>>;
  for (const [name, write] of WRITERS) write(values[name]!, body, attributes);
  Object.assign(attributes, markerAttributes(markers));
  if (mode === 'create') {
    for (const [key, value] of Object.entries(attributes)) if (value === '') delete attributes[key];
  }
  if (mode === 'update') body.protocol = 'openid-connect';
  body.attributes = attributes;
  return body;
}

/** A PUT body that records only the honoured rotation (the fields are resent so nothing drifts). */
export function rotationBody(clientId: string, fields: ManagedFields, markers: Markers): ClientRepresentation {
  return clientBody(clientId, fields, markers, 'update');
}
