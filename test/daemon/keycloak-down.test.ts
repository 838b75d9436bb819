// End-to-end: Keycloak (the emulator) goes away while the daemon runs every second. Runs fail,
// the daemon stays up and says why (the run's time limit cuts the adapter's retries short), /readyz turns unready once the last completed run is older
// than --stale-after, and everything recovers when Keycloak is back on the same port.
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@clientsync/keycloak-emulator';
import { gitRepo } from '../support/git-repo.js';
import { startDaemonProcess, tempWorkDir } from './daemon-process.js';
import { clientSecrets, expectNoSecret, managedClients } from './keycloak-view.js';

const REALM = 'd-down';
let emulator: RunningEmulator | undefined;
afterAll(async () => {
  await emulator?.close();
});

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('clientsync daemon when Keycloak is unreachable', () => {
  it('fails runs without stopping, turns unready after the threshold, and recovers', { timeout: 60_000 }, async () => {
    emulator = await startEmulator({ realm: REALM });
    const port = emulator.port;
    const env = { KEYCLOAK_URL: emulator.url, KEYCLOAK_CLIENT_ID: emulator.serviceAccount.clientId, KEYCLOAK_CLIENT_SECRET: emulator.serviceAccount.clientSecret };
    const repo = await gitRepo(
      { 'clients/down.yaml': 'clients:\n  - clientId: down_a\n    capabilities: [Script]\n' },
      `realm: ${REALM}\nscopes:\n  datahub-api: Query.\n`,
    );
    const d = await startDaemonProcess(
      ['--git-url', `file://${repo.dir}`, '--work-dir', tempWorkDir(), '--schedule', '* * * * * *', '--stale-after', '2', '--run-timeout', '3'],
      env,
    );
    await d.waitForStatus((s) => s.ready && s.lastRun?.outcome === 'success', 15_000, 'a first successful run');
    const secretsBefore = await clientSecrets({ url: emulator.url, adminUsername: 'admin', adminPassword: 'admin' }, REALM);

    await emulator.close();
    const failed = await d.waitForStatus((s) => s.lastRun?.outcome === 'failed', 20_000, 'a failed run');
    // Either the adapter gave up retrying, or the run's time limit (3 s) stopped its retries first.
    expect(['keycloak', 'timeout']).toContain(failed.lastRun?.failure?.stage);
    expect(failed.lastRun?.failure?.message).toMatch(/Keycloak/);
    await until('/readyz to turn 503', async () => (await d.get('/readyz')).status === 503);
    const readyz = (await (await d.get('/readyz')).json()) as { ready: boolean; reason: string };
    expect(readyz.reason).toMatch(/longer than 2 s/);
    expect((await d.get('/healthz')).status).toBe(200);
    expect(await d.metric('clientsync_ready')).toBe(0);
    const stage = failed.lastRun!.failure!.stage;
    expect(await d.metric('clientsync_run_failures_total', { stage })).toBeGreaterThanOrEqual(1);
    expect(await d.metric('clientsync_runs_total', { outcome: 'failed' })).toBeGreaterThanOrEqual(1);

    // Keycloak is back (empty: the emulator keeps nothing), on the same port.
    emulator = await startEmulator({ realm: REALM, port });
    const connection = { url: emulator.url, adminUsername: 'admin', adminPassword: 'admin' };
    await d.waitForStatus((s) => s.ready && s.lastRun?.outcome === 'success', 30_000, 'recovery');
    expect((await d.get('/readyz')).status).toBe(200);
    expect((await managedClients(connection, REALM)).map((c) => c.clientId)).toEqual(['down_a']);
    expect(await d.metric('clientsync_ready')).toBe(1);

    expect(await d.stop()).toBe(0);
    expectNoSecret([d.output(), await Promise.resolve('')], [...secretsBefore, ...(await clientSecrets(connection, REALM)), env.KEYCLOAK_CLIENT_SECRET]);
  });
});
