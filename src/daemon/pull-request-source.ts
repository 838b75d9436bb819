// Reads a pull request's head as data: fetches refs/pull/<N>/head (GitHub serves it for forks'
// pull requests too) and the followed branch into a bare repository of the daemon's own, then
// lists the head's tree and reads the few blobs clientsync needs from the object database.
//
// Invariants (every pull request is hostile until merged):
// - Nothing of the pull request is checked out, run or followed: no work tree, hooks off
//   (core.hooksPath=/dev/null, an empty template), no filter or diff drivers (cat-file reads raw
//   blobs), symbolic links and oversized blobs are problems decided from the listing alone
//   (src/config/tree-files.ts) and never read. Its schemas/, src/ and package.json are not
//   looked at: the daemon validates with its own.
// - git runs with an allowlisted environment (no Keycloak or webhook secret reaches it); a token
//   travels as an HTTP header scoped to the remote's origin, through GIT_CONFIG_*, never in the
//   URL, the command line, a file or a message.
// - Bounded: every git call has a time limit and stops when the plan's signal is aborted; at
//   most MAX_TREE_ENTRIES entries are looked at and MAX_READ_BYTES read.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { clientsyncFingerprint, filesFromTree, listTree, parseLsTree } from '../config/tree-files.js';
import type { RepositoryFiles } from '../config/repository-files.js';
import { gitEnvironment } from './git-source.js';

export interface PullRequestHead {
  /** The commit refs/pull/N/head held when fetched (may be newer than the webhook said). */
  readonly sha: string;
  readonly files: RepositoryFiles;
  /** False when clientsync.yaml and clients/ are the same as on the followed branch. */
  readonly changesClientFiles: boolean;
}

export interface PullRequestSourceOptions {
  readonly url: string;
  readonly branch: string;
  /** The daemon's work directory; the bare repository is `<workDir>/pull-requests.git`. */
  readonly workDir: string;
  readonly token?: string;
  readonly tokenUser?: string;
  /** The environment to pick allowlisted variables from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A git call is killed after this long (default 60 s). */
  readonly timeoutMs?: number;
}

/** git could not fetch or read the pull request (unreachable, refused, ref gone, bounds). */
export class PullRequestSourceError extends Error {
  override readonly name = 'PullRequestSourceError';
}

export const MAX_TREE_ENTRIES = 20_000;
export const MAX_READ_BYTES = 64 * 1024 * 1024;
const MAX_LS_TREE_BYTES = 16 * 1024 * 1024;
const MARKER = 'clientsync-pull-requests';

export class PullRequestSource {
  readonly #url: string;
  readonly #branch: string;
  readonly #dir: string;
  readonly #env: Record<string, string>;
  readonly #secrets: string[] = [];
  readonly #timeoutMs: number;

  constructor(options: PullRequestSourceOptions) {
    this.#url = options.url;
    this.#branch = options.branch;
    this.#dir = join(resolve(options.workDir), 'pull-requests.git');
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    // The same allowlist as the branch's checkout (proxies and TLS trust included).
    const env = gitEnvironment(options.env ?? process.env);
    env['GIT_TERMINAL_PROMPT'] = '0';
    env['GIT_CONFIG_NOSYSTEM'] = '1';
    env['GIT_CONFIG_GLOBAL'] = '/dev/null';
    const config: [string, string][] = [['core.hooksPath', '/dev/null']];
    const token = options.token === '' ? undefined : options.token;
    if (token !== undefined) {
      const basic = Buffer.from(`${options.tokenUser || 'x-access-token'}:${token}`).toString('base64');
      config.push([`http.${new URL(options.url).origin}/.extraHeader`, `Authorization: Basic ${basic}`]);
      this.#secrets.push(token, basic);
    }
    env['GIT_CONFIG_COUNT'] = String(config.length);
    config.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    this.#env = env;
  }

  get directory(): string {
    return this.#dir;
  }

  async read(number: number, signal: AbortSignal): Promise<PullRequestHead> {
    try {
      await this.#ensureRepository(signal);
      const head = `refs/clientsync/pull/${number}`;
      const base = `refs/clientsync/base`;
      await this.#git(
        ['fetch', '--quiet', '--depth=1', '--no-tags', '--no-write-fetch-head', '--no-recurse-submodules', '--', this.#url, `+refs/pull/${number}/head:${head}`, `+refs/heads/${this.#branch}:${base}`],
        signal,
      );
      const sha = (await this.#git(['rev-parse', '--verify', '--end-of-options', `${head}^{commit}`], signal)).toString('utf8').trim();
      if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new PullRequestSourceError(`refs/pull/${number}/head is not a commit`);
      const entries = parseLsTree((await this.#git(['ls-tree', '-r', '-l', '-z', '--full-tree', sha, '--', 'clientsync.yaml', 'clientsync.yml', 'clients'], signal, MAX_LS_TREE_BYTES)).toString('utf8'));
      if (entries.length > MAX_TREE_ENTRIES) throw new PullRequestSourceError(`the pull request holds more than ${MAX_TREE_ENTRIES} files under clients/: not read`);
      const baseEntries = parseLsTree((await this.#git(['ls-tree', '-r', '-l', '-z', '--full-tree', base, '--', 'clientsync.yaml', 'clientsync.yml', 'clients'], signal, MAX_LS_TREE_BYTES)).toString('utf8'));
      const listing = listTree(entries);
      const blobs = await this.#readBlobs(listing.toRead, signal);
      return { sha, files: filesFromTree(listing, blobs), changesClientFiles: clientsyncFingerprint(entries) !== clientsyncFingerprint(baseEntries) };
    } catch (error) {
      signal.throwIfAborted();
      if (error instanceof PullRequestSourceError) throw error;
      throw new PullRequestSourceError(`git could not read pull request #${number}: ${this.#describe(error)}`);
    }
  }

  /**
   * Uses only a repository it made: the marker file is written before `git init`, so a crash in
   * between leaves a folder it recognises (and initialises again). A folder it did not make is
   * never deleted or reused: that is refused, naming the folder.
   */
  async #ensureRepository(signal: AbortSignal): Promise<void> {
    const marker = join(this.#dir, MARKER);
    if (existsSync(this.#dir) && !existsSync(marker)) {
      if ((await readdir(this.#dir)).length > 0) {
        throw new PullRequestSourceError(`${this.#dir} exists and was not made by clientsync (no ${MARKER} file in it): move it away or choose another --work-dir`);
      }
    }
    if (existsSync(marker) && existsSync(join(this.#dir, 'HEAD'))) return;
    await mkdir(this.#dir, { recursive: true });
    await writeFile(marker, 'made by clientsync daemon to read pull requests as data; safe to delete\n');
    await this.#git(['init', '--bare', '--quiet', '--template=', '.'], signal);
  }

  async #readBlobs(oids: readonly string[], signal: AbortSignal): Promise<Map<string, Uint8Array>> {
    const blobs = new Map<string, Uint8Array>();
    if (oids.length === 0) return blobs;
    const out = await this.#git(['cat-file', '--batch'], signal, MAX_READ_BYTES, `${oids.join('\n')}\n`);
    let offset = 0;
    for (const oid of oids) {
      const newline = out.indexOf(0x0a, offset);
      const header = out.subarray(offset, newline).toString('utf8');
      const match = /^([0-9a-f]{40,64}) blob (\d+)$/.exec(header);
      if (newline < 0 || !match || match[1] !== oid) throw new PullRequestSourceError(`git cat-file answered ${JSON.stringify(header.slice(0, 100))} for ${oid}`);
      const size = Number(match[2]);
      const start = newline + 1;
      // Its own copy: a view would keep the whole batch output alive.
      blobs.set(oid, new Uint8Array(out.subarray(start, start + size)));
      offset = start + size + 1;
    }
    return blobs;
  }

  #git(args: readonly string[], signal: AbortSignal, maxBytes = 1024 * 1024, input?: string): Promise<Buffer> {
    return new Promise((resolvePromise, reject) => {
      signal.throwIfAborted();
      const child = spawn('git', ['-C', this.#dir, ...args], { env: this.#env, stdio: ['pipe', 'pipe', 'pipe'], signal, timeout: this.#timeoutMs, killSignal: 'SIGKILL' });
      const chunks: Buffer[] = [];
      let size = 0;
      let stderr = '';
      let tooLarge = false;
      child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          tooLarge = true;
          child.kill('SIGKILL');
          return;
        }
        chunks.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < 4000) stderr += chunk.toString('utf8');
      });
      child.on('error', reject);
      child.on('close', (code, killed) => {
        if (tooLarge) reject(new PullRequestSourceError(`git ${args[0]} printed more than ${maxBytes} bytes: the pull request is larger than clientsync reads`));
        else if (code === 0) resolvePromise(Buffer.concat(chunks));
        else reject(new Error(killed === 'SIGKILL' ? `git ${args[0]} took longer than ${this.#timeoutMs} ms` : stderr || `git ${args[0]} exited with ${code}`));
      });
      child.stdin.on('error', () => {}); // git may exit before reading all of it
      child.stdin.end(input ?? '');
    });
  }

  /** git's own words, minus anything secret, on one line, bounded. */
  #describe(error: unknown): string {
    let text = error instanceof Error ? error.message : String(error);
    for (const secret of this.#secrets) text = text.split(secret).join('[REDACTED]');
    const message = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join(' / ');
    return message.length > 500 ? `${message.slice(0, 500)}…` : message || 'git failed without a message';
  }
}
