// schema-validators.generated.ts is ajv's standalone code for schemas/*.schema.json (see
// schemas.ts for why it is generated ahead of time). This test regenerates it and fails when it
// differs: after changing a schema or upgrading ajv, run
//   UPDATE_GOLDEN=1 npx vitest run src/config/schema-validators.test.ts
// and review the diff like code. It also checks that the generated validators report exactly
// what validators compiled at run time report.
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS, exportNameOf, loadSchema, schemaValidator, type SchemaName } from './schemas.js';

const GENERATED = new URL('./schema-validators.generated.ts', import.meta.url);
const NAMES: readonly SchemaName[] = ['account', 'clientsync', 'secret-delivery'];

const HEADER = `// GENERATED from schemas/*.schema.json by src/config/schema-validators.test.ts; do not edit.
// Regenerate: UPDATE_GOLDEN=1 npx vitest run src/config/schema-validators.test.ts
/* eslint-disable */
// @ts-nocheck
`;

function generate(): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: true } });
  for (const name of NAMES) ajv.addSchema(loadSchema(name), name);
  const code = standalone.default(ajv, Object.fromEntries(NAMES.map((name) => [exportNameOf(name), name])));
  // ajv's ES-module output still require()s its run-time helpers (CommonJS modules of ajv).
  const requireHelpers = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
  return `${HEADER}${requireHelpers}${code.replace(/^"use strict";\n?/, '')}\n`;
}

function compiledAtRunTime(name: SchemaName) {
  const ajv = new Ajv2020(AJV_OPTIONS);
  return ajv.compile(loadSchema(name));
}

const client = fc.record(
  {
    clientId: fc.oneof(fc.constantFrom('acme_a', ''), fc.string(), fc.integer()),
    capabilities: fc.oneof(fc.array(fc.constantFrom('WebApp', 'Script', 'Backchannel', 'Bogus')), fc.string()),
    redirectUris: fc.oneof(fc.array(fc.constantFrom('https://a.example/*', '', 'x'.repeat(300), 'https://a.example/*')), fc.constant(null)),
    scopes: fc.array(fc.oneof(fc.string(), fc.integer())),
    rotate: fc.oneof(fc.constant('2026-01-01T00:00:00Z'), fc.boolean()),
    adopt: fc.oneof(fc.boolean(), fc.string()),
    displayName: fc.string(),
    unknownField: fc.anything(),
  },
  { requiredKeys: [] },
);
const accountValue = fc.oneof(fc.record({ clients: fc.oneof(fc.array(client, { maxLength: 3 }), fc.anything()) }, { requiredKeys: [] }), fc.anything());
const settingsValue = fc.oneof(
  fc.record(
    {
      realm: fc.oneof(fc.string(), fc.integer()),
      scopes: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())), fc.anything()),
      clientLimit: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.string()),
      clientLimits: fc.anything(),
      accountIdPattern: fc.string(),
      other: fc.anything(),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

const deliveryTarget = fc.record(
  {
    name: fc.oneof(fc.constantFrom('vault', 'Bad Name', ''), fc.string()),
    command: fc.oneof(fc.array(fc.oneof(fc.string(), fc.integer())), fc.string()),
    stdin: fc.constantFrom('secret', 'json', 'yaml'),
    timeoutSeconds: fc.oneof(fc.integer({ min: -1, max: 4000 }), fc.string()),
    env: fc.array(fc.constantFrom('VAULT_ADDR', 'bad-name', 'X', 'X')),
    directory: fc.oneof(fc.constant('/abs'), fc.string()),
    other: fc.anything(),
  },
  { requiredKeys: [] },
);
const deliveryValue = fc.oneof(fc.record({ targets: fc.oneof(fc.array(deliveryTarget, { maxLength: 3 }), fc.anything()) }, { requiredKeys: [] }), fc.anything());

describe('generated schema validators', () => {
  it('are what ajv generates from schemas/ today', () => {
    const expected = generate();
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GENERATED, expected);
    expect(readFileSync(GENERATED, 'utf8')).toBe(expected);
  });

  it.each([
    ['account', accountValue],
    ['clientsync', settingsValue],
    ['secret-delivery', deliveryValue],
  ] as const)('report what a validator compiled at run time reports (%s)', (name, values) => {
    const generated = schemaValidator(name);
    const compiled = compiledAtRunTime(name);
    let invalid = 0;
    fc.assert(
      fc.property(values, (value) => {
        const valid = generated(value);
        expect(valid).toBe(compiled(value));
        expect(generated.errors ?? null).toEqual(compiled.errors ?? null);
        if (!valid) invalid++;
      }),
      { numRuns: 300 },
    );
    expect(invalid).toBeGreaterThan(100);
  });

  it('accept the example repository files', () => {
    expect(schemaValidator('clientsync')({ realm: 'insights', scopes: { 'datahub-api': 'Query.' } })).toBe(true);
    expect(schemaValidator('account')({ clients: [{ clientId: 'acme_a', capabilities: ['Script'] }] })).toBe(true);
  });
});
