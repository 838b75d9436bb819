// End-to-end: the built `clientsync validate` on temporary folders, as a user runs it.
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempRepo } from '../support/temp-repo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const good = 'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n';

describe('clientsync validate', () => {
  it("accepts the repository's own example data", async () => {
    const r = await runCli(['validate', '--dir', ROOT]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ valid: \d+ files checked/);
  });

  it('exits 0 on a valid folder, run from inside it', async () => {
    const dir = tempRepo({ 'clients/acme.yaml': good });
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✓ valid: 2 files checked, 1 valid client, no problems\n');
  });

  it('exits 0 with warnings only', async () => {
    const dir = tempRepo({ 'clients/acme.yaml': `${good}    rotate: "2999-01-01T00:00:00Z"\n` });
    const r = await runCli(['validate', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('clients/acme.yaml:4:13: warning [rotate] scheduled');
  });

  it('exits 1 and lists every problem of every file', async () => {
    const dir = tempRepo({
      'clients/acme.yaml': 'clients:\n  - clientId: beta_a\n    capabilities: [Script]\n',
      'clients/beta.yaml': 'clients:\n  - clientId: beta_a\n    capabilities: [WebApp]\n',
      'clients/old.yml': good,
      'clients/team/x.yaml': good,
    });
    const r = await runCli(['validate', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.includes(': error ['))).toEqual([
      "clients/acme.yaml:2:15: error [client-id-prefix] clientId 'beta_a' must start with 'acme_' ('beta_' belongs to account 'beta', whose clients live in clients/beta.yaml); write e.g. 'acme_a'",
      'clients/beta.yaml:3:19: error [redirects] client \'beta_a\' has WebApp and needs at least one redirect URI, e.g. redirectUris: ["https://app.example.com/*"]',
      'clients/old.yml:1:1: error [file-layout] account files end in .yaml; rename it to clients/old.yaml',
      'clients/team/x.yaml:1:1: error [file-layout] account files live directly in clients/, not in sub-folders; move it to clients/x.yaml',
    ]);
    expect(r.stdout).toContain('✗ invalid: 4 errors, 0 warnings');
  });

  it('does not follow symbolic links in clients/', async () => {
    const dir = tempRepo({ 'elsewhere.yaml': good });
    symlinkSync(join(dir, 'elsewhere.yaml'), join(dir, 'clients-link'));
    const dir2 = tempRepo({ 'clients/real.yaml': 'clients: []\n' });
    symlinkSync(join(dir, 'elsewhere.yaml'), join(dir2, 'clients', 'acme.yaml'));
    const r = await runCli(['validate', '--dir', dir2]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('clients/acme.yaml:1:1: error [file-layout] symbolic links are not read');
  });

  it('json: sorted problems and ok', async () => {
    const dir = tempRepo({ 'clients/acme.yaml': 'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    scopes: [nope]\n    foo: 1\n' });
    const r = await runCli(['validate', '--dir', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.problems.map((p: { rule: string; line: number; column: number }) => `${p.rule}@${p.line}:${p.column}`)).toEqual(['scope-known@4:14', 'schema@5:5']);
  });

  it('github: annotations on stdout and every problem in the job summary', async () => {
    const dir = tempRepo({ 'clients/acme.yaml': `clients:\n${Array.from({ length: 12 }, (_, i) => `  - {clientId: acme_${i}, capabilities: [Script], scopes: [bad]}\n`).join('')}` });
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const r = await runCli(['validate', '--dir', dir, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: join(dir, '..') } });
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(13); // 12 unknown scopes + the client limit
    expect(annotations[0]).toMatch(/^::error file=clientsync-test-\w+\/clients\/acme\.yaml,line=2,col=\d+,title=scope-known::unknown scope 'bad'/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toContain('All 13 problems');
    const table = readFileSync(summary, 'utf8');
    expect(table.split('\n').filter((l) => l.startsWith('| clientsync-test-'))).toHaveLength(13);
  });

  describe('usage errors exit 64 with one line', () => {
    it.each([
      [['validate', '--dir', '/nonexistent/clientsync'], /--dir \/nonexistent\/clientsync: no such folder/],
      [['validate', '--format', 'xml'], /--format must be one of text, json, github \(got 'xml'\)/],
      [['validate', '--bogus'], /Unknown option '--bogus'/],
      [['validate', 'extra'], /Unexpected argument 'extra'/],
      [['validate', '--dir'], /--dir/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ])('%j', async (args, message) => {
      const r = await runCli(args);
      expect(r.code).toBe(64);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  });

  it('a missing clientsync.yaml is a problem, not a crash', async () => {
    const dir = tempRepo({ 'clientsync.yaml': null, 'clients/acme.yaml': good });
    const r = await runCli(['validate', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('clientsync.yaml:1:1: error [settings] clientsync.yaml not found');
  });

  it('--help explains options and exit codes', async () => {
    const r = await runCli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--format');
    expect(r.stdout).toContain('Exit codes: 0 valid');
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('validate');
  });
});
