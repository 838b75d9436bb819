import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from './parse-yaml.js';
import { filesFromTree, listTree, parseLsTree, type TreeEntry } from './tree-files.js';
import { validateRepository } from './validate-repository.js';

const oid = (n: number) => n.toString(16).padStart(40, '0');
const blob = (path: string, n: number, size = 10, mode = '100644'): TreeEntry => ({ mode, type: 'blob', oid: oid(n), size, path });

describe('parseLsTree', () => {
  it('reads modes, sizes and paths with spaces, tabs and newlines', () => {
    const out = [
      `100644 blob ${oid(1)}      42\tclients/acme.yaml`,
      `120000 blob ${oid(2)}  9\tclients/x y.yaml`,
      `160000 commit ${oid(3)}       -\tclients/sub`,
      `100644 blob ${oid(4)} 1\tclients/a\nb.yaml`,
      '',
    ].join('\u0000');
    expect(parseLsTree(out)).toEqual([
      { mode: '100644', type: 'blob', oid: oid(1), size: 42, path: 'clients/acme.yaml' },
      { mode: '120000', type: 'blob', oid: oid(2), size: 9, path: 'clients/x y.yaml' },
      { mode: '160000', type: 'commit', oid: oid(3), size: null, path: 'clients/sub' },
      { mode: '100644', type: 'blob', oid: oid(4), size: 1, path: 'clients/a\nb.yaml' },
    ]);
    expect(() => parseLsTree('garbage\u0000')).toThrow(/unexpected git ls-tree output/);
  });
});

describe('listTree', () => {
  it('reads regular account files and settings; never asks for symbolic links, submodules or oversized blobs', () => {
    const listing = listTree([
      blob('clientsync.yaml', 1),
      blob('clients/acme.yaml', 2),
      blob('clients/evil.yaml', 3, 11, '120000'),
      { mode: '160000', type: 'commit', oid: oid(4), size: null, path: 'clients/sub.yaml' },
      blob('clients/huge.yaml', 5, MAX_FILE_BYTES + 1),
      blob('clients/nested/beta.yaml', 6),
      blob('clients/gamma.yml', 7),
      blob('clients/README.md', 8),
      blob('schemas/account.schema.json', 9),
      blob('package.json', 10),
    ]);
    expect(listing.settings?.path).toBe('clientsync.yaml');
    expect(listing.accounts.map((a) => a.path)).toEqual(['clients/acme.yaml', 'clients/huge.yaml']);
    expect([...listing.toRead].sort()).toEqual([oid(1), oid(2)]);
    expect(listing.misplaced).toEqual([
      { file: 'clients/evil.yaml', account: 'evil', message: expect.stringContaining('symbolic links are not read') },
      { file: 'clients/gamma.yml', account: 'gamma', message: expect.stringContaining('end in .yaml') },
      { file: 'clients/nested/beta.yaml', account: 'beta', message: expect.stringContaining('sub-folders') },
      { file: 'clients/sub.yaml', account: 'sub', message: 'not a regular file' },
    ]);
  });

  it('a symbolic link as clientsync.yaml or as clients/ is a problem, not a file or a folder', () => {
    const listing = listTree([blob('clientsync.yaml', 1, 5, '120000'), blob('clients', 2, 5, '120000')]);
    expect(listing.settings).toBeNull();
    expect(listing.toRead).toEqual([]);
    expect(listing.misplaced.map((m) => [m.file, m.message])).toEqual([
      ['clients', expect.stringContaining('symbolic links are not read')],
      ['clientsync.yaml', expect.stringContaining('symbolic links are not read')],
    ]);
  });
});

describe('filesFromTree + validateRepository', () => {
  it('validates blobs exactly as files on disk: an oversized file gets the size problem without being read', () => {
    const enc = new TextEncoder();
    const entries = [blob('clientsync.yaml', 1), blob('clients/acme.yaml', 2), blob('clients/huge.yaml', 5, MAX_FILE_BYTES + 10), blob('clients/evil.yaml', 3, 9, '120000')];
    const listing = listTree(entries);
    const blobs = new Map([
      [oid(1), enc.encode('realm: insights\nscopes:\n  datahub-api: Query.\n')],
      [oid(2), enc.encode('clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    scopes: [datahub-api]\n')],
    ]);
    const result = validateRepository(filesFromTree(listing, blobs), new Date('2026-01-01T00:00:00Z'));
    expect(result.desired?.accounts.map((a) => [a.accountId, a.valid])).toEqual([
      ['acme', true],
      ['huge', false],
      ['evil', false],
    ]);
    expect(result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual([
      'clients/evil.yaml:1:1 file-layout',
      expect.stringMatching(/^clients\/huge\.yaml:1:1 /),
    ]);
    expect(result.problems[1]?.message).toContain(`file is ${MAX_FILE_BYTES + 10} bytes`);
  });
});
