// Findings of the security review (#12), each seen through the built CLI as an operator or an
// attacker would meet it. The unit tests beside each fix cover the details.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-hardening-'));
  dirs.push(dir);
  return dir;
}

describe('daemon start-up', () => {
  it('refuses a work directory whose checkout folder it did not make, and leaves it alone (#12.2)', async () => {
    const workDir = temp();
    mkdirSync(join(workDir, 'checkout'));
    writeFileSync(join(workDir, 'checkout', 'notes.txt'), 'precious\n');
    const result = await runCli(['daemon', '--git-url', 'https://git.example.com/o/r.git', '--work-dir', workDir], {
      env: { KEYCLOAK_URL: 'https://keycloak.example.com', KEYCLOAK_CLIENT_ID: 'x', KEYCLOAK_CLIENT_SECRET: 'y' },
    });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(join(workDir, 'checkout'));
    expect(result.stderr).toMatch(/not made by clientsync/);
    expect(readFileSync(join(workDir, 'checkout', 'notes.txt'), 'utf8')).toBe('precious\n');
  });
});

describe('Keycloak over plain http (#12.11)', () => {
  it.each([['plan'], ['apply'], ['list', '--live'], ['export', '--account', 'acme'], ['secret', 'get', 'acme_x'], ['daemon']])(
    '%s refuses http:// to another host with exit 64, naming --insecure-http',
    async (...args: string[]) => {
      const dir = temp();
      writeFileSync(join(dir, 'clientsync.yaml'), 'realm: r\nscopes: {}\n');
      const result = await runCli([...args, '--dir', dir], {
        env: { KEYCLOAK_URL: 'http://sso.example.invalid', KEYCLOAK_CLIENT_ID: 'x', KEYCLOAK_CLIENT_SECRET: 'kc-secret-value' },
      });
      expect(result.code).toBe(64);
      expect(result.stderr).toMatch(/--insecure-http/);
      expect(result.stderr + result.stdout).not.toContain('kc-secret-value');
    },
  );
});
