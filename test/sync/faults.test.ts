// Under injected faults (5xx, 429, dropped connections, 1 s tokens) apply either succeeds or
// reports the changes that failed; a re-run with the faults off converges, with every declared
// client present exactly once and nothing else touched.
import { describe, expect, it } from 'vitest';
import { gitRepo } from '../support/git-repo.js';
import { useEmulator } from '../support/emulator-env.js';
import { runCli } from '../support/run-cli.js';

const kc = useEmulator({ realm: 'faulty', seed: 20261127 });
const settings = 'realm: faulty\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n';

function accountFile(account: string, n: number, variant: string): string {
  const clients = Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? `  - clientId: ${account}_web${i}\n    description: ${variant}\n    capabilities: [WebApp]\n    redirectUris: ["https://${account}.example/${variant}/*"]\n    scopes: [datahub-api]\n`
      : `  - clientId: ${account}_job${i}\n    description: ${variant}\n    capabilities: [Script]\n    scopes: [push-data]\n`,
  );
  return `clients:\n${clients.join('')}`;
}

describe('apply under injected faults', () => {
  it('converges with nothing lost or duplicated', { timeout: 240_000 }, async () => {
    const { emulator, env } = kc();
    const accounts = ['fa', 'fb', 'fc', 'fd'];
    const repo = await gitRepo(Object.fromEntries(accounts.map((a) => [`clients/${a}.yaml`, accountFile(a, 5, 'v1')])), settings);
    emulator.setFaults({ errorRate: 0.15, throttleRate: 0.1, dropRate: 0.05, latencyMs: 5, jitterMs: 5, tokenLifespanSeconds: 1 });
    const first = await runCli(['apply', '--dir', repo.dir, '--concurrency', '4'], { env, timeoutMs: 120_000 });
    expect([0, 1]).toContain(first.code);
    if (first.code === 1) expect(first.stdout).toMatch(/✗ \w+ \S+: .+/); // failures are reported, per change
    expect(first.stderr).not.toMatch(/unexpected error|\n\s+at /);

    // Change half the clients and remove one account while the faults are still on.
    await repo.commit({ 'clients/fa.yaml': accountFile('fa', 5, 'v2'), 'clients/fb.yaml': accountFile('fb', 3, 'v2'), 'clients/fd.yaml': null });
    const second = await runCli(['apply', '--dir', repo.dir, '--concurrency', '4'], { env, timeoutMs: 120_000 });
    expect([0, 1]).toContain(second.code);

    emulator.setFaults({ errorRate: 0, throttleRate: 0, dropRate: 0, latencyMs: 0, jitterMs: 0, tokenLifespanSeconds: 300 });
    const last = await runCli(['apply', '--dir', repo.dir], { env, timeoutMs: 60_000 });
    expect(last.code).toBe(0);
    const plan = await runCli(['plan', '--dir', repo.dir, '--format', 'json'], { env });
    expect(JSON.parse(plan.stdout).changes).toEqual([]);
    const list = await runCli(['list', '--dir', repo.dir, '--live', '--format', 'json'], { env });
    const rows = JSON.parse(list.stdout).clients as { clientId: string; keycloak: string }[];
    expect(rows.map((r) => r.clientId).sort()).toEqual(
      ['fa_web0', 'fa_job1', 'fa_web2', 'fa_job3', 'fa_web4', 'fb_web0', 'fb_job1', 'fb_web2', 'fc_web0', 'fc_job1', 'fc_web2', 'fc_job3', 'fc_web4'].sort(),
    );
    expect(rows.every((r) => r.keycloak === 'in sync')).toBe(true);
    const stats = emulator.stats();
    expect(stats.requests.total).toBeGreaterThan(50);
  });
});
