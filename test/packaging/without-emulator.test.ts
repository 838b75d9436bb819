// An installation without the emulator package (the production image, the packed package, an
// `npm ci --omit=dev`): every command but `emulator` and `daemon --local-trial` works, and those
// two say in one line that the emulator is not installed (exit 64) instead of a stack trace.
// Built like the image: bin/, dist/, schemas/ and the production dependencies, nothing else.
// Reads dist/ as built: `npm test` builds first.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRepo } from '../support/temp-repo.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let install: string;

beforeAll(() => {
  install = mkdtempSync(join(tmpdir(), 'clientsync-no-emulator-'));
  for (const part of ['bin', 'dist', 'schemas', 'package.json']) cpSync(join(root, part), join(install, part), { recursive: true });
  // Every installed package except the emulator (symbolic links: copying node_modules is slow).
  mkdirSync(join(install, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === '@clientsync' || name === '.bin') continue;
    symlinkSync(join(root, 'node_modules', name), join(install, 'node_modules', name));
  }
});
afterAll(() => rmSync(install, { recursive: true, force: true }));

function run(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env['KEYCLOAK_URL'];
    const child = spawn(process.execPath, [join(install, 'bin', 'clientsync.js'), ...args], { cwd: install, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const NOT_INSTALLED = 'the Keycloak emulator (@clientsync/keycloak-emulator) is not part of this installation';

describe('an installation without the emulator', () => {
  it('runs the other commands', async () => {
    const dir = tempRepo({ 'clients/acme.yaml': 'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n' });
    const validate = await run(['validate', '--dir', dir]);
    expect([validate.code, validate.stdout]).toEqual([0, expect.stringContaining('valid')]);
  });

  it('says the emulator is not installed, for `emulator` and `daemon --local-trial`, exit 64', async () => {
    const emulator = await run(['emulator', '--port', '0']);
    expect(emulator.code).toBe(64);
    expect(emulator.stderr).toBe(`clientsync emulator: ${NOT_INSTALLED}: it is a development tool; run it from a clone of clientsync after \`npm ci\`, or point KEYCLOAK_URL at a real Keycloak\n`);

    const trial = await run(['daemon', '--local-trial', '--dir', tempRepo({}), '--listen', '127.0.0.1:0']);
    expect(trial.code).toBe(64);
    expect(trial.stderr).toContain(`clientsync daemon: ${NOT_INSTALLED}`);
  });
});
