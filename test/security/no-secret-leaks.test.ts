// No secret or token in any output of the CLI: every command in every format, the happy paths
// and the error paths (wrong credentials, unreachable or failing Keycloak, a broken secret sink),
// and no file it writes other than the chosen secret sink. Everything printed and every file under
// the scratch folders (HOME, TMPDIR, cwd, the repository, the job summary) is searched for every
// secret the emulator held at any point (secretsIn, before and after each rotation), for the
// service-account secret, the wrong secrets tried, and for access tokens (an exact token, and the
// JWT header prefix "eyJ").
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionFromEnv } from '../../src/keycloak/connection.js';
import { UsageError } from '../../src/model/errors.js';
import { secretsIn, useEmulator } from '../support/emulator-env.js';
import { gitRepo } from '../support/git-repo.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { AdminApi } from '../reliability/support/admin.js';

const kc = useEmulator({ realm: ['sec'] });
const settings = 'realm: sec\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n';
const client = (id: string, extra = '') => `  - clientId: ${id}\n    capabilities: [Script]\n    scopes: [push-data]\n${extra}`;
const webClient = (id: string) =>
  `  - clientId: ${id}\n    displayName: Web ${id}\n    capabilities: [WebApp, Backchannel]\n    redirectUris: ["https://${id.replace('_', '-')}.example/*"]\n    backchannelLogoutUrl: https://${id.replace('_', '-')}.example/logout\n    webOrigins: ["+"]\n`;

const scratch = mkdtempSync(join(tmpdir(), 'clientsync-leaks-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const home = join(scratch, 'home');
const tmp = join(scratch, 'tmp');
const cwd = join(scratch, 'cwd');
const sink = join(scratch, 'sink');
const summary = join(scratch, 'summary.md');
for (const d of [home, tmp, cwd]) mkdirSync(d, { recursive: true });

interface Captured {
  readonly label: string;
  readonly text: string;
}
const captured: Captured[] = [];
const knownSecrets = new Set<string>();

async function run(label: string, args: readonly string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CliResult> {
  const r = await runCli(args, {
    cwd,
    env: { ...kc().env, HOME: home, TMPDIR: tmp, GITHUB_STEP_SUMMARY: summary, CLIENTSYNC_DEBUG: '', ...env },
    timeoutMs,
  });
  captured.push({ label: `${label} (stdout)`, text: r.stdout }, { label: `${label} (stderr)`, text: r.stderr });
  return r;
}

async function snapshotSecrets(): Promise<void> {
  for (const s of await secretsIn(kc().emulator.url, 'sec')) knownSecrets.add(s);
  for (const s of await secretsIn(kc().emulator.url, 'master')) knownSecrets.add(s);
}

function filesUnder(dir: string, skip: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip.includes(path)) continue;
    if (entry.isDirectory()) out.push(...filesUnder(path, skip));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

describe('no secret or token leaves through output or files', () => {
  it('every command, every format, happy and error paths', { timeout: 240_000 }, async () => {
    const { emulator, env } = kc();
    const admin = new AdminApi(emulator.url, emulator.adminUsername, emulator.adminPassword);
    // A hand-made client to adopt (its secret exists before clientsync sees it).
    await admin.createClient('sec', { clientId: 'acme_legacy', serviceAccountsEnabled: true, standardFlowEnabled: false });
    const repo = await gitRepo(
      { 'clients/acme.yaml': `clients:\n${client('acme_job')}${webClient('acme_web')}${client('acme_legacy', '    adopt: true\n')}`, 'clients/beta.yaml': `clients:\n${client('beta_job')}` },
      settings,
    );
    await snapshotSecrets();

    // Read-only commands run side by side (they only read git and Keycloak).
    await Promise.all([
      ...['text', 'json', 'github'].map((format) => run(`validate ${format}`, ['validate', '--dir', repo.dir, '--format', format])),
      ...['text', 'markdown', 'json'].map((format) => run(`plan ${format}`, ['plan', '--dir', repo.dir, '--format', format, '--detailed-exitcode'])),
    ]);
    expect((await run('apply (create, adopt)', ['apply', '--dir', repo.dir, '--secret-sink', `file:${sink}`])).code).toBe(0);
    await snapshotSecrets();

    // Rotations (one on an adopted client), then a run with nothing to do, without a sink.
    await repo.commit({
      'clients/acme.yaml': `clients:\n${client('acme_job', '    rotate: "2026-01-01T00:00:00Z"\n')}${webClient('acme_web')}${client('acme_legacy', '    adopt: true\n    rotate: "2026-01-01T00:00:00Z"\n')}`,
    });
    await Promise.all(['text', 'markdown', 'json'].map((format) => run(`plan ${format} (rotate)`, ['plan', '--dir', repo.dir, '--format', format])));
    const rotated = await run('apply (rotate)', ['apply', '--dir', repo.dir, '--secret-sink', `file:${sink}`]);
    expect(rotated.stdout).toContain('↻ rotate acme_job');
    await snapshotSecrets();
    // `secret get` prints the secret on stdout (its purpose) and nothing else anywhere.
    const [got] = await Promise.all([
      runCli(['secret', 'get', 'acme_job', '--dir', repo.dir], { cwd, env: { ...env, HOME: home, TMPDIR: tmp } }),
      run('secret get unknown', ['secret', 'get', 'acme_nope', '--dir', repo.dir]),
      run('apply (no changes)', ['apply', '--dir', repo.dir]),
      ...[['list'], ['list', '--format', 'json'], ['list', '--live'], ['list', '--live', '--format', 'json']].map((args) => run(args.join(' '), [...args, '--dir', repo.dir])),
      ...['acme', 'beta', 'nobody'].map((account) => run(`export ${account}`, ['export', '--account', account, '--dir', repo.dir])),
    ]);
    expect(got.code).toBe(0);
    expect(knownSecrets.has(got.stdout.trim())).toBe(true);
    captured.push({ label: 'secret get (stderr)', text: got.stderr });

    // A client whose secret goes to a sink that cannot take it: the failure is reported, not the secret.
    await repo.commit({ 'clients/beta.yaml': `clients:\n${client('beta_job')}${client('beta_new')}` });
    const notADir = join(scratch, 'not-a-dir');
    writeFileSync(notADir, 'x');
    const failing = await run('apply (sink fails)', ['apply', '--dir', repo.dir, '--secret-sink', `file:${notADir}`]);
    expect(failing.code).toBe(1);
    await snapshotSecrets();

    // Error paths.
    const wrong = 'wrong-secret-value-7f3a';
    const creds = { KEYCLOAK_CLIENT_ID: '', KEYCLOAK_CLIENT_SECRET: '', KEYCLOAK_USERNAME: '', KEYCLOAK_PASSWORD: '' };
    const codes = await Promise.all([
      run('wrong client secret', ['plan', '--dir', repo.dir], { KEYCLOAK_CLIENT_SECRET: wrong }),
      run('wrong password', ['apply', '--dir', repo.dir], { ...creds, KEYCLOAK_USERNAME: 'admin', KEYCLOAK_PASSWORD: wrong }),
      run('unknown user', ['list', '--live', '--dir', repo.dir], { ...creds, KEYCLOAK_USERNAME: 'nobody', KEYCLOAK_PASSWORD: wrong }),
      run('unreachable', ['plan', '--dir', repo.dir], { KEYCLOAK_URL: 'http://127.0.0.1:9' }),
      run('URL with credentials', ['plan', '--dir', repo.dir], { KEYCLOAK_URL: `http://admin:${wrong}@127.0.0.1:9` }),
      run('malformed URL with credentials', ['plan', '--dir', repo.dir], { KEYCLOAK_URL: `http://admin:${wrong}@exa mple` }),
      run('secret without id', ['plan', '--dir', repo.dir], { KEYCLOAK_CLIENT_ID: '', KEYCLOAK_CLIENT_SECRET: wrong }),
    ]);
    expect(codes.map((r) => r.code)).toEqual([1, 1, 1, 1, 64, 64, 64]);
    emulator.setFaults({ errorRate: 1 });
    try {
      expect((await run('Keycloak answers 500', ['apply', '--dir', repo.dir], {}, 90_000)).code).toBe(1);
    } finally {
      emulator.setFaults({ errorRate: 0 });
    }
    emulator.setFaults({ tokenLifespanSeconds: 1, latencyMs: 300 });
    try {
      await run('tokens expiring mid-run', ['apply', '--dir', repo.dir]);
    } finally {
      emulator.setFaults({ tokenLifespanSeconds: null, latencyMs: 0 });
    }
    await snapshotSecrets();

    // A live access token, to look for it and for any JWT.
    const token = await fetch(`${emulator.url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: env['KEYCLOAK_CLIENT_ID']!, client_secret: env['KEYCLOAK_CLIENT_SECRET']! }),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    expect(token.startsWith('eyJ')).toBe(true);

    const needles = [...knownSecrets, env['KEYCLOAK_CLIENT_SECRET']!, wrong, token, 'eyJ'];
    expect(knownSecrets.size).toBeGreaterThanOrEqual(6);

    // Files the CLI may have written: anything under the scratch folders but the sink, the repository.
    const files = [...filesUnder(scratch, [sink]), ...filesUnder(repo.dir, [join(repo.dir, '.git')])];
    expect(files).toContain(summary);
    for (const file of files) captured.push({ label: `file ${file}`, text: readFileSync(file, 'utf8') });

    const leaksIn = (texts: readonly Captured[]) =>
      texts.flatMap(({ label, text }) => needles.filter((n) => n !== '' && text.includes(n)).map((n) => `${label} contains ${n === 'eyJ' || n === token ? 'a token' : 'a secret'}`));
    // The detector itself finds a planted secret and a planted token.
    expect(leaksIn([{ label: 'control', text: `a ${[...knownSecrets][0]!} b` }, { label: 'control', text: `Bearer ${token}` }])).toHaveLength(3);
    expect(leaksIn(captured)).toEqual([]);

    // The sink holds the secrets, readable by its owner only.
    for (const file of readdirSync(sink)) expect(statSync(join(sink, file)).mode & 0o777).toBe(0o600);
  });

  it('a malformed KEYCLOAK_URL is echoed without its user:password part', () => {
    const env = { KEYCLOAK_URL: 'http://admin:hunter2@exa mple', KEYCLOAK_CLIENT_ID: 'x', KEYCLOAK_CLIENT_SECRET: 'y' };
    expect(() => connectionFromEnv(env)).toThrow(UsageError);
    try {
      connectionFromEnv(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
      expect((error as Error).message).toContain("'http://…@exa mple'");
    }
  });
});
