// Which GitHub repository a URL or a setting names, and whether a webhook payload is about the
// repository the daemon follows. Pure. Names compare case-insensitively (GitHub's own rule).

export interface RepositoryName {
  readonly owner: string;
  readonly name: string;
}

/** The repository the daemon follows: CLIENTSYNC_GITHUB_REPOSITORY, else its --git-url. */
export type FollowedRepository =
  | { readonly kind: 'setting'; readonly name: RepositoryName }
  | { readonly kind: 'git-url'; readonly url: string; readonly key: string };

const PART = /^[A-Za-z0-9_.-]{1,100}$/;

/** `owner/name` (CLIENTSYNC_GITHUB_REPOSITORY), or null when it is not one. */
export function parseRepositoryName(text: string): RepositoryName | null {
  const parts = text.trim().split('/');
  if (parts.length !== 2) return null;
  const [owner, rawName] = parts as [string, string];
  const name = rawName.replace(/\.git$/i, '');
  if (!PART.test(owner) || !PART.test(name) || name === '.' || name === '..' || owner === '.' || owner === '..') return null;
  return { owner, name };
}

export function formatRepository(r: RepositoryName): string {
  return `${r.owner}/${r.name}`;
}

export function sameRepository(a: RepositoryName, b: RepositoryName): boolean {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.name.toLowerCase() === b.name.toLowerCase();
}

/**
 * `host/owner/name` in lower case for a git or web URL (https://host/owner/name(.git),
 * ssh://git@host/owner/name.git, git@host:owner/name.git); null for anything else, such as a
 * file:// path, which names no GitHub repository.
 */
export function repositoryKey(url: string): string | null {
  let host: string;
  let path: string;
  const scp = /^[\w.-]+@([\w.-]+):([^\\]+)$/.exec(url);
  if (scp && !url.includes('://')) {
    host = scp[1]!;
    path = scp[2]!;
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(parsed.protocol)) return null;
    host = parsed.hostname;
    path = parsed.pathname;
  }
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.length !== 2) return null;
  const name = parseRepositoryName(`${segments[0]}/${segments[1]}`);
  return name === null ? null : `${host}/${name.owner}/${name.name}`.toLowerCase();
}

/** What the daemon follows, from its settings; null when neither names a GitHub repository. */
export function followedRepository(setting: string | undefined, gitUrl: string | undefined): FollowedRepository | null | { readonly error: string } {
  if (setting !== undefined && setting.trim() !== '') {
    const name = parseRepositoryName(setting);
    return name === null ? { error: `CLIENTSYNC_GITHUB_REPOSITORY must be owner/name (got '${setting}')` } : { kind: 'setting', name };
  }
  if (gitUrl === undefined) return null;
  const key = repositoryKey(gitUrl);
  return key === null ? null : { kind: 'git-url', url: gitUrl, key };
}

export function describeFollowed(followed: FollowedRepository): string {
  return followed.kind === 'setting' ? formatRepository(followed.name) : followed.key;
}

/** Whether a payload's `repository` object is the followed repository. */
export function isFollowed(repository: unknown, followed: FollowedRepository): boolean {
  if (typeof repository !== 'object' || repository === null) return false;
  const r = repository as Record<string, unknown>;
  if (followed.kind === 'setting') {
    const full = typeof r['full_name'] === 'string' ? parseRepositoryName(r['full_name']) : null;
    return full !== null && sameRepository(full, followed.name);
  }
  return ['clone_url', 'ssh_url', 'html_url'].some((field) => typeof r[field] === 'string' && repositoryKey(r[field]) === followed.key);
}
