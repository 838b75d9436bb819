// `npx clientsync` in a checkout runs the checkout's own CLI at once (#12.22). npm links the
// bins of dependencies into node_modules/.bin, never the project's own; without the link that
// `npm ci` now makes (the prepare script), npx took `clientsync` for a package to install,
// installed this folder as one and ran its prepare script: a silent TypeScript build of ~10 s
// before the first command even started.
import { spawn } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function npx(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // As a person types it in a shell: without the npm_* variables of the `npm test` around this
    // suite, under which npx resolves packages differently.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
    const child = spawn('npx', ['--loglevel=info', ...args], { cwd: ROOT, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npx clientsync in a checkout', () => {
  it('finds the CLI in node_modules/.bin, linked by npm ci, and runs it without installing or building anything', async () => {
    expect(lstatSync(`${ROOT}node_modules/.bin/clientsync`).isSymbolicLink()).toBe(true);
    expect(readlinkSync(`${ROOT}node_modules/.bin/clientsync`)).toBe('../../bin/clientsync.js');
    const result = await npx(['clientsync', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('clientsync: manage Keycloak');
    expect(result.stderr).not.toMatch(/prepare|idealTree|reify|added \d+ package/);
  });

  it('without a build, the command says what to do instead of failing on a missing module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientsync-unbuilt-'));
    try {
      mkdirSync(join(dir, 'bin'));
      copyFileSync(`${ROOT}bin/clientsync.js`, join(dir, 'bin', 'clientsync.js'));
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [join(dir, 'bin', 'clientsync.js'), '--help'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('clientsync is not built yet (no dist/ folder): run `npm run build` in this checkout (`npm ci` does it too)\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
