import { describe, expect, it } from 'vitest';
import { loadSchema } from '../config/schemas.js';
import { MANAGED_FIELDS } from './managed-fields.js';

/** Fields of a YAML entry that are not managed fields: the key, and requests about the client. */
const NOT_MANAGED = ['clientId', 'rotate', 'adopt'];

describe('the table of managed fields', () => {
  const schema = loadSchema('account') as { $defs: { client: { properties: Record<string, unknown> } } };
  const schemaFields = Object.keys(schema.$defs.client.properties);

  it('has a row for every field of the schema (and no YAML row the schema lacks), in the schema order', () => {
    const yamlRows = MANAGED_FIELDS.filter((f) => f.yaml).map((f) => f.name);
    expect(yamlRows).toEqual(schemaFields.filter((name) => !NOT_MANAGED.includes(name)));
  });

  it('names each field once, and each Keycloak property or attribute once', () => {
    const names = MANAGED_FIELDS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    const paths = MANAGED_FIELDS.flatMap((f) => (f.keycloak.kind === 'derived' ? [] : [`${f.keycloak.kind} ${f.keycloak.name}`]));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("gives `clientsync list` the settings page's columns", () => {
    expect(MANAGED_FIELDS.flatMap((f) => (f.column === null ? [] : [f.column]))).toEqual(['Display Name', 'Description', 'Capability Types', 'Scopes']);
  });

  it('writes sets to an attribute only with a separator to join them', () => {
    for (const f of MANAGED_FIELDS) {
      if (f.keycloak.kind === 'attribute' && f.compare !== 'text') expect('separator' in f.keycloak, f.name).toBe(true);
    }
  });
});
