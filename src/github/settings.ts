// GitHub settings of the daemon, from the environment only (never from the repository):
// identity (a GitHub App installation, or a fine-grained token), API address, followed
// repository. Pure: the environment and a file reader are passed in.
import { DEFAULT_GITHUB_API_URL, type GitHubSettings } from './github-client.js';
import { followedRepository, parseRepositoryName, type FollowedRepository, type RepositoryName } from './repository-name.js';

export const GITHUB_ENV_HELP = `  CLIENTSYNC_GITHUB_TOKEN     a fine-grained token (Pull requests: read/write, Commit statuses:
                              read/write, Contents: read) to plan pull requests and set statuses
  CLIENTSYNC_GITHUB_APP_ID, CLIENTSYNC_GITHUB_APP_PRIVATE_KEY (PEM) or
  CLIENTSYNC_GITHUB_APP_PRIVATE_KEY_FILE, CLIENTSYNC_GITHUB_APP_INSTALLATION_ID (optional)
                              act as a GitHub App installation instead of a token (recommended
                              for organisations)
  CLIENTSYNC_GITHUB_API_URL   GitHub's API (default ${DEFAULT_GITHUB_API_URL}; GitHub Enterprise:
                              https://HOST/api/v3)
  CLIENTSYNC_GITHUB_REPOSITORY  owner/name of the repository deliveries must be about (default:
                              the one --git-url names)`;

export interface DaemonGitHubSettings {
  /** Null when no identity is configured. */
  readonly settings: GitHubSettings | null;
  readonly followed: FollowedRepository | null;
  /** Why pull requests are not planned, or null. */
  readonly planningOff: string | null;
  /** Where clientsync/sync goes; null without an identity or a known repository. */
  readonly syncRepository: RepositoryName | null;
}

export class GitHubSettingsError extends Error {
  override readonly name = 'GitHubSettingsError';
}

export interface GitHubContext {
  readonly gitUrl: string | undefined;
  readonly webhookSecret: boolean;
  readonly readFile: (path: string) => string;
}

function nameOf(followed: FollowedRepository): RepositoryName {
  if (followed.kind === 'setting') return followed.name;
  const [, owner = '', name = ''] = followed.key.split('/');
  return { owner, name };
}

export function githubSettingsFromEnv(env: Readonly<Record<string, string | undefined>>, context: GitHubContext): DaemonGitHubSettings {
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const apiUrl = get('CLIENTSYNC_GITHUB_API_URL') ?? DEFAULT_GITHUB_API_URL;
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw new GitHubSettingsError(`CLIENTSYNC_GITHUB_API_URL '${apiUrl}' is not a URL: write ${DEFAULT_GITHUB_API_URL} or https://HOST/api/v3`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new GitHubSettingsError('CLIENTSYNC_GITHUB_API_URL must use https:// (http:// only to this machine): the token travels with every call');
  }
  if (parsed.username || parsed.password) throw new GitHubSettingsError('CLIENTSYNC_GITHUB_API_URL must not contain credentials');

  const token = get('CLIENTSYNC_GITHUB_TOKEN');
  const appId = get('CLIENTSYNC_GITHUB_APP_ID');
  let settings: GitHubSettings | null = null;
  if (token !== undefined && appId !== undefined) throw new GitHubSettingsError('set either CLIENTSYNC_GITHUB_TOKEN or CLIENTSYNC_GITHUB_APP_ID (with its private key), not both');
  if (token !== undefined) settings = { apiUrl, identity: { kind: 'token', token } };
  if (appId !== undefined) {
    if (!/^\d+$/.test(appId)) throw new GitHubSettingsError(`CLIENTSYNC_GITHUB_APP_ID must be the App's numeric id (got '${appId}')`);
    const keyFile = get('CLIENTSYNC_GITHUB_APP_PRIVATE_KEY_FILE');
    let privateKey = get('CLIENTSYNC_GITHUB_APP_PRIVATE_KEY');
    if (privateKey === undefined && keyFile !== undefined) {
      try {
        privateKey = context.readFile(keyFile).trim();
      } catch (error) {
        throw new GitHubSettingsError(`CLIENTSYNC_GITHUB_APP_PRIVATE_KEY_FILE: cannot read ${keyFile} (${(error as { code?: string }).code ?? 'error'})`);
      }
    }
    if (privateKey === undefined || !privateKey.includes('PRIVATE KEY')) {
      throw new GitHubSettingsError('CLIENTSYNC_GITHUB_APP_ID needs the App\'s private key (PEM) in CLIENTSYNC_GITHUB_APP_PRIVATE_KEY or a file named by CLIENTSYNC_GITHUB_APP_PRIVATE_KEY_FILE');
    }
    const installation = get('CLIENTSYNC_GITHUB_APP_INSTALLATION_ID');
    if (installation !== undefined && !/^\d+$/.test(installation)) throw new GitHubSettingsError(`CLIENTSYNC_GITHUB_APP_INSTALLATION_ID must be numeric (got '${installation}')`);
    settings = { apiUrl, identity: { kind: 'app', appId, privateKey: privateKey.replace(/\\n/g, '\n'), installationId: installation === undefined ? null : Number(installation) } };
  }

  const repository = get('CLIENTSYNC_GITHUB_REPOSITORY');
  const followed = followedRepository(repository, context.gitUrl);
  if (followed !== null && 'error' in followed) throw new GitHubSettingsError(followed.error);
  if (repository !== undefined && parseRepositoryName(repository) === null) throw new GitHubSettingsError(`CLIENTSYNC_GITHUB_REPOSITORY must be owner/name (got '${repository}')`);

  let planningOff: string | null = null;
  if (settings === null) planningOff = 'CLIENTSYNC_GITHUB_TOKEN (or CLIENTSYNC_GITHUB_APP_ID with its private key) is not set';
  else if (context.gitUrl === undefined) planningOff = 'the daemon reads a local folder (--dir); pull requests are read from --git-url';
  else if (followed === null) planningOff = '--git-url names no GitHub repository; set CLIENTSYNC_GITHUB_REPOSITORY=owner/name';
  else if (!context.webhookSecret) planningOff = 'CLIENTSYNC_WEBHOOK_SECRET is not set, so no pull_request delivery is accepted';
  return { settings, followed, planningOff, syncRepository: settings !== null && followed !== null ? nameOf(followed) : null };
}
