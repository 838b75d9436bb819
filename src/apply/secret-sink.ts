// Where new secrets (create, rotate) go (docs/design.md, "Apply"). `none` keeps them only in Keycloak, where
// `clientsync secret get <clientId>` reads them; `file:DIR` writes DIR/<clientId>.json, mode
// 0600, by atomic rename, so a reader sees either the old file or the whole new one.
// This file is the only place in apply/ that calls Secret.reveal().
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Secret } from '../keycloak/secret.js';
import { UsageError } from '../model/errors.js';

export interface SecretDelivery {
  readonly realm: string;
  readonly clientId: string;
  readonly secret: Secret;
  readonly reason: 'create' | 'rotate';
}

export interface SecretSink {
  readonly kind: 'none' | 'file';
  deliver(delivery: SecretDelivery): Promise<void>;
}

export interface SinkOptions {
  /** The clock for `generatedAt`; a parameter so tests can fix it. */
  readonly now?: () => Date;
}

const ACCEPTED = 'accepted forms: none, file:DIR (a directory that receives <clientId>.json, mode 0600)';

/** Parses `--secret-sink`: undefined or `none` → no sink; `file:DIR` → a file sink. */
export function parseSecretSink(spec: string | undefined, options: SinkOptions = {}): SecretSink {
  if (spec === undefined || spec === 'none') return NONE_SINK;
  if (spec.startsWith('file:')) {
    const dir = spec.slice('file:'.length);
    if (dir.trim() === '') throw new UsageError(`--secret-sink file: needs a directory, e.g. file:./secrets; ${ACCEPTED}.`);
    return new FileSecretSink(resolve(dir), options.now ?? (() => new Date()));
  }
  throw new UsageError(`--secret-sink ${JSON.stringify(spec)} is not a secret sink; ${ACCEPTED}.`);
}

export const NONE_SINK: SecretSink = {
  kind: 'none',
  deliver: () => Promise.resolve(),
};

// The YAML rules allow [A-Za-z0-9._-] after "<accountId>_"; a clientId from Keycloak has no such
// promise, so the file name is checked again here: no separators, no dot-dot, no hidden files.
const SAFE_FILE_STEM = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function isSafeFileStem(clientId: string): boolean {
  return SAFE_FILE_STEM.test(clientId) && !clientId.includes('..') && clientId.length <= 200;
}

export class FileSecretSink implements SecretSink {
  readonly kind = 'file';

  constructor(
    readonly dir: string,
    private readonly now: () => Date,
  ) {}

  async deliver({ realm, clientId, secret, reason }: SecretDelivery): Promise<void> {
    if (!isSafeFileStem(clientId)) {
      throw new Error(
        `the secret sink refuses clientId ${JSON.stringify(clientId)} as a file name (allowed: letters, digits, ".", "_", "-"; no "..")`,
      );
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const content = JSON.stringify(
      { clientId, realm, secret: secret.reveal(), reason, generatedAt: this.now().toISOString() },
      null,
      2,
    );
    await writeAtomically(join(this.dir, `${clientId}.json`), `${content}\n`);
  }
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
