// Hostile files through the built CLI: YAML alias bombs, oversized files (a sparse 200 MB file is
// never read whole), deep nesting, floods of syntax errors, keys that are collections. Each is
// refused with a problem at a position, quickly, with bounded output and nothing else on stderr;
// in plan/apply only the account it belongs to is skipped, and a hostile clientsync.yaml stops
// the whole run before anything is applied.
import { closeSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/config/index.js';
import { useEmulator } from '../support/emulator-env.js';
import { runCli } from '../support/run-cli.js';
import { tempRepo } from '../support/temp-repo.js';
import { AdminApi } from '../reliability/support/admin.js';

const kc = useEmulator({ realm: ['hostile-1', 'hostile-2'] });
const settingsFor = (realm: string) => `realm: ${realm}\nscopes:\n  datahub-api: Query.\n`;
const good = 'clients:\n  - clientId: beta_ok\n    capabilities: [Script]\n';

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) lines.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(',')}]`);
  return `${lines.join('\n')}\nclients: *i\n`;
}

interface Problems {
  readonly problems: { file: string; line: number; column: number; rule: string; message: string }[];
}

// Each test has its own folder and realm: they run side by side.
describe.concurrent('hostile account files, through the CLI', () => {
  it.each([
    ['an alias bomb', () => aliasBomb(), /too many YAML aliases/],
    ['10,000 nested brackets', () => `clients: ${'['.repeat(10_000)}\n`, /nested more than 32 levels/],
    ['a file one byte over 1 MiB', () => `clients: []\n#${'x'.repeat(MAX_FILE_BYTES - 12)}`, /the limit is 1048576 bytes/],
  ])('%s: one problem, exit 1, at once', async (_what, content, message) => {
    const dir = tempRepo({ 'clients/acme.yaml': content(), 'clients/beta.yaml': good });
    const started = Date.now();
    const r = await runCli(['validate', '--dir', dir, '--format', 'json']);
    expect(Date.now() - started).toBeLessThan(15_000); // a hang would be minutes; this is no timing claim
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const { problems } = JSON.parse(r.stdout) as Problems;
    expect(problems.map((p) => `${p.file} ${p.rule}`)).toEqual(['clients/acme.yaml yaml-syntax']);
    expect(problems[0]!.message).toMatch(message);
  });

  it('a 200 MB file is refused without being read', async () => {
    const dir = tempRepo({ 'clients/beta.yaml': good });
    const huge = join(dir, 'clients', 'acme.yaml');
    writeFileSync(huge, 'clients: []\n');
    const fd = openSync(huge, 'r+');
    ftruncateSync(fd, 200 * 1024 * 1024); // sparse: costs no disk
    closeSync(fd);
    const r = await runCli(['validate', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`clients/acme.yaml:1:1: error [yaml-syntax] file is ${200 * 1024 * 1024} bytes; the limit is 1048576 bytes`);
  });

  it('a flood of syntax errors: the first 100 and a count, in every format', async () => {
    const dir = tempRepo({ 'clients/acme.yaml': '[a]\n'.repeat(50_000) });
    const summary = join(dir, 'summary.md');
    const results = await Promise.all(['text', 'json', 'github'].map((format) => runCli(['validate', '--dir', dir, '--format', format], { env: { GITHUB_STEP_SUMMARY: summary } })));
    for (const r of results) {
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout.length).toBeLessThan(64 * 1024);
      expect(r.stdout).toMatch(/\d+ more YAML syntax errors from here on are not listed/);
    }
    expect(readFileSync(summary, 'utf8').length).toBeLessThan(64 * 1024);
  });

  it('keys that are collections: a problem, and no library warning on stderr', async () => {
    const dir = tempRepo({ 'clients/acme.yaml': '? [a, b]\n: 1\nclients: []\n' });
    const r = await runCli(['validate', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('[schema]');
  });

  it('plan and apply skip only the account with the hostile file', async () => {
    const { env, emulator } = kc();
    const dir = tempRepo({ 'clientsync.yaml': settingsFor('hostile-1'), 'clients/acme.yaml': aliasBomb(), 'clients/beta.yaml': good, 'clients/gamma.yaml': `clients: ${'{'.repeat(5_000)}\n` });
    const plan = await runCli(['plan', '--dir', dir, '--format', 'json'], { env });
    expect(plan.code).toBe(1);
    const parsed = JSON.parse(plan.stdout) as { changes: { clientId: string }[]; skippedAccounts: { account: string }[] };
    expect(parsed.skippedAccounts.map((a) => a.account)).toEqual(['acme', 'gamma']);
    expect(parsed.changes.map((c) => c.clientId)).toEqual(['beta_ok']);
    const applied = await runCli(['apply', '--dir', dir], { env });
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('✓ create beta_ok');
    const admin = new AdminApi(emulator.url, emulator.adminUsername, emulator.adminPassword);
    expect((await admin.clients('hostile-1')).filter((c) => c.clientId.includes('_')).map((c) => c.clientId)).toEqual(['beta_ok']);
  });

  it('a hostile clientsync.yaml stops the run before anything is applied', async () => {
    const { env, emulator } = kc();
    for (const settings of [`${aliasBomb()}realm: hostile-2\n`, `realm: hostile-2\nscopes: ${'['.repeat(10_000)}\n`, `realm: hostile-2\nscopes: {a: b}\n#${'x'.repeat(MAX_FILE_BYTES)}\n`]) {
      const dir = tempRepo({ 'clientsync.yaml': settings, 'clients/beta.yaml': good });
      const r = await runCli(['apply', '--dir', dir], { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('clientsync.yaml is missing or invalid: nothing was planned');
      expect(r.stdout).toBe('');
      const listed = await runCli(['list', '--dir', dir], { env });
      expect(listed.code).toBe(1);
      expect(listed.stderr).toContain('clientsync.yaml is missing or invalid: nothing was listed');
      expect(listed.stdout).toBe('');
    }
    const admin = new AdminApi(emulator.url, emulator.adminUsername, emulator.adminPassword);
    expect((await admin.clients('hostile-2')).filter((c) => c.clientId.includes('_'))).toEqual([]);
  });
});
