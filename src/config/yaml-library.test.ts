// src/config reads YAML with the yaml library's browser build (yaml-library.ts says why).
// Both builds must read every input alike: the same tokens, the same errors and warnings at the
// same offsets, the same nodes with the same ranges, the same values.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as nodeBuild from 'yaml';
import { describe, expect, it } from 'vitest';
import { YAML_BROWSER_ENTRY } from './yaml-library.js';

const browserBuild = (await import(YAML_BROWSER_ENTRY)) as typeof nodeBuild;
const OPTIONS = { uniqueKeys: false, strict: true, logLevel: 'error' } as const;

/** Node types, ranges and scalar values of a document's tree. */
function shape(node: unknown): unknown {
  if (nodeBuild.isMap(node) || nodeBuild.isSeq(node)) {
    const items = (node.items as unknown[]).map((item) => (nodeBuild.isPair(item) ? [shape(item.key), shape(item.value)] : shape(item)));
    return [nodeBuild.isMap(node) ? 'map' : 'seq', node.range, node.tag, node.flow, items];
  }
  if (nodeBuild.isScalar(node)) return ['scalar', node.range, node.tag, node.type, comparable(node.value)];
  if (nodeBuild.isAlias(node)) return ['alias', node.range, node.source];
  return node ?? null;
}

/**
 * !!binary reads as a Buffer in one build and a Uint8Array in the other: compare the bytes. The
 * merge key `<<` is a symbol of each build's own: compare its name.
 */
function comparable(value: unknown): unknown {
  if (typeof value === 'symbol') return ['symbol', value.description];
  if (value instanceof Uint8Array) return ['bytes', ...value];
  if (Array.isArray(value)) return value.map(comparable);
  if (value instanceof Map) return ['map', ...[...value].map(([k, v]) => [comparable(k), comparable(v)])];
  if (value instanceof Set) return ['set', ...[...value].map(comparable)];
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  return value;
}

function reading(lib: typeof nodeBuild, text: string): unknown {
  const tokens = [...new lib.Parser().parse(text)];
  const docs = [...new lib.Composer(OPTIONS).compose(tokens, true, text.length)].map((doc) => {
    let value: unknown;
    try {
      value = comparable(doc.toJS({ maxAliasCount: 100 }));
    } catch (error) {
      value = ['threw', (error as Error).message];
    }
    return {
      errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
      warnings: doc.warnings.map((w) => [w.code, w.pos, w.message]),
      contents: shape(doc.contents),
      range: doc.range,
      value,
    };
  });
  return { tokens, docs };
}

function expectSameReading(text: string): void {
  expect(reading(browserBuild, text)).toEqual(reading(nodeBuild, text));
}

const CORPUS = [
  '',
  'clients: []\n',
  ...readdirSync(new URL('../../clients/', import.meta.url))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => readFileSync(new URL(`../../clients/${name}`, import.meta.url), 'utf8')),
  '%YAML 1.1\n---\nbytes: !!binary aGVsbG8=\nyes: yes\nset: !!set {a, b}\nmerge:\n  <<: {a: 1}\n',
  'a: &a [1, 2]\nb: [*a, *a]\nc: *missing\n',
  '? [a, b]\n: 1\nclients: []\n',
  'clients:\n\t- tab\n',
  'a: 1\na: 2\n---\nb: 3\n',
  "key: 'unterminated\nnext: \"also\n",
  '- - - - [x, {y: [z]}]\n',
  `${'['.repeat(40)}${']'.repeat(40)}`,
  '[a]\n'.repeat(200),
  'clients:\n  - clientId: acme_a # comment with [brackets] and "quotes\n    capabilities: [Script]\n',
  '|\n  block\n  scalar\n>-\n folded\n',
  '{a: 1, b: [2, 3], c: {d: e}}: invalid key\n',
];

const PIECES = ['clients:', '- ', '  ', '\n', ': ', '[', ']', '{', '}', ',', '"', "'", '#', '&a ', '*a', '!!str ', '? ', '|', '>', '---', '...', '%YAML 1.1', '\t', 'clientId: acme_a', 'x', '1'];

describe('the yaml browser build', () => {
  it('is the installed package, loaded by path', () => {
    expect(YAML_BROWSER_ENTRY).toMatch(/\/node_modules\/yaml\/browser\/index\.js$/);
  });

  it.each(CORPUS.map((text) => [JSON.stringify(text).slice(0, 60), text]))('reads %s as the Node build does', (_name, text) => {
    expectSameReading(text);
  });

  it('reads random YAML-like text as the Node build does', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, expectSameReading), { numRuns: 400 });
  });

  it('reads random values written as YAML as the Node build does', () => {
    const options = fc.record({ flowCollectionPadding: fc.boolean(), indent: fc.integer({ min: 1, max: 4 }), collectionStyle: fc.constantFrom('any', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'> });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), options, (value, opts) => expectSameReading(nodeBuild.stringify(value, opts))), { numRuns: 200 });
  });
});
