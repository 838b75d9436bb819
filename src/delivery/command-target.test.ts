// The command target with real programs: a node script and a shell script that write what they
// get, a failing one, a hanging one (killed at its time limit, with what it started), one that
// prints the secret, one that cannot be started.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretDelivery } from '../apply/secret-sink.js';
import { Secret } from '../keycloak/secret.js';
import { CommandTarget, DeliveryCommandError, excerpt, scrubberFor } from './command-target.js';
import type { CommandTargetSpec } from './delivery-file.js';

const SECRET = 'Zq9-s3cr3t-value-0123456789abcdef';
let dir: string;

function delivery(overrides: Partial<SecretDelivery> = {}): SecretDelivery {
  return { realm: 'insights', accountId: 'acme', clientId: 'acme_x', secret: new Secret(SECRET), reason: 'created', revision: 'abc123', at: '2026-06-01T12:00:00.000Z', ...overrides };
}

function target(command: string[], overrides: Partial<CommandTargetSpec> = {}, env: Record<string, string | undefined> = process.env): CommandTarget {
  return new CommandTarget({ kind: 'command', name: 'test', command, stdin: 'secret', timeoutSeconds: 10, env: [], ...overrides }, env);
}

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  chmodSync(path, 0o700);
  return path;
}

/** Whether the process is dead (a zombie waiting for its new parent to reap it counts as dead). */
async function goneOrZombie(pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    if (/^\d+ \(.*\) Z/.test(stat)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clientsync-cmd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('command target', () => {
  it('runs a node script with the placeholders filled, the bare secret on stdin, and only PATH, HOME and the listed variables', async () => {
    const out = join(dir, 'node-out.json');
    const js = script(
      'record.mjs',
      `import { readFileSync, writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(out)}, JSON.stringify({ argv: process.argv.slice(2), stdin: readFileSync(0, 'utf8'), env: process.env }));
`,
    );
    const env = { PATH: process.env['PATH'], HOME: '/home/x', VAULT_ADDR: 'https://vault', KEYCLOAK_CLIENT_SECRET: 'must-not-pass', CLIENTSYNC_WEBHOOK_SECRET: 'nope' };
    const receipt = await target([process.execPath, js, 'secret/{accountId}/{clientId}', 'why={reason}', '{clientId}'], { env: ['VAULT_ADDR', 'UNSET_ONE'] }, env).deliver(
      delivery({ reason: 'rotated' }),
    );
    expect(receipt.output).toBe('');
    const got = JSON.parse(readFileSync(out, 'utf8')) as { argv: string[]; stdin: string; env: Record<string, string> };
    expect(got.argv).toEqual(['secret/acme/acme_x', 'why=rotated', 'acme_x']);
    expect(got.stdin).toBe(SECRET);
    // Node adds nothing it was not given, but the platform may add a few of its own (e.g. on macOS).
    expect(Object.keys(got.env).filter((k) => !['PATH', 'HOME', 'VAULT_ADDR'].includes(k) && !k.startsWith('__'))).toEqual([]);
    expect(got.env).toMatchObject({ HOME: '/home/x', VAULT_ADDR: 'https://vault' });
  });

  it('runs a shell script with the json document on stdin; no shell interprets the arguments', async () => {
    const out = join(dir, 'sh-out');
    const sh = script('record.sh', `#!/bin/sh\ncat > ${JSON.stringify(out)}\nprintf '%s\\n' "$1" > ${JSON.stringify(`${out}.arg`)}\n`);
    await target([sh, '$(touch pwned) {clientId};ls'], { stdin: 'json' }).deliver(delivery());
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      accountId: 'acme',
      clientId: 'acme_x',
      realm: 'insights',
      reason: 'created',
      secret: SECRET,
      revision: 'abc123',
      at: '2026-06-01T12:00:00.000Z',
    });
    expect(readFileSync(`${out}.arg`, 'utf8')).toBe('$(touch pwned) acme_x;ls\n');
    expect(existsSync('pwned')).toBe(false);
  });

  it('a failing command: the error names the target and the exit code and quotes its last words, scrubbed', async () => {
    const sh = script('fail.sh', `#!/bin/sh\nread s\necho "connecting"\necho "denied for $s" >&2\nexit 3\n`);
    const failure = target([sh]).deliver(delivery());
    await expect(failure).rejects.toBeInstanceOf(DeliveryCommandError);
    const error = (await failure.catch((e: unknown) => e)) as DeliveryCommandError;
    expect(error.message).toBe("target 'test': the command exited with code 3; it printed: denied for [REDACTED]");
    expect(error.output).toBe('connecting\ndenied for [REDACTED]');
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('a command that prints the secret succeeds; what it printed is kept scrubbed and cut to a few lines', async () => {
    const sh = script('chatty.sh', `#!/bin/sh\ns=$(cat)\ni=0\nwhile [ $i -lt 40 ]; do echo "line $i: $s"; i=$((i+1)); done\necho "{\\"json\\":\\"$s\\"}" >&2\n`);
    const receipt = await target([sh]).deliver(delivery());
    expect(receipt.output).not.toContain(SECRET);
    expect(receipt.output.split('\n')).toEqual([
      '(36 earlier lines left out)',
      'line 36: [REDACTED]',
      'line 37: [REDACTED]',
      'line 38: [REDACTED]',
      'line 39: [REDACTED]',
      '{"json":"[REDACTED]"}',
    ]);
  });

  it('a hanging command is killed at its time limit, with the processes it started', async () => {
    const pidFile = join(dir, 'child.pid');
    const sh = script('hang.sh', `#!/bin/sh\nsleep 300 &\necho $! > ${JSON.stringify(pidFile)}\nwait\n`);
    const failure = target([sh], { timeoutSeconds: 1 }).deliver(delivery());
    await expect(failure).rejects.toThrow("target 'test': the command did not finish within 1 s and was killed");
    const child = Number(readFileSync(pidFile, 'utf8'));
    expect(await goneOrZombie(child)).toBe(true);
  });

  it('a program that does not exist, or does not read its input, fails cleanly', async () => {
    await expect(target([join(dir, 'missing')]).deliver(delivery())).rejects.toThrow("target 'test': the command could not be started (ENOENT)");
    await expect(target(['/bin/true']).deliver(delivery())).resolves.toEqual({ output: '' });
  });

  it('refuses a clientId or accountId that could be read as an option or holds odd characters', async () => {
    for (const clientId of ['-rf', 'acme x', 'acme/../x', '']) {
      await expect(target(['/bin/true', '{clientId}']).deliver(delivery({ clientId }))).rejects.toThrow(/refuses clientId/);
    }
  });
});

describe('examples/file-per-account.mjs', () => {
  it('keeps every client of an account when several are delivered at once, in a 0600 file', async () => {
    const example = new URL('../../examples/file-per-account.mjs', import.meta.url).pathname;
    const accounts = join(dir, 'accounts');
    const t = target([process.execPath, example, accounts], { stdin: 'json' });
    const ids = ['acme_a', 'acme_b', 'acme_c', 'acme_d'];
    await Promise.all(ids.map((clientId) => t.deliver(delivery({ clientId }))));
    const file = join(accounts, 'acme.json');
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { secret: string }>;
    expect(Object.keys(all).sort()).toEqual(ids);
    expect(all['acme_a']?.secret).toBe(SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('output for logs', () => {
  it('scrubs the secret and its JSON-escaped form before cutting, and escapes control characters', () => {
    const secret = 'ab"cd\\ef-123456';
    const scrub = scrubberFor(secret);
    expect(scrub(`x ${secret} y ${JSON.stringify(secret)}`)).toBe('x [REDACTED] y "[REDACTED]"');
    expect(excerpt(`${'z'.repeat(250)}\n\u001b[31mred\n\n`)).toBe(`${'z'.repeat(200)}…\n\\u001b[31mred`);
  });
});
