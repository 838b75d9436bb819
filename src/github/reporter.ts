// Tells GitHub what a plan or a sync run came to: commit statuses and the one plan comment per
// pull request. The comment to edit is found by its marker AND its author being this daemon's
// identity (the token's user, or the App's bot), so nobody else's comment is ever overwritten,
// even one that copies the marker.
import { PLAN_COMMENT_MARKER } from '../plan/render-markdown.js';
import { createGitHubClient, type ClientOptions, type GitHubClient, type GitHubSettings } from './github-client.js';
import type { CommitStatus } from './plan-report.js';
import type { RepositoryName } from './repository-name.js';

export interface ReportTarget {
  readonly repository: RepositoryName;
  /** The App installation named by the delivery, when the daemon acts as an App. */
  readonly installationId: number | null;
}

export type CommentAction = 'created' | 'updated' | 'unchanged' | 'none';

/** What the daemon needs of GitHub (tests of the planner pass a fake of their own). */
export interface PlanReporter {
  setStatus(target: ReportTarget, sha: string, context: string, status: CommitStatus): Promise<void>;
  /** Edits this identity's marked comment, or creates it when `createIfMissing`. */
  upsertComment(target: ReportTarget, number: number, body: string, createIfMissing: boolean): Promise<CommentAction>;
}

/** Comments looked through for ours, at most (100 per page). */
const MAX_COMMENT_PAGES = 10;

export class GitHubReporter implements PlanReporter {
  readonly #settings: GitHubSettings;
  readonly #options: ClientOptions;
  readonly #clients = new Map<string, GitHubClient>();
  readonly #logins = new Map<string, Promise<string>>();

  constructor(settings: GitHubSettings, options: ClientOptions) {
    this.#settings = settings;
    this.#options = options;
  }

  #cached(installationId: number | null): GitHubClient {
    const key = installationId === null ? 'self' : String(installationId);
    let client = this.#clients.get(key);
    if (client === undefined) {
      client = createGitHubClient(this.#settings, this.#options, installationId);
      this.#clients.set(key, client);
    }
    return client;
  }

  async #client(target: ReportTarget): Promise<{ client: GitHubClient; key: string }> {
    const identity = this.#settings.identity;
    if (identity.kind === 'token') return { client: this.#cached(null), key: 'token' };
    let installationId = target.installationId ?? identity.installationId;
    if (installationId === null) {
      // Not named by the delivery or the settings: ask GitHub which installation covers the repository.
      const { data } = await this.#cached(null).rest.apps.getRepoInstallation({ owner: target.repository.owner, repo: target.repository.name });
      installationId = data.id;
    }
    return { client: this.#cached(installationId), key: 'app' };
  }

  /** The login comments of this identity carry: the token's user, or `<app-slug>[bot]`. */
  #login(key: string, client: GitHubClient): Promise<string> {
    let login = this.#logins.get(key);
    if (login === undefined) {
      login =
        key === 'token'
          ? client.rest.users.getAuthenticated().then(({ data }) => data.login)
          : this.#cached(null)
              .rest.apps.getAuthenticated()
              .then(({ data }) => `${data?.slug ?? ''}[bot]`);
      // A failed look-up is retried next time rather than remembered.
      login.catch(() => this.#logins.delete(key));
      this.#logins.set(key, login);
    }
    return login;
  }

  async setStatus(target: ReportTarget, sha: string, context: string, status: CommitStatus): Promise<void> {
    const { client } = await this.#client(target);
    await client.rest.repos.createCommitStatus({
      owner: target.repository.owner,
      repo: target.repository.name,
      sha,
      state: status.state,
      context,
      description: status.description,
    });
  }

  async upsertComment(target: ReportTarget, number: number, body: string, createIfMissing: boolean): Promise<CommentAction> {
    const { client, key } = await this.#client(target);
    const login = (await this.#login(key, client)).toLowerCase();
    const params = { owner: target.repository.owner, repo: target.repository.name, issue_number: number, per_page: 100 };
    let pages = 0;
    for await (const page of client.paginate.iterator(client.rest.issues.listComments, params)) {
      for (const comment of page.data) {
        if (comment.user?.login.toLowerCase() !== login || !(comment.body ?? '').startsWith(PLAN_COMMENT_MARKER)) continue;
        if (comment.body === body) return 'unchanged';
        await client.rest.issues.updateComment({ owner: params.owner, repo: params.repo, comment_id: comment.id, body });
        return 'updated';
      }
      if (++pages >= MAX_COMMENT_PAGES) break;
    }
    if (!createIfMissing) return 'none';
    await client.rest.issues.createComment({ owner: params.owner, repo: params.repo, issue_number: number, body });
    return 'created';
  }
}
