// Bad input gets a clear problem with a position, never a crash or a stack trace.
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from './parse-yaml.js';
import { validateRepository } from './validate-repository.js';
import { problemsOf, raw, validateFiles, where } from '../../test/support/config-helpers.js';

describe('account files that are not what they should be', () => {
  it('not YAML at all', () => {
    const p = problemsOf('clients: [\n  - {clientId: "acme_a\n');
    expect(p.length).toBeGreaterThan(0);
    expect(p.every((x) => x.rule === 'yaml-syntax' && x.line >= 1)).toBe(true);
  });
  it('an empty file', () => {
    const p = problemsOf('');
    expect(where(p)).toEqual(['schema@1:1']);
    expect(p[0]!.message).toContain('empty');
    expect(p[0]!.message).toContain('clients: []');
  });
  it('a file with only comments counts as empty', () => {
    expect(problemsOf('# nothing yet\n')[0]!.message).toContain('empty');
  });
  it('a top-level list', () => {
    const p = problemsOf('- clientId: acme_a\n');
    expect(where(p)).toEqual(['schema@1:1']);
    expect(p[0]!.message).toContain("mapping with a 'clients:' list");
  });
  it('a top-level scalar', () => {
    expect(problemsOf('hello\n')[0]!.message).toContain("mapping with a 'clients:' list");
  });
  it('clients that is not a list', () => {
    const p = problemsOf('clients:\n  clientId: acme_a\n');
    expect(where(p)).toEqual(['schema@2:3']);
    expect(p[0]!.message).toContain('clients must be a list');
  });
  it('clients with no value', () => {
    const p = problemsOf('clients:\n');
    expect(where(p)).toEqual(['schema@1:1']);
    expect(p[0]!.message).toContain('must be a list');
  });
  it('a file over 1 MiB', () => {
    const big = `clients: []\n#${'x'.repeat(MAX_FILE_BYTES)}\n`;
    const p = problemsOf(big);
    expect(where(p)).toEqual(['yaml-syntax@1:1']);
    expect(p[0]!.message).toContain('1 MiB');
  });
  it('a file over 1 MiB that was read only in part (size given by the reader)', () => {
    const result = validateRepository(
      { settings: raw('clientsync.yaml', 'realm: r\nscopes: {}\n'), accounts: [{ ...raw('clients/acme.yaml', 'clients: []'), size: 5 * MAX_FILE_BYTES }], misplaced: [] },
      new Date(),
    );
    expect(result.problems[0]!.message).toContain(`${5 * MAX_FILE_BYTES} bytes`);
  });
  it('an alias bomb', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(',')}]`);
    const started = Date.now();
    const p = problemsOf(`${levels.join('\n')}\n`);
    expect(Date.now() - started).toBeLessThan(5_000); // guard against exponential expansion, not a timing claim
    expect(p.map((x) => x.rule)).toContain('yaml-syntax');
    expect(p.find((x) => x.rule === 'yaml-syntax')!.message).toContain('aliases');
  });
  it('aliases are counted as YAML expands them: 73 aliases are within the bound (#12.17)', () => {
    // 70 aliases of a scalar, one inside an anchored list, and two aliases of that list: 73 in
    // all, 75 expansions. The yaml library's own estimate (uses × nested uses) refused it.
    const lines = ['x: &u https://a.example/*', 'y: &l [*u]'];
    for (let i = 0; i < 70; i++) lines.push(`k${i}: *u`);
    lines.push('l1: *l', 'l2: *l');
    const p = problemsOf(`${lines.join('\n')}\n`);
    expect(p.filter((x) => /alias/i.test(x.message))).toEqual([]);
  });
  it('too many aliases: the problem points at the alias that crossed the bound and says how many (#12.17)', () => {
    const lines = ['x: &d desc'];
    for (let i = 0; i < 105; i++) lines.push(`k${i}: *d`);
    const p = problemsOf(`${lines.join('\n')}\n`);
    expect(where(p)).toEqual(['yaml-syntax@102:7']); // the 101st alias, on line 102
    expect(p[0]!.message).toMatch(/101 alias expansions/);
    expect(p[0]!.message).toMatch(/at most 100/);
    // Nested: each *b copies the two aliases inside b, so it counts 3.
    const nested = ['a: &a x', 'b: &b [*a, *a]'];
    for (let i = 0; i < 40; i++) nested.push(`k${i}: *b`);
    const q = problemsOf(`${nested.join('\n')}\n`);
    // 2 (inside b) + 3 per *b: the 33rd *b (line 35) takes it from 98 to 101.
    expect(where(q)).toEqual(['yaml-syntax@35:6']);
  });
  it('duplicate keys, at the repeated key', () => {
    const p = problemsOf('clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    clientId: acme_b\n');
    expect(where(p)).toEqual(['yaml-syntax@4:5']);
    expect(p[0]!.message).toMatch(/unique/);
  });
  it('bytes that are not UTF-8, at the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('clients:\n  - clientId: acme_'), 0xff, 0x0a]);
    const p = problemsOf(bytes);
    expect(where(p)).toEqual(['yaml-syntax@2:20']);
    expect(p[0]!.message).toContain('UTF-8');
  });
  it('a UTF-8 byte-order mark is accepted', () => {
    expect(problemsOf(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('clients: []\n')]))).toEqual([]);
  });
  it('two YAML documents in one file', () => {
    const p = problemsOf('clients: []\n---\nclients: []\n');
    expect(p[0]!.rule).toBe('yaml-syntax');
    expect(p[0]!.message).toContain("'---'");
  });
  it('tabs used for indentation', () => {
    expect(problemsOf('clients:\n\t- clientId: acme_a\n')[0]!.rule).toBe('yaml-syntax');
  });
  it.each([
    ['Acme', 'clients/acme.yaml'],
    ['acme_corp', 'clients/acme-corp.yaml'],
    ['acme corp', 'clients/acme-corp.yaml'],
  ])('a file name that breaks accountIdPattern: %s', (name, suggestion) => {
    const p = problemsOf('clients: []\n', name);
    expect(where(p)).toEqual(['account-id@1:1']);
    expect(p[0]!.message).toContain(suggestion);
  });
  it('a file name that breaks the pattern is reported even when the content does not parse', () => {
    expect(problemsOf('clients: [', 'Acme').map((p) => p.rule)).toEqual(['account-id', 'yaml-syntax']);
  });
  it('reports problems of all files in one run, sorted by file', () => {
    const result = validateFiles({
      'clients/beta.yaml': 'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n',
      'clients/acme.yaml': 'clients: {}\n',
    });
    expect(result.problems.map((p) => `${p.file}:${p.rule}`)).toEqual(['clients/acme.yaml:schema', 'clients/beta.yaml:client-id-prefix']);
    expect(result.desired!.accounts.map((a) => a.valid)).toEqual([false, false]);
  });
});

describe('clientsync.yaml', () => {
  it('missing: one problem saying where to run', () => {
    const p = validateFiles({ 'clients/acme.yaml': 'clients: []\n' }, { settings: null });
    expect(where(p.problems)).toEqual(['settings@1:1']);
    expect(p.problems[0]!.message).toContain('--dir');
    expect(p.desired).toBeNull();
  });
  it('missing: account files are still validated', () => {
    const p = validateFiles({ 'clients/acme.yaml': 'clients:\n  - clientId: beta_a\n    capabilities: [Script]\n' }, { settings: null });
    expect(p.problems.map((x) => x.rule)).toEqual(['client-id-prefix', 'settings']);
  });
  it('invalid: problems at their lines, and no desired state', () => {
    const p = validateFiles({}, { settings: 'realm: 5\nscope: {}\n' });
    expect(where(p.problems)).toEqual(['schema@1:1', 'schema@1:8', 'schema@2:1']);
    expect(p.desired).toBeNull();
  });
  it('empty', () => {
    expect(validateFiles({}, { settings: '' }).problems[0]!.message).toContain('empty');
  });
  it('a broken accountIdPattern', () => {
    const p = validateFiles({}, { settings: 'realm: r\naccountIdPattern: "^[a-z"\nscopes: {}\n' });
    expect(where(p.problems)).toEqual(['settings@2:19']);
  });
  it('valid: defaults filled in', () => {
    const p = validateFiles({}, { settings: 'realm: r\nscopes: {a: b}\n' });
    expect(p.problems).toEqual([]);
    expect(p.desired!.settings).toEqual({ realm: 'r', accountIdPattern: '^[a-z0-9][a-z0-9-]{0,62}$', clientLimit: 5, clientLimits: {}, allowedInternalHosts: [], scopes: { a: 'b' } });
  });
});

describe('the desired state', () => {
  it('holds the clients of valid files and none of invalid ones', () => {
    const result = validateFiles({
      'clients/acme.yaml': 'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n',
      'clients/beta.yaml': 'clients:\n  - clientId: beta_a\n    capabilities: [Nope]\n',
    });
    const [acme, beta] = result.desired!.accounts;
    expect(acme).toEqual({ accountId: 'acme', file: 'clients/acme.yaml', valid: true, errorCount: 0, clients: [{ clientId: 'acme_a', capabilities: ['Script'] }] });
    expect(beta).toMatchObject({ accountId: 'beta', valid: false, errorCount: 1, clients: [] });
  });
  it('warnings do not make a file invalid', () => {
    const result = validateFiles({ 'clients/acme.yaml': 'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    rotate: "2099-01-01T00:00:00Z"\n' });
    expect(result.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(result.desired!.accounts[0]!.valid).toBe(true);
  });
});

describe("keys named like Object.prototype's in clientsync.yaml", () => {
  it('a scope named valueOf or constructor is a scope like any other, and a wrong value a problem, not a crash', () => {
    // Found by the loader fuzz (test/reliability/loader-fuzz.test.ts): validate threw
    // "example.includes is not a function" on this file.
    const broken = validateFiles({}, { settings: 'realm: r\nclientLimits: 0\nscopes:\n  valueOf: []\n' });
    expect(broken.desired).toBeNull();
    expect(broken.problems.map((p) => `${p.rule}@${p.line}`)).toEqual(['schema@2', 'schema@4']);
    const ok = validateFiles(
      { 'clients/acme.yaml': 'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    scopes: [constructor]\n  - clientId: acme_b\n    capabilities: [Script]\n    scopes: [toString]\n' },
      { settings: 'realm: r\nscopes:\n  constructor: Build.\n' },
    );
    expect(ok.problems.map((p) => `${p.rule}: ${p.message.split(';')[0]}`)).toEqual(["scope-known: unknown scope 'toString'"]);
  });
});
