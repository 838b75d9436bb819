// A delivery target that runs an operator's command (docs/secrets.md): placeholders filled from
// checked values, the secret (or the JSON document) on stdin, only PATH, HOME and the listed
// variables in its environment, killed at its time limit. What it prints is kept for the logs
// only after the secret is scrubbed out of it, and cut to a few lines.
import type { DeliveryReceipt, DeliveryTarget, SecretDelivery } from '../apply/secret-sink.js';
import { deliveryDocument } from '../apply/secret-sink.js';
import { escapeUnsafe } from '../plan/display.js';
import { fillPlaceholders, type CommandTargetSpec } from './delivery-file.js';
import { runCommand, type CommandResult } from './run-command.js';

/** Lines of a command's output kept for logs and errors, and characters per line. */
export const OUTPUT_LINES = 5;
export const OUTPUT_LINE_CHARS = 200;
const KEEP_BYTES = 16 * 1024;

// What a placeholder may be replaced with: clientIds from Keycloak carry no promise, and an
// argument starting with '-' could be read as an option by the program.
const SAFE_VALUE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Thrown when a command failed; `output` is its scrubbed, cut output for the logs. */
export class DeliveryCommandError extends Error {
  override readonly name = 'DeliveryCommandError';
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

export class CommandTarget implements DeliveryTarget {
  readonly kind = 'command';
  readonly name: string;

  constructor(
    readonly spec: CommandTargetSpec,
    /** The environment the allowed variables are taken from. */
    private readonly environment: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.name = spec.name;
  }

  async deliver(delivery: SecretDelivery): Promise<DeliveryReceipt> {
    const who = `target '${this.name}'`;
    for (const [what, value] of [['clientId', delivery.clientId], ['accountId', delivery.accountId]] as const) {
      if (!SAFE_VALUE.test(value)) throw new Error(`${who} refuses ${what} ${JSON.stringify(value)} as an argument (letters, digits, '.', '_', '-'; not starting with '-')`);
    }
    const argv = this.spec.command.map((item, i) =>
      i === 0 ? item : fillPlaceholders(item, { accountId: delivery.accountId, clientId: delivery.clientId, reason: delivery.reason }),
    );
    const secret = delivery.secret.reveal();
    const result = await runCommand({
      argv,
      input: this.spec.stdin === 'json' ? `${deliveryDocument(delivery)}\n` : secret,
      env: this.#env(),
      timeoutMs: this.spec.timeoutSeconds * 1000,
      keepBytes: KEEP_BYTES + secret.length,
    });
    const scrub = scrubberFor(secret);
    const output = excerpt(scrub(`${result.stdout}${result.stdout !== '' && result.stderr !== '' && !result.stdout.endsWith('\n') ? '\n' : ''}${result.stderr}`).slice(0, KEEP_BYTES));
    const failure = failureOf(result, this.spec.timeoutSeconds);
    if (failure === null) return { output };
    const said = excerpt(scrub(result.stderr !== '' ? result.stderr : result.stdout).slice(0, KEEP_BYTES), 2);
    throw new DeliveryCommandError(`${who}: ${failure}${said === '' ? '' : `; it printed: ${said.replace(/\n/g, ' / ')}`}`, output);
  }

  #env(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of ['PATH', 'HOME', ...this.spec.env]) {
      const value = this.environment[name];
      if (value !== undefined) env[name] = value;
    }
    return env;
  }
}

function failureOf(result: CommandResult, timeoutSeconds: number): string | null {
  if (result.spawnError !== null) return `the command could not be started (${result.spawnError})`;
  if (result.timedOut) return `the command did not finish within ${timeoutSeconds} s and was killed`;
  if (result.signal !== null) return `the command was killed by ${result.signal}`;
  if (result.code !== 0) return `the command exited with code ${String(result.code)}`;
  return null;
}

/** Replaces the secret, and its JSON-escaped form, wherever it appears. */
export function scrubberFor(secret: string): (text: string) => string {
  const needles = [...new Set([secret, JSON.stringify(secret).slice(1, -1)])].filter((n) => n !== '').sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((out, needle) => out.split(needle).join('[REDACTED]'), text);
}

/** The last `lines` non-empty lines, each cut and escaped, with a note of what was left out. */
export function excerpt(text: string, lines = OUTPUT_LINES): string {
  const all = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const kept = all.slice(-lines).map((l) => {
    const cut = l.length > OUTPUT_LINE_CHARS ? `${l.slice(0, OUTPUT_LINE_CHARS)}…` : l;
    return escapeUnsafe(cut);
  });
  if (all.length > lines) kept.unshift(`(${all.length - lines} earlier line${all.length - lines === 1 ? '' : 's'} left out)`);
  return kept.join('\n');
}
