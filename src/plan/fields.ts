// Managed fields (docs/design.md, "Managed fields and markers"): their canonical order, their
// empty values, normalisation and diff.
// Both sides are normalised before comparing so that order or duplicates never make a diff.
import type { Capability, Settings } from '../model/desired.js';
import type { ManagedFieldName, ManagedFields, ManagedValue } from '../model/live.js';
import type { FieldChange } from '../model/plan.js';
import { sortedUnique } from './order.js';

/** Every managed field, in the order plans list them. */
export const MANAGED_FIELD_NAMES = [
  'displayName',
  'description',
  'capabilities',
  'rootUrl',
  'homeUrl',
  'adminUrl',
  'redirectUris',
  'postLogoutRedirectUris',
  'webOrigins',
  'backchannelLogoutUrl',
  'scopes',
  'confidential',
] as const satisfies readonly ManagedFieldName[];

// Fails to compile when a field is added to ManagedFields but not to the list above.
type Unlisted = Exclude<ManagedFieldName, (typeof MANAGED_FIELD_NAMES)[number]>;
const _allFieldsListed: [Unlisted] extends [never] ? true : never = true;

export const CAPABILITY_ORDER: readonly Capability[] = ['WebApp', 'Script', 'Backchannel'];

/** What a client that does not exist yet "has": the `before` side of a create. */
export const EMPTY_FIELDS: ManagedFields = {
  displayName: '',
  description: '',
  capabilities: [],
  rootUrl: '',
  homeUrl: '',
  adminUrl: '',
  redirectUris: [],
  postLogoutRedirectUris: [],
  webOrigins: [],
  backchannelLogoutUrl: '',
  scopes: [],
  confidential: false,
};

export function canonicalCapabilities(capabilities: readonly Capability[]): readonly Capability[] {
  return CAPABILITY_ORDER.filter((c) => capabilities.includes(c));
}

/** Only the scopes clientsync.yaml lists: Keycloak's built-in scopes are never compared. */
export function managedScopes(scopes: readonly string[], settings: Settings): readonly string[] {
  return sortedUnique(scopes.filter((s) => Object.hasOwn(settings.scopes, s)));
}

/**
 * Re-normalises fields read from Keycloak. The adapter already promises this shape; doing it
 * again here costs little and means an adapter slip shows as nothing rather than as a diff on
 * every run.
 */
export function normaliseLiveFields(fields: ManagedFields, settings: Settings): ManagedFields {
  return {
    ...fields,
    capabilities: canonicalCapabilities(fields.capabilities),
    redirectUris: sortedUnique(fields.redirectUris),
    postLogoutRedirectUris: sortedUnique(fields.postLogoutRedirectUris),
    webOrigins: sortedUnique(fields.webOrigins),
    scopes: managedScopes(fields.scopes, settings),
  };
}

export function valuesEqual(a: ManagedValue, b: ManagedValue): boolean {
  if (typeof a === 'string' || typeof a === 'boolean' || typeof b === 'string' || typeof b === 'boolean') {
    return a === b;
  }
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The fields whose values differ, in canonical field order. */
export function diffFields(before: ManagedFields, after: ManagedFields): readonly FieldChange[] {
  return MANAGED_FIELD_NAMES.filter((field) => !valuesEqual(before[field], after[field])).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
}

/** True for '', [] and false: the values a create lists no line for. */
export function isEmptyValue(value: ManagedValue): boolean {
  return typeof value === 'string' || typeof value === 'boolean' ? !value : value.length === 0;
}
