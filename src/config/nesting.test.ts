// The nesting bound of parse-yaml.ts holds whatever form the nesting takes: exactly
// MAX_NESTING_DEPTH levels are read, one more is refused with one problem where that level
// opens; brackets that are text (quoted, in comments, in block scalars) are no nesting at all.
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, parseYamlFile } from './parse-yaml.js';

const N = MAX_NESTING_DEPTH;
const seqMap = (pairs: number) => `${Array.from({ length: pairs }, (_, i) => `${' '.repeat(2 * i)}- k:`).join('\n')} x\n`;

function outcome(text: string): string {
  const { source, problems } = parseYamlFile('clients/acme.yaml', new TextEncoder().encode(text));
  if (source) return problems.length === 0 ? 'read' : `read with ${problems.map((p) => p.message).join('; ')}`;
  expect(problems).toHaveLength(1);
  expect(problems[0]!.message).toContain(`nested more than ${N} levels`);
  return `refused at ${problems[0]!.line}:${problems[0]!.column}`;
}

describe(`nesting bound (${N} levels)`, () => {
  // Levels as a function of the depth wanted (two levels per step in the last two forms).
  const forms: [string, (levels: number) => string][] = [
    ['flow sequences', (n) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['flow sequences over many lines', (n) => `${'[\n'.repeat(n)}${']\n'.repeat(n)}`],
    ['compact block sequences - - -', (n) => `${'- '.repeat(n)}x\n`],
    ['explicit keys ? ? ?', (n) => `${'? '.repeat(n)}x\n`],
    ['flow mappings in flow sequences', (n) => `${'[{a: '.repeat(n / 2)}x${'}]'.repeat(n / 2)}`],
    ['block sequences of mappings, indented', (n) => seqMap(n / 2)],
  ];

  it.each(forms)(`%s: ${N} levels are read, deeper is refused`, (_form, nested) => {
    expect(outcome(nested(N))).toBe('read');
    expect(outcome(nested(N + 2))).toMatch(/^refused at \d+:\d+$/);
  });

  it.each([
    ['flow sequences', `${'['.repeat(N + 1)}${']'.repeat(N + 1)}`, 'refused at 1:33'],
    ['flow sequences over many lines', `${'[\n'.repeat(N + 1)}${']\n'.repeat(N + 1)}`, 'refused at 33:1'],
    ['compact block sequences', `${'- '.repeat(N + 1)}x\n`, 'refused at 1:65'],
    ['block sequences of mappings', seqMap(N / 2 + 1), 'refused at 17:33'],
  ])(`%s: the problem is where level ${N + 1} opens`, (_form, text, expected) => {
    expect(outcome(text)).toBe(expected);
  });

  it('brackets that are text are not nesting', () => {
    const text = [
      'clients: []',
      `quoted: "${'['.repeat(200)}"`,
      `single: '${'[{'.repeat(100)}'`,
      `# ${'{'.repeat(200)}`,
      'block: |',
      `  ${'['.repeat(200)}`,
      `plain: a${'['.repeat(200)}`,
      '',
    ].join('\n');
    expect(outcome(text)).toBe('read');
  });
});
