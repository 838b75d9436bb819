// The JSON Schemas in schemas/ are the single source of truth for the YAML format. They are
// compiled ahead of time into schema-validators.generated.ts: compiling them with ajv at
// start-up cost ~45 ms to load ajv and ~85 ms to compile, in every CLI run and again in every
// worker thread, far more than validating a repository of ordinary size.
// schema-validators.test.ts regenerates that file from schemas/ and fails when it differs.
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import * as generated from './schema-validators.generated.js';

export type SchemaName = 'account' | 'clientsync' | 'secret-delivery';

/**
 * The ajv options the validators are generated with. schema-problems.ts relies on allErrors
 * (every problem, not the first) and verbose (each error carries its schema and value).
 */
export const AJV_OPTIONS = { allErrors: true, strict: true, verbose: true } as const;

/** schemas/ sits two levels above this file both in src/config and in dist/config. */
const schemaDir = new URL('../../schemas/', import.meta.url);

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.schema.json`, schemaDir), 'utf8')) as Record<string, unknown>;
}

// The generated module is untyped (// @ts-nocheck); schema-validators.test.ts checks its behaviour.
const validators = generated as unknown as Readonly<Record<string, ValidateFunction>>;

/** The generated module's export of a schema: its name in camelCase (exports are identifiers). */
export function exportNameOf(name: SchemaName): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export function schemaValidator(name: SchemaName): ValidateFunction {
  const validate = validators[exportNameOf(name)];
  if (validate === undefined) throw new Error(`no generated validator for schema '${name}': regenerate schema-validators.generated.ts`);
  return validate;
}
