// `clientsync emulator`: help, usage errors (exit 64), start-up output, and a clean stop, both
// in-process and as the built command stopped by SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { runEmulatorCommand } from '../../src/cli/emulator.js';
import { main } from '../../src/cli/main.js';
import type { RunningEmulator } from '@clientsync/keycloak-emulator';

function memoryIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: {},
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}

describe('clientsync emulator', () => {
  it('prints its help', async () => {
    const io = memoryIo();
    expect(await main(['emulator', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: clientsync emulator');
    expect(io.out()).toContain('EMULATOR');
    expect(io.out()).toContain('--drop-rate R');
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--port', 'x'], '--port must be a whole number from 0 to 65535'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--error-rate', '1.5'], '--error-rate must be a number from 0 to 1'],
    [['--drop-rate', 'half'], '--drop-rate must be a number from 0 to 1'],
    [['--latency-ms=-1'], '--latency-ms must be a whole number'],
    [['--token-lifespan', '0'], '--token-lifespan must be a whole number from 1'],
    [['--realm', 'a/b'], "--realm 'a/b'"],
  ])('refuses %j with exit 64 and one line', async (argv, message) => {
    const io = memoryIo();
    expect(await main(['emulator', ...argv], io)).toBe(64);
    expect(io.err()).toContain(message);
    expect(io.err().trim().split('\n')).toHaveLength(1);
  });

  it('starts, prints its URL, credentials and env lines, serves, and stops', async () => {
    const io = memoryIo();
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    let running: RunningEmulator | undefined;
    const done = runEmulatorCommand(['--port', '0', '--realm', 'insights', '--realm', 'other', '--error-rate', '0', '--seed', '3'], io, {
      until,
      onReady: (e) => (running = e),
    });
    await expect.poll(() => running !== undefined).toBe(true);
    const url = running?.url ?? '';
    const out = io.out();
    expect(out).toContain(`listening on ${url}`);
    expect(out).toContain('EMULATOR');
    expect(out).toContain('never a production target');
    expect(out).toContain('admin / admin');
    expect(out).toContain(`export KEYCLOAK_URL=${url}`);
    expect(out).toContain('export KEYCLOAK_CLIENT_ID=clientsync');
    expect(out).toContain('export KEYCLOAK_CLIENT_SECRET=clientsync-emulator-secret');
    const token = await fetch(`${url}/realms/other/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&client_id=admin-cli&username=admin&password=admin',
    });
    expect(token.status).toBe(400); // admin lives in master, not in "other"
    expect((await fetch(`${url}/_emulator/stats`)).status).toBe(200);
    stop();
    expect(await done).toBe(0);
    expect(io.out()).toContain('stopped');
    await expect(fetch(`${url}/_emulator/stats`)).rejects.toThrow();
  });

  it('says so in one line when the port is taken', async () => {
    const io = memoryIo();
    let first: RunningEmulator | undefined;
    let stop!: () => void;
    const done = runEmulatorCommand(['--port', '0'], memoryIo(), { until: new Promise<void>((r) => (stop = r)), onReady: (e) => (first = e) });
    await expect.poll(() => first !== undefined).toBe(true);
    expect(await runEmulatorCommand(['--port', String(first?.port)], io, { until: Promise.resolve() })).toBe(1);
    expect(io.err()).toContain('already in use');
    stop();
    await done;
  });

  // Runs only when the build output exists (`npm test` builds first; `vitest run` alone may not).
  describe.runIf(existsSync('dist/cli/main.js'))('the built command', () => {
    it('prints its URL once it accepts connections and exits 0 on SIGTERM', async () => {
      const child = spawn(process.execPath, ['bin/clientsync.js', 'emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await expect.poll(() => /listening on (http:\/\/\S+)/.exec(out)?.[1], { timeout: 15_000 }).toBeDefined();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? '';
      expect((await fetch(`${url}/_emulator/stats`)).status).toBe(200);
      const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(out).toContain('stopped');
    });
  });
});
