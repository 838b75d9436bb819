// A declared client (YAML) in the normalised terms the planner compares with Keycloak, field by
// field from the table in src/model/managed-fields.ts.
import type { ClientSpec, Settings } from '../model/desired.js';
import type { ManagedFieldName, ManagedFields, ManagedValue } from '../model/live.js';
import { MANAGED_FIELDS, type YamlFieldName } from '../model/managed-fields.js';
import { EMPTY_FIELDS, FIELD_NORMALISERS } from './fields.js';

// Fails to compile when a YAML field of the table is missing from ClientSpec or has another type.
type SpecValues = { readonly [K in YamlFieldName]: Exclude<ClientSpec[K], undefined> };
const _specHoldsEveryField: SpecValues extends Pick<ManagedFields, YamlFieldName> ? true : never = true;

/**
 * Absent strings become '', lists are sorted and de-duplicated, capabilities are put in the
 * canonical order, scopes not listed in clientsync.yaml are dropped (validation reports them).
 * Strings are kept exactly as written: relative homeUrl and redirect URIs are resolved by
 * Keycloak against rootUrl, and it stores them as given. `confidential` is what clientsync
 * always writes: true.
 */
export function desiredFields(spec: ClientSpec, settings: Settings): ManagedFields {
  const values: { readonly [K in ManagedFieldName]?: ManagedValue } = spec;
  // Cloned from a template of the right shape, so the stores below change values, not the shape.
  const out: Record<string, ManagedValue> = { ...EMPTY_FIELDS };
  for (const [name, normalise] of FIELD_NORMALISERS) out[name] = YAML_FIELDS.has(name) ? normalise(values[name], settings) : true;
  return out as unknown as ManagedFields;
}

/** The fields a YAML entry sets; the others (confidential) are what clientsync always writes: true. */
const YAML_FIELDS: ReadonlySet<string> = new Set(MANAGED_FIELDS.filter((f) => f.yaml).map((f) => f.name));
