// The daemon delivering secrets (docs/secrets.md): a failing command target shows in /status
// (client, target, since when, last error, scrubbed) and in
// clientsync_secret_deliveries_total; the next run (a webhook) retries without rotating, and a
// command that prints the secret gets it into neither the log nor /status.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator-env.js';
import { gitRepo } from '../support/git-repo.js';
import { tempRepo } from '../support/temp-repo.js';
import { pushEvent, startDaemonProcess, tempWorkDir } from './daemon-process.js';
import { clientSecrets, expectNoSecret } from './keycloak-view.js';

const kc = useEmulator({ realm: ['d-deliver'] });
const NEVER = '0 0 1 1 *';
const connection = () => ({ url: kc().emulator.url, adminUsername: 'admin', adminPassword: 'admin' });

describe('the daemon delivering secrets', () => {
  it('reports a failing target in /status and the metric, then delivers on a later run without rotating', async () => {
    const dir = tempRepo({});
    const received = join(dir, 'received');
    const sh = join(dir, 'deliver.sh');
    writeFileSync(sh, `#!/bin/sh\ns=$(cat)\necho "talking about $s"\nif [ -e ${JSON.stringify(join(dir, 'fail'))} ]; then echo "refused $s" >&2; exit 4; fi\necho "$1 $s" >> ${JSON.stringify(received)}\n`);
    chmodSync(sh, 0o700);
    writeFileSync(join(dir, 'fail'), '');
    const deliveryFile = join(dir, 'delivery.yaml');
    writeFileSync(deliveryFile, `targets:\n  - name: store\n    command: [${JSON.stringify(sh)}, "{clientId}"]\n`);

    const repo = await gitRepo({ 'clients/del.yaml': 'clients:\n  - clientId: del_a\n    capabilities: [Script]\n' }, 'realm: d-deliver\nscopes:\n  push-data: Send.\n');
    const d = await startDaemonProcess(
      ['--git-url', `file://${repo.dir}`, '--branch', 'main', '--work-dir', tempWorkDir(), '--schedule', NEVER, '--secret-delivery', deliveryFile],
      kc().env,
    );
    const first = await d.waitForStatus((s) => s.lastRun !== null, 20_000, 'the start-up run');
    expect(first.lastRun).toMatchObject({ outcome: 'partial' });
    expect(first.accounts).toEqual([expect.objectContaining({ account: 'del', state: 'attention' })]);
    const failing = (first as unknown as { secretDeliveries: { failing: Record<string, unknown>[] } }).secretDeliveries.failing;
    expect(failing).toEqual([
      expect.objectContaining({ account: 'del', clientId: 'del_a', target: 'store', reason: 'created', since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }),
    ]);
    expect(String(failing[0]?.['lastError'])).toContain("target 'store': the command exited with code 4; it printed: refused [REDACTED]");
    expect(await d.metric('clientsync_secret_deliveries_total', { target: 'store', outcome: 'failed' })).toBe(1);
    await d.waitFor((l) => l.msg === 'secret delivery failed', 5_000, 'the failed delivery log line');
    const secret = (await clientSecrets(connection(), 'd-deliver'))[0];

    rmSync(join(dir, 'fail'));
    expect((await d.webhook(pushEvent('main', (await repo.git.revparse(['HEAD'])).trim()))).status).toBe(202);
    const second = await d.waitForStatus((s) => s.lastRun?.id === 2, 20_000, 'the webhook run');
    expect(second.lastRun).toMatchObject({ outcome: 'success' });
    expect(second.accounts).toEqual([expect.objectContaining({ account: 'del', state: 'synced' })]);
    expect((second as unknown as { secretDeliveries: { failing: unknown[] } }).secretDeliveries.failing).toEqual([]);
    expect(await d.metric('clientsync_secret_deliveries_total', { target: 'store', outcome: 'delivered' })).toBe(1);
    const line = await d.waitFor((l) => l.msg === 'secret delivered', 5_000, 'the delivered log line');
    expect(line).toMatchObject({ clientId: 'del_a', target: 'store', output: 'talking about [REDACTED]' });
    expect(existsSync(received) ? readFileSync(received, 'utf8') : '').toBe(`del_a ${secret}\n`);
    expect(await clientSecrets(connection(), 'd-deliver')).toEqual([secret]);
    expectNoSecret([d.output(), await d.statusText()], [...(await clientSecrets(connection(), 'd-deliver')), kc().env.KEYCLOAK_CLIENT_SECRET!]);
    expect(await d.stop()).toBe(0);
  });
});
