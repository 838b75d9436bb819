// `npm start` (daemon --local-trial): the in-process emulator takes its port (8180 unless
// --emulator-port says otherwise), or a free one when that port is taken, and the banner says
// which; the flag only goes with --local-trial.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { runDaemonCommand } from '../../src/cli/daemon.js';
import { main } from '../../src/cli/main.js';
import { tempRepo } from '../support/temp-repo.js';

function captureIo(): { io: CliIo; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    // No KEYCLOAK_URL: the trial starts the emulator. Logs quiet, so the banner is easy to read.
    env: { LOG_LEVEL: 'error' },
    cwd: process.cwd(),
  };
  return { io, stdout: () => out, stderr: () => err };
}

const holders: Server[] = [];
afterEach(async () => {
  await Promise.all(holders.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A port another process holds for the length of the test. */
async function takenPort(): Promise<number> {
  const server = createServer();
  holders.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts the trial, returns the banner once it is ready, then stops it. */
async function trialBanner(extra: readonly string[]): Promise<{ code: number; banner: string }> {
  const dir = tempRepo({});
  const { io, stderr } = captureIo();
  let stop: () => void = () => {};
  const until = new Promise<void>((resolve) => (stop = resolve));
  const code = await runDaemonCommand(['--local-trial', '--dir', dir, '--listen', '127.0.0.1:0', ...extra], io, {
    until,
    onReady: () => stop(),
  });
  return { code, banner: stderr() };
}

const emulatorUrl = (banner: string): URL => {
  const match = /EMULATOR at (http:\/\/\S+)/.exec(banner);
  if (!match?.[1]) throw new Error(`no emulator URL in:\n${banner}`);
  return new URL(match[1]);
};

describe('daemon --local-trial: the emulator port', () => {
  it('takes a free port when the wanted one is taken, and says so', async () => {
    const port = await takenPort();
    const { code, banner } = await trialBanner(['--emulator-port', String(port)]);
    expect(code).toBe(0);
    const url = emulatorUrl(banner);
    expect(Number(url.port)).not.toBe(port);
    expect(Number(url.port)).toBeGreaterThan(0);
    expect(banner).toContain(`port ${port} was taken`);
  });

  it('uses the port --emulator-port names when it is free, without a note', async () => {
    // A port the system just handed out and that nobody holds now.
    const port = await takenPort();
    await new Promise((resolve) => holders.pop()?.close(resolve));
    const { code, banner } = await trialBanner(['--emulator-port', String(port)]);
    expect(code).toBe(0);
    expect(Number(emulatorUrl(banner).port)).toBe(port);
    expect(banner).not.toContain('was taken');
  });

  it('refuses --emulator-port without --local-trial, and a port out of range', async () => {
    const a = captureIo();
    expect(await main(['daemon', '--emulator-port', '9000'], a.io)).toBe(64);
    expect(a.stderr()).toContain('--emulator-port goes with --local-trial');
    const b = captureIo();
    expect(await main(['daemon', '--local-trial', '--emulator-port', '70000'], b.io)).toBe(64);
    expect(b.stderr()).toContain('--emulator-port');
  });
});
