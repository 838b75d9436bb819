// Where new secrets (create, rotate, an operator's request) go: the delivery targets an operator
// configured where clientsync runs (docs/design.md, "Apply"; docs/secrets.md). No target: the secret stays only
// in Keycloak, where `clientsync secret get <clientId>` reads it. Two kinds of target:
// - a directory (`--secret-sink file:DIR`, or `directory:` in the delivery file): DIR/<clientId>.json,
//   mode 0600, by atomic rename, so a reader sees either the old file or the whole new one. The
//   directory must be 0700 and owned by clientsync's user (created so when missing; a looser or
//   foreign one is refused, never silently changed). A deleted client's file is removed.
// - a command (src/delivery/command-target.ts).
// This file and the command target are the only places in clientsync that call Secret.reveal()
// for delivery.
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Secret } from '../keycloak/secret.js';
import type { DeliveryReason } from '../model/delivery.js';
import { UsageError } from '../model/errors.js';

export type { DeliveryReason };

export interface SecretDelivery {
  readonly realm: string;
  readonly accountId: string;
  readonly clientId: string;
  readonly secret: Secret;
  readonly reason: DeliveryReason;
  /** Git commit of the desired state that created or rotated it; null outside git. */
  readonly revision: string | null;
  /** RFC 3339 time the secret was generated (or asked for again). */
  readonly at: string;
}

export interface DeliveryReceipt {
  /** What the target printed, cut to a few lines and scrubbed of the secret ('' for none). */
  readonly output: string;
}

export interface DeliveryTarget {
  readonly name: string;
  readonly kind: 'file' | 'command';
  /**
   * Resolves once the target holds the secret. Rejects with an error whose message names the
   * target and says what went wrong (an exit code, a timeout), never holding the secret.
   */
  deliver(delivery: SecretDelivery): Promise<DeliveryReceipt>;
  /** The client was deleted from Keycloak: remove what this target holds for it, when it can. */
  forget?(clientId: string): Promise<void>;
}

/** The configured delivery targets, in the order of the configuration. */
export interface SecretSink {
  readonly targets: readonly DeliveryTarget[];
}

export const NONE_SINK: SecretSink = { targets: [] };

/** The name `--secret-sink file:DIR` gives its target (in logs, metrics, the Keycloak marker). */
export const FILE_SINK_TARGET = 'file';

const ACCEPTED = 'accepted forms: none, file:DIR (a directory that receives <clientId>.json, mode 0600)';

/** Parses `--secret-sink`: undefined or `none` → no target; `file:DIR` → one directory target named "file". */
export function parseSecretSink(spec: string | undefined): SecretSink {
  if (spec === undefined || spec === 'none') return NONE_SINK;
  if (spec.startsWith('file:')) {
    const dir = spec.slice('file:'.length);
    if (dir.trim() === '') throw new UsageError(`--secret-sink file: needs a directory, e.g. file:./secrets; ${ACCEPTED}.`);
    return { targets: [new FileSecretSink(FILE_SINK_TARGET, resolve(dir))] };
  }
  throw new UsageError(`--secret-sink ${JSON.stringify(spec)} is not a secret sink; ${ACCEPTED}.`);
}

/** All targets of both sinks; two targets of one name are a usage error. */
export function combineSinks(...sinks: readonly SecretSink[]): SecretSink {
  const targets = sinks.flatMap((s) => s.targets);
  const names = new Set<string>();
  for (const t of targets) {
    if (names.has(t.name)) {
      throw new UsageError(`two secret delivery targets are named '${t.name}' (--secret-sink file:DIR is named '${FILE_SINK_TARGET}'); rename one`);
    }
    names.add(t.name);
  }
  return { targets };
}

/** For /status and logs: "none", or each target's name and kind. */
export function describeSink(sink: SecretSink): string {
  return sink.targets.length === 0 ? 'none' : sink.targets.map((t) => `${t.name} (${t.kind})`).join(', ');
}

/** The document a target receives (stdin: json, and the directory target's file). */
export function deliveryDocument(d: SecretDelivery): string {
  return JSON.stringify(
    { accountId: d.accountId, clientId: d.clientId, realm: d.realm, reason: d.reason, secret: d.secret.reveal(), revision: d.revision, at: d.at },
    null,
    2,
  );
}

// The YAML rules allow [A-Za-z0-9._-] after "<accountId>_"; a clientId from Keycloak has no such
// promise, so the file name is checked again here: no separators, no dot-dot, no hidden files.
const SAFE_FILE_STEM = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function isSafeFileStem(clientId: string): boolean {
  return SAFE_FILE_STEM.test(clientId) && !clientId.includes('..') && clientId.length <= 200;
}

export class FileSecretSink implements DeliveryTarget {
  readonly kind = 'file';

  constructor(
    readonly name: string,
    readonly dir: string,
  ) {}

  async deliver(delivery: SecretDelivery): Promise<DeliveryReceipt> {
    const { clientId } = delivery;
    if (!isSafeFileStem(clientId)) {
      throw new Error(
        `target '${this.name}' refuses clientId ${JSON.stringify(clientId)} as a file name (allowed: letters, digits, ".", "_", "-"; no "..")`,
      );
    }
    await this.#ensureDirectory();
    try {
      await writeAtomically(join(this.dir, `${clientId}.json`), `${deliveryDocument(delivery)}\n`);
    } catch (error) {
      throw new Error(`target '${this.name}': writing ${clientId}.json in ${this.dir} failed (${codeOf(error)})`, { cause: error });
    }
    return { output: '' };
  }

  /** Keycloak no longer honours a deleted client's secret: its file goes too. */
  async forget(clientId: string): Promise<void> {
    if (!isSafeFileStem(clientId)) return;
    await rm(join(this.dir, `${clientId}.json`), { force: true });
  }

  /**
   * The directory must be a real directory (not a symlink), owned by this process's user, with
   * no access for group or others. Missing: created 0700. Looser or foreign: refused, since
   * changing the mode of a directory someone pointed us at (/tmp, a shared volume) is not ours
   * to do, and secrets must not land where others can list or read them.
   */
  async #ensureDirectory(): Promise<void> {
    let info = await lstat(this.dir).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      throw error;
    });
    if (info === null) {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      info = await lstat(this.dir);
    }
    if (info.isSymbolicLink() || !info.isDirectory()) {
      throw new Error(`target '${this.name}': ${this.dir} is not a directory (a symbolic link or a file); give a real directory, mode 0700`);
    }
    const uid = process.getuid?.();
    if (uid !== undefined && info.uid !== uid) {
      throw new Error(`target '${this.name}': ${this.dir} belongs to user ${info.uid}, not to clientsync's user ${uid}; use a directory of its own, mode 0700`);
    }
    const mode = info.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new Error(
        `target '${this.name}': ${this.dir} has mode ${mode.toString(8).padStart(4, '0')}, which lets other users see the secrets; ` +
          `run chmod 700 ${this.dir} (nothing was written)`,
      );
    }
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown error';
}

/** Temp file in the same directory (so rename is atomic), created 0600 and exclusive, fsynced. */
async function writeAtomically(target: string, content: string): Promise<void> {
  const temp = `${target}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // exactly 0600, whatever the umask
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(target);
}

// Makes the rename itself durable. Best effort: some platforms cannot open a directory.
async function syncDirectory(file: string): Promise<void> {
  try {
    const dir = await open(join(file, '..'), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // The file is written and renamed; only its durability across a power loss is less certain.
  }
}
