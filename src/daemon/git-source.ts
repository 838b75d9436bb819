// Where a run reads the desired state: a git branch (cloned once into a work directory, then
// fetched and hard-reset to the branch head each run), or a local folder read as it is.
//
// Invariants:
// - The checkout is exactly the remote branch's head: fetch, `reset --hard`, `clean -ffdx`.
//   Nothing in the work directory survives from an earlier run.
// - Only a checkout clientsync made is ever reset or cleaned: it carries a marker in its .git
//   naming the URL it was made for. A folder without the marker (someone's own clone, a folder
//   with files) is refused, untouched; a marked one made for another URL is deleted and made
//   afresh (it is ours), never re-pointed.
// - git runs with an allowlist of the environment (PATH, HOME, locale, proxies, TLS trust):
//   Keycloak credentials, the webhook secret and anything else of the daemon's stay out.
// - A token (CLIENTSYNC_GIT_TOKEN) travels only as an HTTP header set through git's environment
//   (GIT_CONFIG_*), scoped to the repository's origin: never in the URL, the command line,
//   .git/config, a log line or an error message.
// - Every git call has a time limit (no output for GIT_BLOCK_TIMEOUT_MS kills it) and stops
//   when the run's signal is aborted.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { UsageError } from '../model/errors.js';
import { gitRevision } from '../sync/git-revision.js';

export interface Checkout {
  /** The folder holding clientsync.yaml and clients/. */
  readonly dir: string;
  /** The commit checked out; null for a local folder outside git. */
  readonly revision: string | null;
}

export interface DesiredSource {
  /** What and where, safe to log and to show in /status (no credential). */
  readonly description: Readonly<Record<string, string>>;
  /** The branch whose pushes trigger a run; null for a local folder (every push does). */
  readonly branch: string | null;
  checkout(signal: AbortSignal): Promise<Checkout>;
}

/** git could not clone, fetch or check out: the remote is unreachable, refuses us, or the branch is gone. */
export class GitSourceError extends Error {
  override readonly name = 'GitSourceError';
  /** False when retrying cannot help until an operator acts (a checkout folder that is not ours). */
  readonly retryable: boolean;
  constructor(message: string, options?: { retryable?: boolean }) {
    super(message);
    this.retryable = options?.retryable ?? true;
  }
}

/** A local folder, read as it is on every run (`--dir`). */
export class DirSource implements DesiredSource {
  readonly description: Readonly<Record<string, string>>;
  readonly branch = null;

  constructor(readonly dir: string) {
    this.description = { kind: 'dir', dir };
  }

  async checkout(): Promise<Checkout> {
    return { dir: this.dir, revision: await gitRevision(this.dir) };
  }
}

export interface GitSourceOptions {
  readonly url: string;
  readonly branch: string;
  /** clientsync owns `<workDir>/checkout`: it may delete and re-clone it. Nothing else there is touched. */
  readonly workDir: string;
  /** CLIENTSYNC_GIT_TOKEN: sent as HTTP Basic credentials (username `tokenUser`) to the repository's origin. */
  readonly token?: string;
  /** CLIENTSYNC_GIT_USERNAME (default x-access-token, which GitHub accepts with any token). */
  readonly tokenUser?: string;
  /** Kill a git call that prints nothing for this long (default 60 s). */
  readonly blockTimeoutMs?: number;
  /** The environment git runs with is taken from this (default process.env), through an allowlist. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export const DEFAULT_BRANCH = 'main';
export const GIT_BLOCK_TIMEOUT_MS = 60_000;

/** GIT_* variables passed on to git from the environment (TLS trust for a private CA). */
const PASSED_GIT_ENV = ['GIT_SSL_CAINFO', 'GIT_SSL_CAPATH'];
/**
 * The only variables git gets from the daemon's environment: what finds programs and files,
 * the locale, proxies and TLS trust, the ssh agent. Everything else (KEYCLOAK_*, CLIENTSYNC_*,
 * cloud credentials, NODE_OPTIONS, variables that make git run editors or read other config)
 * stays out. Matched case-sensitively except the proxies, which exist in both spellings.
 */
const PASSED_ENV = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'TMPDIR', 'TZ', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'SSH_AUTH_SOCK',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy',
  'SYSTEMROOT', 'COMSPEC', 'PATHEXT', 'WINDIR',
  ...PASSED_GIT_ENV,
]);

/** The allowlisted part of an environment, for git (both the branch's checkout and pull requests). */
export function gitEnvironment(from: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(from)) {
    if (value !== undefined && PASSED_ENV.has(key)) env[key] = value;
  }
  return env;
}

/** In the checkout's .git: says clientsync made this checkout, and for which URL. */
export const CHECKOUT_MARKER = 'clientsync-checkout.json';

/** Checks `--branch`: a plain branch name, so it cannot be read as an option or a revision range. */
export function branchProblem(branch: string): string | null {
  if (/^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(branch) && !branch.includes('..') && !branch.endsWith('/') && !branch.endsWith('.lock') && !branch.includes('//')) {
    return null;
  }
  return `'${branch}' is not a branch name clientsync accepts (letters, digits, ".", "_", "-", "/"; no "..")`;
}

/** Checks `--git-url` and says how to fix it; refuses credentials inside the URL. */
export function gitUrlProblem(url: string, hasToken: boolean): string | null {
  if (/^[\w.-]+@[\w.-]+:[^/\\]/.test(url) && !url.includes('://')) return hasToken ? 'CLIENTSYNC_GIT_TOKEN works with https:// URLs only, not with an SSH address' : null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not a git URL: write https://host/owner/repo.git, ssh://git@host/owner/repo.git or file:///path/to/repo`;
  }
  if (!['https:', 'http:', 'ssh:', 'file:'].includes(parsed.protocol)) {
    return `--git-url must use https://, ssh://, http:// or file:// (got '${parsed.protocol}')`;
  }
  if (parsed.password) return '--git-url must not contain a password or token: put the token in CLIENTSYNC_GIT_TOKEN instead';
  if (hasToken && parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopback(parsed.hostname))) {
    return 'CLIENTSYNC_GIT_TOKEN is sent only over https:// (or http:// to this machine): use an https:// URL or unset the token';
  }
  return null;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

/** A URL as it may be shown: without any user name. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

export class GitSource implements DesiredSource {
  readonly description: Readonly<Record<string, string>>;
  readonly branch: string;
  readonly #url: string;
  readonly #checkoutDir: string;
  readonly #env: Record<string, string>;
  readonly #allowEnv: string[];
  readonly #blockTimeoutMs: number;
  readonly #secrets: string[];

  constructor(options: GitSourceOptions) {
    const token = options.token === '' ? undefined : options.token;
    const urlProblem = gitUrlProblem(options.url, token !== undefined);
    if (urlProblem !== null) throw new UsageError(urlProblem);
    const branchIssue = branchProblem(options.branch);
    if (branchIssue !== null) throw new UsageError(branchIssue);
    this.#url = options.url;
    this.branch = options.branch;
    this.#checkoutDir = join(resolve(options.workDir), 'checkout');
    this.#blockTimeoutMs = options.blockTimeoutMs ?? GIT_BLOCK_TIMEOUT_MS;
    this.description = { kind: 'git', url: displayUrl(options.url), branch: options.branch, checkout: this.#checkoutDir };

    const env = gitEnvironment(options.env ?? process.env);
    env['GIT_TERMINAL_PROMPT'] = '0'; // never wait for a password on a terminal nobody watches
    const allow = ['GIT_TERMINAL_PROMPT', ...PASSED_GIT_ENV.filter((k) => env[k] !== undefined)];
    this.#secrets = [];
    if (token !== undefined) {
      const basic = Buffer.from(`${options.tokenUser || 'x-access-token'}:${token}`).toString('base64');
      const origin = new URL(options.url).origin;
      env['GIT_CONFIG_COUNT'] = '1';
      env['GIT_CONFIG_KEY_0'] = `http.${origin}/.extraHeader`;
      env['GIT_CONFIG_VALUE_0'] = `Authorization: Basic ${basic}`;
      allow.push('GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0');
      this.#secrets.push(token, basic);
    }
    this.#env = env;
    this.#allowEnv = allow;
  }

  #git(baseDir: string, signal: AbortSignal): SimpleGit {
    return simpleGit({
      baseDir,
      abort: signal,
      timeout: { block: this.#blockTimeoutMs },
      allowEnvironment: this.#allowEnv,
      unsafe: { allowUnsafeConfigEnvCount: this.#allowEnv.includes('GIT_CONFIG_COUNT') },
      config: ['advice.detachedHead=false'],
    }).env(this.#env);
  }

  /**
   * Why `<workDir>/checkout` must not be used, or null when it is absent, empty, or a checkout
   * clientsync made (for any URL). Reads the file system only; changes nothing.
   */
  checkoutProblem(): string | null {
    const dir = this.#checkoutDir;
    const stat = lstatSync(dir, { throwIfNoEntry: false });
    if (stat === undefined) return null;
    const refuse = (why: string) =>
      `${dir} is not made by clientsync (${why}); clientsync resets and cleans its checkout on every run, so it refuses to use this folder: remove it (clientsync then clones afresh; a checkout made by a clientsync older than this check lacks the marker too) or choose another --work-dir`;
    if (!stat.isDirectory()) return refuse(stat.isSymbolicLink() ? 'it is a symbolic link' : 'it is not a folder');
    if (readdirSync(dir).length === 0) return null;
    if (this.#marker() === null) return refuse(existsSync(join(dir, '.git')) ? `a git repository without clientsync's marker .git/${CHECKOUT_MARKER}` : 'a folder with files in it');
    return null;
  }

  /** The URL our marker names, or null when there is no readable marker. */
  #marker(): string | null {
    try {
      const path = join(this.#checkoutDir, '.git', CHECKOUT_MARKER);
      if (!lstatSync(path).isFile()) return null;
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      const url = (parsed as { url?: unknown } | null)?.url;
      return typeof url === 'string' ? url : null;
    } catch {
      return null;
    }
  }

  async checkout(signal: AbortSignal): Promise<Checkout> {
    const problem = this.checkoutProblem();
    if (problem !== null) throw new GitSourceError(problem, { retryable: false });
    try {
      const git = await this.#ensureClone(signal);
      // An explicit refspec: the remote-tracking ref is updated even after a force-push.
      await git.raw(['fetch', '--depth=1', '--no-tags', '--prune', 'origin', `+refs/heads/${this.branch}:refs/remotes/origin/${this.branch}`]);
      await git.raw(['reset', '--hard', '--quiet', `refs/remotes/origin/${this.branch}`]);
      await git.raw(['clean', '-ffdxq']);
      const revision = (await git.raw(['rev-parse', 'HEAD'])).trim();
      return { dir: this.#checkoutDir, revision: /^[0-9a-f]{40,64}$/.test(revision) ? revision : null };
    } catch (error) {
      signal.throwIfAborted();
      if (error instanceof GitSourceError) throw error;
      throw new GitSourceError(`git ${this.description['url']} (branch ${this.branch}): ${this.#describe(error)}`);
    }
  }

  /** A checkout of ours for this URL, made afresh when missing, broken or made for another URL. */
  async #ensureClone(signal: AbortSignal): Promise<SimpleGit> {
    if (this.#marker() === this.#url) {
      const git = this.#git(this.#checkoutDir, signal);
      // The same origin as well: a marker copied by hand next to another remote is not enough.
      const origin = await git
        .raw(['remote', 'get-url', 'origin'])
        .then((url) => url.trim())
        .catch(() => null);
      if (origin === this.#url) return git;
    }
    // First run, a checkout of ours for another URL, or one left broken by a crash: start afresh.
    // checkoutProblem() has just said the folder is absent, empty or ours.
    await rm(this.#checkoutDir, { recursive: true, force: true });
    await mkdir(this.#checkoutDir, { recursive: true });
    const git = this.#git(this.#checkoutDir, signal);
    await git.raw(['init', '--quiet']);
    // The marker comes right after init, before anything slow: a crash later leaves a marked,
    // broken checkout, which the next run makes afresh. The fetch in checkout() fills it.
    await writeFile(join(this.#checkoutDir, '.git', CHECKOUT_MARKER), `${JSON.stringify({ url: this.#url })}\n`, { mode: 0o600 });
    await git.raw(['remote', 'add', 'origin', '--', this.#url]);
    return git;
  }

  /** git's own words, minus anything secret, on one line, bounded. */
  #describe(error: unknown): string {
    let text = error instanceof Error ? error.message : String(error);
    for (const secret of this.#secrets) text = text.split(secret).join('[REDACTED]');
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('Cloning into'));
    const message = lines.join(' / ');
    return message.length > 500 ? `${message.slice(0, 500)}…` : message || 'git failed without a message';
  }
}
