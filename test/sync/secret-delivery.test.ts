// End-to-end secret delivery (docs/secrets.md): the built CLI against the emulator, with real
// commands as targets (a node script and a shell script that write what they get), run and
// killed as an operator's machine would.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitRepo } from '../support/git-repo.js';
import { secretsIn, useEmulator } from '../support/emulator-env.js';
import { BIN, runCli } from '../support/run-cli.js';
import { tempRepo } from '../support/temp-repo.js';

const REALMS = ['d-basic', 'd-kill', 'd-rotate', 'd-bad', 'd-ask'];
const kc = useEmulator({ realm: REALMS });
const settings = (realm: string) => `realm: ${realm}\nscopes:\n  push-data: Send.\n`;
const script = (id: string, extra = '') => `  - clientId: ${id}\n    capabilities: [Script]\n${extra}`;
const file = (...clients: string[]) => `clients:\n${clients.join('')}`;
const SECRET_ROUTE = 'POST /admin/realms/{realm}/clients/{id}/client-secret';

interface Received {
  readonly target: string;
  readonly clientId: string;
  readonly reason: string;
  readonly secret: string;
}

/**
 * A folder with the two recording targets and a delivery file naming them. Control files:
 * `hang` makes both scripts announce themselves (started-<target>-<clientId>) and hang;
 * `fail-<target>` makes that target fail (printing the secret on stderr as it goes).
 */
function targets(names: readonly ('node' | 'shell')[] = ['node', 'shell'], extra = ''): { dir: string; deliveryFile: string; received: () => Received[] } {
  const dir = tempRepo({});
  const out = join(dir, 'out');
  mkdirSync(out);
  const js = join(dir, 'record.mjs');
  writeFileSync(
    js,
    `import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
const [dir, clientId] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(0, 'utf8'));
if (existsSync(dir + '/hang')) { writeFileSync(dir + '/started-node-' + clientId, String(process.pid)); setInterval(() => {}, 1000); }
else if (existsSync(dir + '/fail-node')) { console.error('vault said no to ' + doc.secret); process.exit(2); }
else appendFileSync(dir + '/out/received.jsonl', JSON.stringify({ target: 'node', clientId: doc.clientId, reason: doc.reason, secret: doc.secret }) + '\\n');
`,
  );
  const sh = join(dir, 'record.sh');
  writeFileSync(
    sh,
    `#!/bin/sh
dir="$1"; client="$2"; reason="$3"
secret=$(cat)
if [ -e "$dir/hang" ]; then echo $$ > "$dir/started-shell-$client"; sleep 60; exit 0; fi
if [ -e "$dir/fail-shell" ]; then echo "cannot store $secret" >&2; exit 7; fi
echo "got it: $secret"
printf '{"target":"shell","clientId":"%s","reason":"%s","secret":"%s"}\\n' "$client" "$reason" "$secret" >> "$dir/out/received.jsonl"
`,
  );
  chmodSync(sh, 0o700);
  const entries = {
    node: `  - name: node\n    command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(js)}, ${JSON.stringify(dir)}, "{clientId}"]\n    stdin: json\n    timeoutSeconds: 30\n`,
    shell: `  - name: shell\n    command: [${JSON.stringify(sh)}, ${JSON.stringify(dir)}, "{clientId}", "{reason}"]\n    timeoutSeconds: 30\n`,
  };
  const deliveryFile = join(dir, 'delivery.yaml');
  writeFileSync(deliveryFile, `targets:\n${names.map((n) => entries[n]).join('')}${extra}`);
  const received = (): Received[] => {
    const path = join(out, 'received.jsonl');
    return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Received) : [];
  };
  return { dir, deliveryFile, received };
}

async function secretOf(clientId: string, realm: string): Promise<string> {
  const r = await runCli(['secret', 'get', clientId, '--realm', realm], { env: kc().env });
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

function byClient(received: readonly Received[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of received) (out[r.clientId] ??= []).push(`${r.target} ${r.reason}`);
  for (const list of Object.values(out)) list.sort();
  return out;
}

async function noSecretIn(text: string, realm: string): Promise<void> {
  const secrets = await secretsIn(kc().emulator.url, realm);
  expect(secrets.length).toBeGreaterThan(0);
  for (const s of secrets) expect(text).not.toContain(s);
}

beforeAll(() => {
  expect(existsSync(BIN)).toBe(true);
});

describe('secret delivery through commands', () => {
  it('delivers each new secret once to each target; nothing is printed; a re-run delivers nothing again', async () => {
    const t = targets();
    const repo = await gitRepo({ 'clients/acme.yaml': file(script('acme_a'), script('acme_b')) }, settings('d-basic'));
    const env = { ...kc().env, CLIENTSYNC_SECRET_DELIVERY: t.deliveryFile };
    const first = await runCli(['apply', '--dir', repo.dir], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('✓ deliver acme_a → shell (created)');
    expect(first.stdout).toContain('Delivered 4 secrets.');
    expect(byClient(t.received())).toEqual({ acme_a: ['node created', 'shell created'], acme_b: ['node created', 'shell created'] });
    for (const r of t.received()) expect(r.secret).toBe(await secretOf(r.clientId, 'd-basic'));
    // The shell script printed the secret on success: it is nowhere in what the CLI wrote.
    await noSecretIn(first.stdout + first.stderr, 'd-basic');

    const again = await runCli(['apply', '--dir', repo.dir], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
    expect(t.received()).toHaveLength(4);
  });

  it('kill -9 between the creates and the deliveries: the next run delivers exactly the pending clients, once each target', async () => {
    const t = targets();
    const repo = await gitRepo({ 'clients/kilo.yaml': file(script('kilo_old')) }, settings('d-kill'));
    const env = { ...kc().env, CLIENTSYNC_SECRET_DELIVERY: t.deliveryFile };
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(0);
    expect(t.received()).toHaveLength(2);

    await repo.commit({ 'clients/kilo.yaml': file(script('kilo_old'), script('kilo_a'), script('kilo_b'), script('kilo_c')) });
    writeFileSync(join(t.dir, 'hang'), '');
    const child = spawn(process.execPath, [BIN, 'apply', '--dir', repo.dir], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const started = ['a', 'b', 'c'].map((x) => join(t.dir, `started-node-kilo_${x}`));
    for (let i = 0; i < 300 && !started.every((f) => existsSync(f)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(started.every((f) => existsSync(f))).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    // The hanging commands are in process groups of their own: end them as an operator would.
    for (const f of started) process.kill(Number(readFileSync(f, 'utf8')), 'SIGKILL');
    rmSync(join(t.dir, 'hang'));
    expect(t.received()).toHaveLength(2);

    const plan = await runCli(['plan', '--dir', repo.dir, '--format', 'json'], { env });
    const owed = (JSON.parse(plan.stdout) as { changes: unknown[]; pendingDeliveries: { clientId: string; targets: string[] }[] });
    expect(owed.changes).toEqual([]);
    expect(owed.pendingDeliveries.map((d) => [d.clientId, d.targets])).toEqual([
      ['kilo_a', ['node', 'shell']],
      ['kilo_b', ['node', 'shell']],
      ['kilo_c', ['node', 'shell']],
    ]);
    const listed = await runCli(['list', '--dir', repo.dir, '--live'], { env });
    expect(listed.stdout).toMatch(/kilo_a .*in sync; secret owed to node, shell \(secret created /);
    // A run where the targets are not configured leaves what is owed alone, and says so.
    const elsewhere = await runCli(['apply', '--dir', repo.dir], { env: kc().env });
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stderr).toContain('3 clients still owe a secret to targets node, shell, not configured here (--secret-delivery)');

    const after = await runCli(['apply', '--dir', repo.dir], { env });
    expect(after.code).toBe(0);
    const received = t.received().slice(2);
    expect(byClient(received)).toEqual({ kilo_a: ['node created', 'shell created'], kilo_b: ['node created', 'shell created'], kilo_c: ['node created', 'shell created'] });
    for (const r of received) expect(r.secret).toBe(await secretOf(r.clientId, 'd-kill'));
    expect((await runCli(['apply', '--dir', repo.dir], { env })).stdout).toContain('No changes');
    expect(t.received()).toHaveLength(8);
  });

  it('a failing target: apply exits 1, the other target is not repeated, a rotation while pending sends only the new secret and happens once', async () => {
    const t = targets();
    const repo = await gitRepo({ 'clients/rho.yaml': file(script('rho_a')) }, settings('d-rotate'));
    const env = { ...kc().env, CLIENTSYNC_SECRET_DELIVERY: t.deliveryFile };
    writeFileSync(join(t.dir, 'fail-shell'), '');
    const failed = await runCli(['apply', '--dir', repo.dir], { env });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/✗ deliver rho_a → shell \(created\): target 'shell': the command exited with code 7; it printed: cannot store \[REDACTED\]; it stays pending/);
    await noSecretIn(failed.stdout + failed.stderr, 'd-rotate');
    const created = await secretOf('rho_a', 'd-rotate');
    expect(t.received().map((r) => `${r.target} ${r.reason}`)).toEqual(['node created']);

    // Still failing: the node target is not sent the secret again, and nothing rotates.
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(1);
    expect(t.received()).toHaveLength(1);
    expect(await secretOf('rho_a', 'd-rotate')).toBe(created);

    // A rotation while the shell target still owes the created secret: that one is superseded.
    await repo.commit({ 'clients/rho.yaml': file(script('rho_a', '    rotate: "2026-01-01T00:00:00Z"\n')) });
    rmSync(join(t.dir, 'fail-shell'));
    const rotations = () => kc().emulator.stats().requests.byRoute[SECRET_ROUTE] ?? 0;
    const before = rotations();
    const rotated = await runCli(['apply', '--dir', repo.dir], { env });
    expect(rotated.code).toBe(0);
    const secret = await secretOf('rho_a', 'd-rotate');
    expect(secret).not.toBe(created);
    expect(t.received().slice(1).map((r) => [r.target, r.reason, r.secret === secret])).toEqual(
      expect.arrayContaining([
        ['node', 'rotated', true],
        ['shell', 'rotated', true],
      ]),
    );
    expect(t.received()).toHaveLength(3);
    expect(t.received().some((r) => r.target === 'shell' && r.secret === created)).toBe(false);

    // #12 item 1: a failing target after a rotation never rotates again.
    writeFileSync(join(t.dir, 'fail-node'), '');
    await repo.commit({ 'clients/rho.yaml': file(script('rho_a', '    rotate: "2026-02-01T00:00:00Z"\n')) });
    expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(1);
    const once = await secretOf('rho_a', 'd-rotate');
    for (let run = 0; run < 2; run++) expect((await runCli(['apply', '--dir', repo.dir], { env })).code).toBe(1);
    expect(await secretOf('rho_a', 'd-rotate')).toBe(once);
    expect(rotations() - before).toBe(2);
  });

  it('a bad delivery file stops everything before anything happens, with its problems on their lines (exit 64)', async () => {
    const repo = await gitRepo({ 'clients/bad.yaml': file(script('bad_a')) }, settings('d-bad'));
    const dir = tempRepo({});
    const deliveryFile = join(dir, 'delivery.yaml');
    writeFileSync(deliveryFile, 'targets:\n  - name: x\n    command: []\n  - name: x\n    directory: rel/dir\n  - name: y\n    command: [notify, "{client}"]\n');
    const r = await runCli(['apply', '--dir', repo.dir, '--secret-delivery', deliveryFile], { env: kc().env });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${deliveryFile}:3:14: error [secret-delivery] target 'x': the command is empty`);
    expect(r.stderr).toContain(`${deliveryFile}:4:11: error [secret-delivery] target name 'x' is used twice (first on line 2)`);
    expect(r.stderr).toContain(`${deliveryFile}:5:16: error [secret-delivery] target 'x': directory 'rel/dir' is relative`);
    expect(r.stderr).toContain(`${deliveryFile}:7:23: error [secret-delivery] target 'y': unknown placeholder {client}`);
    expect(r.stdout).toBe('');
    const plan = await runCli(['plan', '--dir', repo.dir, '--format', 'json'], { env: kc().env });
    expect((JSON.parse(plan.stdout) as { summary: { create: number } }).summary.create).toBe(1);
    const missing = await runCli(['apply', '--dir', repo.dir, '--secret-delivery', join(dir, 'nope.yaml')], { env: kc().env });
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('cannot read the secret delivery file');
  });

  it('secret deliver resends the current secret on request, to one target or all; a target added later gets nothing unasked', async () => {
    const first = targets(['node']);
    const repo = await gitRepo({ 'clients/ask.yaml': file(script('ask_a')) }, settings('d-ask'));
    const env = kc().env;
    expect((await runCli(['apply', '--dir', repo.dir, '--secret-delivery', first.deliveryFile], { env })).code).toBe(0);
    const both = targets(['node', 'shell']);
    const plain = await runCli(['apply', '--dir', repo.dir, '--secret-delivery', both.deliveryFile], { env });
    expect(plain.stdout).toContain('No changes');
    expect(both.received()).toEqual([]);

    const asked = await runCli(['secret', 'deliver', 'ask_a', '--target', 'shell', '--realm', 'd-ask', '--secret-delivery', both.deliveryFile], { env });
    expect(asked.code).toBe(0);
    expect(asked.stdout).toBe('✓ delivered ask_a → shell\n');
    // What the command printed goes to stderr for the operator, scrubbed.
    expect(asked.stderr).toContain('shell: got it: [REDACTED]');
    expect(both.received()).toEqual([{ target: 'shell', clientId: 'ask_a', reason: 'requested', secret: await secretOf('ask_a', 'd-ask') }]);

    const all = await runCli(['secret', 'deliver', 'ask_a', '--realm', 'd-ask', '--secret-delivery', both.deliveryFile], { env });
    expect(all.code).toBe(0);
    expect(both.received().map((r) => r.target).sort()).toEqual(['node', 'shell', 'shell']);

    const unknown = await runCli(['secret', 'deliver', 'ask_a', '--target', 'vault', '--realm', 'd-ask', '--secret-delivery', both.deliveryFile], { env });
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain("--target 'vault' is not a configured delivery target; configured: node, shell");
    const none = await runCli(['secret', 'deliver', 'ask_a', '--realm', 'd-ask'], { env });
    expect(none.code).toBe(64);
    writeFileSync(join(both.dir, 'fail-shell'), '');
    const failing = await runCli(['secret', 'deliver', 'ask_a', '--target', 'shell', '--realm', 'd-ask', '--secret-delivery', both.deliveryFile], { env });
    expect(failing.code).toBe(1);
    await noSecretIn(failing.stdout + failing.stderr + asked.stdout + asked.stderr, 'd-ask');
  });
});
