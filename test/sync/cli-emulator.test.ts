// End-to-end: the built CLI's plan and apply against the emulator, in a temporary git
// repository, as an operator runs them. (The same flows against the real Keycloak live in
// sync.keycloak.test.ts; this file covers the safety rules, exit codes and output.)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo } from '../support/git-repo.js';
import { secretsIn, useEmulator } from '../support/emulator-env.js';
import { runCli } from '../support/run-cli.js';
import { tempRepo } from '../support/temp-repo.js';
import { freeLoopbackPort } from '../support/keycloak-server.js';

// Each test has a realm of its own: a plan deletes managed clients that its repository does
// not declare, so tests sharing a realm would delete each other's clients.
const REALMS = ['r-create', 'r-update', 'r-max', 'r-skip', 'r-rotate', 'r-secret', 'r-env', 'r-creds', 'r-down', 'empty-guard'];
const kc = useEmulator({ realm: REALMS });
const settings = (realm: string) => `realm: ${realm}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`;
const script = (id: string, extra = '') => `  - clientId: ${id}\n    capabilities: [Script]\n${extra}`;
const file = (...clients: string[]) => `clients:\n${clients.join('')}`;

async function planJson(dir: string, env: Record<string, string>) {
  const r = await runCli(['plan', '--dir', dir, '--format', 'json'], { env });
  return { ...r, plan: JSON.parse(r.stdout) as { changes: { action: string; clientId: string }[]; summary: Record<string, number> } };
}

describe('plan and apply against the emulator', () => {
  it('creates, converges, and a second plan is empty (exit 0 / detailed 2 then 0)', async () => {
    const repo = await gitRepo({ 'clients/alpha.yaml': file(script('alpha_one'), script('alpha_two', '    scopes: [push-data]\n')) }, settings('r-create'));
    const env = kc().env;
    const before = await runCli(['plan', '--dir', repo.dir, '--detailed-exitcode'], { env });
    expect(before.code).toBe(2);
    expect(before.stdout).toContain('+ create alpha_one');
    const applied = await runCli(['apply', '--dir', repo.dir], { env });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('✓ create alpha_two');
    const after = await runCli(['plan', '--dir', repo.dir, '--detailed-exitcode'], { env });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('No changes');
    const { plan } = await planJson(repo.dir, env);
    expect(plan.changes).toEqual([]);
  });

  it('updates a changed field and deletes a removed client', async () => {
    const repo = await gitRepo({ 'clients/beta.yaml': file(script('beta_a'), script('beta_b')) }, settings('r-update'));
    const env = kc().env;
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(0);
    await repo.commit({ 'clients/beta.yaml': file(script('beta_a', '    description: now described\n')) });
    const { plan } = await planJson(repo.dir, env);
    expect(plan.changes.map((c) => `${c.action} ${c.clientId}`)).toEqual(['update beta_a', 'delete beta_b']);
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(0);
    expect((await planJson(repo.dir, env)).plan.changes).toEqual([]);
  });

  it('--max-deletes refuses the whole run and changes nothing', async () => {
    const repo = await gitRepo({ 'clients/gamma.yaml': file(script('gamma_a'), script('gamma_b'), script('gamma_c')) }, settings('r-max'));
    const env = kc().env;
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(0);
    await repo.commit({ 'clients/gamma.yaml': 'clients: []\n' });
    const refused = await runCli(['apply', '--dir', repo.dir, '--max-deletes', '2'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--max-deletes/);
    expect((await planJson(repo.dir, env)).plan.summary.delete).toBe(3);
    expect((await runCli(['apply', '--dir', repo.dir, '--max-deletes', '3'], { env })).code).toBe(0);
  });

  it('an invalid account file skips that account only, and exits 1 after applying the rest', async () => {
    const repo = await gitRepo({ 'clients/delta.yaml': file(script('delta_a')), 'clients/eps.yaml': file(script('eps_a')) }, settings('r-skip'));
    const env = kc().env;
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(0);
    await repo.commit({ 'clients/delta.yaml': 'clients:\n  - clientId: delta_a\n    capabilities: [Nope]\n', 'clients/eps.yaml': file(script('eps_a'), script('eps_b')) });
    const r = await runCli(['apply', '--dir', repo.dir], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('clients/delta.yaml:3:20: error [schema]');
    expect(r.stdout).toContain('✓ create eps_b');
    expect(r.stdout).not.toMatch(/delete delta_a/);
  });

  it('no account file at all deletes nothing without --allow-empty, and exits 1 like --max-deletes', async () => {
    const repo = await gitRepo({ 'clients/zeta.yaml': file(script('zeta_a')) }, settings('empty-guard'));
    const env = kc().env;
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(0);
    await repo.commit({ 'clients/zeta.yaml': null });
    const guarded = await runCli(['apply', '--dir', repo.dir], { env });
    expect(guarded.code).toBe(1);
    expect(guarded.stderr).toContain('clientsync apply: Refusing to apply: no account files were found');
    expect(guarded.stderr).toContain('run again with --allow-empty');
    expect(guarded.stdout).toContain('--allow-empty');
    expect(guarded.stdout).not.toContain('- delete');
    const allowed = await runCli(['apply', '--dir', repo.dir, '--allow-empty'], { env });
    expect(allowed.stdout).toContain('✓ delete zeta_a');
    expect(allowed.code).toBe(0);
  });

  it('rotates a secret once, delivers it to the file sink (0600), and never prints it', async () => {
    const repo = await gitRepo({ 'clients/eta.yaml': file(script('eta_a')) }, settings('r-rotate'));
    const env = kc().env;
    const sink = tempRepo({});
    const outputs: string[] = [];
    const run = async (...args: string[]) => {
      const r = await runCli(args, { env });
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    expect((await run('apply', '--dir', repo.dir, '--secret-sink', `file:${sink}/secrets`)).code).toBe(0);
    const created = JSON.parse(readFileSync(join(sink, 'secrets', 'eta_a.json'), 'utf8')) as { secret: string };
    await repo.commit({ 'clients/eta.yaml': file(script('eta_a', '    rotate: "2026-01-01T00:00:00Z"\n')) });
    const rotated = await run('apply', '--dir', repo.dir, '--secret-sink', `file:${sink}/secrets`);
    expect(rotated.stdout).toContain('↻ rotate eta_a');
    const after = JSON.parse(readFileSync(join(sink, 'secrets', 'eta_a.json'), 'utf8')) as { secret: string };
    expect(after.secret).not.toBe(created.secret);
    expect(statSync(join(sink, 'secrets', 'eta_a.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(sink, 'secrets')).filter((f) => !f.endsWith('.json'))).toEqual([]);
    const again = await run('plan', '--dir', repo.dir, '--detailed-exitcode');
    expect(again.code).toBe(0);
    await run('plan', '--dir', repo.dir, '--format', 'json');
    await run('plan', '--dir', repo.dir, '--format', 'markdown');
    await run('list', '--dir', repo.dir, '--live');
    await run('export', '--account', 'eta', '--dir', repo.dir);
    const secrets = await secretsIn(kc().emulator.url, 'r-rotate');
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of [...secrets, created.secret, env.KEYCLOAK_CLIENT_SECRET!]) {
      for (const text of outputs) expect(text).not.toContain(secret);
    }
  });

  it('secret get prints exactly the secret', async () => {
    const repo = await gitRepo({ 'clients/theta.yaml': file(script('theta_a')) }, settings('r-secret'));
    const env = kc().env;
    await runCli(['apply', '--dir', repo.dir], { env });
    const r = await runCli(['secret', 'get', 'theta_a', '--dir', repo.dir], { env });
    expect(r.code).toBe(0);
    expect((await secretsIn(kc().emulator.url, 'r-secret')).includes(r.stdout.trim())).toBe(true);
    const missing = await runCli(['secret', 'get', 'theta_nope', '--realm', 'r-secret'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no client 'theta_nope'");
  });

  it('missing or partial Keycloak settings: one line, exit 64', async () => {
    const repo = await gitRepo({ 'clients/iota.yaml': file(script('iota_a')) }, settings('r-env'));
    for (const [env, message] of [
      [{ KEYCLOAK_URL: '' }, /KEYCLOAK_URL is not set/],
      [{ KEYCLOAK_URL: kc().env.KEYCLOAK_URL!, KEYCLOAK_CLIENT_ID: 'x', KEYCLOAK_CLIENT_SECRET: '' }, /KEYCLOAK_CLIENT_ID/],
    ] as const) {
      const r = await runCli(['plan', '--dir', repo.dir], { env: { KEYCLOAK_CLIENT_ID: '', KEYCLOAK_CLIENT_SECRET: '', KEYCLOAK_USERNAME: '', KEYCLOAK_PASSWORD: '', ...env } });
      expect(r.code).toBe(64);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('wrong credentials: exit 1 with a hint, no secret echoed', async () => {
    const repo = await gitRepo({ 'clients/kappa.yaml': file(script('kappa_a')) }, settings('r-creds'));
    const r = await runCli(['plan', '--dir', repo.dir], { env: { ...kc().env, KEYCLOAK_CLIENT_SECRET: 'wrong-secret-value' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused \(401\)/);
    expect(r.stderr).not.toContain('wrong-secret-value');
  });

  it('Keycloak unreachable: exit 1 with one line', async () => {
    const repo = await gitRepo({ 'clients/lam.yaml': file(script('lam_a')) }, settings('r-down'));
    const port = await freeLoopbackPort();
    const r = await runCli(['plan', '--dir', repo.dir], { env: { ...kc().env, KEYCLOAK_URL: `http://127.0.0.1:${port}` }, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not be reached \(ECONNREFUSED\)/);
  });
});
