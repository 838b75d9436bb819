// Runs one delivery command: an argument vector (never a shell), the given input on stdin, only
// the allowed environment, killed with its whole process group at the time limit. An adapter:
// the only code in clientsync that starts a delivery program.
import { spawn } from 'node:child_process';

export interface CommandRun {
  readonly argv: readonly string[];
  readonly input: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Bytes kept of each of stdout and stderr (the rest is counted, not kept). */
  readonly keepBytes: number;
}

export interface CommandResult {
  /** The exit code; null when the process was killed by a signal or never started. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** Why the program could not be started (ENOENT, EACCES), or null. */
  readonly spawnError: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** After the process exits, how long its output pipes may stay open (held by a child it left behind). */
const DRAIN_MS = 1_000;

export function runCommand(run: CommandRun): Promise<CommandResult> {
  const [program, ...args] = run.argv;
  if (program === undefined) return Promise.resolve({ code: null, signal: null, timedOut: false, spawnError: 'empty command', stdout: '', stderr: '' });
  return new Promise((resolvePromise) => {
    const out = { stdout: '', stderr: '' };
    let timedOut = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let spawnError: string | null = null;
    let settled = false;
    let drain: NodeJS.Timeout | undefined;
    // detached: the command leads a process group of its own, so a timeout kills what it started too.
    const child = spawn(program, args, { shell: false, detached: true, env: { ...run.env }, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });

    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      child.kill('SIGKILL');
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drain);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolvePromise({ code: exit?.code ?? null, signal: exit?.signal ?? null, timedOut, spawnError, stdout: out.stdout, stderr: out.stderr });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
      // The pipes close once the group is dead; if something outside it holds them, stop waiting.
      drain = setTimeout(finish, DRAIN_MS);
    }, run.timeoutMs);

    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]?.setEncoding('utf8');
      child[stream]?.on('data', (chunk: string) => {
        if (out[stream].length < run.keepBytes) out[stream] += chunk.slice(0, run.keepBytes - out[stream].length);
      });
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error.code ?? error.message;
      finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // A background child may keep the pipes open: wait a moment for the output, then stop.
      if (!timedOut) drain = setTimeout(finish, DRAIN_MS);
    });
    child.on('close', finish);
    // A command that does not read its input closes the pipe early: not an error of ours.
    child.stdin?.on('error', () => {});
    child.stdin?.end(run.input);
  });
}
