// The JSON Schemas in schemas/ are the single source of truth for the YAML format. They are
// compiled once per process (ajv compilation costs far more than validating one file).
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export type SchemaName = 'account' | 'clientsync';

/** schemas/ sits two levels above this file both in src/config and in dist/config. */
const schemaDir = new URL('../../schemas/', import.meta.url);

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.schema.json`, schemaDir), 'utf8')) as Record<string, unknown>;
}

const compiled = new Map<SchemaName, ValidateFunction>();
let ajv: Ajv2020 | undefined;

export function schemaValidator(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    // One instance for both schemas; ajv's code optimiser is skipped: it doubles the compile
    // time, which every CLI run pays, and saves nothing measurable on files this small.
    ajv ??= new Ajv2020({ allErrors: true, strict: true, verbose: true, code: { optimize: false } });
    validate = ajv.compile(loadSchema(name));
    compiled.set(name, validate);
  }
  return validate;
}
