// Managed fields (docs/design.md, "Managed fields and markers"): their canonical order, their
// empty values, normalisation and diff, all derived from the one table in
// src/model/managed-fields.ts. Both sides are normalised before comparing so that order or
// duplicates never make a diff.
import type { Capability, Settings } from '../model/desired.js';
import type { ManagedFieldName, ManagedFields, ManagedValue } from '../model/live.js';
import { EMPTY_FIELDS, MANAGED_FIELDS, type FieldCompare, type ValueOf } from '../model/managed-fields.js';
import type { FieldChange } from '../model/plan.js';
import { sortedUnique } from './order.js';

/** Every managed field, in the order plans list them. */
export const MANAGED_FIELD_NAMES: readonly ManagedFieldName[] = MANAGED_FIELDS.map((f) => f.name);

export const CAPABILITY_ORDER: readonly Capability[] = ['WebApp', 'Script', 'Backchannel'];

/** What a client that does not exist yet "has": the `before` side of a create. */
export { EMPTY_FIELDS } from '../model/managed-fields.js';

export function canonicalCapabilities(capabilities: readonly Capability[]): readonly Capability[] {
  return CAPABILITY_ORDER.filter((c) => capabilities.includes(c));
}

/** Only the scopes clientsync.yaml lists: Keycloak's built-in scopes are never compared. */
export function managedScopes(scopes: readonly string[], settings: Settings): readonly string[] {
  return sortedUnique(scopes.filter((s) => Object.hasOwn(settings.scopes, s)));
}

type Normaliser = (value: ManagedValue | undefined, settings: Settings) => ManagedValue;

/** How a comparison kind puts a value in its normal form (absent → the kind's empty value). */
const NORMALISE: { readonly [C in FieldCompare]: (value: ValueOf<C> | undefined, settings: Settings) => ValueOf<C> } = {
  text: (value) => value ?? '',
  flag: (value) => value ?? false,
  set: (value) => (value === undefined ? [] : sortedUnique(value)),
  capabilities: (value) => (value === undefined ? [] : canonicalCapabilities(value)),
  scopes: (value, settings) => (value === undefined ? [] : managedScopes(value, settings)),
};

/** Each field's name and normaliser, made once from the table (planning normalises thousands of clients). */
export const FIELD_NORMALISERS: readonly (readonly [ManagedFieldName, Normaliser])[] = MANAGED_FIELDS.map((f) => [f.name, NORMALISE[f.compare] as Normaliser]);

/** A value in the normal form of its comparison kind (absent → the kind's empty value). */
export function normaliseValue<C extends FieldCompare>(compare: C, value: ValueOf<C> | undefined, settings: Settings): ValueOf<C> {
  return NORMALISE[compare](value, settings);
}

/**
 * Re-normalises fields read from Keycloak. The adapter already promises this shape; doing it
 * again here costs little and means an adapter slip shows as nothing rather than as a diff on
 * every run.
 */
export function normaliseLiveFields(fields: ManagedFields, settings: Settings): ManagedFields {
  // Cloned from a template of the right shape, so the stores below change values, not the shape.
  const out: Record<string, ManagedValue> = { ...EMPTY_FIELDS };
  for (const [name, normalise] of FIELD_NORMALISERS) out[name] = normalise(fields[name], settings);
  return out as unknown as ManagedFields;
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
