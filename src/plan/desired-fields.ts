// A declared client (YAML) in the normalised terms the planner compares with Keycloak.
import type { ClientSpec, Settings } from '../model/desired.js';
import type { ManagedFields } from '../model/live.js';
import { canonicalCapabilities, managedScopes } from './fields.js';
import { sortedUnique } from './order.js';

/**
 * Absent strings become '', lists are sorted and de-duplicated, capabilities are put in the
 * canonical order, scopes not listed in clientsync.yaml are dropped (validation reports them).
 * Strings are kept exactly as written: relative homeUrl and redirect URIs are resolved by
 * Keycloak against rootUrl, and it stores them as given.
 */
export function desiredFields(spec: ClientSpec, settings: Settings): ManagedFields {
  return {
    displayName: spec.displayName ?? '',
    description: spec.description ?? '',
    capabilities: canonicalCapabilities(spec.capabilities),
    rootUrl: spec.rootUrl ?? '',
    homeUrl: spec.homeUrl ?? '',
    adminUrl: spec.adminUrl ?? '',
    redirectUris: sortedUnique(spec.redirectUris ?? []),
    postLogoutRedirectUris: sortedUnique(spec.postLogoutRedirectUris ?? []),
    webOrigins: sortedUnique(spec.webOrigins ?? []),
    backchannelLogoutUrl: spec.backchannelLogoutUrl ?? '',
    scopes: managedScopes(spec.scopes ?? [], settings),
    confidential: true,
  };
}
