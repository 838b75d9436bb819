// Runs the built `clientsync daemon` as a child process (as an operator would), reads the port
// it bound from its 'listening' log line, and offers the calls the daemon tests make: status,
// readiness, metrics, signed webhooks, signals. Every process is killed after the test file.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { signBody } from '../../src/daemon/webhook.js';
import { BIN } from '../support/run-cli.js';

export const WEBHOOK_SECRET = 'daemon-test-webhook-secret-4f9a1c';

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export interface StatusDoc {
  readonly ready: boolean;
  readonly runs: { readonly started: number; readonly finished: Record<string, number> };
  readonly running: { readonly id: number } | null;
  readonly pending: boolean;
  readonly lastRun: {
    readonly id: number;
    readonly outcome: string;
    readonly revision: string | null;
    readonly summary: Record<string, number> | null;
    readonly skippedAccounts: readonly { account: string; file: string; problems: number }[];
    readonly failure: { stage: string; message: string } | null;
    readonly changes: readonly { change: { action: string; clientId: string }; outcome: string }[];
  } | null;
  readonly accounts: readonly {
    readonly account: string;
    readonly state: string;
    readonly clients: readonly string[];
    readonly skipped: { reason: string; problems: number; details: readonly { rule: string; line: number }[]; since: string | null } | null;
    readonly lastChange: { action: string; clientId: string } | null;
    readonly scheduledRotations: readonly { clientId: string; rotateAt: string }[];
  }[];
  readonly [key: string]: unknown;
}

export interface DaemonProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  lines(): LogLine[];
  waitFor(predicate: (line: LogLine) => boolean, timeoutMs?: number, what?: string): Promise<LogLine>;
  /** Resolves once `predicate` holds for /status (polled). */
  waitForStatus(predicate: (status: StatusDoc) => boolean, timeoutMs?: number, what?: string): Promise<StatusDoc>;
  status(): Promise<StatusDoc>;
  statusText(): Promise<string>;
  get(path: string): Promise<Response>;
  /** The value of one sample of /metrics, e.g. metric('clientsync_runs_total', { outcome: 'success' }). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** A signed delivery with a fresh X-GitHub-Delivery id (or `delivery`). */
  webhook(body: unknown, options?: { event?: string; secret?: string; signature?: string | null; delivery?: string }): Promise<Response>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
const workDirs: string[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  for (const dir of workDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempWorkDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-daemon-work-'));
  workDirs.push(dir);
  return dir;
}

function parseLines(text: string): LogLine[] {
  const out: LogLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as LogLine);
    } catch {
      // a partial line: read again later
    }
  }
  return out;
}

async function poll<T>(fn: () => Promise<T | undefined>, timeoutMs: number, what: string, describe: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startDaemonProcess(args: readonly string[], env: Record<string, string | undefined>): Promise<DaemonProcess> {
  const child = spawn(process.execPath, [BIN, 'daemon', '--listen', '127.0.0.1:0', ...args], {
    env: { ...process.env, NO_COLOR: '1', LOG_FORMAT: 'json', LOG_LEVEL: 'info', CLIENTSYNC_WEBHOOK_SECRET: WEBHOOK_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const describe = () => `exit: ${String(exitCode)}\nstdout:\n${stdout.slice(-4000)}\nstderr:\n${stderr.slice(-2000)}`;
  const waitFor = (predicate: (line: LogLine) => boolean, timeoutMs = 15_000, what = 'a log line') =>
    poll(async () => (exitCode !== undefined ? Promise.reject(new Error(`daemon exited before ${what}\n${describe()}`)) : parseLines(stdout).find(predicate)), timeoutMs, what, describe);
  const listening = await waitFor((l) => l.msg === 'listening', 15_000, "the 'listening' line");
  const url = String(listening['url']);
  const get = (path: string) => fetch(`${url}${path}`);
  const statusText = async () => (await get('/status')).text();
  const status = async () => JSON.parse(await statusText()) as StatusDoc;
  return {
    url,
    child,
    output: () => `${stdout}${stderr}`,
    lines: () => parseLines(stdout),
    waitFor,
    waitForStatus: (predicate, timeoutMs = 15_000, what = 'a status') =>
      poll(async () => {
        const s = await status();
        return predicate(s) ? s : undefined;
      }, timeoutMs, what, describe),
    status,
    statusText,
    get,
    async metric(name, labels = {}) {
      const text = await (await get('/metrics')).text();
      const wanted = Object.entries(labels);
      for (const line of text.split('\n')) {
        const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
        if (!match || match[1] !== name) continue;
        const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
        if (wanted.every(([k, v]) => have[k] === v)) return Number(match[3]);
      }
      throw new Error(`no sample ${name} ${JSON.stringify(labels)} in /metrics`);
    },
    webhook(body, options = {}) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-github-event': options.event ?? 'push', 'x-github-delivery': options.delivery ?? randomUUID() };
      const signature = options.signature === undefined ? signBody(options.secret ?? WEBHOOK_SECRET, text) : options.signature;
      if (signature !== null) headers['x-hub-signature-256'] = signature;
      return fetch(`${url}/webhook`, { method: 'POST', headers, body: text });
    },
    async stop(signal = 'SIGTERM') {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
    exited,
  };
}

/** A push event of `branch`, as GitHub sends it (the fields the daemon reads, and a few more). */
export function pushEvent(branch = 'main', after = '0'.repeat(40)): Record<string, unknown> {
  return { ref: `refs/heads/${branch}`, before: '0'.repeat(40), after, repository: { full_name: 'example/clients' }, pusher: { name: 'test' } };
}
