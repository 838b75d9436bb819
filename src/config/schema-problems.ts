// Runs a JSON Schema over a parsed file and turns ajv's errors into problems that point at the
// offending node and say what to write instead.
import { ownValue } from '../shared/own-record.js';
import type { ErrorObject } from 'ajv';
import type { Problem } from '../model/problem.js';
import { schemaValidator, type SchemaName } from './schemas.js';
import { positionOf, type ParsedSource, type ValuePath } from './source.js';

function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `clients[1].redirectUris[0]`: how a path is named in messages. */
export function label(path: ValuePath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? 'the file' : out;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text '${truncate(value)}'`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const typeNames: Record<string, string> = {
  string: 'text',
  array: 'a list',
  object: 'a mapping',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
};

/** Examples for the fields whose shape people get wrong most. */
const examples: Record<string, string> = {
  clients: 'clients:\n  - clientId: <account>_name',
  capabilities: 'capabilities: [WebApp]',
  redirectUris: 'redirectUris: ["https://app.example.com/*"]',
  postLogoutRedirectUris: 'postLogoutRedirectUris: ["https://app.example.com/"]',
  webOrigins: 'webOrigins: ["https://app.example.com"]',
  scopes: 'scopes: [datahub-api]',
  adopt: 'adopt: true',
  rotate: 'rotate: "2026-11-20T09:00:00Z"',
  clientId: 'clientId: <account>_name',
};

function exampleFor(field: string | number | undefined): string {
  // The field is the user's key (a scope may be named valueOf): own keys only.
  const example = typeof field === 'string' ? ownValue(examples, field) : undefined;
  return example && !example.includes('\n') ? `, e.g. ${example}` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The allowed value closest to `name` (a typo's likely intent), or undefined when none is close. */
export function suggestion(name: string, allowed: readonly string[]): string | undefined {
  if (name.length > 200) return undefined; // edit distance is quadratic; no typo is that long
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function allowedProperties(error: ErrorObject): string[] {
  const props = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

function valueAt(root: unknown, path: ValuePath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function toProblem(source: ParsedSource, error: ErrorObject): Problem {
  const path = pathOf(error.instancePath);
  const field = path[path.length - 1];
  const value = valueAt(source.value, path);
  const at = (p: ValuePath, part: 'value' | 'key' = 'value') => positionOf(source, p, part);
  const make = (p: ValuePath, message: string, part: 'value' | 'key' = 'value'): Problem => ({
    file: source.file,
    ...at(p, part),
    rule: 'schema',
    severity: 'error',
    message,
  });
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      const allowed = allowedProperties(error);
      const near = suggestion(name, allowed);
      return make(
        [...path, name],
        `unknown field '${name}' in ${label(path)}${near ? `; did you mean '${near}'?` : '.'} Allowed fields: ${allowed.join(', ')}`,
        'key',
      );
    }
    case 'required': {
      const name = String(params['missingProperty']);
      const where = path.length === 0 ? 'at the top of the file' : `in ${label(path)}`;
      return make(path, `missing required field '${name}' ${where}${exampleFor(name)}`);
    }
    case 'type': {
      const wanted = String(params['type'])
        .split(',')
        .map((t) => ownValue(typeNames, t) ?? t)
        .join(' or ');
      if (path.length === 0) {
        return make(path, `an account file must be a mapping with a 'clients:' list at the top, not ${describe(value)}; see clients/README.md`);
      }
      return make(path, `${label(path)} must be ${wanted}, not ${describe(value)}${exampleFor(field)}`);
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      const near = typeof value === 'string' ? suggestion(value, allowed) : undefined;
      return make(
        path,
        `${describe(value)} is not allowed in ${label(path)}${near ? `; did you mean '${near}'?` : '.'} Use one of: ${allowed.join(', ')}`,
      );
    }
    case 'minLength':
      return make(path, `${label(path)} must not be empty; remove the field or give it a value`);
    case 'maxLength':
      return make(path, `${label(path)} is ${String(value).length} characters long; the limit is ${String(params['limit'])}`);
    case 'uniqueItems': {
      const i = Number(params['i']);
      const j = Number(params['j']);
      const item = Array.isArray(value) ? value[j] : undefined;
      return make([...path, j], `${label(path)} lists ${describe(item)} twice (items ${i + 1} and ${j + 1}); remove one`);
    }
    case 'minimum':
      return make(path, `${label(path)} must be at least ${String(params['limit'])}`);
    default:
      return make(path, `${label(path)} ${error.message ?? 'is not valid'}`);
  }
}

export function schemaProblems(source: ParsedSource, schema: SchemaName): Problem[] {
  const validate = schemaValidator(schema);
  if (validate(source.value)) return [];
  const problems = (validate.errors ?? []).map((e) => toProblem(source, e));
  // ajv may report the same node twice (e.g. via $ref); keep one of each.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
