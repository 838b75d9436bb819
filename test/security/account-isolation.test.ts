// What a team's account file can and cannot do, through the built CLI against the emulator:
//  - it cannot override clientsync.yaml: realm, clientLimit(s), scopes or accountIdPattern in an
//    account file are schema errors, the file is skipped, and nothing happens in another realm;
//  - it cannot create, change or delete another account's clients: whatever acme.yaml says
//    (beta's clientIds, beta's existing clients with other fields, garbage, nothing at all, a
//    misplaced beta.yml beside it), beta's managed clients stay exactly as beta.yaml declares them.
import { symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator-env.js';
import { gitRepo } from '../support/git-repo.js';
import { runCli } from '../support/run-cli.js';
import { AdminApi, canonical, type ClientRep } from '../reliability/support/admin.js';

// Each test has a realm of its own: an apply deletes managed clients its repository does not declare.
const kc = useEmulator({ realm: ['iso-1', 'iso-2', 'iso-3', 'iso-4', 'iso-5', 'iso-6', 'other'] });
const settingsFor = (realm: string) => `realm: ${realm}\nclientLimit: 2\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`;
const script = (id: string, extra = '') => `  - clientId: ${id}\n    capabilities: [Script]\n${extra}`;
const file = (...clients: string[]) => `clients:\n${clients.join('')}`;

function admin(): AdminApi {
  const { emulator } = kc();
  return new AdminApi(emulator.url, emulator.adminUsername, emulator.adminPassword);
}

async function clientsOf(realm: string, prefix: string): Promise<Map<string, ClientRep>> {
  return new Map((await admin().clients(realm)).filter((c) => c.clientId.startsWith(prefix)).map((c) => [c.clientId, c]));
}

// Tests use realms of their own, so they run side by side.
describe.concurrent('an account file cannot override clientsync.yaml', () => {
  it('realm, clientLimit, clientLimits, scopes and accountIdPattern are unknown fields there', async () => {
    const hostile = [
      'realm: other',
      'clientLimit: 100',
      'clientLimits: {acme: 100}',
      'scopes: {admin-api: Everything.}',
      'accountIdPattern: ".*"',
      'clients:',
      script('acme_a', '    scopes: [admin-api]\n'),
      script('acme_b'),
      script('acme_c'),
    ].join('\n');
    const repo = await gitRepo({ 'clients/acme.yaml': hostile, 'clients/beta.yaml': file(script('beta_a')) }, settingsFor('iso-1'));
    const { env } = kc();

    const validated = await runCli(['validate', '--dir', repo.dir, '--format', 'json'], { env });
    expect(validated.code).toBe(1);
    const problems = (JSON.parse(validated.stdout) as { problems: { file: string; rule: string; message: string }[] }).problems;
    for (const field of ['realm', 'clientLimit', 'clientLimits', 'scopes', 'accountIdPattern']) {
      expect(problems.some((p) => p.file === 'clients/acme.yaml' && p.rule === 'schema' && p.message.startsWith(`unknown field '${field}'`)), field).toBe(true);
    }
    // The settings still rule: the limit of 2 and the scope list are clientsync.yaml's.
    expect(problems.some((p) => p.rule === 'client-limit')).toBe(true);
    expect(problems.some((p) => p.rule === 'scope-known' && p.message.includes("'admin-api'"))).toBe(true);

    const applied = await runCli(['apply', '--dir', repo.dir], { env });
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('✓ create beta_a');
    expect([...(await clientsOf('iso-1', 'acme_')).keys()]).toEqual([]);
    expect([...(await clientsOf('other', '')).keys()].filter((id) => id.includes('_'))).toEqual([]);
  });
});

describe.concurrent("an account file cannot create, change or delete another account's clients", () => {
  it("beta's clients stay as beta.yaml says, whatever acme.yaml holds", { timeout: 120_000 }, async () => {
    const beta = file(script('beta_a', '    description: owned by beta\n    scopes: [push-data]\n'), script('beta_b'));
    const repo = await gitRepo({ 'clients/acme.yaml': file(script('acme_a')), 'clients/beta.yaml': beta }, settingsFor('iso-2'));
    const { env } = kc();
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(0);
    const betaBefore = await clientsOf('iso-2', 'beta_');
    expect([...betaBefore.keys()].sort()).toEqual(['beta_a', 'beta_b']);

    const variants: [string, Record<string, string | null>, RegExp][] = [
      ['declares a new client in beta', { 'clients/acme.yaml': file(script('acme_a'), script('beta_x')) }, /client-id-prefix/],
      ['redeclares beta_a with other fields and a rotation', { 'clients/acme.yaml': file(script('acme_a'), script('beta_a', '    description: hijacked\n    adopt: true\n    rotate: "2020-01-01T00:00:00Z"\n')) }, /client-id-prefix/],
      ['is garbage', { 'clients/acme.yaml': 'clients: [\n' }, /yaml-syntax/],
      ['is gone', { 'clients/acme.yaml': null }, /^/],
      ['comes with a misplaced beta.yml', { 'clients/acme.yaml': file(script('acme_a')), 'clients/beta.yml': 'clients: []\n' }, /file-layout/],
      ['comes with clients/beta/ in a sub-folder', { 'clients/beta.yml': null, 'clients/beta/beta.yaml': 'clients: []\n' }, /file-layout/],
      ['is valid and declares only its own', { 'clients/beta/beta.yaml': null, 'clients/acme.yaml': file(script('acme_a'), script('acme_b')) }, /^/],
    ];
    for (const [what, files, problem] of variants) {
      await repo.commit(files, `acme.yaml ${what}`);
      const applied = await runCli(['apply', '--dir', repo.dir], { env });
      expect(`${applied.stdout}\n${applied.stderr}`, what).toMatch(problem);
      expect(applied.stdout, what).not.toMatch(/beta_/);
      const betaNow = await clientsOf('iso-2', 'beta_');
      expect([...betaNow.keys()].sort(), what).toEqual(['beta_a', 'beta_b']);
      for (const [id, rep] of betaBefore) expect(canonical(betaNow.get(id)!), `${what}: ${id}`).toBe(canonical(rep));
    }
    const plan = await runCli(['plan', '--dir', repo.dir, '--format', 'json'], { env });
    expect((JSON.parse(plan.stdout) as { changes: unknown[] }).changes).toEqual([]);
  });

  it("an invalid beta.yaml protects beta's clients from deletion while acme's file is applied", async () => {
    const repo = await gitRepo({ 'clients/acme.yaml': file(script('acme_p')), 'clients/beta.yaml': file(script('beta_p')) }, settingsFor('iso-3'));
    const { env } = kc();
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(0);
    const before = await clientsOf('iso-3', 'beta_p');
    await repo.commit({ 'clients/beta.yaml': 'clients:\n  - clientId: beta_p\n    capabilities: [Nope]\n', 'clients/acme.yaml': file(script('acme_p'), script('acme_q')) });
    const applied = await runCli(['apply', '--dir', repo.dir], { env });
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('✓ create acme_q');
    expect(applied.stdout).not.toMatch(/delete beta_p/);
    expect(canonical((await clientsOf('iso-3', 'beta_p')).get('beta_p')!)).toBe(canonical(before.get('beta_p')!));
  });
});

describe.concurrent("a misplaced account file protects its account's clients (regression)", () => {
  // Renaming beta.yaml to beta.yml (or replacing it with a symbolic link) used to leave beta
  // without a file: validate said so, but plan exited 0 with "- delete beta_m" and apply deleted it.
  it.each([
    ['renamed to beta.yml', 'iso-4', (dir: string) => writeFileSync(join(dir, 'clients', 'beta.yml'), file(script('beta_m')))],
    ['replaced by a symbolic link', 'iso-5', (dir: string) => symlinkSync(join(dir, 'elsewhere.yaml'), join(dir, 'clients', 'beta.yaml'))],
    ['moved into a sub-folder', 'iso-6', (dir: string) => writeFileSync(join(dir, 'clients', 'beta', 'beta.yaml'), file(script('beta_m')))],
  ])('beta.yaml %s: beta is skipped, nothing of it is deleted', async (_what, realm, misplace) => {
    const repo = await gitRepo(
      { 'clients/acme.yaml': file(script('acme_m')), 'clients/beta.yaml': file(script('beta_m')), 'elsewhere.yaml': file(script('beta_m')), 'clients/beta/.keep': '' },
      settingsFor(realm),
    );
    const { env } = kc();
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(0);
    const before = await clientsOf(realm, 'beta_m');
    unlinkSync(join(repo.dir, 'clients', 'beta.yaml'));
    misplace(repo.dir);
    const plan = await runCli(['plan', '--dir', repo.dir, '--format', 'json'], { env });
    expect(plan.code).toBe(1);
    const parsed = JSON.parse(plan.stdout) as { changes: unknown[]; skippedAccounts: { account: string }[] };
    expect(parsed.changes).toEqual([]);
    expect(parsed.skippedAccounts.map((a) => a.account)).toEqual(['beta']);
    expect(plan.stderr).toContain('[file-layout]');
    const applied = await runCli(['apply', '--dir', repo.dir], { env });
    expect(applied.code).toBe(1);
    expect(canonical((await clientsOf(realm, 'beta_m')).get('beta_m')!)).toBe(canonical(before.get('beta_m')!));
  });
});
